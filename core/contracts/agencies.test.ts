import { describe, expect, it } from "vitest";
import { DEFAULT_PERIODS, type PeriodRule, validatePeriodRules } from "../periods.ts";
import { createAgencySchema, periodIssues, validityIssue } from "./agencies.ts";

const rules = (): PeriodRule[] => DEFAULT_PERIODS.map((r) => structuredClone(r));

describe("reporting-period problems placed on their rule", () => {
  it("finds nothing wrong with the defaults", () => {
    expect(periodIssues(rules())).toEqual([]);
  });

  it("places each of core's problems on the rule and part to correct", () => {
    const r = rules();
    r[0].due = { month: 3, day: 10 };
    r[1].to = { month: 2, day: 30 };
    r[2].from = { month: 10, day: 1, fromPrevYear: false };
    r[3].code = "q1";
    const found = periodIssues(r).map((i) => [i.code, i.index, i.field]);
    expect(found).toEqual([
      ["periods.due", 0, "due"],
      ["periods.bad_day", 1, "to"],
      ["periods.window", 2, "from"],
      ["periods.duplicate", 3, "code"],
    ]);
  });

  it("reports a problem exactly when core's validation does", () => {
    const samples: PeriodRule[][] = [rules()];
    for (let month = 1; month <= 12; month++)
      for (const day of [1, 14, 29, 31]) {
        const r = rules();
        r[1].due = { month, day };
        samples.push(r);
      }
    for (const s of samples) expect(periodIssues(s).length > 0).toBe(validatePeriodRules(s).length > 0);
  });
});

describe("agency validity", () => {
  it("allows ending on the day it starts, never before", () => {
    expect(validityIssue("2025-07-01", "2025-07-01")).toBeNull();
    expect(validityIssue("2025-07-01", null)).toBeNull();
    expect(validityIssue("2025-07-01", "2025-06-30")).toMatchObject({
      code: "agency.bad_dates",
      field: "validTo",
    });
  });

  it("takes the successor with the rest of a new agency", () => {
    const r = createAgencySchema.parse({
      code: "SMOI",
      name: "Sở Mới",
      kind: "agency",
      parentId: 1,
      successorId: 7,
    });
    expect(r.successorId).toBe(7);
    expect(createAgencySchema.safeParse({ code: "có dấu", name: "Sở", kind: "agency" }).success).toBe(false);
  });
});
