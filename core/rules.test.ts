import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeRule } from "./rule-text.ts";
import {
  evaluateRule,
  RuleConfigError,
  type RuleInput,
  RuleInputError,
  ruleIndicators,
  type ScoringRule,
  scoringRuleSchema,
  validateRule,
} from "./rules.ts";

const pts = (rule: ScoringRule, max: number, input: RuleInput) => evaluateRule(rule, max, input).points;

/** The RuleInputError thrown by fn, so tests can check code and field, not only the class. */
function inputErrorOf(fn: () => unknown): RuleInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleInputError) return e;
    throw e;
  }
  throw new Error("expected a RuleInputError");
}

// ---------------------------------------------------------------------------------------------------
// Examples from domain.md §2

describe("percent_bands: plan completion > 90 % → 2; 70–90 % → 1; < 70 % → 0", () => {
  // atLeast is inclusive, so 90,00 % already earns 2; a strictly-greater reading is atLeast 9001 (below).
  const rule: ScoringRule = {
    kind: "percent_bands",
    indicator: "plan_completion",
    bands: [
      { atLeast: 7000, points: 100 },
      { atLeast: 9000, points: 200 },
    ],
  };
  const at = (v: number) => pts(rule, 200, { values: { plan_completion: v } });

  it("scores the boundaries exactly", () => {
    expect(at(0)).toBe(0);
    expect(at(6999)).toBe(0);
    expect(at(7000)).toBe(100);
    expect(at(8999)).toBe(100);
    expect(at(9000)).toBe(200);
    expect(at(10000)).toBe(200);
  });

  it("can express a strict '> 90 %' with atLeast 90,01", () => {
    const strict: ScoringRule = { ...rule, bands: [rule.bands[0], { atLeast: 9001, points: 200 }] };
    expect(pts(strict, 200, { values: { plan_completion: 9000 } })).toBe(100);
    expect(pts(strict, 200, { values: { plan_completion: 9001 } })).toBe(200);
  });

  it("describes itself in Vietnamese, highest band first", () => {
    expect(describeRule(rule, 200)).toBe("≥ 90%: 2 điểm; 70%–90%: 1 điểm; dưới 70%: 0");
    expect(describeRule(rule, 200, "en")).toBe("≥ 90%: 2 points; 70%–90%: 1 point; below 70%: 0");
    expect(ruleIndicators(rule)).toEqual(["plan_completion"]);
  });

  it("explains the band it picked", () => {
    expect(evaluateRule(rule, 200, { values: { plan_completion: 8550 } }).detail).toBe(
      "plan_completion = 85,5% ≥ 70%: 1 điểm",
    );
  });
});

describe("linear: OECD SIGMA 25 % → 0 … 90 % → full", () => {
  const rule: ScoringRule = { kind: "linear", indicator: "x", from: 2500, to: 9000 };
  const at = (v: number, max = 200) => pts(rule, max, { values: { x: v } });

  it("is 0 below and at 25 %, full at and above 90 %, linear between", () => {
    expect(at(0)).toBe(0);
    expect(at(2499)).toBe(0);
    expect(at(2500)).toBe(0);
    expect(at(5750)).toBe(100); // midpoint
    expect(at(9000)).toBe(200);
    expect(at(12000)).toBe(200);
    // 200 × 500 / 6500 = 15,38… → 15; 350 × 3250 / 6500 = 175 exactly
    expect(at(3000)).toBe(15);
    expect(at(5750, 350)).toBe(175);
  });

  it("rounds half up, exactly", () => {
    const r: ScoringRule = { kind: "linear", indicator: "x", from: 0, to: 200 };
    expect(pts(r, 1, { values: { x: 100 } })).toBe(1); // 0,5 hundredth → 1
    expect(pts(r, 3, { values: { x: 100 } })).toBe(2); // 1,5 → 2
    expect(pts(r, 3, { values: { x: 99 } })).toBe(1); // 1,485 → 1
  });

  it("describes itself", () => {
    expect(describeRule(rule, 200)).toBe("Dưới 25%: 0; 25%–90%: tuyến tính; ≥ 90%: 2 điểm");
    expect(describeRule(rule, 200, "en")).toBe("Below 25%: 0; 25%–90%: linear; ≥ 90%: 2 points");
  });
});

