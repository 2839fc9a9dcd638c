/** The ranking module's own reads: which cycles an agency took part in, and what the public can list. */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { CycleRow } from "../cycles/repository.ts";

/** Every cycle the agency took part in, oldest first. */
export async function listCyclesOfAgency(db: Kysely<DB>, agencyId: number): Promise<CycleRow[]> {
  return db
    .selectFrom("cycles as c")
    .innerJoin("cycle_participants as p", "p.cycle_id", "c.id")
    .selectAll("c")
    .where("p.agency_id", "=", agencyId)
    .orderBy("c.year")
    .orderBy("c.id")
    .execute();
}

/** Every published cycle with its province's name, newest first. */
export async function listPublishedCycles(db: Kysely<DB>) {
  return db
    .selectFrom("cycles as c")
    .innerJoin("agencies as prov", "prov.id", "c.province_id")
    .select([
      "c.id",
      "c.year",
      "c.group_code",
      "c.province_id",
      "c.published_at",
      "prov.name as province_name",
    ])
    .where("c.state", "!=", "open")
    .orderBy("c.year", "desc")
    .orderBy("c.group_code")
    .execute();
}
