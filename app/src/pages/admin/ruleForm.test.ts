import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeRule } from "../../../../core/rule-text.ts";
import { draftOf, emptyDraft, preview, RULE_KINDS, ruleOf } from "./ruleForm.ts";

describe("the scoring-rule form", () => {
  it("reads a typed percent-band rule, describes it and previews a sample exactly", () => {
    const d = {
      ...emptyDraft("percent_bands", 200),
      indicator: "plan_completion",
      rows: [
        { atLeast: "70", points: "1" },
        { atLeast: "90", points: "2" },
      ],
    };
    const { rule, problems, unreadable } = ruleOf(d, 200);
    expect(unreadable).toEqual([]);
    expect(problems).toEqual([]);
    expect(rule).toEqual({
      kind: "percent_bands",
      indicator: "plan_completion",
      bands: [
        { atLeast: 7000, points: 100 },
        { atLeast: 9000, points: 200 },
      ],
    });
    expect(describeRule(rule!, 200)).toBe("≥ 90%: 2 điểm; 70%–90%: 1 điểm; dưới 70%: 0");
    expect(preview(rule!, 200, { value: "85,5" })).toEqual({
      ok: true,
      points: 100,
      detail: "plan_completion = 85,5% ≥ 70%: 1 điểm",
    });
    expect(preview(rule!, 200, { value: "69,99" })).toMatchObject({ ok: true, points: 0 });
    expect(preview(rule!, 200, { value: "90" })).toMatchObject({ ok: true, points: 200 });
  });

  it("names the fields it cannot read and stores nothing then", () => {
    const d = { ...emptyDraft("timeliness", 100), onTime: "một", late: "0,5", notDone: "-1" };
    expect(ruleOf(d, 100)).toEqual({ rule: null, unreadable: ["onTime", "notDone"], problems: [] });
  });

  it("refuses with core's own words a rule that does not fit the leaf's max or goes backwards", () => {
    const over = ruleOf({ ...emptyDraft("pass_fail", 100), pass: "1,5", fail: "0" }, 100);
    expect(over.rule).toBeNull();
    expect(over.problems.join()).toContain("vượt điểm tối đa");
    const backwards = ruleOf(
      {
        ...emptyDraft("percent_bands", 200),
        indicator: "x",
        rows: [
          { atLeast: "90", points: "1" },
          { atLeast: "70", points: "2" },
        ],
      },
      200,
    );
    expect(backwards.problems.join()).toContain("tăng dần");
    expect(ruleOf({ ...emptyDraft("linear", 200), indicator: "" }, 200).problems.length).toBeGreaterThan(0);
  });

  it("explains a sample it cannot score instead of guessing", () => {
    const { rule } = ruleOf({ ...emptyDraft("count_threshold", 100), indicator: "reports" }, 100);
    const p = preview(rule!, 100, { value: "3,5" });
    expect(p.ok).toBe(false);
  });

  it("gives back every rule it stored, whatever the kind (draft → rule → draft → rule)", () => {
    for (const kind of RULE_KINDS) {
      const max = 200;
      const first = ruleOf({ ...emptyDraft(kind, max), indicator: "chi_so" }, max);
      expect(first.problems, kind).toEqual([]);
      expect(first.rule, kind).not.toBeNull();
      expect(ruleOf(draftOf(first.rule, max), max).rule, kind).toEqual(first.rule);
    }
  });

  it("round-trips percent bands typed with any two-decimal values", () => {
    const centi = fc.integer({ min: 0, max: 10_000 });
    fc.assert(
      fc.property(fc.uniqueArray(centi, { minLength: 1, maxLength: 5 }), (raw) => {
        const at = [...raw].sort((a, b) => a - b);
        const rule = {
          kind: "percent_bands" as const,
          indicator: "x",
          bands: at.map((a, i) => ({ atLeast: a, points: i * 10 })),
        };
        expect(ruleOf(draftOf(rule, 1000), 1000).rule).toEqual(rule);
      }),
    );
  });

  it("scores a survey sample and a timeliness status as scoring does, and refuses an option named twice", () => {
    const survey = ruleOf(emptyDraft("survey", 200), 200).rule!;
    // 3 × A (100 %) and 1 × C (20 %): 2 × (300 + 20) / 400 = 1,6 points.
    expect(preview(survey, 200, { answers: { A: "3", C: "1" } })).toMatchObject({ ok: true, points: 160 });
    expect(preview(survey, 200, { answers: { A: "ba" } }).ok).toBe(false);
    const twice = {
      ...emptyDraft("survey", 200),
      weights: [
        { option: "A", weight: "100" },
        { option: "A", weight: "60" },
      ],
    };
    expect(ruleOf(twice, 200)).toMatchObject({ rule: null, unreadable: ["weights.1"] });
    const timely = ruleOf({ ...emptyDraft("timeliness", 100), late: "0,5" }, 100).rule!;
    expect(preview(timely, 100, { status: "late" })).toMatchObject({ ok: true, points: 50 });
    expect(preview(timely, 100, { status: "not_done" })).toMatchObject({ ok: true, points: 0 });
  });

  it("starts an unknown stored rule over as manual scoring", () => {
    expect(draftOf({ kind: "astrology" }, 100).kind).toBe("manual");
    expect(draftOf(undefined, 100).kind).toBe("manual");
  });
});
