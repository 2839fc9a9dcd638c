/**
 * Migration 006's data step: the score history that migration 002 kept in a table of its own moves
 * into the audit trail, oldest first, with its original times and authors, so one trail holds every
 * change. Written against the tables as they stood at migration 002, not against today's services.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type AuditEntry, recordAudit } from "./service.ts";

interface LegacyRow {
  id: number;
  cycle_id: number;
  agency_id: number;
  node_code: string | null;
  action: string;
  points: string | null;
  previous_points: string | null;
  note: string | null;
  user_id: number | null;
  at: Date;
  username: string | null;
  role: string | null;
  province_id: number | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));

export async function moveScoreHistory(db: Kysely<DB>) {
  const rows = (
    await sql<LegacyRow>`
      select h.*, u.username, u.role, c.province_id
      from score_history h
      left join users u on u.id = h.user_id
      join cycles c on c.id = h.cycle_id
      order by h.at, h.id`.execute(db)
  ).rows;
  for (const r of rows) {
    const field = r.action === "appraised" ? "appraised" : "self";
    const scoreLevel = r.node_code !== null;
    const entry: AuditEntry = {
      action: `${scoreLevel ? "score" : "participant"}.${r.action}`,
      entity: scoreLevel ? "score" : "participant",
      entityId: scoreLevel ? `${r.cycle_id}:${r.agency_id}:${r.node_code}` : `${r.cycle_id}:${r.agency_id}`,
      provinceId: r.province_id,
      agencyId: r.agency_id,
      cycleId: r.cycle_id,
      before: r.previous_points === null ? undefined : { [field]: num(r.previous_points) },
      after: r.points === null ? undefined : { [field]: num(r.points) },
      note: r.note,
      at: new Date(r.at),
    };
    await recordAudit(db, { id: r.user_id, name: r.username, role: r.role, session: null, ip: null }, entry);
  }
}
