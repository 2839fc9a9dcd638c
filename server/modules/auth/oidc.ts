/**
 * Single sign-on with OpenID Connect (the province's one-stop account), through openid-client: the
 * authorization code flow with PKCE (S256), state and nonce.
 *
 * What the flow needs to remember between the start and the callback (state, nonce, the PKCE
 * verifier, where to go afterwards) lives in a short-lived cookie of its own, HttpOnly, sent only
 * to /api/auth/oidc and signed with a key derived from the client secret: nothing is stored in the
 * database for a flow that may never come back, and several app instances need nothing shared.
 *
 * The provider only says who the person is. The account must already exist in parindex and be
 * enabled: nobody is created, and the role, agency and division are parindex's own, never taken
 * from the provider. A refusal goes back to the sign-in page with a code the page shows in words.
 *
 * Failed callbacks are not charged to the sign-in throttle (throttle.ts): nothing is guessed here —
 * the provider checked the password, under its own limits — and each failure that reaches the user
 * look-up took a real sign-in at the provider. Charging them would let colleagues without an
 * account, behind one office address, hold back that office's password sign-ins. A callback without
 * a valid state costs one HMAC and is refused before anything is written.
 */
import crypto from "node:crypto";
import * as client from "openid-client";
import { appPath } from "../../../core/contracts/roles.ts";
import { usernameSchema } from "../../../core/contracts/users.ts";
import type { OidcConfig } from "../../config.ts";
import type { AppContext } from "../../context.ts";
import { AppError, notFound } from "../../errors.ts";
import { hasControlCharacter } from "../../input.ts";
import { recordAudit } from "../audit/service.ts";
import * as repo from "./repository.ts";
import { deviceHashOf, loginName, openSession, placeOf, type SignedIn } from "./sign-in.ts";

export const OIDC_COOKIE = "parindex_oidc";
export const OIDC_COOKIE_PATH = "/api/auth/oidc";
/** How long a person may take at the provider's pages. */
export const OIDC_FLOW_MINUTES = 10;

/** Single sign-on as configured, or the 404 every OIDC route answers without it. */
export function requireOidc(ctx: AppContext): OidcConfig {
  if (!ctx.config.oidc) throw notFound("đăng nhập một cửa / single sign-on");
  return ctx.config.oidc;
}

/**
 * A refusal of the callback, said on the sign-in page (`/login?sso_error=<code>&user=<name>`); the
 * page has the same words in vi and en (app/src/i18n/*\/common.json auth.sso.errors).
 */
export class OidcRefusal extends AppError {
  constructor(
    code: string,
    messages: { vi: string; en: string },
    public readonly username: string | null = null,
  ) {
    super(code, 400, messages);
  }
}

const refusals = {
  state: () =>
    new OidcRefusal("auth.oidc_state", {
      vi: "Phiên đăng nhập một cửa đã hết hạn hoặc không hợp lệ; hãy bấm đăng nhập lại",
      en: "The single sign-on attempt expired or is not valid; sign in again",
    }),
  provider: () =>
    new OidcRefusal("auth.oidc_provider", {
      vi: "Cổng đăng nhập một cửa không hoàn tất việc đăng nhập",
      en: "The single sign-on provider did not complete the sign-in",
    }),
  unavailable: () =>
    new OidcRefusal("auth.oidc_unavailable", {
      vi: "Không kết nối được cổng đăng nhập một cửa; hãy thử lại sau hoặc đăng nhập bằng mật khẩu",
      en: "The single sign-on provider cannot be reached; try later or sign in with a password",
    }),
  noUsername: (claim: string) =>
    new OidcRefusal("auth.oidc_no_username", {
      vi: `Tài khoản một cửa không cho biết tên đăng nhập (${claim})`,
      en: `The single sign-on account does not say its user name (${claim})`,
    }),
  unknownUser: (name: string) =>
    new OidcRefusal(
      "auth.oidc_unknown_user",
      {
        vi: `Tài khoản ${name} chưa có trong parindex; hãy nhờ quản trị viên tạo tài khoản`,
        en: `The account ${name} does not exist in parindex; ask an administrator to create it`,
      },
      name,
    ),
  disabled: (name: string) =>
    new OidcRefusal(
      "auth.oidc_disabled",
      {
        vi: `Tài khoản ${name} đã bị khóa; liên hệ quản trị viên`,
        en: `The account ${name} is disabled; ask an administrator`,
      },
      name,
    ),
};

// The provider's metadata, discovered once per configuration (a changed configuration, as tests
// make, discovers again); a failed discovery is forgotten so the next sign-in tries again.
const discovered = new Map<string, Promise<client.Configuration>>();

function providerOf(cfg: OidcConfig): Promise<client.Configuration> {
  const key = JSON.stringify([cfg.issuer, cfg.clientId, cfg.clientSecret]);
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(cfg.issuer);
    // config.ts allows plain http only for a provider on this machine (a test's).
    const execute = issuer.protocol === "http:" ? [client.allowInsecureRequests] : [];
    found = client.discovery(issuer, cfg.clientId, undefined, client.ClientSecretBasic(cfg.clientSecret), {
      execute,
      timeout: 10,
    });
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  /** Where the app goes after signing in: a path of the app, or null. */
  next: string | null;
  /** Milliseconds since the epoch after which the flow is refused. */
  expires: number;
}

