/**
 * The dashboard's one request starts when the route matches (its loader), alongside the page's code
 * and the sign-in check, rather than after both: the numbers arrive sooner. The page takes the
 * started request instead of sending its own.
 */
import { api } from "../../api.ts";

const started = new Map<string, Promise<unknown>>();

/** GET /me/dashboard or /agencies/:id/dashboard. */
export const dashboardPath = (agencyId: string | undefined) =>
  agencyId ? `/agencies/${encodeURIComponent(agencyId)}/dashboard` : "/me/dashboard";

export function prefetch(path: string): void {
  const p = api.get(path);
  // Handled here so a failure nobody waits for is not an unhandled rejection; the page sees it.
  p.catch(() => undefined);
  started.set(path, p);
}

/** The request the loader started for this path, once; else a new one. */
export function fetchOnce<T>(path: string): Promise<T> {
  const p = started.get(path);
  started.delete(path);
  return (p as Promise<T> | undefined) ?? api.get<T>(path);
}
