/**
 * The shapes and checks shared by the scores routes and the self-assessment / appraisal forms, so a
 * form refuses exactly what the server refuses, as the person types. Pure: zod and core only.
 */
import { z } from "zod";
import { type Centi, parseCenti } from "../decimal.ts";
import { idNumber } from "./ids.ts";

/** A message in both interface languages, with the stable code the API answers. */
export interface Problem {
  code: string;
  vi: string;
  en: string;
}

const fmt = (c: Centi) => {
  const whole = Math.trunc(Math.abs(c) / 100);
  const frac = Math.abs(c) % 100;
  const s = frac === 0 ? String(whole) : `${whole},${String(frac).padStart(2, "0").replace(/0$/, "")}`;
  return c < 0 ? `-${s}` : s;
};

/** Points as a JSON number (3.5) or a Vietnamese string ("3,5"); at most two decimals. */
export const pointsValue = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const c = parseCenti(v);
  if (c === null) {
    ctx.addIssue({ code: "custom", message: "must be a number with at most two decimals, e.g. 3,5" });
    return z.NEVER;
  }
  return c;
});

/**
 * Why points cannot be given to a leaf whose max is `max` (and whose manual rule, if any, scores in
 * steps of `step`), or null when they can. All in hundredths.
 */
export function pointsProblem(points: Centi, max: Centi, step: Centi | null): Problem | null {
  if (!Number.isSafeInteger(points))
    return { code: "validation", vi: "Điểm có tối đa hai chữ số thập phân", en: "At most two decimals" };
  if (points < 0)
    return { code: "score.negative", vi: "Điểm không được âm", en: "Points cannot be negative" };
  if (points > max)
    return {
      code: "score.above_max",
      vi: `Điểm vượt điểm tối đa ${fmt(max)}`,
      en: `Points exceed the maximum of ${fmt(max).replace(",", ".")}`,
    };
  if (step && points % step !== 0)
    return {
      code: "score.not_on_step",
      vi: `Điểm phải là bội của ${fmt(step)}`,
      en: `Points must be a multiple of ${fmt(step).replace(",", ".")}`,
    };
  return null;
}

/** Reads typed points ("3,5", "3.5", "2") for a leaf: hundredths, or the problem to show. */
export function readPoints(
  text: string | number | null | undefined,
  max: Centi,
  step: Centi | null,
): { points: Centi } | { problem: Problem } {
  if (text === null || text === undefined || String(text).trim() === "")
    return { problem: { code: "score.missing_points", vi: "Nhập điểm", en: "Enter the points" } };
  const c = parseCenti(text);
  if (c === null)
    return {
      problem: {
        code: "validation",
        vi: "Điểm là số có tối đa hai chữ số thập phân, ví dụ 3,5",
        en: "Points are a number with at most two decimals, e.g. 3.5",
      },
    };
  const p = pointsProblem(c, max, step);
  return p ? { problem: p } : { points: c };
}

/** The grid of a manual rule, in hundredths, else null. */
export function ruleStep(rule: unknown): Centi | null {
  const r = rule as { kind?: string; step?: number } | null;
  return r?.kind === "manual" && typeof r.step === "number" && r.step > 0 ? r.step : null;
}

/** A rule other than "manual" computes the points from what the agency measured. */
export function computesPoints(rule: unknown): boolean {
  const k = (rule as { kind?: string } | null)?.kind;
  return !!k && k !== "manual";
}

/** What a rule asks the agency to type: a percent, a count, a timeliness status, pass/fail, survey answers. */
export type RuleField =
  | { name: string; indicator: string; type: "percent" | "count" }
  | { name: "status"; type: "status" }
  | { name: "passed"; type: "passed" }
  | { name: string; option: string; type: "answers" };

export function ruleFields(rule: unknown): RuleField[] {
  const r = rule as { kind?: string; indicator?: string; weights?: Record<string, number> } | null;
  switch (r?.kind) {
    case "percent_bands":
    case "linear":
      return [{ name: `values.${r.indicator}`, indicator: r.indicator as string, type: "percent" }];
    case "count_threshold":
    case "deduction":
      return [{ name: `values.${r.indicator}`, indicator: r.indicator as string, type: "count" }];
    case "timeliness":
      return [{ name: "status", type: "status" }];
    case "pass_fail":
      return [{ name: "passed", type: "passed" }];
    case "survey":
      return Object.keys(r.weights ?? {}).map((o) => ({ name: `answers.${o}`, option: o, type: "answers" }));
    default:
      return [];
  }
}

