/**
 * A scoring rule in words, in Vietnamese or English, for the framework editor and wherever a leaf's
 * rule is shown: "≥ 90%: 2 điểm; 70%–90%: 1 điểm; dưới 70%: 0". Pure.
 */
import type { Centi } from "./decimal.ts";
import { formatPoints } from "./locale.ts";
import type { ScoringRuleInput } from "./rules.ts";

export type RuleLang = "vi" | "en";

const WORDS = {
  vi: {
    points: "điểm",
    point: "điểm",
    below: "dưới",
    manual: (max: string, step: string) => `Chấm trực tiếp 0–${max} điểm, bước ${step}`,
    onTime: "Đúng hạn",
    late: "trễ hạn",
    notDone: "không thực hiện",
    pass: "Đạt",
    fail: "không đạt",
    linear: "tuyến tính",
    deduction: (max: string, per: string, floor: string) =>
      `${max}, trừ ${per} mỗi trường hợp, tối thiểu ${floor}`,
    survey: (max: string, ws: string) => `Điều tra xã hội học: ${max} × trọng số bình quân (${ws})`,
  },
  en: {
    points: "points",
    point: "point",
    below: "below",
    manual: (max: string, step: string) => `Scored directly 0–${max} points, in steps of ${step}`,
    onTime: "On time",
    late: "late",
    notDone: "not done",
    pass: "Passed",
    fail: "failed",
    linear: "linear",
    deduction: (max: string, per: string, floor: string) => `${max}, less ${per} per case, at least ${floor}`,
    survey: (max: string, ws: string) => `Sociological survey: ${max} × the mean weight (${ws})`,
  },
};

/** One line describing the rule of a leaf whose max is `max` (hundredths of a point). */
export function describeRule(rule: ScoringRuleInput, max: Centi, lang: RuleLang = "vi"): string {
  const w = WORDS[lang];
  const pts = (c: Centi) => (c === 0 ? "0" : `${formatPoints(c)} ${c === 100 ? w.point : w.points}`);
  const pct = (c: Centi) => `${formatPoints(c)}%`;
  switch (rule.kind) {
    case "manual":
      return w.manual(formatPoints(max), formatPoints(rule.step));
    case "timeliness":
      return `${w.onTime}: ${pts(rule.onTime)}; ${w.late}: ${pts(rule.late)}; ${w.notDone}: ${pts(rule.notDone)}`;
    case "pass_fail":
      return `${w.pass}: ${pts(rule.pass)}; ${w.fail}: ${pts(rule.fail)}`;
    case "percent_bands":
      return thresholds(rule.bands, pct, pts, w.below);
    case "count_threshold":
      return thresholds(rule.steps, String, pts, w.below);
    case "linear": {
      const cap = w.below.charAt(0).toUpperCase() + w.below.slice(1);
      return `${cap} ${pct(rule.from)}: 0; ${pct(rule.from)}–${pct(rule.to)}: ${w.linear}; ≥ ${pct(rule.to)}: ${pts(max)}`;
    }
    case "deduction":
      return w.deduction(pts(max), pts(rule.perUnit), pts(rule.floor ?? 0));
    case "survey": {
      const ws = Object.entries(rule.weights)
        .map(([o, x]) => `${o} ${String(x).replace(".", ",")}%`)
        .join(", ");
      return w.survey(pts(max), ws);
    }
  }
}

/**
 * Ascending thresholds as ranges, highest first: "≥ 90%: 2 điểm; 70%–90%: 1 điểm; dưới 70%: 0"
 * (each range includes its lower end). With a threshold at 0 nothing lies below it.
 */
function thresholds(
  list: readonly { atLeast: number; points: number }[],
  fmt: (v: number) => string,
  pts: (c: Centi) => string,
  below: string,
): string {
  const parts: string[] = [];
  for (let i = list.length - 1; i >= 0; i--) {
    const b = list[i];
    const range =
      i === list.length - 1 ? `≥ ${fmt(b.atLeast)}` : `${fmt(b.atLeast)}–${fmt(list[i + 1].atLeast)}`;
    parts.push(`${range}: ${pts(b.points)}`);
  }
  if (list.length === 0) parts.push(`${below}: 0`);
  else if (list[0].atLeast > 0) parts.push(`${below} ${fmt(list[0].atLeast)}: 0`);
  return parts.join("; ");
}
