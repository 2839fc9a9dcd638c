/**
 * The UI formats, it never recomputes: the API sends points and percents as numbers with at most two
 * decimals, and these helpers turn them into vi-VN (or en) text through core's formatters.
 */
import i18n from "i18next";
import {
  formatNumber,
  formatPercentCenti,
  formatPoints,
  todayInVietnam,
  formatDate as viDate,
} from "../../core/locale.ts";

const toCenti = (n: number) => Math.round(n * 100);
const en = () => i18n.language === "en";

/** 75.4 → "75,4" (vi) or "75.4" (en). */
export function pts(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  const s = formatPoints(toCenti(n));
  return en() ? s.replace(",", ".") : s;
}

/** 81.08 → "81,08%" (vi) or "81.08%" (en). */
export function pct(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  const s = formatPercentCenti(toCenti(n));
  return en() ? s.replace(",", ".") : s;
}

/**
 * "2019-09-03" → "03/09/2019" (vi) or "3 Sep 2019" (en). An instant ("2019-09-02T18:30:00Z") is
 * shown as the day it was in Vietnam (03/09/2019), not in UTC.
 */
export function date(iso: string | null | undefined): string {
  if (!iso) return "—";
  if (iso.length > 10) {
    const instant = new Date(iso);
    if (Number.isNaN(instant.getTime())) return "—";
    iso = todayInVietnam(instant);
  }
  if (en()) {
    const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
    return d.toLocaleDateString("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
  }
  return viDate(iso.slice(0, 10));
}

/** Signed change: +3 / −1,5 / 0. */
export function delta(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  if (n === 0) return pts(0);
  return `${n > 0 ? "+" : "−"}${pts(Math.abs(n))}`;
}

/** An instant in Vietnam time: "14:05 03/09/2019" (vi) or "14:05, 3 Sep 2019" (en). */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? "";
  const day = `${p("year")}-${p("month")}-${p("day")}`;
  return `${p("hour")}:${p("minute")}${en() ? "," : ""} ${date(day)}`;
}

/** The bar of a finished task or plan: antd's success green, darkened to pass WCAG AA beside text. */
export const DONE_GREEN = "#237804";

/** A count in the interface language: 12.345 (vi), 12,345 (en). */
export function countText(n: number): string {
  return en() ? n.toLocaleString("en-GB") : formatNumber(n, { maxDecimals: 0 });
}

/** A SHA-256 hash to read and compare: its first 12 hex digits. */
export const shortHash = (hash: string) => (hash.length > 16 ? `${hash.slice(0, 12)}…` : hash);
