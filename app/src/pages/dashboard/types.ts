/** The answer of GET /agencies/:id/dashboard and POST /agencies/:id/what-if, as the pages use them. */
import type { TaskStatus } from "../../../../core/plan.ts";

export interface CycleEntry {
  cycleId: number;
  year: number;
  group: string;
  published: boolean;
  points: number;
  max: number;
  percent: number | null;
  grade: string | null;
  missing: number;
  rankVisible: boolean;
  rank: number | null;
  rankOf: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

export interface AreaRow {
  code: string;
  title: string;
  applicable: boolean;
  max: number;
  points: number;
  percent: number | null;
  previousPoints: number | null;
  previousMax: number | null;
  previousPercent: number | null;
  target: number | null;
  targetPercent: number | null;
}

export interface RiskTask {
  id: number;
  planId: number;
  section: string | null;
  title: string;
  startsOn: string | null;
  due: string | null;
  status: TaskStatus;
  progress: number;
  expectedProgress: number | null;
  overdue: boolean;
  behind: boolean;
}

export interface RiskArea {
  areaCode: string;
  title: string;
  target: number;
  baseline: number | null;
  max: number;
  kept: boolean;
  points: number;
  tasks: RiskTask[];
}

export interface WhatIfArea {
  code: string;
  title: string;
  max: number;
  current: number;
  start: number;
}

export interface Dashboard {
  agency: { id: number; code: string; name: string };
  current: CycleEntry | null;
  previous: CycleEntry | null;
  target: {
    planId: number;
    year: number;
    number: string | null;
    code: string | null;
    title: string;
    issuedOn: string | null;
    points: number;
    max: number;
    percent: number | null;
    percentAtLeast: number | null;
    rankGainMin: number | null;
    rankGainMax: number | null;
  } | null;
  areas: AreaRow[];
  trend: CycleEntry[];
  ranking: {
    cycleId: number;
    year: number;
    published: boolean;
    rank: number;
    rankOf: number;
    previousRank: number | null;
    rankChange: number | null;
  } | null;
  gap: {
    year: number;
    items: {
      code: string;
      title: string;
      points: number;
      max: number;
      lost: number;
      percent: number | null;
    }[];
  } | null;
  atRisk: { today: string; planId: number; points: number; areas: RiskArea[] } | null;
  whatIf: { baseYear: number; available: boolean; planYear: number | null; areas: WhatIfArea[] } | null;
}

export interface WhatIfAnswer {
  baseYear: number;
  points: number;
  max: number;
  percent: number | null;
  rank: number | null;
  of: number;
  currentRank: number | null;
  /** Places gained (+) or lost (−) against the base year's rank. */
  rankChange: number | null;
  currentPercent: number | null;
  areas: { code: string; current: number; predicted: number; max: number }[];
}
