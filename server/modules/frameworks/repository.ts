import type { Kysely } from "kysely";
import { type Centi, centiToDecimalString, parseCenti } from "../../../core/decimal.ts";
import type { FrameworkNode } from "../../../core/framework.ts";
import type { GradeBand } from "../../../core/ranking.ts";
import type { DB } from "../../db/schema.ts";

export interface FrameworkMeta {
  id: number;
  code: string;
  title: string;
  year: number;
  agencyType: string;
  version: number;
  gradeBands: GradeBand[];
  rankDecimals: 0 | 1 | 2 | null;
  /** The province that owns the framework; null: a national one. */
  provinceId: number | null;
}

/** numeric(7,2) as returned by either engine ("75.40") → hundredths. */
export function centi(v: string | number): Centi {
  const c = parseCenti(typeof v === "number" ? v : v);
  if (c === null) throw new Error(`not a decimal: ${v}`);
  return c;
}
export const centiOrNull = (v: string | number | null): Centi | null => (v === null ? null : centi(v));
export const dec = (c: Centi) => centiToDecimalString(c);

const parseJson = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

function toMeta(r: {
  id: number;
  code: string;
  title: string;
  year: number;
  agency_type: string;
  version: number;
  grade_bands: unknown;
  rank_decimals: number | null;
  province_id: number | null;
}): FrameworkMeta {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    year: r.year,
    agencyType: r.agency_type,
    version: r.version,
    gradeBands: parseJson<GradeBand[]>(r.grade_bands),
    rankDecimals: r.rank_decimals as 0 | 1 | 2 | null,
    provinceId: r.province_id,
  };
}

export async function listFrameworks(db: Kysely<DB>): Promise<FrameworkMeta[]> {
  const rows = await db
    .selectFrom("frameworks")
    .selectAll()
    .orderBy("year", "desc")
    .orderBy("code")
    .execute();
  return rows.map(toMeta);
}

export async function findFramework(db: Kysely<DB>, id: number): Promise<FrameworkMeta | undefined> {
  const r = await db.selectFrom("frameworks").selectAll().where("id", "=", id).executeTakeFirst();
  return r && toMeta(r);
}

export async function findFrameworkByCode(db: Kysely<DB>, code: string): Promise<FrameworkMeta | undefined> {
  const r = await db.selectFrom("frameworks").selectAll().where("code", "=", code).executeTakeFirst();
  return r && toMeta(r);
}

export async function loadNodes(db: Kysely<DB>, frameworkId: number): Promise<FrameworkNode[]> {
  const rows = await db
    .selectFrom("framework_nodes")
    .selectAll()
    .where("framework_id", "=", frameworkId)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({
    code: r.code,
    parentCode: r.parent_code,
    kind: r.kind,
    title: r.title,
    max: centi(r.max_points),
    position: r.position,
    rule: r.rule === null ? undefined : parseJson(r.rule),
    illustrative: r.illustrative,
  }));
}

async function insertNodes(db: Kysely<DB>, frameworkId: number, nodes: readonly FrameworkNode[]) {
  if (!nodes.length) return;
  await db
    .insertInto("framework_nodes")
    .values(
      nodes.map((n, i) => ({
        framework_id: frameworkId,
        code: n.code,
        parent_code: n.parentCode,
        kind: n.kind,
        title: n.title,
        max_points: dec(n.max),
        position: n.position ?? i,
        rule: n.rule === undefined || n.rule === null ? null : JSON.stringify(n.rule),
        illustrative: n.illustrative ?? false,
      })),
    )
    .execute();
}

/** Stores a framework and its tree; call it inside a transaction. */
export async function insertFramework(
  trx: Kysely<DB>,
  f: Omit<FrameworkMeta, "id" | "version"> & { version?: number },
  nodes: readonly FrameworkNode[],
): Promise<number> {
  {
    const { id } = await trx
      .insertInto("frameworks")
      .values({
        code: f.code,
        title: f.title,
        year: f.year,
        agency_type: f.agencyType,
        version: f.version ?? 1,
        grade_bands: JSON.stringify(f.gradeBands),
        rank_decimals: f.rankDecimals,
        province_id: f.provinceId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertNodes(trx, id, nodes);
    return id;
  }
}

/** Replaces a framework's description and its whole tree (not its owner); call it inside a transaction. */
export async function replaceFramework(
  trx: Kysely<DB>,
  id: number,
  f: Omit<FrameworkMeta, "id" | "version" | "provinceId">,
  nodes: readonly FrameworkNode[],
): Promise<void> {
  await trx
    .updateTable("frameworks")
    .set({
      code: f.code,
      title: f.title,
      year: f.year,
      agency_type: f.agencyType,
      grade_bands: JSON.stringify(f.gradeBands),
      rank_decimals: f.rankDecimals,
    })
    .where("id", "=", id)
    .execute();
  await trx.deleteFrom("framework_nodes").where("framework_id", "=", id).execute();
  await insertNodes(trx, id, nodes);
}

/** The years of the cycles that use each framework (a framework in use is never changed in place). */
export async function frameworkUsage(db: Kysely<DB>, frameworkId?: number): Promise<Map<number, number[]>> {
  let q = db.selectFrom("cycles").select(["framework_id", "year"]);
  if (frameworkId !== undefined) q = q.where("framework_id", "=", frameworkId);
  const rows = await q.orderBy("year").execute();
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const years = out.get(r.framework_id) ?? [];
    if (!years.includes(r.year)) years.push(r.year);
    out.set(r.framework_id, years);
  }
  return out;
}
