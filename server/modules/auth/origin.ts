/**
 * Cross-site request forgery: a page on another site can make the browser send a form or a fetch
 * to the app with the user's session cookie (SameSite=Lax lets a top-level POST through in some
 * browsers, and a same-site page on another subdomain gets the cookie anyway). So every request that
 * changes something must come from the app's own pages. Browsers say where a request comes from in
 * headers a page cannot forge: Sec-Fetch-Site (every current browser) and Origin (all, on POST). A
 * request with neither comes from a program (curl, the CLI, an API client with a Bearer token) that
 * carries no victim's cookie, and passes. Pure; app.ts applies it before a request's body is read.
 */
import { AppError } from "../../errors.ts";

const CHANGES_STATE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface RequestOrigin {
  method: string;
  /** The request's Sec-Fetch-Site header, if any. */
  fetchSite: string | undefined;
  /** The request's Origin header, if any ("null" from a sandboxed frame or a file: page). */
  origin: string | undefined;
  /** scheme://host[:port] of the request as the server sees it (forwarded by a trusted proxy). */
  own: string;
  /** PUBLIC_ORIGIN: other origins the app is served under. */
  allowed: readonly string[];
}

/** The origin a browser would send for scheme and Host: "http://localhost:80" is "http://localhost". */
export function originOf(protocol: string, host: string): string | null {
  try {
    return new URL(`${protocol}://${host}`).origin;
  } catch {
    return null;
  }
}

/** True when a request that changes state did not come from the app's own origin. */
export function isCrossOrigin(r: RequestOrigin): boolean {
  if (!CHANGES_STATE.has(r.method.toUpperCase())) return false;
  // Sent by the browser itself, so it cannot lie; "none" is the user typing or bookmarking.
  if (r.fetchSite !== undefined) return r.fetchSite !== "same-origin" && r.fetchSite !== "none";
  if (r.origin === undefined) return false;
  let origin: string;
  try {
    origin = new URL(r.origin).origin; // "null" and other junk throw: refused below
  } catch {
    return true;
  }
  return origin !== r.own && !r.allowed.includes(origin);
}

export const crossOrigin = () =>
  new AppError("csrf.cross_origin", 403, {
    vi: "Yêu cầu bị từ chối vì được gửi từ một trang web khác. Hãy thao tác trực tiếp trên trang của hệ thống.",
    en: "Refused: the request was sent from another website. Use the app's own pages.",
  });
