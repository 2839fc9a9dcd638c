/** The shapes the plan and task pages read from the API (GET /plans/:id, /tasks/:id, /me/tasks). */
import type { TASK_STATUSES } from "../../../../core/contracts/plans.ts";
import type { LintIssue } from "../../../../core/lint.ts";
import type { AreaTarget, EvidenceRef, PlanGoals, TaskFields, UnitName } from "../../types/api.ts";

export type { AreaTarget, LintIssue };

export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface UnitRef extends UnitName {
  kind: string;
}

export interface MeasurableTarget {
  text: string;
  indicator: string | null;
  comparator: ">=" | ">" | "<=" | "<" | "=" | "done_by";
  value: number | string;
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
  evidence: Evidence[];
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
  can: { edit: boolean; update: boolean; steer: boolean; role: "manager" | "lead" | "coordinating" | null };
  upload: { maxBytes: number; extensions: string[] };
  updates: TaskUpdate[] | null;
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
  tasks: Task[];
  lint: LintIssue[];
  can: { edit: boolean; publish: boolean };
}

export interface PlanListItem {
  id: number;
  year: number;
  number: string | null;
  code: string | null;
  title: string;
  issuedOn: string | null;
  publishedAt: string | null;
}

export interface Agency {
  id: number;
  name: string;
  units: { id: number; name: string; shortName: string | null; kind: string }[];
}

/** "1994/KH-VPUBND" */
export const planNumber = (p: { number: string | null; code: string | null }) =>
  [p.number, p.code].filter(Boolean).join("/");