describe("count_threshold: all four periodic reports on time → 1", () => {
  const rule: ScoringRule = {
    kind: "count_threshold",
    indicator: "reports_on_time",
    steps: [{ atLeast: 4, points: 100 }],
  };
  it("needs all four", () => {
    expect(pts(rule, 100, { values: { reports_on_time: 0 } })).toBe(0);
    expect(pts(rule, 100, { values: { reports_on_time: 3 } })).toBe(0);
    expect(pts(rule, 100, { values: { reports_on_time: 4 } })).toBe(100);
    expect(describeRule(rule, 100)).toBe("≥ 4: 1 điểm; dưới 4: 0");
  });
  it("rejects a fractional count", () => {
    expect(inputErrorOf(() => evaluateRule(rule, 100, { values: { reports_on_time: 3.5 } })).code).toBe(
      "rule.not_integer",
    );
  });
});

describe("deduction: − points per violation, floored", () => {
  it("floors at 0 by default", () => {
    const rule = scoringRuleSchema.parse({ kind: "deduction", indicator: "violations", perUnit: 25 });
    expect(rule).toEqual({ kind: "deduction", indicator: "violations", perUnit: 25, floor: 0 });
    const at = (n: number) => pts(rule, 100, { values: { violations: n } });
    expect([0, 1, 2, 3, 4, 5, 1000].map(at)).toEqual([100, 75, 50, 25, 0, 0, 0]);
    expect(at(Number.MAX_SAFE_INTEGER)).toBe(0);
  });
  it("honours a non-zero floor", () => {
    const rule: ScoringRule = { kind: "deduction", indicator: "v", perUnit: 30, floor: 50 };
    expect([0, 1, 2, 3].map((n) => pts(rule, 150, { values: { v: n } }))).toEqual([150, 120, 90, 60]);
    expect(pts(rule, 150, { values: { v: 4 } })).toBe(50);
    expect(describeRule(rule, 150)).toBe("1,5 điểm, trừ 0,3 điểm mỗi trường hợp, tối thiểu 0,5 điểm");
    expect(describeRule(rule, 150, "en")).toBe("1,5 points, less 0,3 points per case, at least 0,5 points");
  });
});

describe("survey: A/B/C/D weighted 100/60/20/0 %", () => {
  const rule: ScoringRule = { kind: "survey", weights: { A: 100, B: 60, C: 20, D: 0 } };
  it("takes the item's max × weighted mean", () => {
    // (10×100 + 5×60 + 3×20 + 2×0) / (100 × 20) = 0,68 → 2 × 0,68 = 1,36
    expect(pts(rule, 200, { answers: { A: 10, B: 5, C: 3, D: 2 } })).toBe(136);
    expect(pts(rule, 100, { answers: { A: 1, B: 2 } })).toBe(73); // 0,7333… → 0,73
    expect(pts(rule, 25, { answers: { A: 1, D: 1 } })).toBe(13); // 12,5 hundredths → 13
    expect(pts(rule, 3800, { answers: { A: 7 } })).toBe(3800);
    expect(pts(rule, 3800, { answers: { D: 7, A: 0 } })).toBe(0);
  });
  it("accepts weights with two decimals", () => {
    const r: ScoringRule = { kind: "survey", weights: { yes: 100, partly: 33.33, no: 0 } };
    expect(pts(r, 300, { answers: { partly: 1 } })).toBe(100); // 300 × 0,3333 = 99,99 → 100
  });
  it("rejects no answers and unknown options", () => {
    expect(inputErrorOf(() => evaluateRule(rule, 200, {})).code).toBe("rule.no_answers");
    expect(inputErrorOf(() => evaluateRule(rule, 200, { answers: {} })).code).toBe("rule.no_answers");
    expect(inputErrorOf(() => evaluateRule(rule, 200, { answers: { A: 0, B: 0 } })).code).toBe(
      "rule.no_answers",
    );
    const e = inputErrorOf(() => evaluateRule(rule, 200, { answers: { E: 1 } }));
    expect([e.code, e.field]).toEqual(["rule.unknown_option", "answers.E"]);
    // An inherited property name is not an answer option.
    expect(inputErrorOf(() => evaluateRule(rule, 200, { answers: { toString: 1 } })).code).toBe(
      "rule.unknown_option",
    );
    expect(inputErrorOf(() => evaluateRule(rule, 200, { answers: { A: -1 } })).code).toBe("rule.negative");
  });
  it("describes itself", () => {
    expect(describeRule(rule, 200)).toBe(
      "Điều tra xã hội học: 2 điểm × trọng số bình quân (A 100%, B 60%, C 20%, D 0%)",
    );
  });
});

