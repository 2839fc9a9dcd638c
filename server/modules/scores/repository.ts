import type { ColumnType, Kysely } from "kysely";
import type { Centi } from "../../../core/decimal.ts";
import type { DB } from "../../db/schema.ts";
import type { CycleRow } from "../cycles/repository.ts";
import { centiOrNull, dec } from "../frameworks/repository.ts";

export type CycleLike = CycleRow;

type NumericN = ColumnType<string | null, string | number | null | undefined, string | number | null>;

/** Migration 002: where evidence attached from a task came from. */
type ScoresTables = {
  evidence: DB["evidence"] & {
    source_evidence_id: ColumnType<number | null, number | null | undefined, number | null>;
  };
};
const x = (db: Kysely<DB>) => db.withTables<ScoresTables>();

export interface ScoreKey {
  cycleId: number;
  agencyId: number;
  nodeCode: string;
}

export interface ScoreRecord {
  agencyId: number;
  nodeCode: string;
  self: Centi | null;
  appraised: Centi | null;
  inputs: unknown;
  explanation: string | null;
  remark: string | null;
  reply: string | null;
  /** The appraiser accepted the self-assessed points as they are. */
  confirmed: boolean;
  updatedAt: Date;
}

export async function listScores(db: Kysely<DB>, cycleId: number, agencyId?: number): Promise<ScoreRecord[]> {
  let q = db.selectFrom("scores").selectAll().where("cycle_id", "=", cycleId);
  if (agencyId !== undefined) q = q.where("agency_id", "=", agencyId);
  const rows = await q.execute();
  return rows.map((r) => ({
    agencyId: r.agency_id,
    nodeCode: r.node_code,
    self: centiOrNull(r.self_points),
    appraised: centiOrNull(r.appraised_points),
    inputs: typeof r.self_inputs === "string" ? JSON.parse(r.self_inputs) : r.self_inputs,
    explanation: r.explanation,
    remark: r.appraisal_remark,
    reply: r.agency_reply,
    confirmed: r.appraisal_confirmed,
    updatedAt: r.updated_at,
  }));
}

export async function listNotApplicable(db: Kysely<DB>, cycleId: number, agencyId?: number) {
  let q = db.selectFrom("not_applicable").select(["agency_id", "node_code"]).where("cycle_id", "=", cycleId);
  if (agencyId !== undefined) q = q.where("agency_id", "=", agencyId);
  return q.execute();
}

export async function upsertSelfScore(
  db: Kysely<DB>,
  k: { cycleId: number; agencyId: number; nodeCode: string },
  /** An explanation left undefined keeps the stored one; null clears it. */
  v: { points: Centi; inputs: unknown; explanation?: string | null },
) {
  const inputs = v.inputs === undefined ? null : JSON.stringify(v.inputs);
  await db
    .insertInto("scores")
    .values({
      cycle_id: k.cycleId,
      agency_id: k.agencyId,
      node_code: k.nodeCode,
      self_points: dec(v.points),
      self_inputs: inputs,
      explanation: v.explanation ?? null,
    })
    .onConflict((oc) =>
      oc.columns(["cycle_id", "agency_id", "node_code"]).doUpdateSet({
        self_points: dec(v.points),
        self_inputs: inputs,
        ...(v.explanation !== undefined ? { explanation: v.explanation } : {}),
        updated_at: new Date(),
      }),
    )
    .execute();
}

/** Appraised points with the remark; `confirmed`: the self-assessed points accepted as they are. */
export async function upsertAppraisal(
  db: Kysely<DB>,
  k: { cycleId: number; agencyId: number; nodeCode: string },
  v: { points: Centi; remark: string | null; userId: number | null; confirmed?: boolean },
) {
  const confirmed = v.confirmed ?? false;
  await db
    .insertInto("scores")
    .values({
      cycle_id: k.cycleId,
      agency_id: k.agencyId,
      node_code: k.nodeCode,
      appraised_points: dec(v.points),
      appraisal_remark: v.remark,
      appraised_by: v.userId,
      appraisal_confirmed: confirmed,
    })
    .onConflict((oc) =>
      oc.columns(["cycle_id", "agency_id", "node_code"]).doUpdateSet({
        appraised_points: dec(v.points),
        appraisal_remark: v.remark,
        appraised_by: v.userId,
        appraisal_confirmed: confirmed,
        updated_at: new Date(),
      }),
    )
    .execute();
}

