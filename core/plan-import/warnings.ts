import type { ImportWarning, Span, WarningCode } from "./types.ts";

export function warn(code: WarningCode, span: Span | null, m: { vi: string; en: string }): ImportWarning {
  return { code, message: m.vi, messageEn: m.en, span };
}
