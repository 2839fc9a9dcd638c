/** One coded error type for the whole server, mapped to HTTP only at the edge (app.ts). */
export class AppError extends Error {
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
