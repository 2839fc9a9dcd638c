/**
 * An agency's dashboard in one answer: the index now (the latest cycle it takes part in) against its
 * plan's target and last year, per area, across cycles, its place in the ranking, the points its
 * plan counts on whose tasks are slipping, last year's gap analysis and the what-if starting values.
 * Everything is computed here, so the page only formats.
 */
import { type Centi, percentCenti } from "../../../core/decimal.ts";
import type { FrameworkTree } from "../../../core/framework.ts";
import { gapAnalysis } from "../../../core/gap.ts";
import { summariseTargets } from "../../../core/plan.ts";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import { pts } from "../../presenters.ts";
import { agencyFacts } from "../agencies/service.ts";
import { type Caller, canReadAgencyPrivate, isProvinceWide } from "../auth/policy.ts";
import type { CycleRow } from "../cycles/repository.ts";
import * as plans from "../plans/repository.ts";
import * as repo from "./repository.ts";
import { type AgencyResult, type CycleMemo, type CycleResults, cycleTable } from "./service.ts";
import { slipping } from "./slipping.ts";

interface Entry {
  cycle: CycleRow;
  all: CycleResults;
  mine: AgencyResult;
}

/** One cycle of the agency: its index, and its rank when the caller may see it. */
function presentEntry(e: Entry, showRank: boolean) {
  const ranked = e.all.results.filter((r) => r.rank !== null).length;
  return {
    cycleId: e.cycle.id,
    year: e.cycle.year,
    group: e.cycle.group_code,
    published: !!e.cycle.published_at,
    points: pts(e.mine.index.achieved),
    max: pts(e.mine.index.max),
    percent: pts(e.mine.index.percent),
    // A grade for a cycle still being assessed would be read as a verdict: none until complete.
    grade: e.cycle.published_at || e.mine.index.missing === 0 ? e.mine.grade : null,
    /** Leaves that apply but have no score yet (a cycle still being assessed). */
    missing: e.mine.index.missing,
    rankVisible: showRank,
    rank: showRank ? e.mine.rank : null,
    rankOf: showRank ? ranked : null,
    previousRank: showRank ? e.mine.previousRank : null,
    rankChange: showRank ? e.mine.rankChange : null,
  };
}

/** The area a node belongs to (a task may name a criterion rather than its area). */
function areaOf(tree: FrameworkTree, code: string | null): string | null {
  let c = code;
  while (c !== null) {
    const n = tree.nodes.get(c);
    if (!n) return null;
    if (n.parentCode === null) return n.code;
    c = n.parentCode;
  }
  return null;
}

function lastWhere<T>(list: readonly T[], pred: (x: T) => boolean): T | null {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i])) return list[i];
  return null;
}

/** The agency's cycles, each with the table it is ranked in, oldest first. */
async function agencyEntries(ctx: AppContext, agencyId: number, memo: CycleMemo): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const cycle of await repo.listCyclesOfAgency(ctx.db, agencyId)) {
    const all = await cycleTable(ctx, cycle, memo);
    const mine = all.results.find((r) => r.agencyId === agencyId);
    if (mine) out.push({ cycle, all, mine });
  }
  return out;
}

