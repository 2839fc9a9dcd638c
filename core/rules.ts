/**
 * Declarative scoring rules for leaf criteria (domain.md §2). A rule is plain JSON stored with the
 * framework node, so provinces can change how a criterion is scored without a code change.
 *
 * Units: every points field and every percent field is an integer number of hundredths (Centi, see
 * decimal.ts): 1,5 points → 150, 90 % → 9000. Counts are plain integers. Survey weights are the only
 * exception: whole percents of the item's points (A: 100, B: 60), with at most two decimals, because
 * that is how the published convention writes them.
 *
 * All arithmetic is exact integer arithmetic; the one division (linear, survey) is rounded half up
 * to the hundredth with divRound, never through float accumulation.
 */
import { z } from "zod";
import { type Centi, divRound, parseCenti } from "./decimal.ts";

// ---------------------------------------------------------------------------------------------------
// Schema

/** A non-negative integer number of hundredths (of a point or of a percent). */
const centi = z.number().int().min(0);
const indicatorCode = z.string().trim().min(1);

export const manualRuleSchema = z.strictObject({
  kind: z.literal("manual"),
  /** Centi: the appraiser's grid, 25 = steps of 0,25 point, 50 = steps of 0,5. */
  step: centi,
});

export const timelinessRuleSchema = z.strictObject({
  kind: z.literal("timeliness"),
  /** Centi points when done on or before the due date. */
  onTime: centi,
  /** Centi points when done after the due date. */
  late: centi,
  /** Centi points when not done. */
  notDone: centi,
});

export const passFailRuleSchema = z.strictObject({
  kind: z.literal("pass_fail"),
  /** Centi points when passed. */
  pass: centi,
  /** Centi points when failed. */
  fail: centi,
});

export const percentBandsRuleSchema = z.strictObject({
  kind: z.literal("percent_bands"),
  indicator: indicatorCode,
  /** Ascending thresholds; `atLeast` is Centi of percent (7000 = 70 %, inclusive), `points` is Centi. */
  bands: z.array(z.strictObject({ atLeast: centi, points: centi })).min(1),
});

export const countThresholdRuleSchema = z.strictObject({
  kind: z.literal("count_threshold"),
  indicator: indicatorCode,
  /** Ascending thresholds; `atLeast` is a plain count (inclusive), `points` is Centi. */
  steps: z.array(z.strictObject({ atLeast: z.number().int().min(0), points: centi })).min(1),
});

export const linearRuleSchema = z.strictObject({
  kind: z.literal("linear"),
  indicator: indicatorCode,
  /** Centi of percent below which the criterion earns 0. */
  from: centi,
  /** Centi of percent from which the criterion earns its max. */
  to: centi,
});

export const deductionRuleSchema = z.strictObject({
  kind: z.literal("deduction"),
  indicator: indicatorCode,
  /** Centi points taken off per counted unit (violation, late report, …). */
  perUnit: centi,
  /** Centi points the criterion never drops below. */
  floor: centi.default(0),
});

export const surveyRuleSchema = z.strictObject({
  kind: z.literal("survey"),
  /** Option → percent of the item's points (0..100, ≤ 2 decimals), e.g. { A: 100, B: 60, C: 20, D: 0 }. */
  weights: z.record(z.string().min(1), z.number()),
});

export const scoringRuleSchema = z.discriminatedUnion("kind", [
  manualRuleSchema,
  timelinessRuleSchema,
  passFailRuleSchema,
  percentBandsRuleSchema,
  countThresholdRuleSchema,
  linearRuleSchema,
  deductionRuleSchema,
  surveyRuleSchema,
]);

/** A parsed rule (defaults applied). */
export type ScoringRule = z.infer<typeof scoringRuleSchema>;
/** A rule as written in JSON, before defaults (deduction.floor may be absent). */
export type ScoringRuleInput = z.input<typeof scoringRuleSchema>;
export type RuleKind = ScoringRule["kind"];

export type TimelinessStatus = "on_time" | "late" | "not_done";

