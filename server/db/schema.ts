// Kysely's view of the tables in migrations/. numeric columns come back as strings on both engines
// (exact decimals), dates as ISO strings, bigint counts as numbers (see connect.ts).
import type { ColumnType, Generated } from "kysely";
import type { CycleState, ParticipantStatus } from "../../core/cycle-state.ts";

type Numeric = ColumnType<string, string | number, string | number>;
type NumericN = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type DateStrN = ColumnType<string | null, string | null | undefined, string | null>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface AgencyTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string | null;
  search_key: string;
  kind: "province" | "agency" | "division" | "unit_group";
  parent_id: number | null;
  group_code: string | null;
  valid_from: ColumnType<string, string | undefined, string>;
  valid_to: DateStrN;
  successor_id: number | null;
  sample: ColumnType<boolean, boolean | undefined, boolean>;
  staff_count: number | null;
  period_rules: Json | null;
}

export type Role = "admin" | "province_office" | "focal_point" | "division" | "appraiser" | "leader";

export interface UserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  display_name: string;
  role: Role;
  agency_id: number | null;
  unit_id: number | null;
  created_at: Generated<Date>;
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Set by an administrator's reset: the next sign-in must choose a new password first. */
  must_change_password: Generated<boolean>;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  expires_at: Timestamp;
}

export interface FrameworkTable {
  id: Generated<number>;
  code: string;
  title: string;
  year: number;
  agency_type: string;
  version: ColumnType<number, number | undefined, number>;
  grade_bands: Json;
  rank_decimals: number | null;
  /** The province that owns it; null: national (the administrator's). */
  province_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Generated<Date>;
}

