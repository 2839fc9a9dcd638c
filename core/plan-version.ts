/**
 * A published version of an improvement plan: an immutable snapshot of what the plan says — its
 * document fields, overall and area targets, and tasks with their units, deadlines and measurable
 * targets. Tasks' status and progress are tracking, not plan content, and are not in it. Two
 * snapshots compare field by field, so the agency sees what publishing a new version would change.
 */
import { canonical } from "./audit.ts";

export interface SnapshotUnit {
  id: number;
  name: string;
  shortName: string | null;
  kind: string;
  /** A unit group ("Các Phòng, Ban, Trung tâm") resolved to named divisions; null while unresolved. */
  members?: { id: number; name: string; shortName: string | null }[] | null;
}

export interface SnapshotTarget {
  text: string;
  indicator: string | null;
  comparator: ">=" | ">" | "<=" | "<" | "=" | "done_by";
  /** null when the target names its quantity (`reference`) instead of a number. */
  value: number | string | null;
  /**
   * The named quantity ("tổng biên chế được giao"). Present only when set: versions published before
   * it existed have no such key, and a plan without named targets snapshots (and hashes) as before.
   */
  reference?: string | null;
  unit: string | null;
}

/** A target in a snapshot's shape: `reference` only when the target names its quantity (see above). */
export function snapshotTarget(x: {
  text: string;
  indicator: string | null;
  comparator: SnapshotTarget["comparator"];
  value: number | string | null;
  reference?: string | null;
  unit: string | null;
}): SnapshotTarget {
  return {
    text: x.text,
    indicator: x.indicator,
    comparator: x.comparator,
    value: x.value,
    ...(x.reference ? { reference: x.reference } : {}),
    unit: x.unit,
  };
}

export interface SnapshotTask {
  id: number;
  section: string | null;
  title: string;
  body: string | null;
  areaCode: string | null;
  startsOn: string | null;
  due: string | null;
  period: string | null;
  leadUnits: SnapshotUnit[];
  coordinatingUnits: SnapshotUnit[];
  targets: SnapshotTarget[];
}

export interface SnapshotAreaTarget {
  areaCode: string;
  title: string;
  /** Points, at most two decimals. */
  target: number;
  max: number;
  baseline: number | null;
  kept: boolean;
}

export interface PlanSnapshot {
  document: {
    number: string | null;
    code: string | null;
    issuedOn: string | null;
    place: string | null;
    title: string;
    implements: string | null;
    signer: { authority: string | null; position: string; name: string } | null;
  };
  overallTarget: { percentAtLeast: number | null; rankGainMin: number | null; rankGainMax: number | null };
  baselineCycleId: number | null;
  areaTargets: SnapshotAreaTarget[];
  tasks: SnapshotTask[];
}

/** The fields of a task that are plan content, in the order a reviewer reads them. */
export const TASK_CONTENT_FIELDS = [
  "section",
  "title",
  "body",
  "areaCode",
  "startsOn",
  "due",
  "period",
  "leadUnits",
  "coordinatingUnits",
  "targets",
] as const;
export type TaskContentField = (typeof TASK_CONTENT_FIELDS)[number];

/** A task's content compared by what a reader sees: units by name (a group with its members), targets without indicator codes. */
export interface ComparableTask {
  section: string | null;
  title: string;
  body: string | null;
  areaCode: string | null;
  startsOn: string | null;
  due: string | null;
  period: string | null;
  leadUnits: string[];
  coordinatingUnits: string[];
  targets: string[];
}

export interface FieldChange {
  field: TaskContentField;
  before: string | string[] | null;
  after: string | string[] | null;
}

const unitLabel = (u: SnapshotUnit, members = true) =>
  members && u.members?.length
    ? `${u.name} (${u.members.map((m) => m.shortName ?? m.name).join(", ")})`
    : u.name;

/**
 * A measurable target as one line: "Kiểm tra từ 30% số đơn vị trở lên: >= 30 %"; a named quantity
 * by its name ("…: <= tổng biên chế được giao"), so changing the name or the number is a change.
 */
export const targetLine = (
  t: Pick<SnapshotTarget, "text" | "comparator" | "value" | "unit" | "reference">,
) =>
  t.reference
    ? `${t.text}: ${t.comparator} ${t.reference}`
    : `${t.text}: ${t.comparator} ${t.value}${t.unit ? ` ${t.unit}` : ""}`;

