/**
 * The audit trail: every change to frameworks, cycles, scores, evidence, plans, tasks, indicators,
 * users and sessions is recorded here, in the same transaction as the change, by the one function
 * `recordAudit`. Entries are hash-chained: each carries the SHA-256 of its canonical form, which
 * includes the hash of the entry before, so editing or removing any entry breaks every hash after it.
 */
import type { Kysely } from "kysely";
import { type AuditFields, auditValue, entryText, GENESIS_HASH } from "../../../core/audit.ts";
import { auditTarget } from "../../../core/audit-target.ts";
import type { DB } from "../../db/schema.ts";
import { sha256 } from "../../hash.ts";
import { forgetPublicAnswers } from "../../public-cache.ts";
import type { Caller } from "../auth/policy.ts";
import * as repo from "./repository.ts";

/** Who acted: a signed-in caller, the system (the demo loader, a migration), or someone failing to sign in. */
export interface Actor {
  id: number | null;
  name: string | null;
  role: string | null;
  session: string | null;
  ip: string | null;
}

export const SYSTEM: Actor = { id: null, name: "system", role: "system", session: null, ip: null };

export function actorOf(c: Caller | Actor | null): Actor {
  if (!c) return { id: null, name: null, role: null, session: null, ip: null };
  if ("username" in c)
    return {
      id: c.id,
      name: c.username,
      role: c.role,
      session: c.sessionId ?? null,
      ip: c.ip ?? null,
    };
  return c;
}

export interface AuditEntry {
  /** What happened, "<entity>.<verb>": "cycle.published", "score.appraised", "auth.login_failed". */
  action: string;
  entity: string;
  entityId: string | number;
  provinceId?: number | null;
  agencyId?: number | null;
  cycleId?: number | null;
  planId?: number | null;
  before?: unknown;
  after?: unknown;
  note?: string | null;
  /** When it happened; now unless a migration replays older history. */
  at?: Date;
}

/** The columns of an entry, as the hashed fields name them: one mapping, read both ways. */
const COLUMNS = {
  id: "id",
  at: "at",
  actorId: "actor_id",
  actorName: "actor_name",
  actorRole: "actor_role",
  session: "session",
  ip: "ip",
  action: "action",
  entity: "entity",
  entityId: "entity_id",
  provinceId: "province_id",
  agencyId: "agency_id",
  cycleId: "cycle_id",
  planId: "plan_id",
  before: "before",
  after: "after",
  note: "note",
  prevHash: "prev_hash",
} as const satisfies Record<keyof AuditFields, keyof repo.AuditRow>;
const FIELDS = Object.keys(COLUMNS) as (keyof AuditFields)[];

/** An entry's hashed fields, as the database gave them back (engines differ on ids and times). */
function fieldsOf(r: repo.AuditRow): AuditFields {
  const f = Object.fromEntries(FIELDS.map((k) => [k, r[COLUMNS[k]] ?? null])) as unknown as AuditFields;
  return { ...f, id: Number(r.id), at: new Date(r.at).toISOString() };
}

function rowOf(f: AuditFields, hash: string): repo.AuditRow {
  const r = Object.fromEntries(FIELDS.map((k) => [COLUMNS[k], f[k]])) as unknown as repo.AuditRow;
  return { ...r, at: new Date(f.at), hash };
}

async function append(trx: Kysely<DB>, actor: Actor, entries: readonly AuditEntry[]) {
  await repo.lockForAppend(trx);
  const last = await repo.head(trx);
  let id = last ? Number(last.id) : 0;
  let prev = last?.hash ?? GENESIS_HASH;
  for (const e of entries) {
    id++;
    const fields: AuditFields = {
      id,
      at: (e.at ?? new Date()).toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
      session: actor.session,
      ip: actor.ip,
      action: e.action,
      entity: e.entity,
      entityId: String(e.entityId),
      provinceId: e.provinceId ?? null,
      agencyId: e.agencyId ?? null,
      cycleId: e.cycleId ?? null,
      planId: e.planId ?? null,
      before: e.before === undefined ? null : auditValue(e.before),
      after: e.after === undefined ? null : auditValue(e.after),
      note: e.note ? String(auditValue(e.note)) : null,
      prevHash: prev,
    };
    const hash = sha256(entryText(fields));
    await repo.insertRow(trx, rowOf(fields, hash));
    prev = hash;
  }
}

/**
 * Appends entries to the trail. Call it with the transaction that makes the change, so the change
 * and its record commit together; given the database itself, it opens a transaction of its own.
 */
export async function recordAudit(
  db: Kysely<DB>,
  who: Caller | Actor | null,
  entries: AuditEntry | readonly AuditEntry[],
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries as AuditEntry];
  if (!list.length) return;
  // What the public reads may have changed (sign-in attempts change nothing it reads).
  if (list.some((e) => !e.action.startsWith("auth."))) forgetPublicAnswers();
  const actor = actorOf(who);
  if (db.isTransaction) await append(db, actor, list);
  else await db.transaction().execute((trx) => append(trx, actor, list));
}

export type ChainCheck =
  | { ok: true; length: number; head: string }
  | { ok: false; length: number; entryId: number; reason: string };

/** Recomputes every hash from the genesis; the first entry that does not fit is named. */
export async function verifyChain(db: Kysely<DB>, batch = 1000): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let expectId = 1;
  let after = 0;
  for (;;) {
    const rows = await repo.rowsAfter(db, after, batch);
    for (const r of rows) {
      const f = fieldsOf(r);
      const fail = (reason: string): ChainCheck => ({
        ok: false,
        length: expectId - 1,
        entryId: f.id,
        reason,
      });
      if (f.id !== expectId) return fail(`entry ${expectId} is missing (the next entry is ${f.id})`);
      if (f.prevHash !== prev) return fail(`its previous hash does not match entry ${f.id - 1}`);
      if (sha256(entryText(f)) !== r.hash) return fail("its content does not match its hash");
      prev = r.hash;
      expectId++;
      after = f.id;
    }
    if (rows.length < batch) break;
  }
  return { ok: true, length: expectId - 1, head: prev };
}

/** The head of the chain now: its length and hash (what a publication records). */
export async function chainHead(db: Kysely<DB>): Promise<{ length: number; hash: string }> {
  const h = await repo.head(db);
  return h ? { length: Number(h.id), hash: h.hash } : { length: 0, hash: GENESIS_HASH };
}

/** An entry as the API shows it. */
export function presentAudit(r: repo.ListedRow) {
  const { actorId, actorName, actorRole, session, ip, prevHash, ...f } = fieldsOf(r);
  return {
    ...f,
    actor: { id: actorId, name: actorName, displayName: r.actor_display, role: actorRole, session, ip },
    hash: r.hash,
  };
}

type Presented = ReturnType<typeof presentAudit>;

/**
 * The entries with the names of the cycle and the agency each is about (core/audit-target.ts reads
 * which), asked in one query each, so a reader's list needs no request per record. Cycles and
 * agencies are named to anyone who may read the entry: the public ranking names them too.
 */
export async function named(db: Kysely<DB>, entries: Presented[]) {
  const targets = entries.map((e) => auditTarget(e));
  const ids = (k: "cycleId" | "agencyId") => [
    ...new Set(targets.map((t) => t[k]).filter((v): v is number => v !== undefined)),
  ];
  const names = await repo.namesOf(db, ids("cycleId"), ids("agencyId"));
  return entries.map((e, i) => ({
    ...e,
    about: {
      cycle: names.cycles.get(targets[i].cycleId ?? -1) ?? null,
      agency: names.agencies.get(targets[i].agencyId ?? -1) ?? null,
    },
  }));
}
