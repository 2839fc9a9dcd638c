/** The shapes of the API answers the province pages read (see server/modules/cycles and ranking). */

export interface Cycle {
  id: number;
  year: number;
  frameworkId: number;
  provinceId: number;
  group: string;
  selfAssessmentOpens: string | null;
  selfAssessmentCloses: string | null;
  appraisalCloses: string | null;
  publishedAt: string | null;
  published: boolean;
}

export interface Participant {
  agencyId: number;
  code: string;
  name: string;
  status: "draft" | "submitted" | "finalised";
  sample: boolean;
}

export type CycleDetail = Cycle & { participants: Participant[] };

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

export interface AreaResult {
  code: string;
  title: string;
  max: number;
  points: number;
  percent: number | null;
  applicable: boolean;
}

export interface Comparison {
  cycle: Cycle;
  areas: { code: string; title: string; max: number }[];
  agencies: (RankingRow & { areas: AreaResult[] })[];
}

export interface Appraisers {
  areas: { code: string; title: string }[];
  items: { areaCode: string; userId: number; username: string; displayName: string }[];
  candidates: { id: number; username: string; displayName: string; agencyId: number | null }[];
}

export interface FrameworkMeta {
  id: number;
  code: string;
  title: string;
  year: number;
  version: number;
  inUse: boolean;
}

export interface AgencyItem {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  group: string | null;
}
