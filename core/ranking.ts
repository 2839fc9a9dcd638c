/**
 * Ranking within a group: equal index → equal rank, the next rank skipped (1, 2, 2, 4). The index is
 * rounded to a configurable number of decimals before comparing, as published league tables do.
 */
import { type Centi, divRound, percentCenti } from "./decimal.ts";

export interface RankInput<K = string> {
  key: K;
  achieved: Centi;
  max: Centi;
}

export interface Ranked<K = string> extends RankInput<K> {
  /** Hundredths of a percent, rounded half up. */
  percent: Centi;
  rank: number;
}

export interface RankOptions {
  /**
   * Decimals of the percentage compared when ranking: 2 (default) ranks 81,084 % and 81,075 % equal
   * (both 81,08 %); null compares exact fractions.
   */
  decimals?: 0 | 1 | 2 | null;
}

function roundedPercent(achieved: Centi, max: Centi, decimals: 0 | 1 | 2): number {
  const scale = 10 ** decimals; // percent × scale
  return divRound(achieved * 100 * scale, max);
}

/** Ranks entries by index, descending. Entries with max 0 (nothing applies) are left out. */
export function rank<K>(entries: readonly RankInput<K>[], opts: RankOptions = {}): Ranked<K>[] {
  const decimals = opts.decimals === undefined ? 2 : opts.decimals;
  const rows = entries.filter((e) => e.max > 0);
  const cmp =
    decimals === null
      ? (a: RankInput<K>, b: RankInput<K>) => b.achieved * a.max - a.achieved * b.max
      : (() => {
          const keyOf = new Map<RankInput<K>, number>();
          for (const r of rows) keyOf.set(r, roundedPercent(r.achieved, r.max, decimals));
          return (a: RankInput<K>, b: RankInput<K>) => keyOf.get(b)! - keyOf.get(a)!;
        })();
  const sorted = [...rows].sort(cmp);
  const out: Ranked<K>[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    const r = i > 0 && cmp(sorted[i - 1], e) === 0 ? out[i - 1].rank : i + 1;
    out.push({ ...e, percent: percentCenti(e.achieved, e.max)!, rank: r });
  }
  return out;
}

export interface GradeBand {
  grade: string;
  /** Lower bound in hundredths of a percent, inclusive. */
  atLeast: Centi;
}

/** National 2018 bands: A ≥ 80 %, B 75–80, C 70–75, D < 70. Cycles may configure others. */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { grade: "A", atLeast: 8000 },
  { grade: "B", atLeast: 7500 },
  { grade: "C", atLeast: 7000 },
  { grade: "D", atLeast: 0 },
];

export function gradeFor(
  percent: Centi | null,
  bands: readonly GradeBand[] = DEFAULT_GRADE_BANDS,
): string | null {
  if (percent === null) return null;
  let best: GradeBand | null = null;
  for (const b of bands) if (percent >= b.atLeast && (!best || b.atLeast > best.atLeast)) best = b;
  return best?.grade ?? null;
}

export function validateGradeBands(bands: readonly GradeBand[]): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const b of bands) {
    if (!b.grade.trim()) problems.push("A grade band has no name");
    if (!Number.isInteger(b.atLeast) || b.atLeast < 0 || b.atLeast > 10000)
      problems.push(`Band ${b.grade}: the threshold must be between 0 and 100 %`);
    if (seen.has(b.atLeast)) problems.push(`Two bands start at the same threshold`);
    seen.add(b.atLeast);
  }
  return problems;
}

/** Places gained since the previous cycle (positive = moved up); null when not ranked before. */
export function rankChange(current: number, previous: number | undefined | null): number | null {
  return previous == null ? null : previous - current;
}
