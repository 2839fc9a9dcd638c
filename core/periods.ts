/**
 * Reporting periods (quý I, 6 tháng, 9 tháng, năm) with data cut-offs and deadlines. The defaults are
 * the usual government ones (domain.md §4); a province configures its own.
 */
export type PeriodCode = "q1" | "h1" | "m9" | "year";

export interface PeriodRule {
  code: PeriodCode;
  labelVi: string;
  labelEn: string;
  /** Cut-off window as month/day; fromPrevYear means the window starts in the previous year. */
  from: { month: number; day: number; fromPrevYear: boolean };
  to: { month: number; day: number };
  due: { month: number; day: number };
}

export const DEFAULT_PERIODS: readonly PeriodRule[] = [
  {
    code: "q1",
    labelVi: "Báo cáo quý I",
    labelEn: "Q1 report",
    from: { month: 12, day: 15, fromPrevYear: true },
    to: { month: 3, day: 14 },
    due: { month: 3, day: 20 },
  },
  {
    code: "h1",
    labelVi: "Báo cáo 6 tháng",
    labelEn: "Half-year report",
    from: { month: 12, day: 15, fromPrevYear: true },
    to: { month: 6, day: 14 },
    due: { month: 6, day: 20 },
  },
  {
    code: "m9",
    labelVi: "Báo cáo 9 tháng",
    labelEn: "Nine-month report",
    from: { month: 6, day: 15, fromPrevYear: false },
    to: { month: 9, day: 14 },
    due: { month: 9, day: 20 },
  },
  {
    code: "year",
    labelVi: "Báo cáo năm",
    labelEn: "Annual report",
    from: { month: 12, day: 15, fromPrevYear: true },
    to: { month: 12, day: 14 },
    due: { month: 12, day: 20 },
  },
];

export interface ReportingPeriod {
  code: PeriodCode;
  year: number;
  labelVi: string;
  labelEn: string;
  /** ISO dates. */
  from: string;
  to: string;
  due: string;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function validatePeriodRules(rules: readonly PeriodRule[]): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const r of rules) {
    if (codes.has(r.code)) problems.push(`Period ${r.code} is defined twice`);
    codes.add(r.code);
    for (const [name, md] of [
      ["from", r.from],
      ["to", r.to],
      ["due", r.due],
    ] as const) {
      // A common year: 29/02 would not exist three years in four.
      if (md.month < 1 || md.month > 12 || md.day < 1 || md.day > daysInMonth(2023, md.month))
        problems.push(`Period ${r.code}: ${name} is not a valid day of the year`);
    }
    const toKey = r.to.month * 100 + r.to.day;
    const fromKey = r.from.month * 100 + r.from.day;
    if (!r.from.fromPrevYear && fromKey > toKey)
      problems.push(`Period ${r.code}: the cut-off window starts after it ends`);
    const dueKey = r.due.month * 100 + r.due.day;
    // Nghị định 09/2019 Điều 8: at least one working day between the cut-off and the deadline.
    if (dueKey <= toKey) problems.push(`Period ${r.code}: the deadline must come after the cut-off`);
  }
  return problems;
}

export function periodsForYear(
  year: number,
  rules: readonly PeriodRule[] = DEFAULT_PERIODS,
): ReportingPeriod[] {
  return rules.map((r) => ({
    code: r.code,
    year,
    labelVi: `${r.labelVi} năm ${year}`,
    labelEn: `${r.labelEn} ${year}`,
    from: iso(r.from.fromPrevYear ? year - 1 : year, r.from.month, r.from.day),
    to: iso(year, r.to.month, r.to.day),
    due: iso(year, r.due.month, r.due.day),
  }));
}

/** The period whose cut-off window contains the date, the shortest first (q1 before h1 before year). */
export function periodContaining(
  date: string,
  rules: readonly PeriodRule[] = DEFAULT_PERIODS,
): ReportingPeriod | null {
  const year = Number(date.slice(0, 4));
  const candidates = [...periodsForYear(year, rules), ...periodsForYear(year + 1, rules)].filter(
    (p) => p.from <= date && date <= p.to,
  );
  candidates.sort((a, b) => a.to.localeCompare(b.to));
  return candidates[0] ?? null;
}

/** The next report due on or after the date. */
export function nextDue(
  date: string,
  rules: readonly PeriodRule[] = DEFAULT_PERIODS,
): ReportingPeriod | null {
  const year = Number(date.slice(0, 4));
  const all = [...periodsForYear(year, rules), ...periodsForYear(year + 1, rules)].filter(
    (p) => p.due >= date,
  );
  all.sort((a, b) => a.due.localeCompare(b.due));
  return all[0] ?? null;
}
