/**
 * The index: achieved points ÷ applicable max points × 100, for an agency overall, per area and per
 * criterion. A node that does not apply to an agency leaves the denominator (that is why the 2019
 * Quảng Nam areas add up to 93, not 100).
 */
import { type Centi, percentCenti } from "./decimal.ts";
import type { FrameworkTree } from "./framework.ts";

export interface NodeResult {
  code: string;
  achieved: Centi;
  /** Max points that apply to this agency (not-applicable descendants removed). */
  max: Centi;
  /** Hundredths of a percent, null when nothing applies. */
  percent: Centi | null;
  applicable: boolean;
  /** Leaves under this node that apply but have no score yet. */
  missing: number;
}

export interface IndexResult {
  achieved: Centi;
  max: Centi;
  percent: Centi | null;
  missing: number;
  nodes: Map<string, NodeResult>;
}

/**
 * scores: points per node code. A score on an inner node counts for the node as a whole (a result
 * recorded at area level, as the 2018 results are); otherwise an inner node sums its children.
 */
export function computeIndex(
  tree: FrameworkTree,
  scores: ReadonlyMap<string, Centi>,
  notApplicable: ReadonlySet<string> = new Set(),
): IndexResult {
  const nodes = new Map<string, NodeResult>();
  const visit = (code: string): NodeResult => {
    const node = tree.nodes.get(code)!;
    const kids = tree.children.get(code) ?? [];
    let r: NodeResult;
    if (notApplicable.has(code)) {
      r = { code, achieved: 0, max: 0, percent: null, applicable: false, missing: 0 };
      for (const k of kids) markNotApplicable(k.code);
    } else if (scores.has(code)) {
      // A score on the node as a whole was given against its full max, so the children's
      // applicability does not change its denominator. Children still get a row for display.
      r = { code, achieved: scores.get(code)!, max: node.max, percent: null, applicable: true, missing: 0 };
      for (const k of kids) visit(k.code);
    } else if (kids.length === 0) {
      r = { code, achieved: 0, max: node.max, percent: null, applicable: true, missing: 1 };
    } else {
      let achieved = 0;
      let removed = 0;
      let missing = 0;
      for (const k of kids) {
        const kr = visit(k.code);
        achieved += kr.achieved;
        removed += k.max - kr.max;
        missing += kr.missing;
      }
      r = { code, achieved, max: node.max - removed, percent: null, applicable: true, missing };
    }
    r.percent = r.applicable ? percentCenti(r.achieved, r.max) : null;
    nodes.set(code, r);
    return r;
  };
  const markNotApplicable = (code: string) => {
    nodes.set(code, { code, achieved: 0, max: 0, percent: null, applicable: false, missing: 0 });
    for (const k of tree.children.get(code) ?? []) markNotApplicable(k.code);
  };
  let achieved = 0;
  let max = 0;
  let missing = 0;
  for (const a of tree.areas) {
    const r = visit(a.code);
    achieved += r.achieved;
    max += r.max;
    missing += r.missing;
  }
  return { achieved, max, percent: percentCenti(achieved, max), missing, nodes };
}

/** Checks points against a node before they are stored: the precise reason, or null when fine. */
export function checkPoints(
  tree: FrameworkTree,
  code: string,
  points: Centi,
): { code: string; message: string } | null {
  const node = tree.nodes.get(code);
  if (!node) return { code: "score.unknown_criterion", message: `Unknown criterion ${code}` };
  if (!Number.isInteger(points))
    return { code: "score.not_decimal", message: "Points have at most two decimals" };
  if (points < 0) return { code: "score.negative", message: "Points cannot be negative" };
  if (points > node.max) return { code: "score.above_max", message: `Points exceed the max of ${code}` };
  return null;
}
