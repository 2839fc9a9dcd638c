import type { Kysely } from "kysely";
import type { Centi } from "../../../core/decimal.ts";
import type { MeasurableTarget } from "../../../core/plan.ts";
import type { DB, TaskStatus } from "../../db/schema.ts";
import { centi, centiOrNull, dec } from "../frameworks/repository.ts";

export async function findPlan(db: Kysely<DB>, id: number) {
  return db.selectFrom("plans").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findPlanFor(db: Kysely<DB>, agencyId: number, year: number) {
  return db
    .selectFrom("plans")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("year", "=", year)
    .executeTakeFirst();
}

/** The agency's plans, newest first; `publishedOnly` leaves its drafts out. */
export async function listPlans(db: Kysely<DB>, agencyId: number, publishedOnly = false) {
  let q = db.selectFrom("plans").selectAll().where("agency_id", "=", agencyId);
  if (publishedOnly) q = q.where("published_at", "is not", null);
  return q.orderBy("year", "desc").execute();
}

/** Publishes a plan (the date it became public) or takes it back to a draft (null). */
export async function setPlanPublished(db: Kysely<DB>, id: number, at: Date | null) {
  await db.updateTable("plans").set({ published_at: at }).where("id", "=", id).execute();
}

export interface PlanInput {
  agencyId: number;
  year: number;
  number?: string | null;
  code?: string | null;
  issuedOn?: string | null;
  place?: string | null;
  title: string;
  implements?: string | null;
  percentTarget?: Centi | null;
  rankGainMin?: number | null;
  rankGainMax?: number | null;
  baselineCycleId?: number | null;
  signerAuthority?: string | null;
  signerPosition?: string | null;
  signerName?: string | null;
}

export async function insertPlan(db: Kysely<DB>, p: PlanInput): Promise<number> {
  const r = await db
    .insertInto("plans")
    .values({
      agency_id: p.agencyId,
      year: p.year,
      number: p.number ?? null,
      code: p.code ?? null,
      issued_on: p.issuedOn ?? null,
      place: p.place ?? null,
      title: p.title,
      implements: p.implements ?? null,
      percent_target: p.percentTarget == null ? null : dec(p.percentTarget),
      rank_gain_min: p.rankGainMin ?? null,
      rank_gain_max: p.rankGainMax ?? null,
      baseline_cycle_id: p.baselineCycleId ?? null,
      signer_authority: p.signerAuthority ?? null,
      signer_position: p.signerPosition ?? null,
      signer_name: p.signerName ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Replaces a plan's document fields and overall target (the plan import's update). */
export async function updatePlanFields(db: Kysely<DB>, id: number, p: Omit<PlanInput, "agencyId" | "year">) {
  await db
    .updateTable("plans")
    .set({
      number: p.number ?? null,
      code: p.code ?? null,
      issued_on: p.issuedOn ?? null,
      place: p.place ?? null,
      title: p.title,
      implements: p.implements ?? null,
      percent_target: p.percentTarget == null ? null : dec(p.percentTarget),
      rank_gain_min: p.rankGainMin ?? null,
      rank_gain_max: p.rankGainMax ?? null,
      ...(p.baselineCycleId !== undefined ? { baseline_cycle_id: p.baselineCycleId } : {}),
      signer_authority: p.signerAuthority ?? null,
      signer_position: p.signerPosition ?? null,
      signer_name: p.signerName ?? null,
    })
    .where("id", "=", id)
    .execute();
}

export interface AreaTargetRow {
  areaCode: string;
  title: string;
  target: Centi;
  max: Centi;
  baseline: Centi | null;
  kept: boolean;
}

export async function listAreaTargets(db: Kysely<DB>, planId: number): Promise<AreaTargetRow[]> {
  const rows = await db.selectFrom("plan_area_targets").selectAll().where("plan_id", "=", planId).execute();
  return rows.map((r) => ({
    areaCode: r.area_code,
    title: r.title,
    target: centi(r.target_points),
    max: centi(r.max_points),
    baseline: centiOrNull(r.baseline_points),
    kept: r.kept,
  }));
}

export async function replaceAreaTargets(db: Kysely<DB>, planId: number, targets: AreaTargetRow[]) {
  await db.deleteFrom("plan_area_targets").where("plan_id", "=", planId).execute();
  if (!targets.length) return;
  await db
    .insertInto("plan_area_targets")
    .values(
      targets.map((t) => ({
        plan_id: planId,
        area_code: t.areaCode,
        title: t.title,
        target_points: dec(t.target),
        max_points: dec(t.max),
        baseline_points: t.baseline === null ? null : dec(t.baseline),
        kept: t.kept,
      })),
    )
    .execute();
}

export interface TaskInput {
  section?: string | null;
  position?: number;
  title: string;
  body?: string | null;
  areaCode?: string | null;
  startsOn?: string | null;
  due?: string | null;
  period?: string | null;
  status?: TaskStatus;
  progress?: number;
  leadUnitIds: number[];
  coordinatingUnitIds: number[];
  targets: MeasurableTarget[];
}

export async function insertTask(db: Kysely<DB>, planId: number, t: TaskInput): Promise<number> {
  const { id } = await db
    .insertInto("tasks")
    .values({
      plan_id: planId,
      section: t.section ?? null,
      position: t.position ?? 0,
      title: t.title,
      body: t.body ?? null,
      area_code: t.areaCode ?? null,
      starts_on: t.startsOn ?? null,
      due_on: t.due ?? null,
      period: t.period ?? null,
      status: t.status ?? "not_started",
      progress: t.progress ?? 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceTaskUnits(db, id, t.leadUnitIds, t.coordinatingUnitIds);
  await replaceTaskTargets(db, id, t.targets);
  return id;
}

/**
 * Sets a task's units. A unit group that leaves the task takes its resolution (the divisions it
 * stood for) with it; a group that stays keeps its resolution.
 */
export async function replaceTaskUnits(
  db: Kysely<DB>,
  taskId: number,
  lead: number[],
  coordinating: number[],
) {
  await db.deleteFrom("task_units").where("task_id", "=", taskId).execute();
  const kept = [...lead, ...coordinating];
  let gone = db.deleteFrom("task_group_members").where("task_id", "=", taskId);
  if (kept.length) gone = gone.where("group_id", "not in", kept);
  await gone.execute();
  const rows = [
    ...lead.map((u, i) => ({ task_id: taskId, unit_id: u, role: "lead" as const, position: i })),
    ...coordinating.map((u, i) => ({
      task_id: taskId,
      unit_id: u,
      role: "coordinating" as const,
      position: i,
    })),
  ];
  if (rows.length) await db.insertInto("task_units").values(rows).execute();
}

export async function replaceTaskTargets(db: Kysely<DB>, taskId: number, targets: MeasurableTarget[]) {
  await db.deleteFrom("task_targets").where("task_id", "=", taskId).execute();
  if (!targets.length) return;
  await db
    .insertInto("task_targets")
    .values(
      targets.map((t, i) => ({
        task_id: taskId,
        position: i,
        text: t.text,
        indicator: t.indicator ?? null,
        comparator: t.comparator,
        // A named quantity has no number: value null, reference its name (015's check holds exactly one).
        value: t.value === null || t.value === undefined ? null : String(t.value),
        reference: t.reference ?? null,
        unit: t.unit ?? null,
      })),
    )
    .execute();
}

export async function updateTaskFields(
  db: Kysely<DB>,
  id: number,
  patch: Partial<{
    title: string;
    body: string | null;
    area_code: string | null;
    starts_on: string | null;
    due_on: string | null;
    period: string | null;
    status: TaskStatus;
    progress: number;
    section: string | null;
  }>,
) {
  await db
    .updateTable("tasks")
    .set({ ...patch, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function listTasks(db: Kysely<DB>, planId: number) {
  return listTasksOfPlans(db, [planId]);
}

/** The tasks of several plans at once, in each plan's order. */
export async function listTasksOfPlans(db: Kysely<DB>, planIds: number[]) {
  if (planIds.length === 0) return [];
  return db
    .selectFrom("tasks")
    .selectAll()
    .where("plan_id", "in", planIds)
    .orderBy("plan_id")
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function findTask(db: Kysely<DB>, id: number) {
  return db
    .selectFrom("tasks")
    .innerJoin("plans", "plans.id", "tasks.plan_id")
    .selectAll("tasks")
    .select([
      "plans.agency_id",
      "plans.year",
      "plans.number as plan_number",
      "plans.code as plan_code",
      "plans.published_at as plan_published_at",
    ])
    .where("tasks.id", "=", id)
    .executeTakeFirst();
}

export async function taskUnits(db: Kysely<DB>, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db
    .selectFrom("task_units as tu")
    .innerJoin("agencies as a", "a.id", "tu.unit_id")
    .select(["tu.task_id", "tu.unit_id", "tu.role", "tu.position", "a.name", "a.short_name", "a.kind"])
    .where("tu.task_id", "in", taskIds)
    .orderBy("tu.position")
    .execute();
}

export async function taskTargets(db: Kysely<DB>, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db
    .selectFrom("task_targets")
    .selectAll()
    .where("task_id", "in", taskIds)
    .orderBy("position")
    .execute();
}

export async function insertTaskUpdate(
  db: Kysely<DB>,
  u: {
    taskId: number;
    unitId: number | null;
    userId: number;
    progress: number | null;
    status: TaskStatus | null;
    note: string | null;
    role: "lead" | "coordinating" | "manager";
    /** When it was posted; now unless the demo's history is being written. */
    at?: Date;
  },
): Promise<number> {
  const r = await db
    .insertInto("task_updates")
    .values({
      ...(u.at ? { created_at: u.at } : {}),
      task_id: u.taskId,
      unit_id: u.unitId,
      user_id: u.userId,
      progress: u.progress,
      status: u.status,
      note: u.note,
      role: u.role,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listTaskUpdates(db: Kysely<DB>, taskId: number) {
  return db
    .selectFrom("task_updates as u")
    .innerJoin("users", "users.id", "u.user_id")
    .leftJoin("agencies as a", "a.id", "u.unit_id")
    .select([
      "u.id",
      "u.progress",
      "u.status",
      "u.note",
      "u.created_at",
      "u.unit_id",
      "u.role",
      "a.name as unit_name",
      "users.display_name",
    ])
    .where("u.task_id", "=", taskId)
    .orderBy("u.id")
    .execute();
}

/** How many updates each task has (a task with updates is never deleted). */
export async function updateCounts(db: Kysely<DB>, taskIds: number[]): Promise<Map<number, number>> {
  if (!taskIds.length) return new Map();
  const rows = await db
    .selectFrom("task_updates")
    .select(["task_id", db.fn.countAll<number>().as("n")])
    .where("task_id", "in", taskIds)
    .groupBy("task_id")
    .execute();
  return new Map(rows.map((r) => [r.task_id, Number(r.n)]));
}

export async function deleteTask(db: Kysely<DB>, id: number) {
  await db.deleteFrom("tasks").where("id", "=", id).execute();
}

// ---------------------------------------------------------------------------------------------
// Unit groups resolved to named divisions, per task
// ---------------------------------------------------------------------------------------------

export async function groupMembers(db: Kysely<DB>, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db
    .selectFrom("task_group_members as m")
    .innerJoin("agencies as a", "a.id", "m.unit_id")
    .select(["m.task_id", "m.group_id", "m.unit_id", "m.position", "a.name", "a.short_name"])
    .where("m.task_id", "in", taskIds)
    .orderBy("m.position")
    .execute();
}

/** The divisions a unit group on a task stands for; none: the group is unresolved again. */
export async function replaceGroupMembers(
  db: Kysely<DB>,
  taskId: number,
  groupId: number,
  unitIds: number[],
) {
  await db
    .deleteFrom("task_group_members")
    .where("task_id", "=", taskId)
    .where("group_id", "=", groupId)
    .execute();
  if (!unitIds.length) return;
  await db
    .insertInto("task_group_members")
    .values(unitIds.map((u, i) => ({ task_id: taskId, group_id: groupId, unit_id: u, position: i })))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Published versions
// ---------------------------------------------------------------------------------------------

export interface VersionInput {
  planId: number;
  version: number;
  publishedAt: Date;
  publishedBy: number | null;
  note: string | null;
  title: string;
  number: string | null;
  code: string | null;
  issuedOn: string | null;
  content: unknown;
  contentHash: string;
}

export async function insertVersion(db: Kysely<DB>, v: VersionInput) {
  await db
    .insertInto("plan_versions")
    .values({
      plan_id: v.planId,
      version: v.version,
      published_at: v.publishedAt,
      published_by: v.publishedBy,
      note: v.note,
      title: v.title,
      number: v.number,
      code: v.code,
      issued_on: v.issuedOn,
      content: JSON.stringify(v.content),
      content_hash: v.contentHash,
    })
    .execute();
}

const versionColumns = [
  "v.plan_id",
  "v.version",
  "v.published_at",
  "v.published_by",
  "v.note",
  "v.title",
  "v.number",
  "v.code",
  "v.issued_on",
  "v.content_hash",
  "u.display_name as published_by_name",
] as const;

/** A plan's versions, newest first, without their content. */
export async function listVersions(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom("plan_versions as v")
    .leftJoin("users as u", "u.id", "v.published_by")
    .select(versionColumns)
    .where("v.plan_id", "=", planId)
    .orderBy("v.version", "desc")
    .execute();
}

/** Every version of the plan with its content, newest first (one query: the versions page diffs them). */
export async function listVersionsWithContent(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom("plan_versions as v")
    .leftJoin("users as u", "u.id", "v.published_by")
    .select([...versionColumns, "v.content"])
    .where("v.plan_id", "=", planId)
    .orderBy("v.version", "desc")
    .execute();
}

/** One version with its content; the latest when `version` is not given. */
export async function findVersion(db: Kysely<DB>, planId: number, version?: number) {
  let q = db
    .selectFrom("plan_versions as v")
    .leftJoin("users as u", "u.id", "v.published_by")
    .select([...versionColumns, "v.content"])
    .where("v.plan_id", "=", planId);
  q = version === undefined ? q.orderBy("v.version", "desc").limit(1) : q.where("v.version", "=", version);
  return q.executeTakeFirst();
}

/** The latest version of each of the plans (without content), keyed by plan. */
export async function latestVersions(db: Kysely<DB>, planIds: number[]) {
  if (!planIds.length) return new Map<number, Awaited<ReturnType<typeof listVersions>>[number]>();
  const rows = await db
    .selectFrom("plan_versions as v")
    .leftJoin("users as u", "u.id", "v.published_by")
    .select(versionColumns)
    .where("v.plan_id", "in", planIds)
    .where((eb) =>
      eb(
        "v.version",
        "=",
        eb
          .selectFrom("plan_versions as w")
          .select((w) => w.fn.max("w.version").as("m"))
          .whereRef("w.plan_id", "=", "v.plan_id"),
      ),
    )
    .execute();
  return new Map(rows.map((r) => [r.plan_id, r]));
}

/** Every published plan (one with a version) with its agency, for the public lists. */
export async function listPublishedPlans(db: Kysely<DB>, agencyId?: number) {
  let q = db
    .selectFrom("plans as pl")
    .innerJoin("agencies as a", "a.id", "pl.agency_id")
    .select([
      "pl.id",
      "pl.year",
      "pl.published_at",
      "pl.withdrawn_at",
      "a.id as agency_id",
      "a.code as agency_code",
      "a.name as agency_name",
    ])
    .where("pl.published_at", "is not", null)
    .where((eb) =>
      eb.exists(eb.selectFrom("plan_versions as v").select("v.version").whereRef("v.plan_id", "=", "pl.id")),
    );
  if (agencyId !== undefined) q = q.where("pl.agency_id", "=", agencyId);
  return q.orderBy("pl.year", "desc").orderBy("a.name").orderBy("pl.id").execute();
}

export async function setPlanWithdrawn(
  db: Kysely<DB>,
  id: number,
  w: { at: Date; reason: string; by: number | null } | null,
) {
  await db
    .updateTable("plans")
    .set({ withdrawn_at: w?.at ?? null, withdrawn_reason: w?.reason ?? null, withdrawn_by: w?.by ?? null })
    .where("id", "=", id)
    .execute();
}

/** The plan's row, locked for the rest of the transaction (publication and withdrawal go one at a time). */
export async function lockPlan(db: Kysely<DB>, id: number) {
  return db.selectFrom("plans").selectAll().where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
}
