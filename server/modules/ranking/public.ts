/**
 * What anyone may read without signing in: the cycles (published or not, but numbers only once
 * published), each agency's published results, and the published improvement plans with their
 * progress — never a draft plan, a task update's notes or evidence. These answers are the same for
 * every caller.
 */
import type { AppContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { pts } from "../../presenters.ts";
import { agencyFacts } from "../agencies/service.ts";
import { publicPlanList } from "../plans/public.ts";
import * as repo from "./repository.ts";
import { cycleTable } from "./service.ts";

export async function publicOverview(ctx: AppContext) {
  const cycles = await repo.listCyclesWithCounts(ctx.db);
  return {
    cycles: cycles.map((c) => ({
      id: c.id,
      year: c.year,
      group: c.group_code,
      provinceId: c.province_id,
      province: c.province_name,
      published: c.published_at !== null,
      publishedAt: c.published_at ? new Date(c.published_at).toISOString() : null,
      agencies: Number(c.participants),
    })),
    plans: await publicPlanList(ctx),
  };
}

/** An agency's published results across cycles (an unpublished cycle is listed without numbers). */
export async function publicAgency(ctx: AppContext, agencyId: number) {
  const { agency } = await agencyFacts(ctx, agencyId);
  if (agency.kind !== "agency") throw notFound("cơ quan / agency", "id");
  const memo = new Map();
  const cycles = [];
  for (const cycle of await repo.listCyclesOfAgency(ctx.db, agencyId)) {
    const base = { cycleId: cycle.id, year: cycle.year, group: cycle.group_code };
    if (!cycle.published_at) {
      cycles.push({ ...base, published: false as const, result: null });
      continue;
    }
    const all = await cycleTable(ctx, cycle, memo);
    const mine = all.results.find((r) => r.agencyId === agencyId);
    cycles.push({
      ...base,
      published: true as const,
      result: mine
        ? {
            points: pts(mine.index.achieved),
            max: pts(mine.index.max),
            percent: pts(mine.index.percent),
            grade: mine.grade,
            rank: mine.rank,
            rankOf: all.results.filter((r) => r.rank !== null).length,
            previousRank: mine.previousRank,
            rankChange: mine.rankChange,
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