const keyOf = (cfg: OidcConfig) =>
  crypto.createHash("sha256").update(`parindex-oidc-flow\0${cfg.clientSecret}`).digest();

function sealFlow(cfg: OidcConfig, flow: Flow): string {
  const body = Buffer.from(JSON.stringify(flow)).toString("base64url");
  const mac = crypto.createHmac("sha256", keyOf(cfg)).update(body).digest("base64url");
  return `${body}.${mac}`;
}

function openFlow(cfg: OidcConfig, cookie: string | undefined, now: number): Flow | null {
  const [body, mac, ...rest] = (cookie ?? "").split(".");
  if (!body || !mac || rest.length) return null;
  const expected = crypto.createHmac("sha256", keyOf(cfg)).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const flow = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Flow;
    return typeof flow.expires === "number" && flow.expires > now ? flow : null;
  } catch {
    return null;
  }
}

/** The provider's address to send the browser to, and the flow's cookie to set beside it. */
export async function startOidc(
  ctx: AppContext,
  next: unknown,
): Promise<{ url: string; cookie: string; maxAgeS: number }> {
  const cfg = requireOidc(ctx);
  let provider: client.Configuration;
  try {
    provider = await providerOf(cfg);
  } catch {
    throw refusals.unavailable();
  }
  const verifier = client.randomPKCECodeVerifier();
  const flow: Flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier,
    next: appPath(next),
    expires: Date.now() + OIDC_FLOW_MINUTES * 60_000,
  };
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: cfg.redirectUri,
    scope: "openid profile",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.href, cookie: sealFlow(cfg, flow), maxAgeS: OIDC_FLOW_MINUTES * 60 };
}

export interface CallbackInput {
  /** The callback's query string, without "?". */
  query: string;
  /** The flow's cookie, as the browser sent it. */
  flowCookie: string | undefined;
  ip: string;
  deviceToken: string | undefined;
}

/**
 * Checks the provider's answer against the flow (state, then nonce and PKCE through the code
 * exchange), reads the user name from the configured claim and opens a session for that existing,
 * enabled account; or throws an OidcRefusal.
 */
export async function finishOidc(
  ctx: AppContext,
  input: CallbackInput,
): Promise<SignedIn & { next: string | null }> {
  const cfg = requireOidc(ctx);
  const flow = openFlow(cfg, input.flowCookie, Date.now());
  const params = new URLSearchParams(input.query);
  // Checked before anything else, the provider's own error included: an answer that does not
  // belong to this browser's flow is nobody's business here.
  if (!flow || params.get("state") !== flow.state) throw refusals.state();
  if (params.has("error")) throw refusals.provider();
  let provider: client.Configuration;
  try {
    provider = await providerOf(cfg);
  } catch {
    throw refusals.unavailable();
  }
  // The URL the provider sent the browser to, as it knows it (a proxy may have rewritten the host).
  const current = new URL(cfg.redirectUri);
  current.search = params.toString();
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(provider, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw refusals.provider();
    claims = idClaims;
    // Providers commonly give the profile's claims at userinfo only, not in the ID token.
    if (claims[cfg.usernameClaim] === undefined)
      claims = { ...(await client.fetchUserInfo(provider, tokens.access_token, idClaims.sub)), ...idClaims };
  } catch (e) {
    if (e instanceof OidcRefusal) throw e;
    // A code replayed or expired, a signature or nonce that does not fit, the provider down: the
    // sign-in did not happen. A network failure is said as such, the rest as the provider's.
    throw e instanceof TypeError ? refusals.unavailable() : refusals.provider();
  }
  const raw = claims[cfg.usernameClaim];
  if (typeof raw !== "string" || !raw.trim()) throw refusals.noUsername(cfg.usernameClaim);
  const username = loginName(raw);
  // A name parindex could never hold (an e-mail address, say) is an unknown account like any other.
  const user = usernameSchema.safeParse(username).success
    ? await repo.findUserByUsername(ctx.db, username)
    : undefined;
  const where = await placeOf(ctx, user?.agency_id ?? null);
  if (!user || user.disabled_at) {
    const reason = user ? "disabled" : "unknown_user";
    // The provider's words go into the trail as a name, but never a control character (PostgreSQL
    // refuses a NUL in text: the refusal would become a 500).
    const named = hasControlCharacter(username) ? "(?)" : username.slice(0, 100);
    await recordAudit(
      ctx.db,
      {
        id: user?.id ?? null,
        name: named,
        role: user?.role ?? null,
        session: null,
        ip: input.ip,
      },
      {
        action: "auth.login_failed",
        entity: "login",
        entityId: named,
        ...where,
        after: { method: "oidc", reason },
      },
    );
    throw user ? refusals.disabled(named) : refusals.unknownUser(named);
  }
  const deviceHash = deviceHashOf(input.deviceToken);
  const signed = await ctx.db.transaction().execute(async (trx) =>
    openSession(trx, ctx, {
      user: { id: user.id, role: user.role },
      username,
      ip: input.ip,
      deviceToken: input.deviceToken,
      knownDevice: deviceHash !== null && (await repo.isDeviceOf(trx, deviceHash, username)),
      method: "oidc",
      where,
      now: new Date(),
    }),
  );
  return { ...signed, next: flow.next };
}

/** Whether single sign-on is on, for the sign-in page (read with the session, see routes.ts). */
export const oidcEnabled = (ctx: AppContext) => ctx.config.oidc !== null;
