/** The shapes the plan and task pages read from the API (GET /plans/:id, /tasks/:id, /me/tasks). */
import type { TASK_STATUSES } from "../../../../core/contracts/plans.ts";
import type { LintIssue } from "../../../../core/lint.ts";
import type { FieldChange, PlanChanges } from "../../../../core/plan-version.ts";
import type { AreaTarget, EvidenceRef, PlanGoals, TaskFields, UnitName } from "../../types/api.ts";

export type { AreaTarget, FieldChange, LintIssue, PlanChanges };

export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface UnitRef extends UnitName {
  kind: string;
  /** A unit group: the named divisions it stands for on this task; null while unresolved. */
  members?: UnitName[] | null;
}

export type TaskRole = "manager" | "lead" | "coordinating";

export interface MeasurableTarget {
  text: string;
  indicator: string | null;
  comparator: ">=" | ">" | "<=" | "<" | "=" | "done_by";
  /** null when the target names its quantity (`reference`) instead of a number. */
  value: number | string | null;
  /** A named quantity: "tổng biên chế được giao". */
  reference?: string | null;
  unit: string | null;
  /** Task detail only, for readers of the agency's private data. */
  latest?: { value: number; period: string; recordedAt: string } | null;
  met?: boolean | null;
}

export interface Task extends TaskFields {
  planId: number;
  leadUnits: UnitRef[];
  coordinatingUnits: UnitRef[];
  targets: MeasurableTarget[];
}

export interface MyTask extends Task {
  planYear: number;
  canUpdate: boolean;
  role: TaskRole | null;
}

export type Evidence = EvidenceRef;

export interface TaskUpdate {
  id: number;
  progress: number | null;
  status: TaskStatus | null;
  note: string | null;
  at: string;
  unit: string | null;
  by: string;
  /** The part the unit reported for: a coordinating unit's progress is its own part's. */
  role: TaskRole | null;
  evidence: Evidence[];
  /** The indicator value entered with the update. */
  indicator: { code: string; value: number; period: string } | null;
}

export interface FrameworkNodeRef {
  code: string;
  kind: "area" | "criterion" | "subcriterion";
  title: string;
  max: number;
}

export interface TaskDetail extends Task {
  plan: { id: number; agencyId: number; year: number; number: string | null; code: string | null };
  framework: { linked: FrameworkNodeRef | null; area: FrameworkNodeRef | null; criteria: FrameworkNodeRef[] };
  can: { edit: boolean; update: boolean; steer: boolean; role: TaskRole | null };
  view: "draft" | "published";
  unresolvedGroups: { id: number; name: string; field: "leadUnits" | "coordinatingUnits" }[];
  upload: { maxBytes: number; extensions: string[] };
  updates: TaskUpdate[] | null;
  /** Each coordinating unit's own part: the progress it last reported. */
  parts: { unitId: number; unit: string | null; progress: number; at: string }[] | null;
}

export interface PlanVersion {
  version: number;
  publishedAt: string;
  note: string | null;
  by: string | null;
}

export interface ChangeCounts {
  tasksAdded: number;
  tasksChanged: number;
  tasksRemoved: number;
  areaTargetsChanged: number;
  overallTargetChanged: boolean;
  fieldsChanged: number;
}

export interface Publication {
  versions: number;
  latest: PlanVersion | null;
  changes: PlanChanges | null;
  counts: ChangeCounts | null;
  pending: boolean;
  draftHash: string;
}

export interface VersionListItem extends PlanVersion {
  title: string;
  tasks: number;
  changes: ChangeCounts | null;
}

/** An entry of a plan's or a task's history (GET /plans/:id/history, /tasks/:id/history). */
export interface HistoryEntry {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: string;
  by: string | null;
  role: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
}

export interface Plan extends PlanGoals {
  id: number;
  agency: { id: number; code: string; name: string };
  year: number;
  number: string | null;
  code: string | null;
  issuedOn: string | null;
  place: string | null;
  title: string;
  implements: string | null;
  /** When the plan was published (ISO); null while it is a draft only the agency and province read. */
  publishedAt: string | null;
  /** The agency reads its working draft; everyone else a published version. */
  view: "draft" | "published";
  /** The version shown (published view) or the latest published version (draft view). */
  version: PlanVersion | null;
  withdrawn: { at: string; reason: string } | null;
  /** The draft view: what publishing now would change. */
  publication: Publication | null;
  tasks: Task[];
  lint: LintIssue[];
  can: { edit: boolean; publish: boolean; withdraw: boolean };
}

export interface PlanListItem {
  id: number;
  year: number;
  number: string | null;
  code: string | null;
  title: string;
  issuedOn: string | null;
  publishedAt: string | null;
  version: number | null;
  withdrawnAt: string | null;
}

export interface Agency {
  id: number;
  name: string;
  units: { id: number; name: string; shortName: string | null; kind: string }[];
}

/** "1994/KH-VPUBND" */
export const planNumber = (p: { number: string | null; code: string | null }) =>
  [p.number, p.code].filter(Boolean).join("/");
