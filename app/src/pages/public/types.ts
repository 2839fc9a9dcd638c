/** The answers of the public endpoints (GET /public/…, /cycles/:id/ranking, /agencies/:id/index). */
import type { AreaResult, PlanGoals, RankingRow, TaskFields } from "../../types/api.ts";

export interface PublicCycle {
  id: number;
  year: number;
  group: string;
  provinceId: number;
  province: string;
  published: boolean;
  publishedAt: string | null;
  agencies: number;
}

export interface PlanRef {
  id: number;
  year: number;
  number: string | null;
  code: string | null;
  title: string;
  issuedOn: string | null;
  publishedAt: string;
}

export interface Overview {
  cycles: PublicCycle[];
  plans: (PlanRef & { agency: { id: number; code: string; name: string } })[];
}

export type RankingItem = RankingRow;

export interface Ranking {
  cycle: { id: number; year: number; group: string; published: boolean; publishedAt: string | null };
  items: RankingItem[];
}

export interface PublicAgency {
  agency: {
    id: number;
    code: string;
    name: string;
    group: string | null;
    validFrom: string;
    validTo: string | null;
  };
  cycles: {
    cycleId: number;
    year: number;
    group: string;
    published: boolean;
    result: {
      points: number;
      max: number;
      percent: number | null;
      grade: string | null;
      rank: number | null;
      rankOf: number;
      previousRank: number | null;
      rankChange: number | null;
    } | null;
  }[];
  plans: PlanRef[];
}

export interface AgencyIndex {
  year: number;
  published: boolean;
  points: number;
  max: number;
  percent: number | null;
  grade: string | null;
  rank: number | null;
  rankOf: number | null;
  areas: AreaResult[];
}

export interface PublicTask extends TaskFields {
  targets: string[];
}

export interface PublicPlan extends PlanRef, PlanGoals {
  agency: { id: number; code: string; name: string };
  place: string | null;
  implements: string | null;
  progress: {
    tasks: number;
    done: number;
    inProgress: number;
    notStarted: number;
    cancelled: number;
    overdue: number;
    percent: number | null;
  };
  tasks: PublicTask[];
}
