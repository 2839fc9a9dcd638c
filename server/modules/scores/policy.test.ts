import { describe, expect, it } from "vitest";
import type { Caller } from "../auth/policy.ts";
import { appraisalWindow, canFinalise, selfAssessmentWindow } from "./policy.ts";

const cycle = {
  self_assessment_opens: "2019-12-01",
  self_assessment_closes: "2019-12-31",
  appraisal_closes: "2020-02-28",
  published_at: null,
};
const caller = (role: Caller["role"], provinceId: number | null = 1): Caller => ({
  id: 9,
  username: role,
  displayName: role,
  role,
  agencyId: 13,
  unitId: null,
  provinceId,
});
const office = { agencyId: 3, provinceId: 1 };

describe("self-assessment window", () => {
  it("is open from the opening day to the closing day, both included", () => {
    expect(selfAssessmentWindow(cycle, "2019-11-30")).toBe("not_open");
    expect(selfAssessmentWindow(cycle, "2019-12-01")).toBe("open");
    expect(selfAssessmentWindow(cycle, "2019-12-31")).toBe("open");
    expect(selfAssessmentWindow(cycle, "2020-01-01")).toBe("closed");
  });
  it("has no end when a date is unset, and is shut once published", () => {
    const open = { ...cycle, self_assessment_opens: null, self_assessment_closes: null };
    expect(selfAssessmentWindow(open, "2099-01-01")).toBe("open");
    expect(selfAssessmentWindow({ ...open, published_at: new Date() }, "2019-12-05")).toBe("published");
  });
});

describe("appraisal window", () => {
  it("closes after appraisal_closes and on publication", () => {
    expect(appraisalWindow(cycle, "2020-02-28")).toBe("open");
    expect(appraisalWindow(cycle, "2020-02-29")).toBe("closed");
    expect(appraisalWindow({ ...cycle, published_at: new Date() }, "2019-12-05")).toBe("published");
  });
});

describe("canFinalise", () => {
  it("lets the province office and admin finalise", () => {
    expect(canFinalise(caller("province_office"), office, [])).toBe(true);
    expect(canFinalise(caller("admin", null), office, [])).toBe(true);
  });
  it("lets an appraiser of the province with an area in the cycle finalise, no one else", () => {
    expect(canFinalise(caller("appraiser"), office, ["1"])).toBe(true);
    expect(canFinalise(caller("appraiser"), office, [])).toBe(false);
    expect(canFinalise(caller("appraiser", 2), office, ["1"])).toBe(false);
    expect(canFinalise(caller("appraiser", null), { agencyId: 3, provinceId: null }, ["1"])).toBe(false);
    expect(canFinalise(caller("focal_point"), office, ["1"])).toBe(false);
    expect(canFinalise(null, office, ["1"])).toBe(false);
  });
});
