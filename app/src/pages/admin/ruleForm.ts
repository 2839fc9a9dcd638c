/**
 * The scoring-rule form of the framework editor: a leaf's rule as the person types it (points and
 * percents as decimal text, "1,5" or "90"), turned into the rule JSON the server stores, checked by
 * core's validateRule against the leaf's max, and tried on a sample value with core's evaluateRule —
 * the same functions that score the criterion, so the preview is what scoring will give.
 */
import { type Centi, parseCenti } from "../../../../core/decimal.ts";
import { formatPoints } from "../../../../core/locale.ts";
import {
  evaluateRule,
  RuleError,
  type RuleInput,
  type RuleKind,
  type ScoringRuleInput,
  type TimelinessStatus,
  validateRule,
} from "../../../../core/rules.ts";

export const RULE_KINDS: readonly RuleKind[] = [
  "manual",
  "percent_bands",
  "count_threshold",
  "linear",
  "deduction",
  "timeliness",
  "pass_fail",
  "survey",
];

export interface ThresholdRow {
  atLeast: string;
  points: string;
}

/** Every field of every kind, as typed; only the chosen kind's fields are read. */
export interface RuleDraft {
  kind: RuleKind;
  step: string;
  onTime: string;
  late: string;
  notDone: string;
  pass: string;
  fail: string;
  indicator: string;
  rows: ThresholdRow[];
  from: string;
  to: string;
  perUnit: string;
  floor: string;
  weights: { option: string; weight: string }[];
}

const text = (c: Centi | undefined) => (c === undefined ? "" : formatPoints(c));

/** A fresh draft of `kind` with sensible defaults for a leaf worth `max`. */
export function emptyDraft(kind: RuleKind = "manual", max: Centi = 100): RuleDraft {
  return {
    kind,
    step: "0,25",
    onTime: text(max),
    late: text(Math.floor(max / 2)),
    notDone: "0",
    pass: text(max),
    fail: "0",
    indicator: "",
    rows:
      kind === "count_threshold"
        ? [{ atLeast: "1", points: text(max) }]
        : [
            { atLeast: "70", points: text(Math.floor(max / 2)) },
            { atLeast: "90", points: text(max) },
          ],
    from: "50",
    to: "100",
    perUnit: "0,25",
    floor: "0",
    weights: [
      { option: "A", weight: "100" },
      { option: "B", weight: "60" },
      { option: "C", weight: "20" },
      { option: "D", weight: "0" },
    ],
  };
}

/** The draft of a stored rule (an unknown or broken one starts over as manual scoring). */
export function draftOf(rule: unknown, max: Centi): RuleDraft {
  const r = rule as ScoringRuleInput | undefined | null;
  if (!r || typeof r !== "object" || !RULE_KINDS.includes(r.kind)) return emptyDraft("manual", max);
  const d = emptyDraft(r.kind, max);
  switch (r.kind) {
    case "manual":
      return { ...d, step: text(r.step) };
    case "timeliness":
      return { ...d, onTime: text(r.onTime), late: text(r.late), notDone: text(r.notDone) };
    case "pass_fail":
      return { ...d, pass: text(r.pass), fail: text(r.fail) };
    case "percent_bands":
      return {
        ...d,
        indicator: r.indicator,
        rows: r.bands.map((b) => ({ atLeast: text(b.atLeast), points: text(b.points) })),
      };
    case "count_threshold":
      return {
        ...d,
        indicator: r.indicator,
        rows: r.steps.map((b) => ({ atLeast: String(b.atLeast), points: text(b.points) })),
      };
    case "linear":
      return { ...d, indicator: r.indicator, from: text(r.from), to: text(r.to) };
    case "deduction":
      return { ...d, indicator: r.indicator, perUnit: text(r.perUnit), floor: text(r.floor ?? 0) };
    case "survey":
      return {
        ...d,
        weights: Object.entries(r.weights).map(([option, w]) => ({
          option,
          weight: String(w).replace(".", ","),
        })),
      };
  }
}

export interface DraftResult {
  /** The rule to store, when every field could be read and core's checks pass. */
  rule: ScoringRuleInput | null;
  /** Fields that are not numbers, by field path ("rows.1.points"). */
  unreadable: string[];
  /** core's validateRule problems ("path: tiếng Việt / English"). */
  problems: string[];
}

