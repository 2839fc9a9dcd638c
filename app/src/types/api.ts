/**
 * API answer shapes that more than one journey reads (the same server code answers them): a ranking
 * row, an area's result, a plan's targets and tasks. Journey-only shapes stay in the journey's own
 * types file.
 */

import type { TaskStatus } from "../../../core/plan.ts";

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

/** A unit named on a task (the public plan leaves out the unit's kind). */
export interface UnitName {
  id: number;
  name: string;
  shortName: string | null;
}

/**
 * A plan's task as GET /plans/:id lists it; /public/plans/:id republishes the same task with fewer
 * fields (no planId, units without their kind, targets as text), so each journey extends this.
 */
export interface TaskFields {
  id: number;
  section: string | null;
  title: string;
  body: string | null;
  areaCode: string | null;
  startsOn: string | null;
  due: string | null;
  period: string | null;
  status: TaskStatus;
  progress: number;
  overdue: boolean;
  leadUnits: UnitName[];
  coordinatingUnits: UnitName[];
}

/** The decision that announced a cycle's results, e.g. 617/QĐ-UBND of 2023-03-29. */
export interface Decision {
  number: string;
  code: string;
  /** ISO date. */
  date: string;
}

/** One published version of a cycle's results (GET /cycles/:id/publications, /public/cycles/:id). */
export interface PublicationVersion {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  decision: Decision | null;
  /** Why this version corrects the one before; null for the first publication. */
  reason: string | null;
  /** The audit trail's head when it was published: a later rewrite of history would not match it. */
  auditHead: { length: number; hash: string };
  /** SHA-256 of the published snapshot. */
  hash: string;
}

/** One entry of the audit trail (GET /audit, /cycles/:id/history). */
export interface AuditEntry {
  id: number;
  at: string;
  actor: {
    id: number | null;
    name: string | null;
    displayName: string | null;
    role: string | null;
    session: string | null;
    ip: string | null;
  };
  /** "<entity>.<verb>", e.g. "cycle.published", "score.appraised". */
  action: string;
  entity: string;
  entityId: string;
  provinceId: number | null;
  agencyId: number | null;
  cycleId: number | null;
  planId: number | null;
  before: unknown;
  after: unknown;
  note: string | null;
  hash: string;
  /** The names of the cycle and the agency the entry is about, where it is about one. */
  about: { cycle: { year: number; group: string } | null; agency: string | null };
}

/** GET /audit: newest first; `nextBeforeId` asks for the page of older entries. */
export interface AuditPage {
  items: AuditEntry[];
  nextBeforeId: number | null;
}

/** GET /audit/verify: the chain recomputed, or the first entry that does not fit. */
export type AuditCheck =
  | { ok: true; length: number; head: string }
  | { ok: false; length: number; entryId: number; reason: string };
