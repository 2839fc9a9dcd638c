import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("configuration", () => {
  it("trusts no proxy unless told which, and refuses anything but addresses or networks", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "" }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.5, 10.0.0.0/8,::1" }).TRUST_PROXY).toBe(
      "10.0.0.5, 10.0.0.0/8,::1",
    );
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY: must be the proxies' addresses/);
    expect(() => loadConfig({ PORT: "x" })).toThrow(/PORT/);
  });
});

describe("PUBLIC_ORIGIN", () => {
  it("is a list of origins, written as a browser sends them", () => {
    expect(loadConfig({}).PUBLIC_ORIGIN).toEqual([]);
    expect(loadConfig({ PUBLIC_ORIGIN: "" }).PUBLIC_ORIGIN).toEqual([]);
    expect(
      loadConfig({
        PUBLIC_ORIGIN: " https://CCHC.Example.gov.vn/ , http://10.0.0.5:8080,https://a.example:443",
      }).PUBLIC_ORIGIN,
    ).toEqual(["https://cchc.example.gov.vn", "http://10.0.0.5:8080", "https://a.example"]);
  });

  it("refuses anything but scheme://host[:port], naming each wrong item", () => {
    for (const bad of [
      "cchc.example.gov.vn",
      "https://cchc.example.gov.vn/app",
      "ftp://cchc.example.gov.vn",
      "https://user:pw@cchc.example.gov.vn",
      "https://cchc.example.gov.vn?x=1",
      "*",
      "null",
    ])
      expect(() => loadConfig({ PUBLIC_ORIGIN: bad }), bad).toThrow(
        new RegExp(`PUBLIC_ORIGIN: "${bad.replace(/[.*?]/g, "\\$&")}" is not an origin`),
      );
    expect(() => loadConfig({ PUBLIC_ORIGIN: "https://ok.example,https://bad.example/x" })).toThrow(
      /PUBLIC_ORIGIN: "https:\/\/bad.example\/x" is not an origin: write scheme:\/\/host\[:port\]/,
    );
  });
});

describe("single sign-on (OIDC_*)", () => {
  const full = {
    OIDC_ISSUER: "https://sso.quangnam.gov.vn/realms/motcua",
    OIDC_CLIENT_ID: "parindex",
    OIDC_CLIENT_SECRET: "s3cret-from-the-provider",
    OIDC_REDIRECT_URI: "https://cchc.quangnam.gov.vn/api/auth/oidc/callback",
  };

  it("is off when none is set (or all are empty)", () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(
      loadConfig({ OIDC_ISSUER: "", OIDC_CLIENT_ID: " ", OIDC_CLIENT_SECRET: "", OIDC_REDIRECT_URI: "" })
        .oidc,
    ).toBeNull();
  });

  it("is on when all are set; the user name claim defaults to preferred_username", () => {
    expect(loadConfig(full).oidc).toEqual({
      issuer: "https://sso.quangnam.gov.vn/realms/motcua",
      clientId: "parindex",
      clientSecret: "s3cret-from-the-provider",
      usernameClaim: "preferred_username",
      redirectUri: "https://cchc.quangnam.gov.vn/api/auth/oidc/callback",
    });
    expect(loadConfig({ ...full, OIDC_USERNAME_CLAIM: "email" }).oidc?.usernameClaim).toBe("email");
  });

  it("takes the redirect from the app's first public origin when OIDC_REDIRECT_URI is not set", () => {
    const { OIDC_REDIRECT_URI: _, ...rest } = full;
    expect(
      loadConfig({ ...rest, PUBLIC_ORIGIN: "https://cchc.example.gov.vn,https://other.example" }).oidc
        ?.redirectUri,
    ).toBe("https://cchc.example.gov.vn/api/auth/oidc/callback");
    expect(() => loadConfig(rest)).toThrow(/OIDC_REDIRECT_URI: missing: set it .* or PUBLIC_ORIGIN/);
  });

  it("refuses a partial setting, naming each missing variable", () => {
    expect(() =>
      loadConfig({ OIDC_ISSUER: full.OIDC_ISSUER, OIDC_REDIRECT_URI: full.OIDC_REDIRECT_URI }),
    ).toThrow(/single sign-on is partly configured: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET are missing/);
    const { OIDC_CLIENT_SECRET: _, ...noSecret } = full;
    expect(() => loadConfig(noSecret)).toThrow(/OIDC_CLIENT_SECRET is missing/);
    // Settings that only make sense with single sign-on, without it: a mistake, not silence.
    expect(() => loadConfig({ OIDC_USERNAME_CLAIM: "email" })).toThrow(
      /OIDC_USERNAME_CLAIM or OIDC_REDIRECT_URI is set but single sign-on is not/,
    );
  });

  it("refuses an issuer that is not an https URL (http only on this machine) and a redirect elsewhere", () => {
    expect(() => loadConfig({ ...full, OIDC_ISSUER: "sso.quangnam.gov.vn" })).toThrow(
      /OIDC_ISSUER: "sso.quangnam.gov.vn" is not a URL/,
    );
    expect(() => loadConfig({ ...full, OIDC_ISSUER: "http://sso.quangnam.gov.vn" })).toThrow(
      /OIDC_ISSUER: must be https:\/\//,
    );
    expect(() => loadConfig({ ...full, OIDC_ISSUER: "https://sso.example/?x=1" })).toThrow(
      /OIDC_ISSUER: must be the issuer's URL alone/,
    );
    expect(loadConfig({ ...full, OIDC_ISSUER: "http://127.0.0.1:4000" }).oidc?.issuer).toBe(
      "http://127.0.0.1:4000/",
    );
    expect(() => loadConfig({ ...full, OIDC_REDIRECT_URI: "https://cchc.example/after-login" })).toThrow(
      /OIDC_REDIRECT_URI: must end with \/api\/auth\/oidc\/callback/,
    );
    expect(() => loadConfig({ ...full, OIDC_REDIRECT_URI: "not a url" })).toThrow(
      /OIDC_REDIRECT_URI: "not a url" is not an http\(s\) URL/,
    );
    expect(() => loadConfig({ ...full, OIDC_USERNAME_CLAIM: "user name" })).toThrow(
      /OIDC_USERNAME_CLAIM: must be a claim name/,
    );
  });

  it("never puts the secret in the message of a refused setting", () => {
    expect(() => loadConfig({ ...full, OIDC_ISSUER: "nope" })).toThrow(/^(?![\s\S]*s3cret)/);
  });
});
