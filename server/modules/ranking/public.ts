/**
 * What anyone may read without signing in: the published cycles (their publications, never the live
 * tables; an unpublished cycle is not even listed), each agency's published results, and the
 * published improvement plans with their progress — never a draft plan, a task update's notes or
 * evidence. These answers are the same for every caller.
 */
import { fromCenti } from "../../../core/decimal.ts";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { pts } from "../../presenters.ts";
import { agencyFacts } from "../agencies/service.ts";
import { publishedResultOf } from "../cycles/public.ts";
import { currentPublication } from "../cycles/publication.ts";
import * as plans from "../plans/repository.ts";
import { planDetail, planSummary } from "../plans/service.ts";
import * as repo from "./repository.ts";

export async function publicOverview(ctx: AppContext) {
  const cycles = await repo.listPublishedCycles(ctx.db);
  const planRows = await repo.listPlansWithAgency(ctx.db);
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
    plans: planRows.map((p) => ({
      ...planSummary(p),
      agency: { id: p.agency_id, code: p.agency_code, name: p.agency_name },
    })),
  };
}

/** An agency's published results across cycles (an unpublished cycle is listed without numbers). */
export async function publicAgency(ctx: AppContext, agencyId: number) {
  const { agency } = await agencyFacts(ctx, agencyId);
  if (agency.kind !== "agency") throw notFound("cơ quan / agency", "id");
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
  const planRows = await plans.listPlans(ctx.db, agencyId, true);
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
    plans: planRows.map(planSummary),
  };
}

/**
 * A published plan as the public reads it: its targets, its tasks' status and progress, and the
 * progress of the whole plan (a draft answers 403 plan.unpublished, whoever asks). Fields are picked
 * one by one, so nothing private can slip in with the plan's own answer.
 */
export async function publicPlan(ctx: AppContext, planId: number) {
  const p = await planDetail(ctx, null, planId);
  const open = p.tasks.filter((t) => t.status !== "cancelled");
  const count = (s: string) => p.tasks.filter((t) => t.status === s).length;
  // Progress of the plan: the mean progress of its tasks, a done task counting as 100 %, cancelled
  // tasks left out; whole percent, rounded half up.
  const sum = open.reduce((acc, t) => acc + (t.status === "done" ? 100 : t.progress), 0);
  const unit = (u: { id: number; name: string; shortName: string | null }) => ({
    id: u.id,
    name: u.name,
    shortName: u.shortName,
  });
  return {
    id: p.id,
    agency: p.agency,
    year: p.year,
    number: p.number,
    code: p.code,
    issuedOn: p.issuedOn,
    place: p.place,
    title: p.title,
    implements: p.implements,
    publishedAt: p.publishedAt,
    overallTarget: p.overallTarget,
    targets: p.targets,
    progress: {
      tasks: p.tasks.length,
      done: count("done"),
      inProgress: count("in_progress"),
      notStarted: count("not_started"),
      cancelled: count("cancelled"),
      overdue: p.tasks.filter((t) => t.overdue).length,
      percent: open.length ? Math.floor((sum * 2 + open.length) / (2 * open.length)) : null,
    },
    tasks: p.tasks.map((t) => ({
      id: t.id,
      section: t.section,
      title: t.title,
      body: t.body,
      areaCode: t.areaCode,
      startsOn: t.startsOn,
      due: t.due,
      period: t.period,
      status: t.status,
      progress: t.progress,
      overdue: t.overdue,
      leadUnits: t.leadUnits.map(unit),
      coordinatingUnits: t.coordinatingUnits.map(unit),
      /** The plan's own words only; measured values stay with the agency. */
      targets: t.targets.map((x) => x.text),
    })),
  };
}