describe("timeliness: annual PAR plan on time 1, late 0,5, none 0 (Cà Mau 1880/QĐ-UBND)", () => {
  const rule: ScoringRule = { kind: "timeliness", onTime: 100, late: 50, notDone: 0 };
  it("scores from status", () => {
    expect(pts(rule, 100, { status: "on_time" })).toBe(100);
    expect(pts(rule, 100, { status: "late" })).toBe(50);
    expect(pts(rule, 100, { status: "not_done" })).toBe(0);
  });
  it("scores from dates, the due day itself being on time", () => {
    expect(pts(rule, 100, { due: "2019-10-31", done: "2019-10-31" })).toBe(100);
    expect(pts(rule, 100, { due: "2019-10-31", done: "2019-10-30" })).toBe(100);
    expect(pts(rule, 100, { due: "2019-10-31", done: "2019-11-01" })).toBe(50);
    expect(pts(rule, 100, { due: "2019-10-31" })).toBe(0);
    expect(pts(rule, 100, { due: "2019-10-31", done: "2019-10-31", status: "on_time" })).toBe(100);
  });
  it("rejects bad dates, missing and conflicting input", () => {
    expect(inputErrorOf(() => evaluateRule(rule, 100, { due: "2019-02-30" })).code).toBe("rule.invalid_date");
    expect(inputErrorOf(() => evaluateRule(rule, 100, { due: "31/10/2019" })).code).toBe("rule.invalid_date");
    const d = inputErrorOf(() => evaluateRule(rule, 100, { due: "2019-10-31", done: "2019-13-01" }));
    expect([d.code, d.field]).toEqual(["rule.invalid_date", "done"]);
    expect(inputErrorOf(() => evaluateRule(rule, 100, {})).code).toBe("rule.missing_input");
    expect(inputErrorOf(() => evaluateRule(rule, 100, { done: "2019-10-31" })).field).toBe("due");
    expect(
      inputErrorOf(() =>
        evaluateRule(rule, 100, { status: "on_time", due: "2019-10-31", done: "2019-11-02" }),
      ).code,
    ).toBe("rule.conflicting_input");
    expect(inputErrorOf(() => evaluateRule(rule, 100, { status: "soon" as unknown as "late" })).code).toBe(
      "rule.invalid_status",
    );
  });
  it("describes itself", () => {
    expect(describeRule(rule, 100)).toBe("Đúng hạn: 1 điểm; trễ hạn: 0,5 điểm; không thực hiện: 0");
  });
});

describe("pass_fail: all PAR tasks of the province's plan included 1 / 0", () => {
  const rule: ScoringRule = { kind: "pass_fail", pass: 100, fail: 0 };
  it("scores", () => {
    expect(pts(rule, 100, { passed: true })).toBe(100);
    expect(pts(rule, 100, { passed: false })).toBe(0);
    expect(inputErrorOf(() => evaluateRule(rule, 100, {})).code).toBe("rule.missing_input");
    expect(describeRule(rule, 100)).toBe("Đạt: 1 điểm; không đạt: 0");
  });
});