export interface FrameworkNodeTable {
  framework_id: number;
  code: string;
  parent_code: string | null;
  kind: "area" | "criterion" | "subcriterion";
  title: string;
  max_points: Numeric;
  position: number;
  rule: Json | null;
  illustrative: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CycleTable {
  id: Generated<number>;
  year: number;
  framework_id: number;
  province_id: number;
  group_code: string;
  self_assessment_opens: DateStrN;
  self_assessment_closes: DateStrN;
  appraisal_closes: DateStrN;
  /** When the results were first published (a correction keeps it); null before. */
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Migration 008: open, published, or correcting (reopened with `correction_reason`). */
  state: ColumnType<CycleState, CycleState | undefined, CycleState>;
  correction_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CycleParticipantTable {
  cycle_id: number;
  agency_id: number;
  status: ColumnType<ParticipantStatus, ParticipantStatus | undefined, ParticipantStatus>;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Migration 008: left out of the ranking, with the reason the public page shows. */
  excluded_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Migration 008: an immutable, versioned snapshot of a cycle's published results. */
export interface CyclePublicationTable {
  id: Generated<number>;
  cycle_id: number;
  version: number;
  published_at: Timestamp;
  published_by: number | null;
  publisher_name: string | null;
  decision_number: string | null;
  decision_code: string | null;
  decision_date: DateStrN;
  reason: string | null;
  audit_length: number;
  audit_head: string;
  snapshot: Json;
  hash: string;
}

export interface NotApplicableTable {
  cycle_id: number;
  agency_id: number;
  node_code: string;
}

export interface ScoreTable {
  cycle_id: number;
  agency_id: number;
  node_code: string;
  self_points: NumericN;
  self_inputs: Json | null;
  explanation: string | null;
  appraised_points: NumericN;
  appraisal_remark: string | null;
  agency_reply: string | null;
  appraised_by: number | null;
  /** Migration 008: the appraiser accepted the self-assessed points as they are. */
  appraisal_confirmed: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Generated<Date>;
}

export interface AppraiserAssignmentTable {
  cycle_id: number;
  area_code: string;
  user_id: number;
}

export interface PlanTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  number: string | null;
  code: string | null;
  issued_on: DateStrN;
  place: string | null;
  title: string;
  implements: string | null;
  percent_target: NumericN;
  rank_gain_min: number | null;
  rank_gain_max: number | null;
  baseline_cycle_id: number | null;
  /** Null while the plan is a draft: only the agency and the province read it until it is published. */
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The signature block: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", the name; null when not stated. */
  signer_authority: ColumnType<string | null, string | null | undefined, string | null>;
  signer_position: ColumnType<string | null, string | null | undefined, string | null>;
  signer_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** Migration 010: a published plan withdrawn, with the reason the public page shows. */
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  withdrawn_reason: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_by: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface PlanAreaTargetTable {
  plan_id: number;
  area_code: string;
  title: string;
  target_points: Numeric;
  max_points: Numeric;
  baseline_points: NumericN;
  kept: ColumnType<boolean, boolean | undefined, boolean>;
}

export type TaskStatus = "not_started" | "in_progress" | "done" | "cancelled";

export interface TaskTable {
  id: Generated<number>;
  plan_id: number;
  section: string | null;
  position: ColumnType<number, number | undefined, number>;
  title: string;
  body: string | null;
  area_code: string | null;
  starts_on: DateStrN;
  due_on: DateStrN;
  period: string | null;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  progress: ColumnType<number, number | undefined, number>;
  updated_at: Generated<Date>;
}

export interface TaskUnitTable {
  task_id: number;
  unit_id: number;
  role: "lead" | "coordinating";
  position: ColumnType<number, number | undefined, number>;
}

export interface TaskTargetTable {
  id: Generated<number>;
  task_id: number;
  position: ColumnType<number, number | undefined, number>;
  text: string;
  indicator: string | null;
  comparator: ">=" | ">" | "<=" | "<" | "=" | "done_by";
  /** Null exactly when `reference` names the quantity (migration 015). */
  value: string | null;
  reference: ColumnType<string | null, string | null | undefined, string | null>;
  unit: string | null;
}

export interface TaskUpdateTable {
  id: Generated<number>;
  task_id: number;
  unit_id: number | null;
  user_id: number;
  progress: number | null;
  status: TaskStatus | null;
  note: string | null;
  created_at: Generated<Date>;
  /** Migration 010: the part the unit played — its lead, its coordination, or the focal point managing. */
  role: ColumnType<
    "lead" | "coordinating" | "manager" | null,
    "lead" | "coordinating" | "manager" | null | undefined,
    never
  >;
}

export interface EvidenceTable {
  id: Generated<number>;
  agency_id: number;
  cycle_id: number | null;
  node_code: string | null;
  task_update_id: number | null;
  kind: "file" | "link" | "document" | "explanation";
  file_path: string | null;
  file_name: string | null;
  mime: string | null;
  size: number | null;
  url: string | null;
  doc_number: string | null;
  note: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface IndicatorValueTable {
  id: Generated<number>;
  agency_id: number;
  code: string;
  period: string;
  value: Numeric;
  source: "manual" | "task_update" | "derived" | "import";
  task_update_id: number | null;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

/** Migration 006: the append-only, hash-chained audit trail (server/modules/audit). */
export interface AuditLogTable {
  id: number;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  session: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string;
  province_id: number | null;
  agency_id: number | null;
  cycle_id: number | null;
  plan_id: number | null;
  before: Json | null;
  after: Json | null;
  note: string | null;
  prev_hash: string;
  hash: string;
}

/** Migration 009: sign-in attempts charged as failures, for the throttle (server/modules/auth). */
export interface LoginFailureTable {
  id: Generated<number>;
  at: Timestamp;
  username: string;
  /** The client's address, an IPv6 client by its /64 (throttle.ts addressKey). */
  address: string;
  /** The device cookie's hash when the attempt came from a device known for that user name. */
  device: string | null;
}

/** Migration 009: the browsers each user has signed in from, by their device cookie's hash. */
export interface LoginDeviceTable {
  token_hash: string;
  user_id: number;
  first_seen: Timestamp;
  last_seen: Timestamp;
}

export interface DB {
  audit_log: AuditLogTable;
  cycle_publications: CyclePublicationTable;
  agencies: AgencyTable;
  users: UserTable;
  sessions: SessionTable;
  frameworks: FrameworkTable;
  framework_nodes: FrameworkNodeTable;
  cycles: CycleTable;
  cycle_participants: CycleParticipantTable;
  not_applicable: NotApplicableTable;
  scores: ScoreTable;
  appraiser_assignments: AppraiserAssignmentTable;
  plans: PlanTable;
  plan_area_targets: PlanAreaTargetTable;
  tasks: TaskTable;
  task_units: TaskUnitTable;
  task_targets: TaskTargetTable;
  task_updates: TaskUpdateTable;
  evidence: EvidenceTable;
  indicator_values: IndicatorValueTable;
  login_failures: LoginFailureTable;
  login_devices: LoginDeviceTable;
  plan_versions: PlanVersionTable;
  task_group_members: TaskGroupMemberTable;
  demo_clock: DemoClockTable;
}

/** Migration 010: an immutable published version of a plan (core/plan-version.ts's snapshot). */
export interface PlanVersionTable {
  plan_id: number;
  version: number;
  published_at: Timestamp;
  published_by: number | null;
  note: string | null;
  title: string;
  number: string | null;
  code: string | null;
  issued_on: DateStrN;
  content: Json;
  content_hash: string;
}

/** Migration 010: the named divisions a unit group on a task stands for. */
export interface TaskGroupMemberTable {
  task_id: number;
  group_id: number;
  unit_id: number;
  position: ColumnType<number, number | undefined, number>;
}

/** Migration 012: the demo's day, one row on a database that started as the demo (server/clock.ts). */
export interface DemoClockTable {
  singleton: ColumnType<boolean, boolean | undefined, never>;
  demo_date: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
