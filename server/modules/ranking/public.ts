/**
 * What anyone may read without signing in: the published cycles (their publications, never the live
 * tables; an unpublished cycle is not even listed), each agency's published results, and the
 * published improvement plans with their progress — never a draft plan, a task update's notes or
 * evidence. These answers are the same for every caller.
 */
import { fromCenti } from "../../../core/decimal.ts";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { findAgency } from "../agencies/repository.ts";
import { publishedResultOf } from "../cycles/public.ts";
import { currentPublication } from "../cycles/publication.ts";
import { publicPlanList } from "../plans/public.ts";
import * as repo from "./repository.ts";

export async function publicOverview(ctx: AppContext) {
  const cycles = await repo.listPublishedCycles(ctx.db);
  const current = new Map<number, { version: number; ranked: number }>();
  for (const c of cycles) {
    const p = await currentPublication(ctx, c.id);
    if (p) current.set(c.id, { version: p.row.version, ranked: p.snapshot.agencies.length });
  }
  return {
    cycles: cycles.map((c) => ({
      id: c.id,
      year: c.year,
      group: c.group_code,
      provinceId: c.province_id,
      province: c.province_name,
      published: true,
      /** The first publication; a correction keeps it and shows as a later version. */
      publishedAt: c.published_at ? new Date(c.published_at).toISOString() : null,
      version: current.get(c.id)?.version ?? 1,
      /** How many agencies the current version ranks. */
      agencies: current.get(c.id)?.ranked ?? 0,
    })),
    plans: await publicPlanList(ctx),
  };
}

/** An agency's published results across cycles, as published (an open cycle is not listed). */
export async function publicAgency(ctx: AppContext, agencyId: number) {
  const agency = await findAgency(ctx.db, agencyId);
  if (agency?.kind !== "agency") throw notFound("cơ quan / agency", "id");
  const cycles = [];
  for (const cycle of await repo.listCyclesOfAgency(ctx.db, agencyId)) {
    // Only what was published, as published: an open cycle is not listed at all.
    const published = await publishedResultOf(ctx, cycle.id, agencyId);
    if (!published) continue;
    const a = published.agency;
    cycles.push({
      cycleId: cycle.id,
      year: cycle.year,
      group: cycle.group_code,
      published: true as const,
      version: published.version.version,
      excludedReason: published.excluded?.reason ?? null,
      result: a
        ? {
            points: fromCenti(a.points),
            max: fromCenti(a.max),
            percent: a.percent === null ? null : fromCenti(a.percent),
            grade: a.grade,
            rank: a.rank,
            rankOf: published.rankOf,
            previousRank: a.previousRank,
            rankChange: a.rankChange,
          }
        : null,
    });
  }
  return {
    agency: {
      id: agency.id,
      code: agency.code,
      name: agency.name,
      group: agency.group_code,
      validFrom: agency.valid_from,
      validTo: agency.valid_to,
    },
    cycles,
    plans: await publicPlanList(ctx, agencyId),
  };
}

/** The public plan page lives with the plans (server/modules/plans/public.ts). */
export { publicPlan } from "../plans/public.ts";
