/**
 * Published plans as the public reads them: the latest published version (or an earlier one asked
 * for), with the tasks' live status and progress and the progress of the whole plan — never a
 * draft, a task update's notes or evidence. A withdrawn plan says so, with its reason. These answers
 * are the same for every caller, signed in or not.
 */
import { divRound } from "../../../core/decimal.ts";
import type { AppContext } from "../../context.ts";
import { iso } from "../../presenters.ts";
import * as repo from "./repository.ts";
import { planSummary } from "./service.ts";
import { planView, presentContent, viewTasks } from "./view.ts";

/** The published plans, newest first, each as its latest version names it; `agencyId` narrows to one agency. */
export async function publicPlanList(ctx: AppContext, agencyId?: number) {
  const rows = await repo.listPublishedPlans(ctx.db, agencyId);
  const latest = await repo.latestVersions(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const v = latest.get(r.id)!;
    return {
      ...planSummary(
        {
          id: r.id,
          year: r.year,
          number: v.number,
          code: v.code,
          title: v.title,
          issued_on: v.issued_on,
          published_at: r.published_at,
          withdrawn_at: r.withdrawn_at,
        },
        v.version,
      ),
      agency: { id: r.agency_id, code: r.agency_code, name: r.agency_name },
    };
  });
}

/**
 * A published plan as the public reads it: its targets, its tasks' status and progress, and the
 * progress of the whole plan (never published: 404, whoever asks). Fields are
 * picked one by one, so nothing private can slip in.
 */
export async function publicPlan(ctx: AppContext, planId: number, version?: number) {
  const v = await planView(ctx, null, planId, { version, published: true });
  const p = presentContent(v);
  const tasks = viewTasks(v, await ctx.clock.today());
  const open = tasks.filter((t) => t.status !== "cancelled");
  const count = (s: string) => tasks.filter((t) => t.status === s).length;
  // Progress of the plan: the mean progress of its tasks, a done task counting as 100 %, cancelled
  // tasks left out; whole percent, rounded half up.
  const sum = open.reduce((acc, t) => acc + (t.status === "done" ? 100 : t.progress), 0);
  const unit = (u: { id: number; name: string; shortName: string | null }) => ({
    id: u.id,
    name: u.name,
    shortName: u.shortName,
  });
  const versions = await repo.listVersions(ctx.db, planId);
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
    /** The version shown, and every published version (newest first) to choose from. */
    version: p.version && {
      version: p.version.version,
      publishedAt: p.version.publishedAt,
      note: p.version.note,
    },
    versions: versions.map((x) => ({ version: x.version, publishedAt: iso(x.published_at) as string })),
    withdrawn: p.withdrawn,
    overallTarget: p.overallTarget,
    targets: p.targets,
    progress: {
      tasks: tasks.length,
      done: count("done"),
      inProgress: count("in_progress"),
      notStarted: count("not_started"),
      cancelled: count("cancelled"),
      overdue: tasks.filter((t) => t.overdue).length,
      percent: open.length ? divRound(sum, open.length) : null,
    },
    tasks: tasks.map((t) => ({
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
