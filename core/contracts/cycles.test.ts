import { describe, expect, it } from "vitest";
import { createCycleSchema, cycleDateIssues, isoDateSchema } from "./cycles.ts";

describe("cycle dates", () => {
  it("accepts dates in order, equal dates and missing ones", () => {
    expect(
      cycleDateIssues({
        selfAssessmentOpens: "2019-12-01",
        selfAssessmentCloses: "2019-12-31",
        appraisalCloses: "2020-02-28",
      }),
    ).toEqual([]);
    expect(
      cycleDateIssues({
        selfAssessmentOpens: "2019-12-01",
        selfAssessmentCloses: "2019-12-01",
        appraisalCloses: "2019-12-01",
      }),
    ).toEqual([]);
    expect(cycleDateIssues({})).toEqual([]);
    expect(cycleDateIssues({ appraisalCloses: "2000-01-01" })).toEqual([]);
  });

  it("puts each problem on the later field, in both languages", () => {
    const closesEarly = cycleDateIssues({
      selfAssessmentOpens: "2019-12-02",
      selfAssessmentCloses: "2019-12-01",
    });
    expect(closesEarly.map((i) => i.field)).toEqual(["selfAssessmentCloses"]);
    expect(closesEarly[0]).toMatchObject({
      code: "cycle.bad_dates",
      vi: expect.any(String),
      en: expect.any(String),
    });
    const appraisalEarly = cycleDateIssues({
      selfAssessmentOpens: "2019-12-01",
      selfAssessmentCloses: "2019-12-31",
      appraisalCloses: "2019-12-30",
    });
    expect(appraisalEarly.map((i) => i.field)).toEqual(["appraisalCloses"]);
    expect(appraisalEarly[0].vi).toBe("Hạn thẩm định phải sau hạn tự đánh giá");
  });

  it("compares appraisal with the opening date when self-assessment has no closing date", () => {
    const i = cycleDateIssues({ selfAssessmentOpens: "2019-12-01", appraisalCloses: "2019-11-30" });
    expect(i.map((x) => [x.field, x.vi])).toEqual([
      ["appraisalCloses", "Hạn thẩm định phải sau ngày mở tự đánh giá"],
    ]);
  });

  it("reads Vietnamese and ISO dates, refusing dates not on the calendar", () => {
    expect(isoDateSchema.parse("03/9/2019")).toBe("2019-09-03");
    expect(isoDateSchema.parse("2019-09-03")).toBe("2019-09-03");
    expect(isoDateSchema.safeParse("29/02/2019").success).toBe(false);
    expect(
      createCycleSchema.safeParse({ year: 2019, frameworkId: 1, provinceId: 1, group: "  " }).success,
    ).toBe(false);
  });
});
