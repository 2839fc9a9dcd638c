import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/** The framework of the cycle an agency takes part in for a year, else of its latest cycle. */
export async function frameworkForAgency(
  db: Kysely<DB>,
  agencyId: number,
  year: number | null,
): Promise<number | null> {
  let q = db
    .selectFrom("cycles as c")
    .innerJoin("cycle_participants as p", "p.cycle_id", "c.id")
    .select("c.framework_id")
    .where("p.agency_id", "=", agencyId);
  if (year !== null) {
    const exact = await q.where("c.year", "=", year).executeTakeFirst();
    if (exact) return exact.framework_id;
  }
  q = q.orderBy("c.year", "desc");
  return (await q.executeTakeFirst())?.framework_id ?? null;
}