describe("manual: appraiser sets 0..max in steps", () => {
  const rule: ScoringRule = { kind: "manual", step: 25 };
  it("accepts on-step points and rejects the rest with a bilingual message", () => {
    expect(pts(rule, 350, { points: 325 })).toBe(325);
    expect(pts(rule, 350, { points: 0 })).toBe(0);
    expect(pts(rule, 350, { points: 350 })).toBe(350);
    const off = inputErrorOf(() => evaluateRule(rule, 350, { points: 330 }));
    expect([off.code, off.field]).toEqual(["rule.points_not_on_step", "points"]);
    expect(off.messageVi).toBe("Điểm chấm 3,3 phải là bội của 0,25");
    expect(off.messageEn).toBe("Points 3,3 must be a multiple of 0,25");
    expect(inputErrorOf(() => evaluateRule(rule, 350, { points: 375 })).code).toBe("rule.points_above_max");
    expect(inputErrorOf(() => evaluateRule(rule, 350, { points: -25 })).code).toBe("rule.negative");
    expect(inputErrorOf(() => evaluateRule(rule, 350, { points: 32.5 })).code).toBe("rule.not_integer");
    expect(inputErrorOf(() => evaluateRule(rule, 350, {})).code).toBe("rule.missing_input");
    expect(describeRule(rule, 350)).toBe("Chấm trực tiếp 0–3,5 điểm, bước 0,25");
    expect(ruleIndicators(rule)).toEqual([]);
  });
});

describe("indicator input errors", () => {
  const rule: ScoringRule = { kind: "linear", indicator: "signed_docs", from: 0, to: 9000 };
  it("names the missing indicator", () => {
    const e = inputErrorOf(() => evaluateRule(rule, 100, { values: { other: 1 } }));
    expect([e.code, e.field]).toEqual(["rule.missing_indicator", "signed_docs"]);
    expect(e.messageVi).toContain("signed_docs");
    expect(e.messageEn).toContain("signed_docs");
    expect(inputErrorOf(() => evaluateRule(rule, 100, {})).code).toBe("rule.missing_indicator");
  });
  it("rejects negative, fractional and non-finite values", () => {
    expect(inputErrorOf(() => evaluateRule(rule, 100, { values: { signed_docs: -1 } })).code).toBe(
      "rule.negative",
    );
    expect(inputErrorOf(() => evaluateRule(rule, 100, { values: { signed_docs: 90.5 } })).code).toBe(
      "rule.not_integer",
    );
    expect(inputErrorOf(() => evaluateRule(rule, 100, { values: { signed_docs: Number.NaN } })).code).toBe(
      "rule.not_integer",
    );
  });
});

