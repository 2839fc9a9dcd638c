/**
 * The index and ranking of a cycle as stored: final points are the appraised ones where set, the
 * self-assessed ones otherwise. The CLI's `index` and the API call the same function.
 */
import type { Centi } from "../../../core/decimal.ts";
import { type Gap, gapAnalysis, whatIf } from "../../../core/gap.ts";
import { compareVi, formatPoints } from "../../../core/locale.ts";
import type { PublicationSnapshot, ResultForSnapshot } from "../../../core/publication.ts";
import { gradeFor, rank, rankChange } from "../../../core/ranking.ts";
import { computeIndex, type IndexResult, type NodeResult } from "../../../core/scoring.ts";
import type { AppContext } from "../../context.ts";
import { AppError, forbidden, notFound } from "../../errors.ts";
import { pts } from "../../presenters.ts";
import { agencyFacts } from "../agencies/service.ts";
import { type Caller, canReadAgencyPrivate, canReadProvinceResults, isProvinceWide } from "../auth/policy.ts";
import { publicationById } from "../cycles/publication.ts";
import { currentVersion } from "../cycles/publication-repository.ts";
import * as cycles from "../cycles/repository.ts";
import { type LoadedFramework, loadFramework } from "../frameworks/service.ts";
import { findPlanFor, listAreaTargets } from "../plans/repository.ts";
import { listNotApplicable, listScores } from "../scores/repository.ts";

/**
 * An agency's result as a publication stores it, and its group. An excluded agency carries the
 * reason, and then no rank, grade or rank change.
 */
export interface AgencyResult extends ResultForSnapshot {
  group: string;
}

export interface CycleResults {
  cycle: cycles.CycleRow;
  framework: LoadedFramework;
  results: AgencyResult[];
}

/**
 * Tables computed during one request, so a page that needs several cycles (the dashboard's trend)
 * computes each table once.
 */
export type CycleMemo = Map<string, Promise<CycleResults>>;

function computeCycle(
  ctx: AppContext,
  cycle: cycles.CycleRow,
  withPrevious = true,
  memo?: CycleMemo,
): Promise<CycleResults> {
  if (!memo) return computeCycleNow(ctx, cycle, withPrevious);
  const key = `${cycle.id}:${withPrevious}`;
  let p = memo.get(key);
  if (!p) {
    p = computeCycleNow(ctx, cycle, withPrevious, memo);
    memo.set(key, p);
  }
  return p;
}

async function computeCycleNow(
  ctx: AppContext,
  cycle: cycles.CycleRow,
  withPrevious: boolean,
  memo?: CycleMemo,
): Promise<CycleResults> {
  const framework = await loadFramework(ctx, cycle.framework_id);
  const participants = await cycles.listParticipants(ctx.db, cycle.id);
  const scores = await listScores(ctx.db, cycle.id);
  const na = await listNotApplicable(ctx.db, cycle.id);
  const finalBy = new Map<number, Map<string, Centi>>();
  for (const s of scores) {
    const v = s.appraised ?? s.self;
    if (v === null) continue;
    const m = finalBy.get(s.agencyId) ?? new Map<string, Centi>();
    finalBy.set(s.agencyId, m);
    m.set(s.nodeCode, v);
  }
  const naBy = new Map<number, Set<string>>();
  for (const r of na) {
    const s = naBy.get(r.agency_id) ?? new Set<string>();
    naBy.set(r.agency_id, s);
    s.add(r.node_code);
  }
  const indexed = participants.map((p) => ({
    p,
    index: computeIndex(framework.tree, finalBy.get(p.id) ?? new Map(), naBy.get(p.id)),
  }));
  const ranked = rank(
    indexed
      .filter((x) => !x.p.excluded_reason)
      .map((x) => ({ key: x.p.id, achieved: x.index.achieved, max: x.index.max })),
    { decimals: framework.meta.rankDecimals },
  );
  const rankOf = new Map(ranked.map((r) => [r.key, r.rank]));
  const prevCycle = withPrevious
    ? await cycles.findCycleFor(ctx.db, cycle.province_id, cycle.group_code, cycle.year - 1)
    : undefined;
  const prevRanks = new Map<number, number>();
  if (prevCycle)
    for (const r of (await computeCycle(ctx, prevCycle, false, memo)).results)
      if (r.rank !== null) prevRanks.set(r.agencyId, r.rank);
  const results = indexed.map(({ p, index }) => {
    const rk = rankOf.get(p.id) ?? null;
    const prev = prevRanks.get(p.id) ?? null;
    return {
      agencyId: p.id,
      code: p.code,
      name: p.name,
      group: cycle.group_code,
      sample: p.sample,
      index,
      rank: rk,
      previousRank: prev,
      rankChange: rk === null ? null : rankChange(rk, prev),
      grade: p.excluded_reason ? null : gradeFor(index.percent, framework.meta.gradeBands),
      excludedReason: p.excluded_reason,
    };
  });
  results.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || compareVi(a.name, b.name));
  return { cycle, framework, results };
}