export async function agencyDashboard(ctx: AppContext, caller: Caller | null, agencyId: number) {
  const facts = await agencyFacts(ctx, agencyId);
  if (!canReadAgencyPrivate(caller, facts))
    throw forbidden(
      "The dashboard shows an agency's own results: its staff and the province only",
      "Bảng điều khiển chỉ dành cho cán bộ của cơ quan và tỉnh",
    );
  const provinceWide = caller !== null && isProvinceWide(caller, facts);
  const entries = await agencyEntries(ctx, agencyId, new Map());
  const agency = { id: facts.agency.id, code: facts.agency.code, name: facts.agency.name };
  const current = entries.at(-1);
  if (!current)
    return {
      agency,
      current: null,
      previous: null,
      target: null,
      areas: [],
      trend: [],
      ranking: null,
      gap: null,
      atRisk: null,
      whatIf: null,
    };
  const showRank = (e: Entry) => !!e.cycle.published_at || provinceWide;
  const previous = lastWhere(entries, (e) => e.cycle.year < current.cycle.year);

  const plan = await plans.findPlanFor(ctx.db, agencyId, current.cycle.year);
  const targets = plan ? await plans.listAreaTargets(ctx.db, plan.id) : [];
  const summary = plan ? summariseTargets(targets) : null;
  const targetOf = new Map(targets.map((t) => [t.areaCode, t]));

  const prevNodes = previous?.mine.index.nodes;
  const areas = current.all.framework.tree.areas.map((a) => {
    const n = current.mine.index.nodes.get(a.code)!;
    const p = prevNodes?.get(a.code);
    const t = targetOf.get(a.code);
    return {
      code: a.code,
      title: a.title,
      applicable: n.applicable,
      max: pts(n.max),
      points: pts(n.achieved),
      percent: pts(n.percent),
      previousPoints: p?.applicable ? pts(p.achieved) : null,
      previousMax: p?.applicable ? pts(p.max) : null,
      previousPercent: p?.applicable ? pts(p.percent) : null,
      target: t ? pts(t.target) : null,
      targetPercent: t ? pts(percentCenti(t.target, t.max)) : null,
    };
  });

  // The latest place in a table the caller may see, with its change on the cycle before.
  const placed = lastWhere(entries, (e) => showRank(e) && e.mine.rank !== null);

  // What-if and the gap analysis start from last year's table: the plan was built on its lost points.
  const base = previous ?? current;
  const baseVisible = showRank(base);
  const gap = gapAnalysis(base.all.framework.tree, base.mine.index, "area");
  const basePlan = await plans.findPlanFor(ctx.db, agencyId, base.cycle.year + 1);
  const baseTargets = new Map(
    (basePlan ? await plans.listAreaTargets(ctx.db, basePlan.id) : []).map((t) => [t.areaCode, t.target]),
  );

  return {
    agency,
    current: presentEntry(current, showRank(current)),
    previous: previous ? presentEntry(previous, showRank(previous)) : null,
    target:
      plan && summary
        ? {
            planId: plan.id,
            year: plan.year,
            number: plan.number,
            code: plan.code,
            title: plan.title,
            issuedOn: plan.issued_on,
            points: pts(summary.target),
            max: pts(summary.max),
            percent: pts(summary.percent),
            percentAtLeast: plan.percent_target === null ? null : Number(plan.percent_target),
            rankGainMin: plan.rank_gain_min,
            rankGainMax: plan.rank_gain_max,
          }
        : null,
    areas,
    trend: entries.map((e) => presentEntry(e, showRank(e))),
    ranking: placed
      ? {
          cycleId: placed.cycle.id,
          year: placed.cycle.year,
          published: !!placed.cycle.published_at,
          rank: placed.mine.rank,
          rankOf: placed.all.results.filter((r) => r.rank !== null).length,
          previousRank: placed.mine.previousRank,
          rankChange: placed.mine.rankChange,
        }
      : null,
    gap: {
      year: base.cycle.year,
      items: gap.map((g) => ({
        code: g.code,
        title: g.title,
        points: pts(g.achieved),
        max: pts(g.max),
        lost: pts(g.lost),
        percent: pts(g.percent),
      })),
    },
    atRisk: plan ? await pointsAtRisk(ctx, plan, targets, current.all.framework.tree) : null,
    whatIf: {
      baseYear: base.cycle.year,
      /** The forecast ranks the agency in the base year's table, which must be visible to the caller. */
      available: baseVisible,
      planYear: basePlan ? basePlan.year : null,
      areas: base.all.framework.tree.areas
        .filter((a) => base.mine.index.nodes.get(a.code)!.applicable)
        .map((a) => {
          const n = base.mine.index.nodes.get(a.code)!;
          return {
            code: a.code,
            title: a.title,
            max: pts(n.max),
            current: pts(n.achieved),
            /** Where the form starts: the plan's target, else the base year's points. */
            start: pts(baseTargets.get(a.code) ?? n.achieved),
          };
        }),
    },
  };
}

type PlanRow = NonNullable<Awaited<ReturnType<typeof plans.findPlan>>>;

/**
 * The plan's area targets whose tasks are overdue or behind. The points at risk of an area are the
 * gain over last year its target counts on (none for a "kept" area, which still shows its tasks).
 */
async function pointsAtRisk(
  ctx: AppContext,
  plan: PlanRow,
  targets: plans.AreaTargetRow[],
  tree: FrameworkTree,
) {
  const today = await ctx.clock.today();
  const tasks = await plans.listTasks(ctx.db, plan.id);
  const byArea = new Map<string, ReturnType<typeof presentTask>[]>();
  for (const t of tasks) {
    const s = slipping(
      { status: t.status, progress: t.progress, startsOn: t.starts_on, due: t.due_on },
      plan.issued_on,
      today,
    );
    if (!s.overdue && !s.behind) continue;
    const area = areaOf(tree, t.area_code) ?? t.area_code;
    if (!area) continue;
    const list = byArea.get(area) ?? [];
    list.push(presentTask(t, s));
    byArea.set(area, list);
  }
  let total: Centi = 0;
  const areas = targets
    .filter((t) => byArea.has(t.areaCode))
    .map((t) => ({ t, gain: t.baseline === null ? t.target : Math.max(t.target - t.baseline, 0) }))
    .sort((a, b) => b.gain - a.gain || a.t.areaCode.localeCompare(b.t.areaCode, "vi", { numeric: true }))
    .map(({ t, gain }) => {
      total += gain;
      return {
        areaCode: t.areaCode,
        title: t.title,
        target: pts(t.target),
        baseline: pts(t.baseline),
        max: pts(t.max),
        kept: t.kept,
        points: pts(gain),
        tasks: byArea.get(t.areaCode)!,
      };
    });
  return { today, planId: plan.id, points: pts(total), areas };
}

function presentTask(t: Awaited<ReturnType<typeof plans.listTasks>>[number], s: ReturnType<typeof slipping>) {
  return {
    id: t.id,
    planId: t.plan_id,
    section: t.section,
    title: t.title,
    startsOn: t.starts_on,
    due: t.due_on,
    status: t.status,
    progress: t.progress,
    expectedProgress: s.expected,
    overdue: s.overdue,
    behind: s.behind,
  };
}
