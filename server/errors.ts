/** One coded error type for the whole server, mapped to HTTP only at the edge (app.ts). */
export class AppError extends Error {
  /** Headers the answer carries besides the body (Retry-After on a 429). */
  headers: Record<string, string> = {};

  constructor(
    public readonly code: string,
    public readonly status: number,
    public readonly messages: { vi: string; en: string },
    public readonly field?: string,
    /** What the page needs to show the problem in place, e.g. the list of criteria that lack evidence. */
    public readonly details?: Record<string, unknown>,
  ) {
    super(messages.en);
  }

  withHeaders(headers: Record<string, string>): this {
    this.headers = { ...this.headers, ...headers };
    return this;
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.messages.vi,
        messageEn: this.messages.en,
        field: this.field ?? null,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export const notFound = (what: string, field?: string) =>
  new AppError("not_found", 404, { vi: `Không tìm thấy ${what}`, en: `${what} not found` }, field);

export const forbidden = (
  en = "You are not allowed to do this",
  vi = "Bạn không có quyền thực hiện thao tác này",
) => new AppError("forbidden", 403, { vi, en });

export const unauthenticated = () =>
  new AppError("unauthenticated", 401, { vi: "Vui lòng đăng nhập", en: "Please sign in" });

export const badInput = (code: string, field: string, vi: string, en: string) =>
  new AppError(code, 400, { vi, en }, field);

/**
 * Absolute paths of this machine in an error message tell an attacker where things live: the data
 * directory, the temporary directory, the installation. app.ts scrubs every 4xx message with this as
 * a last line, whatever module wrote it (5xx answers never carry a message of their own). Replaces
 * paths under the given directories, under the usual system roots (/tmp, /home, /var …) and Windows
 * drive paths with "[…]"; a URL's path ("No route POST /api/x") is not a file path and stays.
 */
export function pathScrubber(dirs: readonly string[]): (message: string) => string {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const rest = `(?:[/\\\\][^\\s"'()<>,;]*)?`;
  const roots = "tmp|var|home|root|usr|opt|srv|etc|proc|sys|mnt|media|run|private|Users|Volumes|nix";
  const known = [...new Set(dirs.map((d) => d.replace(/[/\\]+$/, "")))]
    .filter((d) => d.length > 1)
    .sort((a, b) => b.length - a.length)
    .map((d) => `${literal(d)}(?![\\w.-])${rest}`);
  const re = new RegExp(
    [
      ...known,
      `(?<![\\w/:.~-])/(?:${roots})(?![\\w.-])${rest}`,
      `(?<![\\w])[A-Za-z]:[/\\\\][^\\s"'()<>,;]*`,
    ].join("|"),
    "g",
  );
  return (message) => message.replace(re, "[…]");
}
