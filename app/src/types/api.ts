/**
 * API answer shapes that more than one journey reads (the same server code answers them): a ranking
 * row, an area's result, a plan's targets. Journey-only shapes stay in the journey's own types file.
 */

/** One agency in a cycle's ranking (GET /cycles/:id/ranking, /public/rankings/:id, …/compare). */
export interface RankingRow {
  agencyId: number;
  agency: string;
  code: string;
  group: string;
  sample: boolean;
  points: number;
  max: number;
  percent: number | null;
  grade: string | null;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

/** An agency's points in one area of a cycle (GET /agencies/:id/index, /cycles/:id/compare). */
export interface AreaResult {
  code: string;
  title: string;
  max: number;
  points: number;
  percent: number | null;
  applicable: boolean;
}

/** A plan's target for one area against last cycle's baseline (GET /plans/:id, /public/plans/:id). */
export interface AreaTarget {
  areaCode: string;
  title: string;
  target: number;
  max: number;
  baseline: number | null;
  delta: number | null;
  kept: boolean;
}

/** A plan's overall goal and its targets per area (GET /plans/:id, /public/plans/:id). */
export interface PlanGoals {
  overallTarget: { percentAtLeast: number | null; rankGainMin: number | null; rankGainMax: number | null };
  targets: {
    points: number;
    max: number;
    percent: number | null;
    baselinePoints: number | null;
    baselinePercent: number | null;
    areas: AreaTarget[];
  };
}

/** A piece of evidence as task updates and scores list it. */
export interface EvidenceRef {
  id: number;
  kind: "file" | "link" | "document" | "explanation";
  fileName: string | null;
  url: string | null;
  docNumber: string | null;
  note: string | null;
}