/**
 * Reads a typed indicator value: a percent ("80,5" → 8050 hundredths of a percent, 0..100) or a
 * count (a whole number ≥ 0), the units core/rules.ts evaluates.
 */
export function readIndicator(
  text: string | number | null | undefined,
  type: "percent" | "count" | "answers",
): { value: number } | { problem: Problem } {
  if (text === null || text === undefined || String(text).trim() === "")
    return { problem: { code: "rule.missing_input", vi: "Nhập giá trị", en: "Enter a value" } };
  if (type === "percent") {
    const c = parseCenti(String(text).replace("%", ""));
    if (c === null || c < 0 || c > 10000)
      return {
        problem: {
          code: "rule.bad_percent",
          vi: "Tỉ lệ từ 0 đến 100 (%), tối đa hai chữ số thập phân",
          en: "A percentage from 0 to 100, at most two decimals",
        },
      };
    return { value: c };
  }
  const s = String(text).trim();
  if (!/^\d{1,9}$/.test(s))
    return {
      problem: { code: "rule.not_integer", vi: "Số nguyên không âm", en: "A whole number, 0 or more" },
    };
  return { value: Number(s) };
}

// ---- request bodies ----

export const ruleInputsBody = z
  .object({
    points: pointsValue.optional(),
    status: z.enum(["on_time", "late", "not_done"]).optional(),
    due: z.string().optional(),
    done: z.string().optional(),
    passed: z.boolean().optional(),
    values: z.record(z.string(), z.number()).optional(),
    answers: z.record(z.string(), z.number().int().min(0)).optional(),
  })
  .strict();

export const explanationText = z.string().max(5000);

/** PUT …/scores/:code: points, or the inputs of the criterion's rule; an explanation left out is kept. */
export const selfScoreBody = z
  .object({
    points: pointsValue.optional(),
    inputs: ruleInputsBody.optional(),
    explanation: explanationText.nullable().optional(),
  })
  .strict();

export const remarkText = z.string().max(5000);
export const appraisalBody = z
  .object({ points: pointsValue, remark: remarkText.nullable().optional() })
  .strict();

export const replyText = z.string().trim().min(1).max(5000);
export const replyBody = z.object({ reply: replyText }).strict();

export const evidenceNote = z.string().max(2000);
export const evidenceUrl = z.url({ protocol: /^https?$/ });
export const docNumber = z.string().trim().min(3).max(100);

export const evidenceBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("link"), url: evidenceUrl, note: evidenceNote.optional() }),
  z.object({ kind: z.literal("document"), docNumber, note: evidenceNote.optional() }),
  z.object({ kind: z.literal("explanation"), note: z.string().min(1).max(5000) }),
]);

/** POST …/scores/:code/evidence/attach: one of the agency's task evidence items. */
export const attachBody = z.object({ evidenceId: idNumber }).strict();

export const HISTORY_ACTIONS = [
  "self_assessed",
  "appraised",
  "confirmed",
  "replied",
  "evidence_added",
  "evidence_removed",
  "applicability",
  "submitted",
  "withdrawn",
  "appraisal_completed",
  "returned_to_appraisal",
  "finalised",
  "reopened",
  "excluded",
  "included",
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** MIME types a browser shows inline; every other evidence file is served as a download. */
export const INLINE_MIME = ["application/pdf", "image/png", "image/jpeg"] as const;
export const isInlineMime = (mime: string | null | undefined) =>
  !!mime && (INLINE_MIME as readonly string[]).includes(mime);

/** POST …/confirm: accept the self-assessed points of these leaves (all the caller appraises when left out). */
export const confirmBody = z
  .object({ nodeCodes: z.array(z.string().min(1).max(40)).max(500).optional() })
  .strict();

/** POST …/reopen: why a finalised result is reopened. */
export const reopenBody = z.object({ reason: z.string().trim().min(10).max(2000) }).strict();
