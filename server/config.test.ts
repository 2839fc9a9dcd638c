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
