import type { Kysely } from "kysely";
import type { Centi } from "../../../core/decimal.ts";
import type { DB } from "../../db/schema.ts";
import { centiOrNull, dec } from "../frameworks/repository.ts";

export interface ScoreRecord {
  agencyId: number;
  nodeCode: string;
  self: Centi | null;
  appraised: Centi | null;
  inputs: unknown;
  explanation: string | null;
  remark: string | null;
  reply: string | null;
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
  v: { points: Centi; inputs: unknown; explanation: string | null },
) {
  await db
    .insertInto("scores")
    .values({
      cycle_id: k.cycleId,
      agency_id: k.agencyId,
      node_code: k.nodeCode,
      self_points: dec(v.points),
      self_inputs: v.inputs === undefined ? null : JSON.stringify(v.inputs),
      explanation: v.explanation,
    })
    .onConflict((oc) =>
      oc.columns(["cycle_id", "agency_id", "node_code"]).doUpdateSet({
        self_points: dec(v.points),
        self_inputs: v.inputs === undefined ? null : JSON.stringify(v.inputs),
        explanation: v.explanation,
        updated_at: new Date(),
      }),
    )
    .execute();
}

export async function upsertAppraisal(
  db: Kysely<DB>,
  k: { cycleId: number; agencyId: number; nodeCode: string },
  v: { points: Centi; remark: string | null; userId: number | null },
) {
  await db
    .insertInto("scores")
    .values({
      cycle_id: k.cycleId,
      agency_id: k.agencyId,
      node_code: k.nodeCode,
      appraised_points: dec(v.points),
      appraisal_remark: v.remark,
      appraised_by: v.userId,
    })
    .onConflict((oc) =>
      oc.columns(["cycle_id", "agency_id", "node_code"]).doUpdateSet({
        appraised_points: dec(v.points),
        appraisal_remark: v.remark,
        appraised_by: v.userId,
        updated_at: new Date(),
      }),
    )
    .execute();
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
  },
): Promise<number> {
  const r = await db
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
