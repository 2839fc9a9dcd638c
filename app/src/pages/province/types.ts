/** The shapes of the API answers the province pages read (see server/modules/cycles and ranking). */
import type { AreaResult, RankingRow } from "../../types/api.ts";

export type { RankingRow };

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
  /** open, published, or correcting (a published cycle reopened for a correction). */
  state: "open" | "published" | "correcting";
}

export interface Participant {
  agencyId: number;
  code: string;
  name: string;
  status: "draft" | "submitted" | "appraised" | "finalised";
  sample: boolean;
  /** Left out of the ranking, with the reason the public page shows. */
  excludedReason: string | null;
}

export type CycleDetail = Cycle & { participants: Participant[]; correctionReason: string | null };

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
