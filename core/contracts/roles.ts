/**
 * The user constants the app's shell needs on every page, kept free of zod so that the public
 * ranking's first load does not carry the schema library (test/integration/bundle-budget.test.ts).
 * core/contracts/users.ts builds its schemas on these.
 */

/**
 * Who is signed in, for pages anyone may open (a visitor is `{ user: null }`, 200). The app reads it
 * on every page and the server's HTML preloads it, so both take the path from here.
 */
export const SESSION_PATH = "/auth/session";

export const ROLES = ["admin", "province_office", "focal_point", "division", "appraiser", "leader"] as const;
export type RoleName = (typeof ROLES)[number];

export const PASSWORD_MIN = 10;
/** Long enough for any pass phrase; argon2 costs the same whatever the length, the estimate does not. */
export const PASSWORD_MAX = 128;

/**
 * Where to go after signing in, from a `next` the address carried: a path of this app, or null for
 * anything else (another site, "//x", a backslash, blanks). The sign-in page and the single
 * sign-on's start both apply it.
 */
export const appPath = (next: unknown): string | null =>
  typeof next === "string" && /^\/(?!\/)/.test(next) && next.length <= 500 && !/[\\\s]/.test(next)
    ? next
    : null;
