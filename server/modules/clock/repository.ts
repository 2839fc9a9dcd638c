import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/** The demo's day (ISO), or null when the database did not start as the demo. */
export async function findDemoDate(db: Kysely<DB>): Promise<string | null> {
  const r = await db.selectFrom("demo_clock").select("demo_date").executeTakeFirst();
  return r?.demo_date ?? null;
}

/** Marks the database as the demo, living on `date` (a second call keeps the first day). */
export async function startDemoClock(db: Kysely<DB>, date: string) {
  await db
    .insertInto("demo_clock")
    .values({ demo_date: date })
    .onConflict((oc) => oc.column("singleton").doNothing())
    .execute();
}

export async function setDemoDate(db: Kysely<DB>, date: string) {
  await db.updateTable("demo_clock").set({ demo_date: date, updated_at: new Date() }).execute();
}
