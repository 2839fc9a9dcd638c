/**
 * One plan as a reader sees it: the working draft for the agency and the province, the latest
 * published version (or an earlier one asked for) for everyone else — with the tasks' live status
 * and progress beside it either way, since progress is tracking, not plan content.
 */

import { toCenti } from "../../../core/decimal.ts";
import { lintPlan } from "../../../core/lint.ts";
import { isOverdue, summariseTargets } from "../../../core/plan.ts";
import type { PlanSnapshot, SnapshotTask, SnapshotUnit } from "../../../core/plan-version.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { iso, pts } from "../../presenters.ts";
import { listUnits } from "../agencies/repository.ts";
import type { agencyFacts } from "../agencies/service.ts";
import type { Caller } from "../auth/policy.ts";
import { findPlan, notPublished, type PlanRow, readsDraft } from "./access.ts";
import * as repo from "./repository.ts";
import { draftSnapshot, unresolvedGroups } from "./snapshot.ts";

type TaskRow = Awaited<ReturnType<typeof repo.listTasks>>[number];
export type VersionRow = NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>;

export interface PlanView {
  plan: PlanRow;
  facts: Awaited<ReturnType<typeof agencyFacts>>;
  /** "draft": the working draft; "published": a stored version. */
  kind: "draft" | "published";
  snapshot: PlanSnapshot;
  /** The version shown (published), or the latest version of the plan (draft); null when never published. */
  version: VersionRow | null;
  rows: TaskRow[];
}

export const noSuchVersion = (v: number) =>
  new AppError(
    "plan.no_version",
    404,
    { vi: `Kế hoạch không có phiên bản ${v}`, en: `The plan has no version ${v}` },
    "version",
  );

/** A stored version's content. */
export const versionContent = (v: VersionRow) =>
  (typeof v.content === "string" ? JSON.parse(v.content) : v.content) as PlanSnapshot;

/**
 * The plan as `caller` reads it; `version` asks for one published version, which anyone may read
 * once it is published. A plan never published answers 404 to outsiders, as one that does not exist.
 */
export async function planView(
  ctx: AppContext,
  caller: Caller | null,
  planId: number,
  opts: { version?: number; published?: boolean } = {},
): Promise<PlanView> {
  const { plan, facts } = await findPlan(ctx, planId);
  const draft = readsDraft(caller, facts) && opts.version === undefined && !opts.published;
  if (draft) {
    const [{ snapshot, rows }, latest] = await Promise.all([
      draftSnapshot(ctx.db, plan),
      repo.findVersion(ctx.db, planId),
    ]);
    return { plan, facts, kind: "draft", snapshot, version: latest ?? null, rows };
  }
  const version = await repo.findVersion(ctx.db, planId, opts.version);
  if (!version) {
    if (opts.version !== undefined && plan.published_at !== null) throw noSuchVersion(opts.version);
    throw notPublished();
  }
  return {
    plan,
    facts,
    kind: "published",
    snapshot: versionContent(version),
    version,
    rows: await repo.listTasks(ctx.db, planId),
  };
}

export function presentUnit(u: SnapshotUnit) {
  return {
    id: u.id,
    name: u.name,
    shortName: u.shortName,
    kind: u.kind,
    ...(u.kind === "unit_group" ? { members: u.members ?? null } : {}),
  };
}

/** A task of a snapshot with its live status and progress (a task no longer stored has not started). */
export function presentTask(
  t: SnapshotTask,
  planId: number,
  live: TaskRow | undefined,
  /** The clock's business day (ctx.clock.today()): overdue is judged on it. */
  today: string,
) {
  const status = live?.status ?? "not_started";
  return {
    id: t.id,
    planId,
    section: t.section,
    title: t.title,
    body: t.body,
    areaCode: t.areaCode,
    startsOn: t.startsOn,
    due: t.due,
    period: t.period,
    status,
    progress: live?.progress ?? 0,
    overdue: isOverdue({ status, due: t.due }, today),
    leadUnits: t.leadUnits.map(presentUnit),
    coordinatingUnits: t.coordinatingUnits.map(presentUnit),
    targets: t.targets.map((x) => ({
      text: x.text,
      indicator: x.indicator,
      comparator: x.comparator,
      value: x.value,
      reference: x.reference ?? null,
      unit: x.unit,
    })),
  };
}
export type PresentedTask = ReturnType<typeof presentTask>;

export function viewTasks(v: PlanView, today: string): PresentedTask[] {
  const live = new Map(v.rows.map((r) => [r.id, r]));
  return v.snapshot.tasks.map((t) => presentTask(t, v.plan.id, live.get(t.id), today));
}

export async function viewLint(ctx: AppContext, v: PlanView) {
  const units = await listUnits(ctx.db, v.plan.agency_id);
  return lintPlan({
    areaTargets: v.snapshot.areaTargets.map((t) => ({ areaCode: t.areaCode, title: t.title })),
    tasks: v.snapshot.tasks.map((t) => ({
      id: t.id,
      title: t.title,
      areaCode: t.areaCode,
      leadUnits: t.leadUnits.map((u) => u.name),
      coordinatingUnits: t.coordinatingUnits.map((u) => u.name),
      due: t.due,
      period: t.period,
      unresolvedGroups: unresolvedGroups(t),
    })),
    knownUnits: units.map((u) => u.name),
  });
}

export function presentVersion(v: Omit<VersionRow, "content">, withAuthor: boolean) {
  return {
    version: v.version,
    publishedAt: iso(v.published_at) as string,
    note: v.note,
    /** Who published it: for readers of the agency's own data. */
    by: withAuthor ? v.published_by_name : null,
  };
}

/** The plan's document fields, targets and summary, as every view of it shows them. */
export function presentContent(v: PlanView) {
  const s = v.snapshot;
  const summary = summariseTargets(
    s.areaTargets.map((a) => ({
      ...a,
      target: toCenti(a.target),
      max: toCenti(a.max),
      baseline: a.baseline === null ? null : toCenti(a.baseline),
    })),
  );
  return {
    id: v.plan.id,
    agency: { id: v.facts.agency.id, code: v.facts.agency.code, name: v.facts.agency.name },
    year: v.plan.year,
    number: s.document.number,
    code: s.document.code,
    issuedOn: s.document.issuedOn,
    place: s.document.place,
    title: s.document.title,
    implements: s.document.implements,
    /** When the plan was first published (ISO), null while it has never been. */
    publishedAt: iso(v.plan.published_at),
    /** What this answer shows: the agency's working draft, or a published version. */
    view: v.kind,
    /** The version shown (a published view) or the latest published version (the draft view). */
    version: v.version ? presentVersion(v.version, v.kind === "draft") : null,
    /** A published plan withdrawn, with its reason (shown to the public too). */
    withdrawn: v.plan.withdrawn_at
      ? { at: iso(v.plan.withdrawn_at) as string, reason: v.plan.withdrawn_reason ?? "" }
      : null,
    /** The signature block, null when the plan does not say who signs. */
    signer: s.document.signer,
    overallTarget: s.overallTarget,
    targets: {
      points: pts(summary.target),
      max: pts(summary.max),
      percent: pts(summary.percent),
      baselinePoints: pts(summary.baseline),
      baselinePercent: pts(summary.baselinePercent),
      areas: summary.areas.map((a) => ({
        areaCode: a.areaCode,
        title: a.title,
        target: pts(a.target),
        max: pts(a.max),
        baseline: pts(a.baseline),
        delta: pts(a.delta),
        kept: a.kept,
      })),
    },
  };
}
