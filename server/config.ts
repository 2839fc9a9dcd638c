/** Configuration from environment variables, parsed once at start-up; fails with a readable list. */
import path from "node:path";
import { z } from "zod";

/** A variable that may be unset or empty (both mean unset), else trimmed text. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().min(1).default("./data"),
  /** The built web app; `npm start` builds it into app/dist. */
  APP_DIST: z.string().min(1).optional(),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(200).default(20),
  SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  DEMO: z.enum(["auto", "off"]).default("auto"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  COOKIE_SECURE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /**
   * Behind a reverse proxy: whose X-Forwarded-For to believe, so sign-in throttling and logs see each
   * client's address rather than the proxy's: the proxy's addresses or networks ("10.0.0.5",
   * "10.0.0.0/8,127.0.0.1"). Unset: nobody's.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^(?:[0-9a-fA-F.:/]+(?:\s*,\s*[0-9a-fA-F.:/]+)*)?$/,
      "must be the proxies' addresses or networks, e.g. 10.0.0.5,10.0.0.0/8",
    )
    .optional()
    .transform((v): string | false => (v ? v : false)),
  /**
   * Origins, besides the request's own, from which the app may be used to change anything
   * ("https://cchc.quangnam.gov.vn,https://parindex.example"): where the public address differs from
   * the one the server sees and the proxy does not forward it. Each is scheme://host[:port], nothing
   * after it.
   */
  PUBLIC_ORIGIN: z
    .string()
    .optional()
    .transform((v, ctx): string[] => {
      const out: string[] = [];
      for (const item of (v ?? "").split(",").map((s) => s.trim())) {
        if (!item) continue;
        const origin = parseOrigin(item);
        if (origin) out.push(origin);
        else
          ctx.addIssue({
            code: "custom",
            message: `"${item}" is not an origin: write scheme://host[:port], e.g. https://cchc.example.gov.vn, without a path`,
          });
      }
      return out;
    }),
  /** Single sign-on (OpenID Connect): all four of issuer, client id, secret and redirect, or none. */
  OIDC_ISSUER: optionalText,
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  /** The claim of the ID token (or of the userinfo answer) that holds the parindex user name. */
  OIDC_USERNAME_CLAIM: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:/-]{1,100}$/, "must be a claim name, e.g. preferred_username")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Where the provider sends the browser back; by default the first PUBLIC_ORIGIN + OIDC_CALLBACK_PATH. */
  OIDC_REDIRECT_URI: optionalText,
});

/** The callback route (server/modules/auth/routes.ts), which OIDC_REDIRECT_URI must name. */
export const OIDC_CALLBACK_PATH = "/api/auth/oidc/callback";

/** Single sign-on as configured: everything the client needs, checked at start. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  usernameClaim: string;
  redirectUri: string;
}

const isLoopback = (host: string) =>
  host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * OIDC_* as one setting: all or none. A partial setting is a mistake worth stopping for (single
 * sign-on would silently be off), so each missing variable is named. The issuer must be https
 * (plain http only on this machine, for a test provider); the redirect URI must reach the callback.
 */
function oidcFrom(env: z.infer<typeof schema>, issues: string[]): OidcConfig | null {
  const given = {
    OIDC_ISSUER: env.OIDC_ISSUER,
    OIDC_CLIENT_ID: env.OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: env.OIDC_CLIENT_SECRET,
  };
  const set = Object.entries(given).filter(([, v]) => v !== undefined);
  const extra = env.OIDC_USERNAME_CLAIM !== undefined || env.OIDC_REDIRECT_URI !== undefined;
  if (set.length === 0) {
    if (extra)
      issues.push(
        "  OIDC: OIDC_USERNAME_CLAIM or OIDC_REDIRECT_URI is set but single sign-on is not: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too, or remove them",
      );
    return null;
  }
  const missing = Object.entries(given)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  const before = issues.length;
  if (missing.length)
    issues.push(
      `  OIDC: single sign-on is partly configured: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing (set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, or none)`,
    );
  const issuer = env.OIDC_ISSUER ? urlOrNull(env.OIDC_ISSUER) : null;
  if (env.OIDC_ISSUER && !issuer)
    issues.push(`  OIDC_ISSUER: "${env.OIDC_ISSUER}" is not a URL: write https://sso.example.gov.vn/…`);
  else if (issuer && (issuer.search || issuer.hash || issuer.username || issuer.password))
    issues.push("  OIDC_ISSUER: must be the issuer's URL alone, without query, fragment or credentials");
  else if (
    issuer &&
    issuer.protocol !== "https:" &&
    !(issuer.protocol === "http:" && isLoopback(issuer.hostname))
  )
    issues.push("  OIDC_ISSUER: must be https:// (plain http:// only for a provider on this machine)");
  let redirect: URL | null = null;
  if (env.OIDC_REDIRECT_URI) {
    redirect = urlOrNull(env.OIDC_REDIRECT_URI);
    if (!redirect || (redirect.protocol !== "https:" && redirect.protocol !== "http:"))
      issues.push(`  OIDC_REDIRECT_URI: "${env.OIDC_REDIRECT_URI}" is not an http(s) URL`);
    else if (!redirect.pathname.endsWith(OIDC_CALLBACK_PATH) || redirect.search || redirect.hash)
      issues.push(`  OIDC_REDIRECT_URI: must end with ${OIDC_CALLBACK_PATH}, the app's callback`);
  } else if (env.PUBLIC_ORIGIN[0]) redirect = new URL(OIDC_CALLBACK_PATH, env.PUBLIC_ORIGIN[0]);
  else
    issues.push(
      `  OIDC_REDIRECT_URI: missing: set it (https://your.host${OIDC_CALLBACK_PATH}) or PUBLIC_ORIGIN, the app's public address`,
    );
  if (issues.length > before || !issuer || !redirect) return null;
  return {
    issuer: issuer.href,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    usernameClaim: env.OIDC_USERNAME_CLAIM ?? "preferred_username",
    redirectUri: redirect.href,
  };
}

function urlOrNull(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

/** scheme://host[:port] as a browser writes it in an Origin header, or null if `s` is not just that. */
export function parseOrigin(s: string): string | null {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  // "https://a.example/" is taken (a trailing slash is a common way to write it); a path is not.
  if (u.username || u.password || u.search || u.hash || u.pathname !== "/") return null;
  return u.origin;
}

export type Config = z.infer<typeof schema> & {
  dataDir: string;
  appDist: string;
  /** Single sign-on, or null when it is not configured (its routes then answer 404). */
  oidc: OidcConfig | null;
};

const defaultAppDist = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "app", "dist");

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const issues: string[] = [];
  const oidc = oidcFrom(parsed.data, issues);
  if (issues.length) throw new Error(`Invalid configuration:\n${issues.join("\n")}`);
  return {
    ...parsed.data,
    oidc,
    dataDir: path.resolve(parsed.data.DATA_DIR),
    appDist: path.resolve(parsed.data.APP_DIST ?? defaultAppDist),
  };
}
