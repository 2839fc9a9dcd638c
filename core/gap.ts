/**
 * Gap analysis (points lost per node in the last cycle, biggest first) and what-if (the index and rank
 * an agency would reach if its plan's area targets were met, against the others' latest results).
 */
import { type Centi, percentCenti } from "./decimal.ts";
import type { FrameworkTree } from "./framework.ts";
import { type RankInput, type RankOptions, rank } from "./ranking.ts";
import type { IndexResult } from "./scoring.ts";

export interface Gap {
  code: string;
  title: string;
  kind: string;
  achieved: Centi;
  max: Centi;
  lost: Centi;
  percent: Centi | null;
}

/** Points lost per node at the given depth (areas by default), sorted by what can be won back. */
export function gapAnalysis(
  tree: FrameworkTree,
  result: IndexResult,
  level: "area" | "leaf" = "area",
): Gap[] {
  const gaps: Gap[] = [];
  for (const node of tree.nodes.values()) {
    const isArea = node.parentCode === null;
    const leaf = (tree.children.get(node.code)?.length ?? 0) === 0;
    if (level === "area" ? !isArea : !leaf) continue;
    const r = result.nodes.get(node.code);
    if (!r?.applicable) continue;
    if (level === "leaf" && r.missing > 0 && coveredByAncestor(tree, result, node.parentCode)) continue;
    gaps.push({
      code: node.code,
      title: node.title,
      kind: node.kind,
      achieved: r.achieved,
      max: r.max,
      lost: r.max - r.achieved,
      percent: r.percent,
    });
  }
  return gaps.sort((a, b) => b.lost - a.lost || a.code.localeCompare(b.code, "vi", { numeric: true }));
}

/**
 * A leaf with no score under an ancestor that has none missing sits below a node scored as a whole
 * (a result recorded at area level): its points are in the ancestor's, not lost.
 */
function coveredByAncestor(tree: FrameworkTree, result: IndexResult, code: string | null): boolean {
  for (let c = code; c !== null; c = tree.nodes.get(c)?.parentCode ?? null) {
    if (result.nodes.get(c)?.missing === 0) return true;
  }
  return false;
}

export interface WhatIfResult {
  achieved: Centi;
  max: Centi;
  percent: Centi | null;
  rank: number | null;
  of: number;
  currentRank: number | null;
}

/**
 * areaPoints replaces the agency's points for the areas it names (targets met); other areas keep the
 * current result. The others are ranked as they stand.
 */
export function whatIf<K>(
  agency: K,
  current: { byArea: ReadonlyMap<string, { achieved: Centi; max: Centi }> },
  areaPoints: ReadonlyMap<string, Centi>,
  others: readonly RankInput<K>[],
  opts: RankOptions = {},
): WhatIfResult {
  let achieved = 0;
  let max = 0;
  let curAchieved = 0;
  for (const [code, r] of current.byArea) {
    achieved += areaPoints.has(code) ? Math.min(areaPoints.get(code)!, r.max) : r.achieved;
    curAchieved += r.achieved;
    max += r.max;
  }
  const field = others.filter((o) => o.key !== agency);
  const predicted = rank([...field, { key: agency, achieved, max }], opts);
  const now = rank([...field, { key: agency, achieved: curAchieved, max }], opts);
  return {
    achieved,
    max,
    percent: percentCenti(achieved, max),
    rank: predicted.find((r) => r.key === agency)?.rank ?? null,
    of: predicted.length,
    currentRank: now.find((r) => r.key === agency)?.rank ?? null,
  };
}
