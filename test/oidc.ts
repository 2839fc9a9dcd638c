/**
 * A real OpenID provider for the tests: oidc-provider on a free local port, with one confidential
 * client (authorization code, PKCE required) and the accounts a test gives, signed in through the
 * provider's own development pages (any password; the login is the account's id). `signInAt`
 * goes through those pages without a browser, as a browser would, for the integration tests.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The OIDC_* variables that point parindex at this provider. */
  env(redirectUri: string): Record<string, string>;
  close(): Promise<void>;
}

/** `accounts`: login at the provider → the claims it gives (preferred_username, name …). */
export async function startTestProvider(opts: {
  redirectUris: string[];
  accounts: Record<string, Record<string, unknown>>;
}): Promise<TestProvider> {
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "parindex-test";
  const clientSecret = crypto.randomBytes(24).toString("base64url");
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    async findAccount(_ctx: unknown, id: string) {
      const claims = opts.accounts[id];
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
    claims: { openid: ["sub"], profile: ["preferred_username", "name", "email"] },
    pkce: { methods: ["S256"], required: () => true },
    cookies: { keys: [crypto.randomBytes(16).toString("hex")] },
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test", use: "sig", alg: "RS256" }] },
    features: { devInteractions: { enabled: true } },
    // Said, so that the provider does not print a notice for each default it falls back on.
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
  });
  handler = provider.callback();
  return {
    issuer,
    clientId,
    clientSecret,
    env: (redirectUri) => ({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_REDIRECT_URI: redirectUri,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Signs in at the provider as `login`, from the authorization URL parindex sent the browser to,
 * following the provider's redirects and pages with its cookies: returns the URL the provider
 * finally sends the browser to (parindex's callback, with code and state, or an error).
 */
export async function signInAt(
  authorizationUrl: string,
  login: string,
  redirectPrefix: string,
): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  let url = new URL(authorizationUrl);
  let method = "GET";
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const r = await fetch(url, {
      method,
      body,
      redirect: "manual",
      headers: {
        cookie: cookieHeader(),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
    });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = r.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(redirectPrefix)) return next;
      url = next;
      method = "GET";
      body = undefined;
      continue;
    }
    const html = await r.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt)
      throw new Error(`the provider answered ${r.status} with no form: ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, "&"), url);
    method = "POST";
    body = new URLSearchParams(
      prompt === "login" ? { prompt, login, password: "any-password" } : { prompt },
    ).toString();
  }
  throw new Error("the provider never sent the browser back");
}
