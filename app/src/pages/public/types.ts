/** The answers of the public endpoints (GET /public/…): published results only, as published. */
import type {
  AreaResult,
  Decision,
  PlanGoals,
  PublicationVersion,
  RankingRow,
  TaskFields,
} from "../../types/api.ts";

/** A published cycle as GET /public/overview lists it. */
export interface PublicCycle {
  id: number;
  year: number;
  group: string;
  provinceId: number;
  province: string;
  /** The first publication; a correction keeps it. */
  publishedAt: string | null;
  /** The current version: 2 and more after a correction. */
  version: number;
  /** How many agencies the current version ranks. */
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

/** An agency's row in a publication, with its areas. */
export interface RankingItem extends RankingRow {
  areas: AreaResult[];
}

/** An agency's headline figures in one version (null where it was not ranked). */
export interface Headline {
  points: number;
  max: number;
  percent: number | null;
  rank: number | null;
  grade: string | null;
}

/** A correction: the version it made, why, and each agency's old → new figures. */
export interface Correction extends PublicationVersion {
  changes: { agencyId: number; name: string; old: Headline | null; new: Headline | null }[];
}

/** GET /public/cycles/:id (the current version) and /public/cycles/:id/versions/:n (an earlier one). */
export interface PublishedCycle {
  cycle: {
    id: number;
    year: number;
    group: string;
    provinceId: number;
    province: string;
    framework: { code: string; title: string };
    firstPublishedAt: string;
  };
  publication: PublicationVersion & { current: boolean };
  currentVersion: number;
  versions: { version: number; publishedAt: string; reason: string | null; decision: Decision | null }[];
  /** Newest first, up to the version shown. */
  corrections: Correction[];
  areas: { code: string; title: string; max: number }[];
  items: RankingItem[];
  /** Participants left out of this ranking, with the reason. */
  excluded: { agencyId: number; code: string; name: string; reason: string }[];
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
    /** The current version of the cycle's publication. */
    version: number;
    /** Set when the agency was left out of that ranking; its result is then null. */
    excludedReason: string | null;
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
