import { type Kysely, sql } from "kysely";
import { searchKey } from "../../../core/locale.ts";
import type { AgencyTable, DB } from "../../db/schema.ts";

export type AgencyRow = {
  id: number;
  code: string;
  name: string;
  short_name: string | null;
  kind: AgencyTable["kind"];
  parent_id: number | null;
  group_code: string | null;
  valid_from: string;
  valid_to: string | null;
  successor_id: number | null;
  sample: boolean;
  staff_count: number | null;
};

const COLS = [
  "id",
  "code",
  "name",
  "short_name",
  "kind",
  "parent_id",
  "group_code",
  "valid_from",
  "valid_to",
  "successor_id",
  "sample",
  "staff_count",
] as const;

export async function findAgency(db: Kysely<DB>, id: number): Promise<AgencyRow | undefined> {
  return db.selectFrom("agencies").select(COLS).where("id", "=", id).executeTakeFirst();
}

export async function findAgencyByCode(db: Kysely<DB>, code: string): Promise<AgencyRow | undefined> {
  return db.selectFrom("agencies").select(COLS).where("code", "=", code).executeTakeFirst();
}

type AgencyFilter = { kind?: string; parentId?: number; q?: string; activeOn?: string };

function filtered(db: Kysely<DB>, f: AgencyFilter) {
  let q = db.selectFrom("agencies");
  if (f.kind) q = q.where("kind", "=", f.kind as AgencyTable["kind"]);
  if (f.parentId !== undefined) q = q.where("parent_id", "=", f.parentId);
  if (f.q) q = q.where("search_key", "like", `%${searchKey(f.q).replace(/[%_\\]/g, "\\$&")}%`);
  if (f.activeOn) {
    const d = f.activeOn;
    q = q
      .where("valid_from", "<=", d)
      .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", d)]));
  }
  return q;
}

export async function listAgencies(
  db: Kysely<DB>,
  f: AgencyFilter & { limit: number; offset: number },
): Promise<AgencyRow[]> {
  return filtered(db, f)
    .select(COLS)
    .orderBy(sql`name collate "C"`)
    .orderBy("id")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export async function countFiltered(db: Kysely<DB>, f: AgencyFilter): Promise<number> {
  const r = await filtered(db, f).select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findAgencies(db: Kysely<DB>, ids: readonly number[]): Promise<AgencyRow[]> {
  if (!ids.length) return [];
  return db
    .selectFrom("agencies")
    .select(COLS)
    .where("id", "in", [...ids])
    .execute();
}

/** The province an agency belongs to: the nearest ancestor (or itself) of kind 'province'. */
export async function provinceOf(db: Kysely<DB>, agencyId: number): Promise<number | null> {
  const r = await sql<{ id: number }>`
    with recursive up(id, parent_id, kind, depth) as (
      select id, parent_id, kind, 0 from agencies where id = ${agencyId}
      union all
      select a.id, a.parent_id, a.kind, up.depth + 1 from agencies a join up on a.id = up.parent_id where up.depth < 20
    )
    select id from up where kind = 'province' order by depth limit 1`.execute(db);
  return r.rows[0]?.id ?? null;
}

export async function insertAgency(
  db: Kysely<DB>,
  a: {
    code: string;
    name: string;
    shortName?: string | null;
    kind: AgencyTable["kind"];
    parentId?: number | null;
    groupCode?: string | null;
    validFrom?: string;
    validTo?: string | null;
    successorId?: number | null;
    sample?: boolean;
    staffCount?: number | null;
  },
): Promise<number> {
  const r = await db
    .insertInto("agencies")
    .values({
      code: a.code,
      name: a.name,
      short_name: a.shortName ?? null,
      search_key: searchKey(`${a.name} ${a.shortName ?? ""} ${a.code}`),
      kind: a.kind,
      parent_id: a.parentId ?? null,
      group_code: a.groupCode ?? null,
      valid_from: a.validFrom ?? "1900-01-01",
      valid_to: a.validTo ?? null,
      successor_id: a.successorId ?? null,
      sample: a.sample ?? false,
      staff_count: a.staffCount ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAgency(
  db: Kysely<DB>,
  id: number,
  patch: Partial<{
    name: string;
    shortName: string | null;
    validFrom: string;
    validTo: string | null;
    successorId: number | null;
    staffCount: number | null;
    groupCode: string | null;
  }>,
): Promise<void> {
  const cur = await findAgency(db, id);
  if (!cur) return;
  const name = patch.name ?? cur.name;
  const shortName = patch.shortName !== undefined ? patch.shortName : cur.short_name;
  await db
    .updateTable("agencies")
    .set({
      name,
      short_name: shortName,
      search_key: searchKey(`${name} ${shortName ?? ""} ${cur.code}`),
      ...(patch.validFrom !== undefined ? { valid_from: patch.validFrom } : {}),
      ...(patch.validTo !== undefined ? { valid_to: patch.validTo } : {}),
      ...(patch.successorId !== undefined ? { successor_id: patch.successorId } : {}),
      ...(patch.staffCount !== undefined ? { staff_count: patch.staffCount } : {}),
      ...(patch.groupCode !== undefined ? { group_code: patch.groupCode } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** Divisions and unit groups of an agency. */
export async function listUnits(db: Kysely<DB>, agencyId: number): Promise<AgencyRow[]> {
  return db
    .selectFrom("agencies")
    .select(COLS)
    .where("parent_id", "=", agencyId)
    .where("kind", "in", ["division", "unit_group"])
    .orderBy("id")
    .execute();
}

/** A province's own reporting-period rules, or null when it uses the defaults. */
export async function getPeriodRules(db: Kysely<DB>, provinceId: number): Promise<unknown | null> {
  const row = await db
    .selectFrom("agencies")
    .select("period_rules")
    .where("id", "=", provinceId)
    .executeTakeFirst();
  const v = row?.period_rules ?? null;
  return typeof v === "string" ? JSON.parse(v) : v;
}

export async function setPeriodRules(db: Kysely<DB>, provinceId: number, rules: unknown) {
  await db
    .updateTable("agencies")
    .set({ period_rules: JSON.stringify(rules) })
    .where("id", "=", provinceId)
    .execute();
}

export async function countAgencies(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom("agencies")
    .select(db.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