/** What the assessor or the measured indicators supply; each kind reads only its own fields. */
export interface RuleInput {
  /** manual: Centi points set by the appraiser. */
  points?: Centi;
  /** timeliness: explicit status, or give due/done instead. */
  status?: TimelinessStatus;
  /** timeliness: "YYYY-MM-DD". */
  due?: string;
  /** timeliness: "YYYY-MM-DD"; absent = not done. */
  done?: string;
  /** pass_fail */
  passed?: boolean;
  /** Indicator values by code: percents and ratios as Centi of percent, counts as integers. */
  values?: Record<string, number>;
  /** survey: option → number of respondents who chose it. */
  answers?: Record<string, number>;
}

export interface RuleResult {
  points: Centi;
  /** Vietnamese one-line explanation of how the points came about. */
  detail: string;
}

// ---------------------------------------------------------------------------------------------------
// Errors

export abstract class RuleError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly messageVi: string;
  readonly messageEn: string;

  constructor(code: string, field: string | undefined, messageVi: string, messageEn: string) {
    super(`${messageVi} (${messageEn})`);
    this.code = code;
    this.field = field;
    this.messageVi = messageVi;
    this.messageEn = messageEn;
  }
}

/** The assessor's input cannot be scored: show it to the person who typed it. */
export class RuleInputError extends RuleError {
  override name = "RuleInputError";
}

/** The rule itself (or the node's max) is wrong: a framework author has to fix it, not the assessor. */
export class RuleConfigError extends RuleError {
  override name = "RuleConfigError";
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      "rule.invalid_config",
      undefined,
      `Quy tắc chấm điểm cấu hình sai: ${problems.join("; ")}`,
      `Invalid scoring rule: ${problems.join("; ")}`,
    );
    this.problems = problems;
  }
}

function inputError(code: string, field: string, vi: string, en: string): RuleInputError {
  return new RuleInputError(code, field, vi, en);
}

// ---------------------------------------------------------------------------------------------------
// Validation

/**
 * Configuration problems of a rule against the max points of its node; empty when usable. Accepts
 * unknown JSON (framework nodes store the rule untyped). Messages are "path: Vietnamese / English".
 */
export function validateRule(rule: unknown, max: Centi): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(max) || max < 0) {
    problems.push(
      `max: điểm tối đa phải là số nguyên phần trăm điểm ≥ 0 / max must be a non-negative integer of hundredths (got ${max})`,
    );
  }
  const parsed = scoringRuleSchema.safeParse(rule);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".") || "rule";
      problems.push(`${path}: cấu trúc không hợp lệ / ${issue.message}`);
    }
    return problems;
  }
  const r = parsed.data;
  const maxOk = problems.length === 0;
  const notAboveMax = (path: string, points: number) => {
    if (maxOk && points > max) {
      problems.push(`${path}: điểm ${points} vượt điểm tối đa ${max} / points ${points} exceed max ${max}`);
    }
  };

  switch (r.kind) {
    case "manual":
      if (r.step <= 0) problems.push("step: bước chấm phải > 0 / step must be > 0");
      // A max off the grid could never be awarded in full.
      else if (maxOk && max % r.step !== 0) {
        problems.push(
          `step: điểm tối đa ${max} không chia hết cho bước ${r.step} / max ${max} is not a multiple of step ${r.step}`,
        );
      }
      break;
    case "timeliness":
      notAboveMax("onTime", r.onTime);
      notAboveMax("late", r.late);
      notAboveMax("notDone", r.notDone);
      if (r.late > r.onTime)
        problems.push("late: trễ hạn được nhiều điểm hơn đúng hạn / late earns more than on time");
      if (r.notDone > r.late) {
        problems.push("notDone: không thực hiện được nhiều điểm hơn trễ hạn / not done earns more than late");
      }
      break;
    case "pass_fail":
      notAboveMax("pass", r.pass);
      notAboveMax("fail", r.fail);
      if (r.fail > r.pass)
        problems.push("fail: không đạt được nhiều điểm hơn đạt / fail earns more than pass");
      break;
    case "percent_bands":
      checkThresholds("bands", r.bands, problems, notAboveMax);
      break;
    case "count_threshold":
      checkThresholds("steps", r.steps, problems, notAboveMax);
      break;
    case "linear":
      if (r.from >= r.to)
        problems.push(`from: from (${r.from}) phải nhỏ hơn to (${r.to}) / from must be < to`);
      break;
    case "deduction":
      if (r.perUnit <= 0) problems.push("perUnit: điểm trừ mỗi lần phải > 0 / perUnit must be > 0");
      notAboveMax("floor", r.floor);
      break;
    case "survey": {
      const entries = Object.entries(r.weights);
      if (entries.length === 0) problems.push("weights: chưa có phương án trả lời / no answer options");
      for (const [option, w] of entries) {
        if (!Number.isFinite(w) || w < 0 || w > 100) {
          problems.push(
            `weights.${option}: trọng số phải trong 0..100 / weight must be within 0..100 (got ${w})`,
          );
        } else if (parseCenti(w) === null) {
          problems.push(
            `weights.${option}: trọng số tối đa 2 chữ số thập phân / weight has more than 2 decimals`,
          );
        }
      }
      break;
    }
  }
  return problems;
}

