/**
 * Indicators: measured values per agency, unit and period. Rules read them; targets are checked
 * against them. Percentages are carried as hundredths of a percent (90 % → 9000), counts as integers.
 */
import { divRound } from "./decimal.ts";

export type IndicatorUnit = "percent" | "count" | "date" | "points";

export interface IndicatorValue {
  code: string;
  period: string;
  value: number;
  source: "manual" | "task_update" | "derived" | "import";
}

/** numerator ÷ denominator as hundredths of a percent (e.g. contest participants ÷ staff). */
export function ratioPercent(numerator: number, denominator: number): number | null {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator <= 0)
    return null;
  return divRound(numerator * 10000, denominator);
}

export interface RegisterRow {
  line: number;
  values: Record<string, string>;
}

/**
 * Share of rows of a register (e.g. the outgoing-document register) for which a column holds a
 * "yes": the share of digitally signed outgoing documents. Empty registers give null.
 */
export function shareOfRegister(
  rows: readonly RegisterRow[],
  column: string,
  isYes: (v: string) => boolean = defaultYes,
): { count: number; total: number; percent: number | null } {
  let count = 0;
  for (const r of rows) if (isYes(r.values[column] ?? "")) count++;
  return { count, total: rows.length, percent: ratioPercent(count, rows.length) };
}

const YES = new Set(["x", "có", "co", "yes", "y", "1", "true", "đã ký", "da ky", "ký số", "ky so"]);
export function defaultYes(v: string): boolean {
  return YES.has(v.normalize("NFC").trim().toLowerCase());
}
