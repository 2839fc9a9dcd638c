import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PERIODS,
  nextDue,
  type PeriodRule,
  periodContaining,
  periodsForYear,
  validatePeriodRules,
} from "./periods.ts";

const pick = (year: number) =>
  Object.fromEntries(periodsForYear(year).map((p) => [p.code, [p.from, p.to, p.due]]));

/** True when an ISO yyyy-mm-dd string names a real calendar day. */
function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() + 1 === Number(m[2]) &&
    d.getUTCDate() === Number(m[3])
  );
}

const rule = (
  code: PeriodRule["code"],
  from: [number, number, boolean],
  to: [number, number],
  due: [number, number],
): PeriodRule => ({
  code,
  labelVi: code,
  labelEn: code,
  from: { month: from[0], day: from[1], fromPrevYear: from[2] },
  to: { month: to[0], day: to[1] },
  due: { month: due[0], day: due[1] },
});

describe("periodsForYear (defaults, domain.md §4)", () => {
  it("2019: Q1 15/12/2018–14/3 due 20/3; 6 months 15/12–14/6 due 20/6; Q3 15/6–14/9 due 20/9; year 15/12–14/12 due 20/12", () => {
    expect(pick(2019)).toEqual({
      q1: ["2018-12-15", "2019-03-14", "2019-03-20"],
      h1: ["2018-12-15", "2019-06-14", "2019-06-20"],
      m9: ["2019-06-15", "2019-09-14", "2019-09-20"],
      year: ["2018-12-15", "2019-12-14", "2019-12-20"],
    });
  });

  it("labels carry the year", () => {
    const [q1, h1, m9, year] = periodsForYear(2019);
    expect(q1).toMatchObject({
      code: "q1",
      year: 2019,
      labelVi: "Báo cáo quý I năm 2019",
      labelEn: "Q1 report 2019",
    });
    expect(h1.labelVi).toBe("Báo cáo 6 tháng năm 2019");
    expect(m9.labelVi).toBe("Báo cáo 9 tháng năm 2019");
    expect(year.labelVi).toBe("Báo cáo năm năm 2019");
  });

  it("property: from ≤ to < due, all real dates, for every default period of any year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9998 }), (y) => {
        const ps = periodsForYear(y);
        expect(ps.map((p) => p.code)).toEqual(["q1", "h1", "m9", "year"]);
        for (const p of ps) {
          expect(p.from <= p.to).toBe(true);
          expect(p.to < p.due).toBe(true);
          for (const d of [p.from, p.to, p.due]) expect(isRealDate(d)).toBe(true);
          expect(p.to.slice(0, 4)).toBe(String(y));
        }
      }),
    );
  });

  it("uses configured rules", () => {
    const [p] = periodsForYear(2024, [rule("q1", [1, 1, false], [3, 31], [4, 5])]);
    expect([p.from, p.to, p.due]).toEqual(["2024-01-01", "2024-03-31", "2024-04-05"]);
  });
});