/** `members: false` compares unit groups by name alone (a document names groups, never their members). */
export function comparableTask(t: SnapshotTask, opts: { members?: boolean } = {}): ComparableTask {
  const label = (u: SnapshotUnit) => unitLabel(u, opts.members ?? true);
  return {
    section: t.section ?? null,
    title: t.title,
    body: t.body ?? null,
    areaCode: t.areaCode ?? null,
    startsOn: t.startsOn ?? null,
    due: t.due ?? null,
    period: t.period ?? null,
    leadUnits: t.leadUnits.map(label),
    coordinatingUnits: t.coordinatingUnits.map(label),
    targets: t.targets.map(targetLine),
  };
}

/** Equal as data, whatever the key order (a stored version comes back from jsonb with its keys reordered). */
const same = (a: unknown, b: unknown) => canonical(a ?? null) === canonical(b ?? null);

/** The content fields that differ between two versions of a task, each with both values. */
export function taskChanges(before: ComparableTask, after: ComparableTask): FieldChange[] {
  return TASK_CONTENT_FIELDS.filter((f) => !same(before[f], after[f])).map((f) => ({
    field: f,
    before: before[f] ?? null,
    after: after[f] ?? null,
  }));
}

export interface PlanChanges {
  /** Document fields that changed: "title", "number", "signer", … */
  fields: string[];
  overallTarget: boolean;
  /** Areas whose target was added, removed or changed. */
  areaTargets: string[];
  tasksAdded: { id: number; title: string }[];
  tasksRemoved: { id: number; title: string }[];
  tasksChanged: { id: number; title: string; fields: TaskContentField[] }[];
}

export const DOCUMENT_FIELDS = [
  "number",
  "code",
  "issuedOn",
  "place",
  "title",
  "implements",
  "signer",
] as const satisfies readonly (keyof PlanSnapshot["document"])[];

/** What changes from `before` (a published version) to `after` (the draft); tasks are matched by id. */
export function diffSnapshots(before: PlanSnapshot, after: PlanSnapshot): PlanChanges {
  const areaKey = (a: SnapshotAreaTarget) => canonical([a.target, a.max, a.kept, a.title]);
  const oldAreas = new Map(before.areaTargets.map((a) => [a.areaCode, areaKey(a)]));
  const newAreas = new Map(after.areaTargets.map((a) => [a.areaCode, areaKey(a)]));
  const areaTargets = [...new Set([...oldAreas.keys(), ...newAreas.keys()])].filter(
    (code) => oldAreas.get(code) !== newAreas.get(code),
  );
  const oldTasks = new Map(before.tasks.map((t) => [t.id, t]));
  const newIds = new Set(after.tasks.map((t) => t.id));
  const tasksChanged: PlanChanges["tasksChanged"] = [];
  for (const t of after.tasks) {
    const o = oldTasks.get(t.id);
    if (!o) continue;
    const fields = taskChanges(comparableTask(o), comparableTask(t)).map((c) => c.field);
    if (fields.length) tasksChanged.push({ id: t.id, title: t.title, fields });
  }
  return {
    fields: DOCUMENT_FIELDS.filter((f) => !same(before.document[f], after.document[f])),
    overallTarget: !same(before.overallTarget, after.overallTarget),
    areaTargets,
    tasksAdded: after.tasks.filter((t) => !oldTasks.has(t.id)).map((t) => ({ id: t.id, title: t.title })),
    tasksRemoved: before.tasks.filter((t) => !newIds.has(t.id)).map((t) => ({ id: t.id, title: t.title })),
    tasksChanged,
  };
}

export const hasChanges = (c: PlanChanges) =>
  c.fields.length > 0 ||
  c.overallTarget ||
  c.areaTargets.length > 0 ||
  c.tasksAdded.length > 0 ||
  c.tasksRemoved.length > 0 ||
  c.tasksChanged.length > 0;

/** The counts a confirmation states: "3 tasks added, 1 changed, 0 removed, 2 area targets changed". */
export function changeCounts(c: PlanChanges) {
  return {
    tasksAdded: c.tasksAdded.length,
    tasksChanged: c.tasksChanged.length,
    tasksRemoved: c.tasksRemoved.length,
    areaTargetsChanged: c.areaTargets.length,
    overallTargetChanged: c.overallTarget,
    fieldsChanged: c.fields.length,
  };
}