/**
 * The results as published (the current version's snapshot), in the shape of a computed table, so
 * every reader downstream presents published figures exactly as announced. A publication never
 * changes and its framework is then in use (so immutable): the table is kept by publication id.
 */
const publishedTables = new Map<number, Promise<CycleResults>>();

async function publishedTable(ctx: AppContext, cycle: cycles.CycleRow): Promise<CycleResults | null> {
  const cur = await currentVersion(ctx.db, cycle.id);
  if (!cur) return null;
  let p = publishedTables.get(cur.id);
  if (!p) {
    p = (async () => {
      const pub = (await publicationById(ctx, cur.id))!;
      const framework = await loadFramework(ctx, cycle.framework_id);
      return { cycle, framework, results: resultsOfSnapshot(pub.snapshot) };
    })();
    publishedTables.set(cur.id, p);
    p.catch(() => publishedTables.delete(cur.id));
    if (publishedTables.size > 64) publishedTables.delete(publishedTables.keys().next().value as number);
  }
  const t = await p;
  // The cycle row may be newer (a correction in progress); the published figures are the snapshot's.
  return { ...t, cycle };
}

function resultsOfSnapshot(s: PublicationSnapshot): AgencyResult[] {
  return s.agencies.map((a) => {
    const nodes = new Map<string, NodeResult>(
      Object.entries(a.nodes).map(([code, [achieved, max, percent, applicable]]) => [
        code,
        { code, achieved, max, percent, applicable: applicable === 1, missing: 0 },
      ]),
    );
    return {
      agencyId: a.agencyId,
      code: a.code,
      name: a.name,
      group: s.cycle.group,
      sample: a.sample,
      index: { achieved: a.points, max: a.max, percent: a.percent, missing: 0, nodes },
      rank: a.rank,
      previousRank: a.previousRank,
      rankChange: a.rankChange,
      grade: a.grade,
      excludedReason: null,
    };
  });
}

const unpublished = () => notFound("kết quả đã công bố / published results", "cycleId");

/**
 * Results of a cycle: the live table for the province that runs it (and admin), the published
 * version for everyone else; before publication a cycle is 404 to them, as one that does not exist.
 */
export async function cycleResults(
  ctx: AppContext,
  caller: Caller | null,
  cycleId: number,
  trusted = false,
): Promise<CycleResults> {
  const cycle = await cycles.findCycle(ctx.db, cycleId);
  if (!cycle) throw notFound("kỳ đánh giá / cycle", "cycleId");
  if (trusted || canReadProvinceResults(caller, cycle.province_id)) return computeCycle(ctx, cycle);
  const published = await publishedTable(ctx, cycle);
  if (!published) throw unpublished();
  return published;
}

/** The table of a cycle as stored, for callers that have checked visibility themselves. */
export function cycleTable(ctx: AppContext, cycle: cycles.CycleRow, memo?: CycleMemo) {
  return computeCycle(ctx, cycle, true, memo);
}

const notPublished = () =>
  forbidden(
    "The ranking is visible once the province publishes it",
    "Bảng xếp hạng chỉ hiển thị sau khi tỉnh công bố",
  );

export function presentResult(r: AgencyResult) {
  return {
    agencyId: r.agencyId,
    agency: r.name,
    code: r.code,
    group: r.group,
    sample: r.sample,
    points: pts(r.index.achieved),
    max: pts(r.index.max),
    percent: pts(r.index.percent),
    grade: r.grade,
    rank: r.rank,
    previousRank: r.previousRank,
    rankChange: r.rankChange,
    excludedReason: r.excludedReason,
  };
}

export function presentAreas(fw: LoadedFramework, index: IndexResult) {
  return fw.tree.areas.map((a) => {
    const n = index.nodes.get(a.code)!;
    return {
      code: a.code,
      title: a.title,
      max: pts(n.max),
      points: pts(n.achieved),
      percent: pts(n.percent),
      applicable: n.applicable,
    };
  });
}

/** The cycle an agency took part in for a year. */
export async function cycleOfAgency(
  ctx: AppContext,
  agencyId: number,
  year: number,
): Promise<cycles.CycleRow> {
  const row = await cycles.findCycleOfAgency(ctx.db, agencyId, year);
  if (!row) throw notFound(`kết quả năm ${year} của cơ quan / the agency's ${year} result`, "year");
  return row;
}

/**
 * An agency's result in a year's cycle, with the whole table it is ranked in. trusted: an internal
 * read (e.g. a plan's baseline) that skips the caller's visibility checks.
 */
export async function agencyResult(
  ctx: AppContext,
  caller: Caller | null,
  agencyId: number,
  year: number,
  trusted = false,
) {
  const facts = await agencyFacts(ctx, agencyId);
  const cycle = await cycleOfAgency(ctx, agencyId, year);
  const live = trusted || canReadAgencyPrivate(caller, facts);
  // The agency and the province read the live table; anyone else the published version only.
  const all = live ? await computeCycle(ctx, cycle) : await publishedTable(ctx, cycle);
  const mine = all?.results.find((r) => r.agencyId === agencyId);
  if (!all || !mine) throw notFound(`kết quả năm ${year} đã công bố / the published ${year} result`, "year");
  // An agency sees its own index before publication, but its rank only once the table is public.
  const showRank = trusted || cycle.state !== "open" || (caller !== null && isProvinceWide(caller, facts));
  return { cycle, all, mine, showRank };
}