describe("validatePeriodRules", () => {
  it("accepts the defaults", () => {
    expect(validatePeriodRules(DEFAULT_PERIODS)).toEqual([]);
  });

  it("reports a period defined twice", () => {
    const problems = validatePeriodRules([DEFAULT_PERIODS[0], DEFAULT_PERIODS[0]]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/q1.*twice/);
  });

  it("reports days that do not exist", () => {
    expect(validatePeriodRules([rule("q1", [12, 15, true], [2, 30], [3, 5])])).toHaveLength(1);
    expect(validatePeriodRules([rule("q1", [13, 1, true], [3, 14], [3, 20])])).toHaveLength(1);
    expect(validatePeriodRules([rule("q1", [0, 1, true], [3, 14], [3, 20])])).toHaveLength(1);
    expect(validatePeriodRules([rule("q1", [12, 15, true], [4, 31], [5, 5])])).toHaveLength(1);
    expect(validatePeriodRules([rule("q1", [12, 15, true], [3, 0], [3, 20])])).toHaveLength(1);
    expect(validatePeriodRules([rule("q1", [12, 15, true], [3, 14], [3, 32])])).toHaveLength(1);
  });

  it("reports a deadline on or before the cut-off", () => {
    expect(validatePeriodRules([rule("q1", [12, 15, true], [3, 14], [3, 14])])[0]).toMatch(/deadline/);
    expect(validatePeriodRules([rule("q1", [12, 15, true], [3, 14], [3, 1])])).toHaveLength(1);
    expect(validatePeriodRules([rule("q1", [12, 15, true], [3, 14], [3, 15])])).toEqual([]);
  });

  it("reports a window that starts after it ends in the same year", () => {
    // 15/9 → 14/3 of the same year is empty; periodsForYear would give from > to.
    const r = rule("q1", [9, 15, false], [3, 14], [3, 20]);
    expect(periodsForYear(2019, [r])[0].from > periodsForYear(2019, [r])[0].to).toBe(true);
    expect(validatePeriodRules([r]).length).toBeGreaterThan(0);
  });

  it("rules it accepts never produce a date that does not exist (29/2 in a common year)", () => {
    const r = rule("q1", [12, 15, true], [2, 29], [3, 5]);
    const accepted = validatePeriodRules([r]).length === 0;
    // Either the rule is refused, or every generated date is a real day in every year.
    if (accepted)
      for (const y of [2019, 2020, 2021, 2100])
        for (const p of periodsForYear(y, [r]))
          for (const d of [p.from, p.to, p.due]) expect(isRealDate(d), d).toBe(true);
  });
});

describe("periodContaining", () => {
  it("picks the period ending first whose window holds the date", () => {
    expect(periodContaining("2019-01-10")).toMatchObject({ code: "q1", year: 2019 });
    expect(periodContaining("2019-03-14")).toMatchObject({ code: "q1", year: 2019 });
    expect(periodContaining("2019-03-15")).toMatchObject({ code: "h1", year: 2019 });
    expect(periodContaining("2019-06-14")).toMatchObject({ code: "h1", year: 2019 });
    expect(periodContaining("2019-06-15")).toMatchObject({ code: "m9", year: 2019 });
    expect(periodContaining("2019-09-14")).toMatchObject({ code: "m9", year: 2019 });
    expect(periodContaining("2019-09-15")).toMatchObject({ code: "year", year: 2019 });
    expect(periodContaining("2019-12-14")).toMatchObject({ code: "year", year: 2019 });
  });

  it("from 15/12 the date belongs to next year's Q1", () => {
    expect(periodContaining("2019-12-15")).toMatchObject({ code: "q1", year: 2020, from: "2019-12-15" });
    expect(periodContaining("2019-12-31")).toMatchObject({ code: "q1", year: 2020 });
  });

  it("null when no window holds the date", () => {
    expect(periodContaining("2019-07-01", [rule("q1", [1, 1, false], [3, 31], [4, 5])])).toBeNull();
  });

  it("property: the period found contains the date, for every day of a year", () => {
    const start = Date.UTC(2019, 0, 1);
    for (let i = 0; i < 366 * 2; i++) {
      const d = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      const p = periodContaining(d);
      expect(p, d).not.toBeNull();
      expect(p!.from <= d && d <= p!.to).toBe(true);
    }
  });
});

describe("nextDue", () => {
  it("the next report due on or after the date", () => {
    expect(nextDue("2019-01-01")).toMatchObject({ code: "q1", year: 2019, due: "2019-03-20" });
    expect(nextDue("2019-03-20")).toMatchObject({ code: "q1", year: 2019 });
    expect(nextDue("2019-03-21")).toMatchObject({ code: "h1", due: "2019-06-20" });
    expect(nextDue("2019-06-21")).toMatchObject({ code: "m9", due: "2019-09-20" });
    expect(nextDue("2019-09-21")).toMatchObject({ code: "year", due: "2019-12-20" });
    expect(nextDue("2019-12-21")).toMatchObject({ code: "q1", year: 2020, due: "2020-03-20" });
  });

  it("property: nothing is due between the date and the answer", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }),
        (dt) => {
          const d = dt.toISOString().slice(0, 10);
          const n = nextDue(d)!;
          expect(n.due >= d).toBe(true);
          const y = Number(d.slice(0, 4));
          for (const p of [...periodsForYear(y), ...periodsForYear(y + 1)])
            if (p.due >= d) expect(p.due >= n.due).toBe(true);
        },
      ),
    );
  });
});
