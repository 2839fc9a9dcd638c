/**
 * Migration 010's data step: a plan published before versions existed becomes version 1 of itself,
 * dated the day it was published, so the public keeps reading what it read; run again, it adds nothing.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { draftSnapshot, snapshotHash } from "../../server/modules/plans/snapshot.ts";
import { versionPublishedPlans } from "../../server/modules/plans/versions-migration.ts";
import { forEachEngine } from "../db.ts";

forEachEngine("plan versions migration", (get) => {
  it("versions each published plan once, with its content and its publication date", async () => {
    const { db } = get().ctx;
    await seedDemo(get().ctx);
    // As before migration 010: published, no version.
    await sql`delete from plan_versions`.execute(db);
    const draft = await db
      .selectFrom("plans")
      .select(["id", "year"])
      .where("year", "=", 2020)
      .executeTakeFirst();
    expect(draft).toBeUndefined();
    await db
      .insertInto("plans")
      .values({
        agency_id: (await db.selectFrom("plans").select("agency_id").executeTakeFirstOrThrow()).agency_id,
        year: 2020,
        title: "Bản nháp",
      })
      .execute();
    await versionPublishedPlans(db);
    const rows = await db.selectFrom("plan_versions").selectAll().execute();
    expect(rows).toHaveLength(1);
    const plan = await db
      .selectFrom("plans")
      .selectAll()
      .where("id", "=", rows[0].plan_id)
      .executeTakeFirstOrThrow();
    expect(plan.year).toBe(2019);
    expect(rows[0]).toMatchObject({ version: 1, published_by: null, number: "1994", code: "KH-VPUBND" });
    expect(new Date(rows[0].published_at).toISOString()).toBe("2019-09-03T01:00:00.000Z");
    expect(rows[0].content_hash).toBe(snapshotHash((await draftSnapshot(db, plan)).snapshot));
    await versionPublishedPlans(db);
    expect(await db.selectFrom("plan_versions").selectAll().execute()).toHaveLength(1);
    const log = await db.selectFrom("audit_log").selectAll().where("action", "=", "plan.published").execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_name: "system", plan_id: plan.id });
  });
});
