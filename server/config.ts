/** Configuration from environment variables, parsed once at start-up; fails with a readable list. */
import path from "node:path";
import { z } from "zod";

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
});

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

export type Config = z.infer<typeof schema> & { dataDir: string; appDist: string };

const defaultAppDist = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "app", "dist");

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.DATA_DIR),
    appDist: path.resolve(parsed.data.APP_DIST ?? defaultAppDist),
  };
}
