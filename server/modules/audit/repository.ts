/** The audit trail's SQL: appending under one lock, reading a page, walking the chain. */
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

/** Taken for the rest of the transaction by whoever appends, so entries chain one after another. */
const APPEND_LOCK = 727_001;

export type AuditRow = Selectable<DB["audit_log"]>;

export async function lockForAppend(trx: Kysely<DB>) {
  await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(trx);
}

export async function head(db: Kysely<DB>): Promise<{ id: number; hash: string } | undefined> {
  return db.selectFrom("audit_log").select(["id", "hash"]).orderBy("id", "desc").limit(1).executeTakeFirst();
}

export async function insertRow(
  trx: Kysely<DB>,
  r: Omit<AuditRow, "before" | "after"> & { before: unknown; after: unknown },
) {
  await trx
    .insertInto("audit_log")
    .values({
      ...r,
      before: r.before === null ? null : JSON.stringify(r.before),
      after: r.after === null ? null : JSON.stringify(r.after),
    })
    .execute();
}

/** Entries after `afterId` in chain order, at most `limit`. */
export async function rowsAfter(db: Kysely<DB>, afterId: number, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom("audit_log")
    .selectAll()
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute() as Promise<AuditRow[]>;
}

export async function rowAt(db: Kysely<DB>, id: number) {
  return db.selectFrom("audit_log").select(["id", "hash"]).where("id", "=", id).executeTakeFirst();
}

export interface AuditFilter {
  provinceId?: number;
  agencyId?: number;
  cycleId?: number;
  planId?: number;
  entity?: string;
  /** Any of these kinds of record (with `entity`, that one too). */
  entities?: string[];
  entityIds?: string[];
  action?: string;
  actorId?: number;
  from?: string;
  to?: string;
  beforeId?: number;
  limit: number;
}

export type ListedRow = AuditRow & { actor_display: string | null };

/** Newest first, with the actor's display name; `beforeId` pages back through older entries. */
export async function listRows(db: Kysely<DB>, f: AuditFilter): Promise<ListedRow[]> {
  let q = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .selectAll("audit_log")
    .select("users.display_name as actor_display");
  if (f.provinceId !== undefined) q = q.where("audit_log.province_id", "=", f.provinceId);
  if (f.agencyId !== undefined) q = q.where("audit_log.agency_id", "=", f.agencyId);
  if (f.cycleId !== undefined) q = q.where("audit_log.cycle_id", "=", f.cycleId);
  if (f.planId !== undefined) q = q.where("audit_log.plan_id", "=", f.planId);
  if (f.entity !== undefined) q = q.where("audit_log.entity", "=", f.entity);
  if (f.entities !== undefined) q = q.where("audit_log.entity", "in", f.entities);
  if (f.entityIds !== undefined) {
    if (!f.entityIds.length) return [];
    q = q.where("audit_log.entity_id", "in", f.entityIds);
  }
  if (f.action !== undefined)
    q = q.where("audit_log.action", "like", `${f.action.replace(/[\\%_]/g, "\\$&")}%`);
  if (f.actorId !== undefined) q = q.where("audit_log.actor_id", "=", f.actorId);
  if (f.from !== undefined) q = q.where("audit_log.at", ">=", new Date(`${f.from}T00:00:00+07:00`));
  if (f.to !== undefined)
    q = q.where("audit_log.at", "<", new Date(new Date(`${f.to}T00:00:00+07:00`).getTime() + 86_400_000));
  if (f.beforeId !== undefined) q = q.where("audit_log.id", "<", f.beforeId);
  return q.orderBy("audit_log.id", "desc").limit(f.limit).execute() as Promise<ListedRow[]>;
}

/** The names entries refer to by id: a cycle's year and group, an agency's name. */
export async function namesOf(db: Kysely<DB>, cycleIds: number[], agencyIds: number[]) {
  const [cycles, agencies] = await Promise.all([
    cycleIds.length
      ? db.selectFrom("cycles").select(["id", "year", "group_code"]).where("id", "in", cycleIds).execute()
      : [],
    agencyIds.length
      ? db.selectFrom("agencies").select(["id", "name"]).where("id", "in", agencyIds).execute()
      : [],
  ]);
  return {
    cycles: new Map(cycles.map((c) => [c.id, { year: c.year, group: c.group_code }])),
    agencies: new Map(agencies.map((a) => [a.id, a.name])),
  };
}
