/**
 * Migration 010's data step: a plan published before versions existed gets version 1 — its content
 * as it stands, dated the day it was published — so the public keeps reading what it read before,
 * and the agency's later edits become a draft of version 2.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { provinceOf } from "../agencies/repository.ts";
import { recordAudit, SYSTEM } from "../audit/service.ts";
import { storeVersion } from "./versions.ts";

export async function versionPublishedPlans(db: Kysely<DB>) {
  const plans = await db
    .selectFrom("plans")
    .selectAll()
    .where("published_at", "is not", null)
    // Run again (or after a plan got its versions another way), it adds nothing.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("plan_versions as v").select("v.version").whereRef("v.plan_id", "=", "plans.id"),
        ),
      ),
    )
    .orderBy("published_at")
    .orderBy("id")
    .execute();
  for (const plan of plans) {
    const at = new Date(plan.published_at as Date);
    const { version } = await storeVersion(db, plan, { at, by: null, note: null });
    await recordAudit(db, SYSTEM, {
      action: "plan.published",
      entity: "plan",
      entityId: plan.id,
      provinceId: await provinceOf(db, plan.agency_id),
      agencyId: plan.agency_id,
      planId: plan.id,
      after: { version, publishedAt: at.toISOString() },
      note: "Phiên bản 1: kế hoạch đã công bố trước khi có phiên bản / version 1 of a plan published before versions existed",
    });
  }
}