function checkThresholds(
  path: string,
  list: readonly { atLeast: number; points: number }[],
  problems: string[],
  notAboveMax: (path: string, points: number) => void,
): void {
  list.forEach((b, i) => {
    notAboveMax(`${path}[${i}].points`, b.points);
    if (i === 0) return;
    const prev = list[i - 1];
    if (b.atLeast <= prev.atLeast) {
      problems.push(
        `${path}[${i}].atLeast: ngưỡng phải tăng dần, không trùng (${prev.atLeast} rồi ${b.atLeast}) / thresholds must be strictly ascending`,
      );
    }
    // A higher result earning fewer points is always a typo in the framework.
    if (b.points < prev.points) {
      problems.push(
        `${path}[${i}].points: ngưỡng cao hơn được ít điểm hơn / a higher threshold earns fewer points`,
      );
    }
  });
}

function assertValid(rule: ScoringRuleInput, max: Centi): ScoringRule {
  const problems = validateRule(rule, max);
  if (problems.length > 0) throw new RuleConfigError(problems);
  return scoringRuleSchema.parse(rule);
}

// ---------------------------------------------------------------------------------------------------
// Evaluation

/**
 * Points of one leaf criterion. Throws RuleConfigError when the rule does not fit `max`, RuleInputError
 * when the input is missing or invalid. The result is an integer in 0..max.
 */
