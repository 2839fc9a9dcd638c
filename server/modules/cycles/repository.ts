import type { Kysely, Selectable } from "kysely";
import type { CycleState, ParticipantStatus } from "../../../core/cycle-state.ts";
import type { DB } from "../../db/schema.ts";

export type CycleRow = Selectable<DB["cycles"]>;

export async function findCycle(db: Kysely<DB>, id: number): Promise<CycleRow | undefined> {
  return db.selectFrom("cycles").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listCycles(
  db: Kysely<DB>,
  f: { year?: number; provinceId?: number; group?: string },
): Promise<CycleRow[]> {
  let q = db.selectFrom("cycles").selectAll();
  if (f.year) q = q.where("year", "=", f.year);
  if (f.provinceId) q = q.where("province_id", "=", f.provinceId);
  if (f.group) q = q.where("group_code", "=", f.group);
  return q.orderBy("year", "desc").orderBy("group_code").execute();
}

export async function findCycleFor(db: Kysely<DB>, provinceId: number, groupCode: string, year: number) {
  return db
    .selectFrom("cycles")
    .selectAll()
    .where("province_id", "=", provinceId)
    .where("group_code", "=", groupCode)
    .where("year", "=", year)
    .executeTakeFirst();
}

export async function insertCycle(
  db: Kysely<DB>,
  c: {
    year: number;
    frameworkId: number;
    provinceId: number;
    groupCode: string;
    selfAssessmentOpens?: string | null;
    selfAssessmentCloses?: string | null;
    appraisalCloses?: string | null;
  },
): Promise<number> {
  const r = await db
    .insertInto("cycles")
    .values({
      year: c.year,
      framework_id: c.frameworkId,
      province_id: c.provinceId,
      group_code: c.groupCode,
      self_assessment_opens: c.selfAssessmentOpens ?? null,
      self_assessment_closes: c.selfAssessmentCloses ?? null,
      appraisal_closes: c.appraisalCloses ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Moves the cycle from one state to another, only if it is still in the first (someone else may have
 * moved it meanwhile): true when it moved. The first publication's date is set once and kept.
 */
export async function moveCycleState(
  db: Kysely<DB>,
  id: number,
  from: CycleState,
  to: CycleState,
  set: { correctionReason: string | null; publishedAt?: Date },
): Promise<boolean> {
  const r = await db
    .updateTable("cycles")
    .set({
      state: to,
      correction_reason: set.correctionReason,
      ...(set.publishedAt ? { published_at: set.publishedAt } : {}),
    })
    .where("id", "=", id)
    .where("state", "=", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function addParticipants(db: Kysely<DB>, cycleId: number, agencyIds: number[]) {
  if (!agencyIds.length) return;
  await db
    .insertInto("cycle_participants")
    .values(agencyIds.map((a) => ({ cycle_id: cycleId, agency_id: a })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function listParticipants(db: Kysely<DB>, cycleId: number) {
  return db
    .selectFrom("cycle_participants as p")
    .innerJoin("agencies as a", "a.id", "p.agency_id")
    .select([
      "a.id",
      "a.code",
      "a.name",
      "a.group_code",
      "a.sample",
      "p.status",
      "p.submitted_at",
      "p.excluded_reason",
    ])
    .where("p.cycle_id", "=", cycleId)
    .execute();
}

export async function findParticipant(db: Kysely<DB>, cycleId: number, agencyId: number) {
  return db
    .selectFrom("cycle_participants")
    .selectAll()
    .where("cycle_id", "=", cycleId)
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
}

export async function setParticipantStatus(
  db: Kysely<DB>,
  cycleId: number,
  agencyId: number,
  status: ParticipantStatus,
  submittedAt?: Date | null,
) {
  await db
    .updateTable("cycle_participants")
    .set({ status, ...(submittedAt !== undefined ? { submitted_at: submittedAt } : {}) })
    .where("cycle_id", "=", cycleId)
    .where("agency_id", "=", agencyId)
    .execute();
}

/** Leaves an agency out of the ranking with a reason (null: takes it back in). */
export async function setExcluded(db: Kysely<DB>, cycleId: number, agencyId: number, reason: string | null) {
  await db
    .updateTable("cycle_participants")
    .set({ excluded_reason: reason })
    .where("cycle_id", "=", cycleId)
    .where("agency_id", "=", agencyId)
    .execute();
}

export async function assignAppraiser(db: Kysely<DB>, cycleId: number, areaCode: string, userId: number) {
  await db
    .insertInto("appraiser_assignments")
    .values({ cycle_id: cycleId, area_code: areaCode, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function assignedAreas(db: Kysely<DB>, cycleId: number, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("appraiser_assignments")
    .select("area_code")
    .where("cycle_id", "=", cycleId)
    .where("user_id", "=", userId)
    .execute();
  return rows.map((r) => r.area_code);
}

/** The cycle an agency took part in for a year. */
export async function findCycleOfAgency(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
): Promise<CycleRow | undefined> {
  return db
    .selectFrom("cycles as c")
    .innerJoin("cycle_participants as p", "p.cycle_id", "c.id")
    .selectAll("c")
    .where("p.agency_id", "=", agencyId)
    .where("c.year", "=", year)
    .executeTakeFirst();
}

export async function updateCycleDates(
  db: Kysely<DB>,
  id: number,
  d: {
    selfAssessmentOpens: string | null;
    selfAssessmentCloses: string | null;
    appraisalCloses: string | null;
  },
) {
  await db
    .updateTable("cycles")
    .set({
      self_assessment_opens: d.selfAssessmentOpens,
      self_assessment_closes: d.selfAssessmentCloses,
      appraisal_closes: d.appraisalCloses,
    })
    .where("id", "=", id)
    .execute();
}

export async function removeParticipant(db: Kysely<DB>, cycleId: number, agencyId: number) {
  await db
    .deleteFrom("cycle_participants")
    .where("cycle_id", "=", cycleId)
    .where("agency_id", "=", agencyId)
    .execute();
}

/** Whether an agency has entered anything in a cycle (scores or not-applicable marks). */
export async function participantHasEntries(db: Kysely<DB>, cycleId: number, agencyId: number) {
  const s = await db
    .selectFrom("scores")
    .select("node_code")
    .where("cycle_id", "=", cycleId)
    .where("agency_id", "=", agencyId)
    .limit(1)
    .executeTakeFirst();
  if (s) return true;
  const n = await db
    .selectFrom("not_applicable")
    .select("node_code")
    .where("cycle_id", "=", cycleId)
    .where("agency_id", "=", agencyId)
    .limit(1)
    .executeTakeFirst();
  return n !== undefined;
}

export async function listAssignments(db: Kysely<DB>, cycleId: number) {
  return db
    .selectFrom("appraiser_assignments as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["a.area_code", "u.id as user_id", "u.username", "u.display_name"])
    .where("a.cycle_id", "=", cycleId)
    .orderBy("a.area_code")
    .orderBy("u.username")
    .execute();
}

export async function unassignAppraiser(db: Kysely<DB>, cycleId: number, areaCode: string, userId: number) {
  const r = await db
    .deleteFrom("appraiser_assignments")
    .where("cycle_id", "=", cycleId)
    .where("area_code", "=", areaCode)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