describe("validateRule", () => {
  const problems = (rule: unknown, max: number) => validateRule(rule, max);

  it("finds configuration errors", () => {
    const bands = (b: { atLeast: number; points: number }[]) => ({
      kind: "percent_bands",
      indicator: "x",
      bands: b,
    });
    expect(
      problems(
        bands([
          { atLeast: 9000, points: 200 },
          { atLeast: 7000, points: 100 },
        ]),
        200,
      ).join(),
    ).toMatch(/ascending/);
    expect(
      problems(
        bands([
          { atLeast: 7000, points: 100 },
          { atLeast: 7000, points: 200 },
        ]),
        200,
      ).join(),
    ).toMatch(/ascending/);
    expect(problems(bands([{ atLeast: 7000, points: 300 }]), 200).join()).toMatch(/exceed max/);
    expect(
      problems(
        bands([
          { atLeast: 7000, points: 200 },
          { atLeast: 9000, points: 100 },
        ]),
        200,
      ).join(),
    ).toMatch(/fewer points/);
    expect(problems({ kind: "linear", indicator: "x", from: 9000, to: 9000 }, 100).join()).toMatch(
      /from must be < to/,
    );
    expect(problems({ kind: "survey", weights: { A: 120, B: -1 } }, 100)).toHaveLength(2);
    expect(problems({ kind: "survey", weights: { A: 33.333 } }, 100).join()).toMatch(/decimals/);
    expect(problems({ kind: "survey", weights: {} }, 100).join()).toMatch(/no answer options/);
    expect(problems({ kind: "manual", step: 0 }, 100).join()).toMatch(/step must be > 0/);
    expect(problems({ kind: "manual", step: 50 }, 75).join()).toMatch(/not a multiple of step/);
    expect(problems({ kind: "deduction", indicator: "x", perUnit: 0, floor: 200 }, 100)).toHaveLength(2);
    expect(problems({ kind: "timeliness", onTime: 50, late: 100, notDone: 0 }, 100).join()).toMatch(
      /late earns more/,
    );
    expect(problems({ kind: "pass_fail", pass: 0, fail: 100 }, 100).join()).toMatch(/fail earns more/);
    expect(problems({ kind: "pass_fail", pass: 100, fail: 0 }, -1).join()).toMatch(/max must be/);
  });

  it("rejects malformed JSON: points in whole points instead of hundredths, unknown kind or field", () => {
    expect(problems({ kind: "pass_fail", pass: 0.5, fail: 0 }, 100).join()).toMatch(/^pass:/);
    expect(problems({ kind: "bonus" }, 100)).not.toEqual([]);
    expect(problems({ kind: "manual", step: 25, stpe: 50 }, 100)).not.toEqual([]);
    expect(problems(null, 100)).not.toEqual([]);
  });

  it("makes evaluateRule throw RuleConfigError, not clamp", () => {
    const rule: ScoringRule = { kind: "pass_fail", pass: 300, fail: 0 };
    expect(() => evaluateRule(rule, 200, { passed: true })).toThrow(RuleConfigError);
    try {
      evaluateRule(rule, 200, { passed: true });
    } catch (e) {
      expect((e as RuleConfigError).code).toBe("rule.invalid_config");
      expect((e as RuleConfigError).problems[0]).toMatch(/^pass:/);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const sortedAsc = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** A max and up to n non-decreasing point values within it. */
const pointsWithin = (max: number, n: number) =>
  fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n }).map(sortedAsc);

const maxArb = fc.integer({ min: 0, max: 10_000 });
const isoDate = fc
  .integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

interface Case {
  rule: ScoringRule;
  max: number;
  input: RuleInput;
}

const manualCase = fc
  .record({ step: fc.constantFrom(1, 10, 25, 50, 100), k: fc.integer({ min: 0, max: 40 }) })
  .chain(({ step, k }) =>
    fc
      .integer({ min: 0, max: k })
      .map((j): Case => ({ rule: { kind: "manual", step }, max: step * k, input: { points: step * j } })),
  );

const timelinessCase = maxArb.chain((max) =>
  fc
    .tuple(
      pointsWithin(max, 3),
      fc.oneof(
        fc.record({
          status: fc.constantFrom("on_time", "late", "not_done") as fc.Arbitrary<RuleInput["status"]>,
        }),
        fc.record({ due: isoDate, done: fc.option(isoDate, { nil: undefined }) }),
      ),
    )
    .map(
      ([[notDone, late, onTime], input]): Case => ({
        rule: { kind: "timeliness", onTime, late, notDone },
        max,
        input,
      }),
    ),
);

const passFailCase = maxArb.chain((max) =>
  fc
    .tuple(pointsWithin(max, 2), fc.boolean())
    .map(
      ([[fail, pass], passed]): Case => ({ rule: { kind: "pass_fail", pass, fail }, max, input: { passed } }),
    ),
);

const thresholds = (hi: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: hi }), { minLength: 1, maxLength: 6 }).map(sortedAsc);

const bandsRule = maxArb.chain((max) =>
  thresholds(12_000).chain((ts) =>
    pointsWithin(max, ts.length).map((ps) => ({
      max,
      rule: {
        kind: "percent_bands" as const,
        indicator: "pct",
        bands: ts.map((atLeast, i) => ({ atLeast, points: ps[i] })),
      },
    })),
  ),
);
const bandsCase = fc
  .tuple(bandsRule, fc.integer({ min: 0, max: 15_000 }))
  .map(([{ max, rule }, v]): Case => ({ rule, max, input: { values: { pct: v } } }));

const countRule = maxArb.chain((max) =>
  thresholds(30).chain((ts) =>
    pointsWithin(max, ts.length).map((ps) => ({
      max,
      rule: {
        kind: "count_threshold" as const,
        indicator: "n",
        steps: ts.map((atLeast, i) => ({ atLeast, points: ps[i] })),
      },
    })),
  ),
);
const countCase = fc
  .tuple(countRule, fc.integer({ min: 0, max: 40 }))
  .map(([{ max, rule }, v]): Case => ({ rule, max, input: { values: { n: v } } }));

const linearRule = fc
  .uniqueArray(fc.integer({ min: 0, max: 12_000 }), { minLength: 2, maxLength: 2 })
  .map(sortedAsc)
  .map(([from, to]) => ({ kind: "linear" as const, indicator: "pct", from, to }));
const linearCase = fc
  .tuple(linearRule, maxArb, fc.integer({ min: 0, max: 15_000 }))
  .map(([rule, max, v]): Case => ({ rule, max, input: { values: { pct: v } } }));

const deductionRule = (max: number) =>
  fc
    .record({ perUnit: fc.integer({ min: 1, max: 2000 }), floor: fc.integer({ min: 0, max }) })
    .map(({ perUnit, floor }) => ({ kind: "deduction" as const, indicator: "v", perUnit, floor }));
const deductionCase = maxArb.chain((max) =>
  fc
    .tuple(deductionRule(max), fc.integer({ min: 0, max: 1000 }))
    .map(([rule, n]): Case => ({ rule, max, input: { values: { v: n } } })),
);

const options = ["A", "B", "C", "D", "E"];
/** Weights in whole percents with up to two decimals, as a JSON author would write them. */
const weightArb = fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100);
const surveyRule = fc.uniqueArray(fc.constantFrom(...options), { minLength: 1, maxLength: 5 }).chain((opts) =>
  fc.array(weightArb, { minLength: opts.length, maxLength: opts.length }).map((ws) => ({
    kind: "survey" as const,
    weights: Object.fromEntries(opts.map((o, i) => [o, ws[i]])),
  })),
);
const answersFor = (rule: { weights: Record<string, number> }) =>
  fc
    .array(fc.nat(60), {
      minLength: Object.keys(rule.weights).length,
      maxLength: Object.keys(rule.weights).length,
    })
    .filter((cs) => cs.some((c) => c > 0))
    .map((cs) => Object.fromEntries(Object.keys(rule.weights).map((o, i) => [o, cs[i]])));