export function evaluateRule(ruleIn: ScoringRuleInput, max: Centi, input: RuleInput): RuleResult {
  const rule = assertValid(ruleIn, max);
  switch (rule.kind) {
    case "manual": {
      const p = requireCount(input.points, "points", "điểm chấm", "points");
      if (p > max) {
        throw inputError(
          "rule.points_above_max",
          "points",
          `Điểm chấm ${fmtPoints(p)} vượt điểm tối đa ${fmtPoints(max)}`,
          `Points ${fmtPoints(p)} exceed the maximum ${fmtPoints(max)}`,
        );
      }
      if (p % rule.step !== 0) {
        throw inputError(
          "rule.points_not_on_step",
          "points",
          `Điểm chấm ${fmtPoints(p)} phải là bội của ${fmtPoints(rule.step)}`,
          `Points ${fmtPoints(p)} must be a multiple of ${fmtPoints(rule.step)}`,
        );
      }
      return { points: p, detail: `Điểm chấm: ${fmtPoints(p)}` };
    }
    case "timeliness": {
      const status = timelinessStatus(input);
      const points = status === "on_time" ? rule.onTime : status === "late" ? rule.late : rule.notDone;
      return { points, detail: `${STATUS_VI[status]}: ${fmtPointsUnit(points)}` };
    }
    case "pass_fail": {
      if (typeof input.passed !== "boolean") {
        throw inputError(
          "rule.missing_input",
          "passed",
          "Chưa chọn đạt / không đạt",
          "Pass or fail is required",
        );
      }
      const points = input.passed ? rule.pass : rule.fail;
      return { points, detail: `${input.passed ? "Đạt" : "Không đạt"}: ${fmtPointsUnit(points)}` };
    }
    case "percent_bands":
    case "count_threshold": {
      const list = rule.kind === "percent_bands" ? rule.bands : rule.steps;
      const fmt = rule.kind === "percent_bands" ? fmtPercent : String;
      const v = requireIndicator(input, rule.indicator);
      let hit: { atLeast: number; points: number } | undefined;
      for (const b of list) if (b.atLeast <= v) hit = b;
      const detail = hit
        ? `${rule.indicator} = ${fmt(v)} ≥ ${fmt(hit.atLeast)}: ${fmtPointsUnit(hit.points)}`
        : `${rule.indicator} = ${fmt(v)} < ${fmt(list[0].atLeast)}: 0`;
      return { points: hit ? hit.points : 0, detail };
    }
    case "linear": {
      const v = requireIndicator(input, rule.indicator);
      let points: Centi;
      if (v < rule.from) points = 0;
      else if (v >= rule.to) points = max;
      else points = mulDivRound(max, v - rule.from, rule.to - rule.from);
      return {
        points,
        detail: `${rule.indicator} = ${fmtPercent(v)} (tuyến tính ${fmtPercent(rule.from)}–${fmtPercent(rule.to)}): ${fmtPointsUnit(points)}`,
      };
    }
    case "deduction": {
      const n = requireIndicator(input, rule.indicator);
      // Compare before multiplying so a huge count cannot leave the safe-integer range.
      const room = max - rule.floor;
      const points = n * rule.perUnit >= room ? rule.floor : max - n * rule.perUnit;
      return {
        points,
        detail: `${rule.indicator} = ${n} × ${fmtPoints(rule.perUnit)}: ${fmtPoints(max)} → ${fmtPointsUnit(points)}`,
      };
    }
    case "survey": {
      const answers = input.answers;
      if (answers === undefined || answers === null || typeof answers !== "object") {
        throw inputError("rule.no_answers", "answers", "Chưa có phiếu trả lời", "No survey answers");
      }
      // Weights in hundredths of a percent keep Σ(count × weight) an exact integer.
      let weighted = 0;
      let total = 0;
      for (const [option, count] of Object.entries(answers)) {
        if (!Object.hasOwn(rule.weights, option)) {
          throw inputError(
            "rule.unknown_option",
            `answers.${option}`,
            `Phương án "${option}" không có trong phiếu`,
            `Unknown answer option "${option}"`,
          );
        }
        const c = requireCount(count, `answers.${option}`, `số phiếu ${option}`, `count of ${option}`);
        weighted += c * (parseCenti(rule.weights[option]) as number);
        total += c;
      }
      if (total === 0)
        throw inputError("rule.no_answers", "answers", "Chưa có phiếu trả lời", "No survey answers");
      if (!Number.isSafeInteger(weighted) || !Number.isSafeInteger(total * 10000)) {
        throw inputError(
          "rule.too_large",
          "answers",
          "Số phiếu quá lớn",
          "Too many answers to score exactly",
        );
      }
      const points = mulDivRound(max, weighted, total * 10000);
      return {
        points,
        detail: `${total} phiếu, bình quân ${fmtPercent(divRound(weighted, total))} × ${fmtPoints(max)}: ${fmtPointsUnit(points)}`,
      };
    }
  }
}

const STATUS_VI: Record<TimelinessStatus, string> = {
  on_time: "Đúng hạn",
  late: "Trễ hạn",
  not_done: "Không thực hiện",
};