/** Reads the draft into a rule and checks it against the leaf's max. */
export function ruleOf(d: RuleDraft, max: Centi): DraftResult {
  const unreadable: string[] = [];
  const centi = (field: string, v: string) => {
    const c = parseCenti(v.trim());
    if (c === null || c < 0) unreadable.push(field);
    return c ?? 0;
  };
  const count = (field: string, v: string) => {
    const n = /^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : null;
    if (n === null) unreadable.push(field);
    return n ?? 0;
  };
  const indicator = d.indicator.trim();
  let rule: ScoringRuleInput;
  switch (d.kind) {
    case "manual":
      rule = { kind: "manual", step: centi("step", d.step) };
      break;
    case "timeliness":
      rule = {
        kind: "timeliness",
        onTime: centi("onTime", d.onTime),
        late: centi("late", d.late),
        notDone: centi("notDone", d.notDone),
      };
      break;
    case "pass_fail":
      rule = { kind: "pass_fail", pass: centi("pass", d.pass), fail: centi("fail", d.fail) };
      break;
    case "percent_bands":
      rule = {
        kind: "percent_bands",
        indicator,
        bands: d.rows.map((r, i) => ({
          atLeast: centi(`rows.${i}.atLeast`, r.atLeast),
          points: centi(`rows.${i}.points`, r.points),
        })),
      };
      break;
    case "count_threshold":
      rule = {
        kind: "count_threshold",
        indicator,
        steps: d.rows.map((r, i) => ({
          atLeast: count(`rows.${i}.atLeast`, r.atLeast),
          points: centi(`rows.${i}.points`, r.points),
        })),
      };
      break;
    case "linear":
      rule = { kind: "linear", indicator, from: centi("from", d.from), to: centi("to", d.to) };
      break;
    case "deduction":
      rule = {
        kind: "deduction",
        indicator,
        perUnit: centi("perUnit", d.perUnit),
        floor: centi("floor", d.floor),
      };
      break;
    case "survey": {
      const weights: Record<string, number> = {};
      d.weights.forEach((w, i) => {
        const c = parseCenti(w.weight.trim());
        // An option named twice would silently keep one weight: it is named as a field to fix.
        if (c === null || !w.option.trim() || w.option.trim() in weights) unreadable.push(`weights.${i}`);
        else weights[w.option.trim()] = c / 100;
      });
      rule = { kind: "survey", weights };
      break;
    }
  }
  if (unreadable.length) return { rule: null, unreadable, problems: [] };
  const problems = validateRule(rule, max);
  return { rule: problems.length ? null : rule, unreadable, problems };
}

/** A sample to try the rule on: the measured value, the status, or the survey's answers. */
export interface Sample {
  /** percent_bands, linear: a percent ("85,5"); count_threshold, deduction: a count; manual: points. */
  value?: string;
  status?: TimelinessStatus;
  passed?: boolean;
  /** survey: option → respondents ("12"). */
  answers?: Record<string, string>;
}

export type Preview = { ok: true; points: Centi; detail: string } | { ok: false; vi: string; en: string };

/** The points the rule gives for the sample, exactly as scoring computes them. */
export function preview(rule: ScoringRuleInput, max: Centi, s: Sample): Preview {
  const input: RuleInput = {};
  const value = (s.value ?? "").trim();
  switch (rule.kind) {
    case "manual":
      input.points = parseCenti(value) ?? Number.NaN;
      break;
    case "percent_bands":
    case "linear":
      input.values = { [rule.indicator]: parseCenti(value) ?? Number.NaN };
      break;
    case "count_threshold":
    case "deduction":
      input.values = { [rule.indicator]: /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN };
      break;
    case "timeliness":
      input.status = s.status ?? "on_time";
      break;
    case "pass_fail":
      input.passed = s.passed ?? true;
      break;
    case "survey":
      input.answers = Object.fromEntries(
        Object.entries(s.answers ?? {}).map(([k, v]) => [
          k,
          /^\d{1,9}$/.test(v.trim()) ? Number(v) : Number.NaN,
        ]),
      );
      break;
  }
  try {
    const r = evaluateRule(rule, max, input);
    return { ok: true, points: r.points, detail: r.detail };
  } catch (e) {
    if (e instanceof RuleError) return { ok: false, vi: e.messageVi, en: e.messageEn };
    throw e;
  }
}