/** Whether an appraiser has entered anything for the agency yet (then it cannot withdraw). */
export async function appraisalStarted(db: Kysely<DB>, cycleId: number, agencyId: number): Promise<boolean> {
  const r = await db
    .selectFrom("scores")
    .select("node_code")
    .where("cycle_id", "=", cycleId)
    .where("agency_id", "=", agencyId)
    .where("appraised_points", "is not", null)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function setReply(
  db: Kysely<DB>,
  k: { cycleId: number; agencyId: number; nodeCode: string },
  reply: string,
) {
  const r = await db
    .updateTable("scores")
    .set({ agency_reply: reply, updated_at: new Date() })
    .where("cycle_id", "=", k.cycleId)
    .where("agency_id", "=", k.agencyId)
    .where("node_code", "=", k.nodeCode)
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

export async function setNotApplicable(
  db: Kysely<DB>,
  cycleId: number,
  agencyId: number,
  nodeCode: string,
  na: boolean,
) {
  if (na) {
    await db
      .insertInto("not_applicable")
      .values({ cycle_id: cycleId, agency_id: agencyId, node_code: nodeCode })
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await db
      .deleteFrom("not_applicable")
      .where("cycle_id", "=", cycleId)
      .where("agency_id", "=", agencyId)
      .where("node_code", "=", nodeCode)
      .execute();
  }
}

export async function insertEvidence(
  db: Kysely<DB>,
  e: {
    agencyId: number;
    cycleId?: number | null;
    nodeCode?: string | null;
    taskUpdateId?: number | null;
    kind: "file" | "link" | "document" | "explanation";
    filePath?: string | null;
    fileName?: string | null;
    mime?: string | null;
    size?: number | null;
    url?: string | null;
    docNumber?: string | null;
    note?: string | null;
    createdBy: number | null;
    sourceEvidenceId?: number | null;
  },
): Promise<number> {
  const r = await x(db)
    .insertInto("evidence")
    .values({
      agency_id: e.agencyId,
      cycle_id: e.cycleId ?? null,
      node_code: e.nodeCode ?? null,
      task_update_id: e.taskUpdateId ?? null,
      kind: e.kind,
      file_path: e.filePath ?? null,
      file_name: e.fileName ?? null,
      mime: e.mime ?? null,
      size: e.size ?? null,
      url: e.url ?? null,
      doc_number: e.docNumber ?? null,
      note: e.note ?? null,
      created_by: e.createdBy,
      source_evidence_id: e.sourceEvidenceId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listEvidence(
  db: Kysely<DB>,
  f: { cycleId?: number; agencyId?: number; taskUpdateIds?: number[] },
) {
  let q = db.selectFrom("evidence").selectAll();
  if (f.cycleId !== undefined) q = q.where("cycle_id", "=", f.cycleId);
  if (f.agencyId !== undefined) q = q.where("agency_id", "=", f.agencyId);
  if (f.taskUpdateIds) {
    if (!f.taskUpdateIds.length) return [];
    q = q.where("task_update_id", "in", f.taskUpdateIds);
  }
  return q.orderBy("id").execute();
}

export async function findEvidence(db: Kysely<DB>, id: number) {
  return db.selectFrom("evidence").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findScore(db: Kysely<DB>, k: ScoreKey) {
  const r = await db
    .selectFrom("scores")
    .select([
      "self_points",
      "appraised_points",
      "appraisal_remark",
      "explanation",
      "agency_reply",
      "appraisal_confirmed",
    ])
    .where("cycle_id", "=", k.cycleId)
    .where("agency_id", "=", k.agencyId)
    .where("node_code", "=", k.nodeCode)
    .executeTakeFirst();
  return r
    ? {
        self: centiOrNull(r.self_points),
        appraised: centiOrNull(r.appraised_points),
        remark: r.appraisal_remark,
        explanation: r.explanation,
        reply: r.agency_reply,
        confirmed: r.appraisal_confirmed,
      }
    : undefined;
}

/** The evidence of a cycle's criteria, each with the task it was taken from (when it was). */
export async function listCriterionEvidence(db: Kysely<DB>, cycleId: number, agencyId: number) {
  return x(db)
    .selectFrom("evidence as e")
    .leftJoin("evidence as s", "s.id", "e.source_evidence_id")
    .leftJoin("task_updates as u", "u.id", "s.task_update_id")
    .leftJoin("tasks as t", "t.id", "u.task_id")
    .selectAll("e")
    .select(["t.id as task_id", "t.title as task_title", "t.plan_id"])
    .where("e.cycle_id", "=", cycleId)
    .where("e.agency_id", "=", agencyId)
    .where("e.node_code", "is not", null)
    .orderBy("e.id")
    .execute();
}

/** Evidence the agency's divisions posted with task updates: what a criterion can be backed by. */
export async function listTaskEvidence(db: Kysely<DB>, agencyId: number) {
  return db
    .selectFrom("evidence as e")
    .innerJoin("task_updates as u", "u.id", "e.task_update_id")
    .innerJoin("tasks as t", "t.id", "u.task_id")
    .leftJoin("agencies as a", "a.id", "u.unit_id")
    .selectAll("e")
    .select(["t.id as task_id", "t.title as task_title", "t.plan_id", "t.area_code", "a.name as unit_name"])
    .where("e.agency_id", "=", agencyId)
    .orderBy("e.id", "desc")
    .execute();
}

export async function findCriterionEvidence(db: Kysely<DB>, k: ScoreKey, id: number) {
  return x(db)
    .selectFrom("evidence")
    .selectAll()
    .where("id", "=", id)
    .where("cycle_id", "=", k.cycleId)
    .where("agency_id", "=", k.agencyId)
    .where("node_code", "=", k.nodeCode)
    .executeTakeFirst();
}

/** An item already taken onto this criterion from the given task evidence, if any. */
export async function findAttached(db: Kysely<DB>, k: ScoreKey, sourceId: number) {
  return x(db)
    .selectFrom("evidence")
    .select("id")
    .where("source_evidence_id", "=", sourceId)
    .where("cycle_id", "=", k.cycleId)
    .where("agency_id", "=", k.agencyId)
    .where("node_code", "=", k.nodeCode)
    .executeTakeFirst();
}

export async function deleteEvidence(db: Kysely<DB>, id: number) {
  await db.deleteFrom("evidence").where("id", "=", id).execute();
}

/** How many evidence rows point at a stored file (attached task evidence shares its file). */
export async function fileReferences(db: Kysely<DB>, filePath: string): Promise<number> {
  const r = await db
    .selectFrom("evidence")
    .select(db.fn.countAll<number>().as("n"))
    .where("file_path", "=", filePath)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The criteria an agency has a score row for in a cycle (what its history can be about). */
export async function listScoreKeys(db: Kysely<DB>, cycleId: number, agencyId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("scores")
    .select("node_code")
    .where("cycle_id", "=", cycleId)
    .where("agency_id", "=", agencyId)
    .execute();
  const na = await db
    .selectFrom("not_applicable")
    .select("node_code")
    .where("cycle_id", "=", cycleId)
    .where("agency_id", "=", agencyId)
    .execute();
  return [...new Set([...rows, ...na].map((r) => r.node_code))];
}

/** The (cycle, area) pairs an appraiser is assigned to. */
export async function assignmentsOf(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom("appraiser_assignments")
    .select(["cycle_id", "area_code"])
    .where("user_id", "=", userId)
    .execute();
}

/** The cycles an agency takes part in, newest first, with its status in each. */
export async function cyclesOfAgency(db: Kysely<DB>, agencyId: number) {
  return db
    .selectFrom("cycles as c")
    .innerJoin("cycle_participants as p", "p.cycle_id", "c.id")
    .selectAll("c")
    .select("p.status")
    .where("p.agency_id", "=", agencyId)
    .orderBy("c.year", "desc")
    .orderBy("c.id", "desc")
    .execute();
}