export async function agencyIndex(ctx: AppContext, caller: Caller | null, agencyId: number, year: number) {
  const { cycle, all, mine, showRank } = await agencyResult(ctx, caller, agencyId, year);
  return {
    cycleId: cycle.id,
    year: cycle.year,
    published: cycle.state !== "open",
    ...presentResult(mine),
    rank: showRank ? mine.rank : null,
    rankOf: showRank ? all.results.filter((r) => r.rank !== null).length : null,
    rankChange: showRank ? mine.rankChange : null,
    areas: presentAreas(all.framework, mine.index),
  };
}

export async function agencyGap(
  ctx: AppContext,
  caller: Caller | null,
  agencyId: number,
  year: number,
  level: "area" | "leaf",
) {
  const { all, mine } = await agencyResult(ctx, caller, agencyId, year);
  const gaps: Gap[] = gapAnalysis(all.framework.tree, mine.index, level);
  return {
    year,
    items: gaps.map((g) => ({
      code: g.code,
      title: g.title,
      kind: g.kind,
      points: pts(g.achieved),
      max: pts(g.max),
      lost: pts(g.lost),
      percent: pts(g.percent),
    })),
  };
}

/**
 * What-if: the agency's index and rank in the base year's table if its area points were those given
 * (by default its plan's targets for the following year).
 */
export async function agencyWhatIf(
  ctx: AppContext,
  caller: Caller | null,
  agencyId: number,
  baseYear: number,
  areaPoints: Map<string, Centi> | null,
) {
  const facts = await agencyFacts(ctx, agencyId);
  if (!canReadAgencyPrivate(caller, facts)) throw forbidden();
  const cycle = await cycleOfAgency(ctx, agencyId, baseYear);
  // A forecast ranks the agency in the base year's table: before publication that table, and so the
  // agency's place in it, is the province's alone.
  if (cycle.state === "open" && !(caller && isProvinceWide(caller, facts))) throw notPublished();
  const all = await computeCycle(ctx, cycle);
  const mine = all.results.find((r) => r.agencyId === agencyId)!;
  let points = areaPoints;
  if (!points) {
    const plan = await findPlanFor(ctx.db, agencyId, baseYear + 1);
    if (!plan)
      throw new AppError("whatif.no_plan", 404, {
        vi: `Chưa có kế hoạch năm ${baseYear + 1} để dự báo`,
        en: `No ${baseYear + 1} plan to forecast from; give area points instead`,
      });
    points = new Map((await listAreaTargets(ctx.db, plan.id)).map((t) => [t.areaCode, t.target]));
  }
  for (const [code, value] of points) {
    if (value < 0)
      throw new AppError(
        "whatif.negative",
        400,
        { vi: `Điểm của lĩnh vực ${code} không được âm`, en: `Points of area ${code} cannot be negative` },
        `areas.${code}`,
      );
    if (!all.framework.tree.areas.some((a) => a.code === code))
      throw new AppError(
        "whatif.unknown_area",
        400,
        { vi: `Không có lĩnh vực ${code}`, en: `Unknown area ${code}` },
        `areas.${code}`,
      );
    const max = mine.index.nodes.get(code)!.max;
    if (value > max)
      throw new AppError(
        "whatif.above_max",
        400,
        {
          vi: `Điểm của lĩnh vực ${code} vượt điểm tối đa (${formatPoints(max)})`,
          en: `Points of area ${code} exceed its max (${formatPoints(max).replace(",", ".")})`,
        },
        `areas.${code}`,
      );
  }
  const byArea = new Map<string, { achieved: Centi; max: Centi }>();
  for (const a of all.framework.tree.areas) {
    const n = mine.index.nodes.get(a.code)!;
    if (n.applicable) byArea.set(a.code, { achieved: n.achieved, max: n.max });
  }
  const others = all.results.map((r) => ({ key: r.agencyId, achieved: r.index.achieved, max: r.index.max }));
  const w = whatIf(agencyId, { byArea }, points, others, { decimals: all.framework.meta.rankDecimals });
  return {
    baseYear,
    points: pts(w.achieved),
    max: pts(w.max),
    percent: pts(w.percent),
    rank: w.rank,
    of: w.of,
    currentRank: w.currentRank,
    rankChange: w.rank === null ? null : rankChange(w.rank, w.currentRank),
    currentPercent: pts(mine.index.percent),
    areas: [...byArea].map(([code, a]) => ({
      code,
      current: pts(a.achieved),
      predicted: pts(Math.min(points.get(code) ?? a.achieved, a.max)),
      max: pts(a.max),
    })),
  };
}