const surveyCase = fc
  .tuple(surveyRule, maxArb)
  .chain(([rule, max]) => answersFor(rule).map((answers): Case => ({ rule, max, input: { answers } })));

const anyCase: fc.Arbitrary<Case> = fc.oneof(
  manualCase,
  timelinessCase,
  passFailCase,
  bandsCase,
  countCase,
  linearCase,
  deductionCase,
  surveyCase,
);

describe("properties of every kind", () => {
  it("generated rules are valid, and the result is an integer within 0..max", () => {
    fc.assert(
      fc.property(anyCase, ({ rule, max, input }) => {
        expect(validateRule(rule, max)).toEqual([]);
        const { points, detail } = evaluateRule(rule, max, input);
        expect(Number.isSafeInteger(points)).toBe(true);
        expect(points).toBeGreaterThanOrEqual(0);
        expect(points).toBeLessThanOrEqual(max);
        expect(detail.length).toBeGreaterThan(0);
        expect(describeRule(rule, max).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it("the zod schema round-trips JSON of any generated rule", () => {
    fc.assert(
      fc.property(anyCase, ({ rule }) => {
        expect(scoringRuleSchema.parse(JSON.parse(JSON.stringify(rule)))).toEqual(rule);
      }),
      { numRuns: 500 },
    );
  });

  it("a rule whose points exceed max is a configuration error, never clamped", () => {
    const topPoints = (rule: ScoringRule): number => {
      switch (rule.kind) {
        case "timeliness":
          return rule.onTime;
        case "pass_fail":
          return rule.pass;
        case "percent_bands":
          return Math.max(...rule.bands.map((b) => b.points));
        case "count_threshold":
          return Math.max(...rule.steps.map((b) => b.points));
        default:
          return 0;
      }
    };
    fc.assert(
      fc.property(fc.oneof(timelinessCase, passFailCase, bandsCase, countCase), ({ rule, input }) => {
        const top = topPoints(rule);
        fc.pre(top > 0);
        expect(() => evaluateRule(rule, top - 1, input)).toThrow(RuleConfigError);
      }),
    );
  });
});

describe("percent_bands and count_threshold properties", () => {
  it("are monotone non-decreasing in the value", () => {
    fc.assert(
      fc.property(bandsRule, fc.nat(15_000), fc.nat(15_000), ({ rule, max }, a, b) => {
        const [lo, hi] = sortedAsc([a, b]);
        expect(pts(rule, max, { values: { pct: lo } })).toBeLessThanOrEqual(
          pts(rule, max, { values: { pct: hi } }),
        );
      }),
    );
    fc.assert(
      fc.property(countRule, fc.nat(40), fc.nat(40), ({ rule, max }, a, b) => {
        const [lo, hi] = sortedAsc([a, b]);
        expect(pts(rule, max, { values: { n: lo } })).toBeLessThanOrEqual(
          pts(rule, max, { values: { n: hi } }),
        );
      }),
    );
  });

  it("are exact at each threshold and one unit (a hundredth of a percent) below it", () => {
    fc.assert(
      fc.property(bandsRule, ({ rule, max }) => {
        rule.bands.forEach((band, i) => {
          expect(pts(rule, max, { values: { pct: band.atLeast } })).toBe(band.points);
          if (band.atLeast > 0) {
            const below = i === 0 ? 0 : rule.bands[i - 1].points;
            expect(pts(rule, max, { values: { pct: band.atLeast - 1 } })).toBe(below);
          }
        });
      }),
    );
    fc.assert(
      fc.property(countRule, ({ rule, max }) => {
        rule.steps.forEach((step, i) => {
          expect(pts(rule, max, { values: { n: step.atLeast } })).toBe(step.points);
          if (step.atLeast > 0) {
            expect(pts(rule, max, { values: { n: step.atLeast - 1 } })).toBe(
              i === 0 ? 0 : rule.steps[i - 1].points,
            );
          }
        });
      }),
    );
  });
});

describe("linear properties", () => {
  it("is monotone, 0 up to from, max from to on", () => {
    fc.assert(
      fc.property(linearRule, maxArb, fc.nat(15_000), fc.nat(15_000), (rule, max, a, b) => {
        const at = (v: number) => pts(rule, max, { values: { pct: v } });
        const [lo, hi] = sortedAsc([a, b]);
        expect(at(lo)).toBeLessThanOrEqual(at(hi));
        expect(at(rule.from)).toBe(0);
        if (rule.from > 0) expect(at(rule.from - 1)).toBe(0);
        expect(at(rule.to)).toBe(max);
        expect(at(rule.to + a)).toBe(max);
      }),
    );
  });

  it("between from and to, equals max × (v − from)/(to − from) rounded half up, exactly", () => {
    fc.assert(
      fc.property(linearRule, maxArb, fc.nat(15_000), (rule, max, v) => {
        fc.pre(v > rule.from && v < rule.to);
        const n = BigInt(max) * BigInt(v - rule.from);
        const d = BigInt(rule.to - rule.from);
        const expected = Number((2n * n + d) / (2n * d));
        expect(pts(rule, max, { values: { pct: v } })).toBe(expected);
      }),
    );
  });
});

describe("deduction properties", () => {
  it("never drops below the floor, is monotone non-increasing and starts at max", () => {
    fc.assert(
      fc.property(
        maxArb.chain((max) => fc.tuple(fc.constant(max), deductionRule(max))),
        fc.nat(1000),
        fc.nat(1000),
        ([max, rule], a, b) => {
          const at = (n: number) => pts(rule, max, { values: { v: n } });
          const [lo, hi] = sortedAsc([a, b]);
          expect(at(lo)).toBeGreaterThanOrEqual(at(hi));
          expect(at(hi)).toBeGreaterThanOrEqual(rule.floor);
          expect(at(0)).toBe(max);
          expect(at(a)).toBe(Math.max(rule.floor, max - a * rule.perUnit));
        },
      ),
    );
  });
});

describe("manual properties", () => {
  const grid = fc.record({ step: fc.constantFrom(1, 10, 25, 50, 100), k: fc.integer({ min: 0, max: 40 }) });

  it("rejects points off the step", () => {
    fc.assert(
      fc.property(grid, fc.nat(4000), ({ step, k }, p) => {
        const max = step * k;
        fc.pre(p <= max && p % step !== 0);
        expect(inputErrorOf(() => evaluateRule({ kind: "manual", step }, max, { points: p })).code).toBe(
          "rule.points_not_on_step",
        );
      }),
    );
  });

  it("rejects points above max, on the step or not", () => {
    fc.assert(
      fc.property(grid, fc.integer({ min: 1, max: 4000 }), ({ step, k }, extra) => {
        const max = step * k;
        expect(
          inputErrorOf(() => evaluateRule({ kind: "manual", step }, max, { points: max + extra })).code,
        ).toBe("rule.points_above_max");
      }),
    );
  });

  it("accepts every on-step value in 0..max unchanged", () => {
    fc.assert(
      fc.property(manualCase, ({ rule, max, input }) => {
        expect(pts(rule, max, input)).toBe(input.points);
      }),
    );
  });
});

describe("timeliness properties", () => {
  it("dates decide exactly like the equivalent status", () => {
    fc.assert(
      fc.property(
        timelinessCase,
        isoDate,
        fc.option(isoDate, { nil: undefined }),
        ({ rule, max }, due, done) => {
          const status = done === undefined ? "not_done" : done <= due ? "on_time" : "late";
          expect(pts(rule, max, { due, done })).toBe(pts(rule, max, { status }));
        },
      ),
    );
  });
});

describe("survey properties", () => {
  const abcd: ScoringRule = { kind: "survey", weights: { A: 100, B: 60, C: 20, D: 0 } };

  it("all-A answers give max, all-D answers give 0", () => {
    fc.assert(
      fc.property(maxArb, fc.integer({ min: 1, max: 100_000 }), (max, n) => {
        expect(pts(abcd, max, { answers: { A: n } })).toBe(max);
        expect(pts(abcd, max, { answers: { D: n, A: 0 } })).toBe(0);
      }),
    );
  });

  it("equals max × Σ(count × weight)/(100 × Σcount) rounded half up, and ignores scaling all counts", () => {
    fc.assert(
      fc.property(surveyCase, fc.integer({ min: 2, max: 50 }), ({ rule, max, input }, k) => {
        if (rule.kind !== "survey") throw new Error("unreachable");
        const answers = input.answers!;
        let num = 0n;
        let den = 0n;
        for (const [o, c] of Object.entries(answers)) {
          num += BigInt(c) * BigInt(Math.round(rule.weights[o] * 100));
          den += BigInt(c) * 10_000n;
        }
        const n = BigInt(max) * num;
        expect(pts(rule, max, input)).toBe(Number((2n * n + den) / (2n * den)));
        const scaled = Object.fromEntries(Object.entries(answers).map(([o, c]) => [o, c * k]));
        expect(pts(rule, max, { answers: scaled })).toBe(pts(rule, max, input));
      }),
    );
  });
});