function timelinessStatus(input: RuleInput): TimelinessStatus {
  let fromDates: TimelinessStatus | undefined;
  if (input.due !== undefined) {
    const due = requireDate(input.due, "due");
    if (input.done === undefined || input.done === null) fromDates = "not_done";
    else fromDates = requireDate(input.done, "done") <= due ? "on_time" : "late";
  } else if (input.done !== undefined && input.done !== null) {
    throw inputError("rule.missing_input", "due", "Thiếu hạn hoàn thành", "Due date is required");
  }
  if (input.status !== undefined) {
    if (!Object.hasOwn(STATUS_VI, input.status)) {
      throw inputError(
        "rule.invalid_status",
        "status",
        `Trạng thái "${input.status}" không hợp lệ`,
        `Invalid status "${input.status}"`,
      );
    }
    // Silently preferring one of two disagreeing answers would hide a data-entry error.
    if (fromDates !== undefined && fromDates !== input.status) {
      throw inputError(
        "rule.conflicting_input",
        "status",
        "Trạng thái không khớp với ngày hoàn thành",
        "Status disagrees with the due and done dates",
      );
    }
    return input.status;
  }
  if (fromDates === undefined) {
    throw inputError(
      "rule.missing_input",
      "status",
      "Thiếu trạng thái hoặc hạn hoàn thành",
      "Status or due date is required",
    );
  }
  return fromDates;
}

/** Returns the date unchanged: ISO dates compare correctly as strings. */
function requireDate(s: unknown, field: string): string {
  const m = typeof s === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    // Date.UTC rolls 2019-02-30 over to March; a round trip catches it.
    if (d.toISOString().slice(0, 10) === s) return s as string;
  }
  throw inputError(
    "rule.invalid_date",
    field,
    `Ngày "${String(s)}" không hợp lệ (YYYY-MM-DD)`,
    `Invalid date "${String(s)}" (YYYY-MM-DD)`,
  );
}

function requireIndicator(input: RuleInput, code: string): number {
  const values = input.values;
  if (!values || !Object.hasOwn(values, code) || values[code] === undefined || values[code] === null) {
    throw inputError(
      "rule.missing_indicator",
      code,
      `Thiếu giá trị chỉ số "${code}"`,
      `Missing value of indicator "${code}"`,
    );
  }
  return requireCount(values[code], code, `chỉ số "${code}"`, `indicator "${code}"`);
}

/** A non-negative safe integer (Centi or count). */
function requireCount(x: unknown, field: string, nameVi: string, nameEn: string): number {
  if (x === undefined || x === null) {
    throw inputError("rule.missing_input", field, `Thiếu ${nameVi}`, `Missing ${nameEn}`);
  }
  if (typeof x !== "number" || !Number.isSafeInteger(x)) {
    throw inputError(
      "rule.not_integer",
      field,
      `${nameVi} phải là số nguyên (điểm và tỉ lệ % ghi theo phần trăm: 1,5 → 150) — nhận ${String(x)}`,
      `${nameEn} must be an integer (points and percents in hundredths: 1.5 → 150) — got ${String(x)}`,
    );
  }
  if (x < 0)
    throw inputError("rule.negative", field, `${nameVi} không được âm`, `${nameEn} must not be negative`);
  return x;
}

/** round(a × b / d) half up, for non-negative integers, exact even when a × b leaves the safe range. */
function mulDivRound(a: number, b: number, d: number): number {
  const p = a * b;
  if (Number.isSafeInteger(p)) return divRound(p, d);
  const n = BigInt(a) * BigInt(b);
  const bd = BigInt(d);
  const q = n / bd;
  return Number(2n * (n % bd) >= bd ? q + 1n : q);
}

// ---------------------------------------------------------------------------------------------------
// Introspection

/** Indicator codes the rule reads from `values`, so a form can ask for exactly those. */
export function ruleIndicators(rule: ScoringRuleInput): string[] {
  switch (rule.kind) {
    case "percent_bands":
    case "count_threshold":
    case "linear":
    case "deduction":
      return [rule.indicator];
    default:
      return [];
  }
}

/** 250 → "2,5", 572 → "5,72", 200 → "2" (decimal comma, no trailing zeros). */
function fmtPoints(c: Centi): string {
  const sign = c < 0 ? "-" : "";
  const a = Math.abs(c);
  const whole = Math.trunc(a / 100);
  const frac = a % 100;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole},${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

function fmtPointsUnit(c: Centi): string {
  return c === 0 ? "0" : `${fmtPoints(c)} điểm`;
}

function fmtPercent(c: Centi): string {
  return `${fmtPoints(c)}%`;
}
