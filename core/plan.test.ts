import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCenti, percentCenti } from "./decimal.ts";
import {
  type AreaTarget,
  isOverdue,
  type MeasurableTarget,
  summariseTargets,
  type TaskStatus,
  targetMet,
} from "./plan.ts";

// Seed (domain.md §3): area maxima, 2019 targets and 2018 baselines.
const SEED: [code: string, max: string, target: string, baseline: string, kept: boolean][] = [
  ["1", "12", "10", "7", false],
  ["2", "5", "5", "5", true],
  ["3", "14", "14", "13", false],
  ["4", "3,5", "3,5", "3,5", true],
  ["5", "10", "9", "7,5", false],
  ["6", "2", "2", "2", true],
  ["7", "8,5", "8", "5,72", false],
  ["8", "38", "35", "31,68", false],
];
const seedTargets = (): (AreaTarget & { title: string })[] =>
  SEED.map(([areaCode, max, target, baseline, kept]) => ({
    areaCode,
    title: `Area ${areaCode}`,
    max: parseCenti(max)!,
    target: parseCenti(target)!,
    baseline: parseCenti(baseline)!,
    kept,
  }));

describe("summariseTargets", () => {
  it("the seed: 86,5 of 93 (93,01 %) against 75,4 (81,08 %)", () => {
    const s = summariseTargets(seedTargets());
    expect(s.target).toBe(8650);
    expect(s.max).toBe(9300);
    expect(s.percent).toBe(9301);
    expect(s.baseline).toBe(7540);
    expect(s.baselinePercent).toBe(8108);
  });

  it("gives the change per area: +3, kept, +1, kept, +1,5, kept, +2,28, +3,32", () => {
    const s = summariseTargets(seedTargets());
    expect(s.areas.map((a) => a.delta)).toEqual([300, 0, 100, 0, 150, 0, 228, 332]);
    // extra fields survive
    expect(s.areas[0].title).toBe("Area 1");
    expect(s.areas.filter((a) => a.kept).every((a) => a.delta === 0)).toBe(true);
  });

  it("an unknown baseline makes the total baseline unknown, but keeps other deltas", () => {
    const ts = seedTargets();
    ts[3] = { ...ts[3], baseline: null };
    const s = summariseTargets(ts);
    expect(s.baseline).toBeNull();
    expect(s.baselinePercent).toBeNull();
    expect(s.areas[3].delta).toBeNull();
    expect(s.areas[0].delta).toBe(300);
    expect(s.target).toBe(8650);
  });

  it("the first baseline unknown also makes the total unknown", () => {
    const ts = seedTargets();
    ts[0] = { ...ts[0], baseline: null };
    expect(summariseTargets(ts).baseline).toBeNull();
  });

  it("no targets: zero, and no percentage", () => {
    const s = summariseTargets([]);
    expect(s).toMatchObject({ target: 0, max: 0, percent: null, areas: [] });
    expect(s.baselinePercent).toBeNull();
  });

  it("property: totals are exact sums and delta = target − baseline", () => {
    const arb = fc.array(
      fc.record({
        areaCode: fc.string(),
        target: fc.integer({ min: 0, max: 5000 }),
        max: fc.integer({ min: 0, max: 5000 }),
        baseline: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
        kept: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(arb, (ts) => {
        const s = summariseTargets(ts);
        const max = ts.reduce((a, t) => a + t.max, 0);
        expect(s.target).toBe(ts.reduce((a, t) => a + t.target, 0));
        expect(s.max).toBe(max);
        expect(s.percent).toBe(percentCenti(s.target, max));
        const known = ts.every((t) => t.baseline !== null);
        expect(s.baseline).toBe(known ? ts.reduce((a, t) => a + t.baseline!, 0) : null);
        ts.forEach((t, i) => {
          expect(s.areas[i].delta).toBe(t.baseline === null ? null : t.target - t.baseline);
        });
      }),
    );
  });
});

const t = (comparator: MeasurableTarget["comparator"], value: number | string): MeasurableTarget => ({
  text: "x",
  comparator,
  value,
});

describe("targetMet", () => {
  it("≥ 30 % of units inspected (percent in hundredths)", () => {
    expect(targetMet(t(">=", 3000), 3000)).toBe(true);
    expect(targetMet(t(">=", 3000), 2999)).toBe(false);
  });
  it("> 50 % of staff in the contest", () => {
    expect(targetMet(t(">", 5000), 5000)).toBe(false);
    expect(targetMet(t(">", 5000), 5001)).toBe(true);
  });
  it("staffing not above quota (<=) and strictly below (<)", () => {
    expect(targetMet(t("<=", 96), 96)).toBe(true);
    expect(targetMet(t("<=", 96), 97)).toBe(false);
    expect(targetMet(t("<", 96), 96)).toBe(false);
    expect(targetMet(t("<", 96), 95)).toBe(true);
  });
  it("exactly 4 reports a year", () => {
    expect(targetMet(t("=", 4), 4)).toBe(true);
    expect(targetMet(t("=", 4), 3)).toBe(false);
  });
  it("done by a date", () => {
    expect(targetMet(t("done_by", "2019-10-31"), "2019-10-15")).toBe(true);
    expect(targetMet(t("done_by", "2019-10-31"), "2019-10-31")).toBe(true);
    expect(targetMet(t("done_by", "2019-10-31"), "2019-11-01")).toBe(false);
  });
  it("null when there is nothing to check against", () => {
    expect(targetMet(t(">=", 3000), null)).toBeNull();
    expect(targetMet(t(">=", 3000), undefined)).toBeNull();
    expect(targetMet(t(">=", 3000), "3000")).toBeNull();
    expect(targetMet(t(">=", "3000"), 3000)).toBeNull();
    expect(targetMet(t("done_by", "2019-10-31"), 20191015)).toBeNull();
    expect(targetMet(t("done_by", 20191031), "2019-10-15")).toBeNull();
  });
  it("property: the comparators agree with the operators", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 }), (target, v) => {
        expect(targetMet(t(">=", target), v)).toBe(v >= target);
        expect(targetMet(t(">", target), v)).toBe(v > target);
        expect(targetMet(t("<=", target), v)).toBe(v <= target);
        expect(targetMet(t("<", target), v)).toBe(v < target);
        expect(targetMet(t("=", target), v)).toBe(v === target);
      }),
    );
  });
});

describe("isOverdue", () => {
  const today = "2019-11-15";
  it("open tasks past their due date are overdue", () => {
    expect(isOverdue({ status: "not_started", due: "2019-10-31" }, today)).toBe(true);
    expect(isOverdue({ status: "in_progress", due: "2019-11-14" }, today)).toBe(true);
  });
  it("the due day itself is not overdue; later due dates are not", () => {
    expect(isOverdue({ status: "in_progress", due: "2019-11-15" }, today)).toBe(false);
    expect(isOverdue({ status: "in_progress", due: "2019-12-31" }, today)).toBe(false);
  });
  it("done and cancelled tasks are never overdue", () => {
    for (const status of ["done", "cancelled"] as TaskStatus[])
      expect(isOverdue({ status, due: "2019-01-01" }, today)).toBe(false);
  });
  it("tasks without a due date are never overdue", () => {
    expect(isOverdue({ status: "not_started", due: null }, today)).toBe(false);
  });
});
