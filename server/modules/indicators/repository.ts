import type { Kysely } from "kysely";
import type { DB, IndicatorValueTable } from "../../db/schema.ts";

export async function insertIndicatorValue(
  db: Kysely<DB>,
  v: {
    agencyId: number;
    code: string;
    period: string;
    value: number;
    source: IndicatorValueTable["source"];
    taskUpdateId?: number | null;
    recordedBy: number | null;
  },
): Promise<number> {
  const row = await db
    .insertInto("indicator_values")
    .values({
      agency_id: v.agencyId,
      code: v.code,
      period: v.period,
      // numeric(14,2) rounds a third decimal half away from zero, on both engines.
      value: String(v.value),
      source: v.source,
      task_update_id: v.taskUpdateId ?? null,
      recorded_by: v.recordedBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listIndicatorValues(db: Kysely<DB>, agencyId: number) {
  const rows = await db
    .selectFrom("indicator_values")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("id")
    .execute();
  return rows.map((v) => ({
    id: v.id,
    code: v.code,
    period: v.period,
    value: Number(v.value),
    source: v.source,
    recordedAt: new Date(v.recorded_at).toISOString(),
  }));
}

/** The indicator value recorded with each task update (at most one per update), keyed by update id. */
export async function indicatorValuesOfUpdates(db: Kysely<DB>, updateIds: readonly number[]) {
  const out = new Map<number, { code: string; value: number; period: string }>();
  if (!updateIds.length) return out;
  const rows = await db
    .selectFrom("indicator_values")
    .select(["task_update_id", "code", "period", "value"])
    .where("task_update_id", "in", [...updateIds])
    .orderBy("id")
    .execute();
  for (const r of rows)
    if (r.task_update_id !== null)
      out.set(r.task_update_id, { code: r.code, value: Number(r.value), period: r.period });
  return out;
}

/** The latest value recorded for each of the codes (by recording order), keyed by code. */
export async function latestIndicatorValues(db: Kysely<DB>, agencyId: number, codes: readonly string[]) {
  const out = new Map<string, { value: number; period: string; recordedAt: string }>();
  if (!codes.length) return out;
  const rows = await db
    .selectFrom("indicator_values")
    .select(["code", "period", "value", "recorded_at"])
    .where("agency_id", "=", agencyId)
    .where("code", "in", [...new Set(codes)])
    .orderBy("id")
    .execute();
  for (const r of rows)
    out.set(r.code, {
      value: Number(r.value),
      period: r.period,
      recordedAt: new Date(r.recorded_at).toISOString(),
    });
  return out;
}
