/**
 * Improvement plans: creating a plan with targets per area against last cycle's baseline, reading a
 * plan (the draft or its published version), and the checks every task write shares. Tasks live in
 * tasks.ts, updates in updates.ts, publication in versions.ts.
 */
import { datesInOrder } from "../../../core/contracts/plans.ts";
import type { Centi } from "../../../core/decimal.ts";
import { closestMatch, nfc, searchKey } from "../../../core/locale.ts";
import type { MeasurableTarget } from "../../../core/plan.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden } from "../../errors.ts";
import { iso } from "../../presenters.ts";
import { listUnits } from "../agencies/repository.ts";
import { agencyFacts } from "../agencies/service.ts";
import { recordAudit } from "../audit/service.ts";
import { type Caller, canManageAgency, canReadAgencyPrivate } from "../auth/policy.ts";
import { loadFramework } from "../frameworks/service.ts";
import { agencyResult, cycleOfAgency } from "../ranking/service.ts";
import { auditScope, planRecord } from "./audit.ts";
import * as repo from "./repository.ts";
import { draftSnapshot } from "./snapshot.ts";
import { publicationState } from "./versions.ts";
import { type PlanView, planView, presentContent, viewLint, viewTasks } from "./view.ts";

export type UnitRef = number | string;

/** Resolves unit ids or names to the agency's divisions; an unknown name gets a suggestion. */
export async function resolveUnits(
  ctx: AppContext,
  agencyId: number,
  refs: readonly UnitRef[],
  field: string,
): Promise<number[]> {
  return matchUnits(await listUnits(ctx.db, agencyId), refs, field);
}

function matchUnits(
  units: Awaited<ReturnType<typeof listUnits>>,
  refs: readonly UnitRef[],
  field: string,
): number[] {
  const out: number[] = [];
  for (const ref of refs) {
    const u =
      typeof ref === "number"
        ? units.find((x) => x.id === ref)
        : units.find(
            (x) =>
              searchKey(x.name) === searchKey(ref) ||
              (x.short_name && searchKey(x.short_name) === searchKey(ref)),
          );
    if (!u) {
      const near =
        typeof ref === "string"
          ? closestMatch(
              ref,
              units.map((x) => x.name),
            )
          : null;
      throw badInput(
        "plan.unknown_unit",
        field,
        `Đơn vị "${ref}" không thuộc cơ quan${near ? `; có phải "${near.candidate}"?` : ""}`,
        `Unit "${ref}" is not a unit of this agency${near ? `; did you mean "${near.candidate}"?` : ""}`,
      );
    }
    if (!out.includes(u.id)) out.push(u.id);
  }
  return out;
}

/** A plan as listed (GET /agencies/:id/plans, the public pages): its identity, never its contents. */
export const planSummary = (
  p: {
    id: number;
    year: number;
    number: string | null;
    code: string | null;
    title: string;
    issued_on: string | null;
    published_at: Date | null;
    withdrawn_at?: Date | null;
  },
  version: number | null = null,
) => ({
  id: p.id,
  year: p.year,
  number: p.number,
  code: p.code,
  title: p.title,
  issuedOn: p.issued_on,
  /** The first publication; null for a plan never published. */
  publishedAt: iso(p.published_at),
  /** The latest published version's number. */
  version,
  withdrawnAt: iso(p.withdrawn_at ?? null),
});

/**
 * The agency's plans, newest first. Its own readers (and the province) see every plan as its draft
 * stands; everyone else sees the published plans as their latest version says.
 */
export async function agencyPlans(ctx: AppContext, caller: Caller | null, agencyId: number) {
  const facts = await agencyFacts(ctx, agencyId);
  const own = canReadAgencyPrivate(caller, facts);
  const rows = await repo.listPlans(ctx.db, agencyId, !own);
  const latest = await repo.latestVersions(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.flatMap((r) => {
    const v = latest.get(r.id);
    if (own) return [planSummary(r, v?.version ?? null)];
    // Named as the published version names it; first published when it was first published.
    return v
      ? [
          planSummary(
            { ...r, number: v.number, code: v.code, title: v.title, issued_on: v.issued_on },
            v.version,
          ),
        ]
      : [];
  });
}

export async function createPlan(
  ctx: AppContext,
  caller: Caller,
  input: Omit<repo.PlanInput, "baselineCycleId"> & {
    areaTargets: { areaCode: string; target: Centi; kept?: boolean }[];
  },
) {
  const facts = await agencyFacts(ctx, input.agencyId);
  if (!canManageAgency(caller, facts))
    throw forbidden(
      "Only the agency's PAR focal point writes its plan",
      "Chỉ đầu mối CCHC của cơ quan lập kế hoạch",
    );
  const exists = await repo.findPlanFor(ctx.db, input.agencyId, input.year);
  if (exists)
    throw new AppError(
      "plan.exists",
      409,
      { vi: `Cơ quan đã có kế hoạch năm ${input.year}`, en: `The agency already has a ${input.year} plan` },
      "year",
    );
  const targets = await buildAreaTargets(ctx, input.agencyId, input.year, input.areaTargets);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertPlan(trx, {
      ...input,
      title: nfc(input.title),
      baselineCycleId: targets.baselineCycleId,
    });
    await repo.replaceAreaTargets(trx, id, targets.rows);
    const plan = await repo.findPlan(trx, id);
    await recordAudit(trx, caller, {
      action: "plan.created",
      entity: "plan",
      entityId: id,
      ...auditScope(facts, id),
      after: planRecord((await draftSnapshot(trx, plan!)).snapshot),
    });
    return id;
  });
}

/** Area targets take max and baseline from the previous year's result of the agency. */
export async function buildAreaTargets(
  ctx: AppContext,
  agencyId: number,
  year: number,
  input: { areaCode: string; target: Centi; kept?: boolean }[],
) {
  const base = await agencyResult(ctx, null, agencyId, year - 1, true).catch(() => null);
  if (!base && input.length)
    throw badInput(
      "plan.no_baseline",
      "year",
      `Chưa có kết quả năm ${year - 1} làm mốc`,
      `No ${year - 1} result to take the baseline and maxima from`,
    );
  const rows: repo.AreaTargetRow[] = [];
  const seen = new Set<string>();
  for (const [i, t] of input.entries()) {
    const area = base?.all.framework.tree.areas.find((a) => a.code === t.areaCode);
    const field = `areaTargets.${i}`;
    if (!area)
      throw badInput(
        "plan.unknown_area",
        `${field}.areaCode`,
        `Không có lĩnh vực ${t.areaCode}`,
        `Unknown area ${t.areaCode}`,
      );
    if (seen.has(t.areaCode))
      throw badInput(
        "plan.duplicate_area",
        `${field}.areaCode`,
        `Lĩnh vực ${t.areaCode} bị lặp`,
        `Area ${t.areaCode} appears twice`,
      );
    seen.add(t.areaCode);
    const result = base!.mine.index.nodes.get(area.code)!;
    const max = result.max;
    if (t.target < 0 || t.target > max)
      throw badInput(
        "plan.target_above_max",
        `${field}.target`,
        `Chỉ tiêu vượt điểm tối đa của lĩnh vực`,
        `Target of ${t.areaCode} is outside 0..max`,
      );
    const baseline = result.achieved;
    rows.push({
      areaCode: t.areaCode,
      title: area.title,
      target: t.target,
      max,
      baseline,
      kept: t.kept ?? baseline === t.target,
    });
  }
  return { rows, baselineCycleId: base?.cycle.id ?? null };
}

export interface TaskBody {
  section?: string | null;
  title: string;
  body?: string | null;
  areaCode?: string | null;
  startsOn?: string | null;
  due?: string | null;
  period?: string | null;
  leadUnits: UnitRef[];
  coordinatingUnits: UnitRef[];
  targets: MeasurableTarget[];
}

/**
 * The framework a plan's tasks link to: the plan's own year's, else last year's (a plan is often
 * written before its cycle exists). Null when the agency has neither.
 */
export async function planFramework(ctx: AppContext, agencyId: number, year: number) {
  const cycle = await cycleOfAgency(ctx, agencyId, year).catch(() =>
    cycleOfAgency(ctx, agencyId, year - 1).catch(() => null),
  );
  return cycle ? loadFramework(ctx, cycle.framework_id) : null;
}

export async function checkArea(
  ctx: AppContext,
  agencyId: number,
  year: number,
  areaCode: string | null | undefined,
) {
  if (!areaCode) return;
  areaIn(await planFramework(ctx, agencyId, year), areaCode, "areaCode");
}

function areaIn(
  fw: Awaited<ReturnType<typeof planFramework>>,
  areaCode: string | null | undefined,
  field: string,
) {
  if (areaCode && fw && !fw.tree.nodes.has(areaCode))
    throw badInput(
      "plan.unknown_area",
      field,
      `Không có lĩnh vực/tiêu chí ${areaCode}`,
      `Unknown area or criterion ${areaCode}`,
    );
}

/**
 * Checks many tasks of one agency and year (a plan import): its units and framework are loaded
 * once, each task checked against them, errors naming the task's field.
 */
export async function taskChecker(ctx: AppContext, agencyId: number, year: number) {
  const units = await listUnits(ctx.db, agencyId);
  const fw = await planFramework(ctx, agencyId, year);
  return {
    units: (refs: readonly UnitRef[], field: string) => matchUnits(units, refs, field),
    area: (areaCode: string | null | undefined, field: string) => areaIn(fw, areaCode, field),
  };
}

/** The deadline may not come before the start; `field` names it for the form (a plan import: "tasks.3.due"). */
export function checkTaskDates(
  startsOn: string | null | undefined,
  due: string | null | undefined,
  field = "due",
) {
  if (!datesInOrder(startsOn, due))
    throw badInput(
      "task.bad_dates",
      field,
      "Hạn hoàn thành trước ngày bắt đầu",
      "The deadline is before the start",
    );
}

/** A plan as `caller` reads it (the draft, or the latest published version), with its tasks and lint. */
export async function planDetail(ctx: AppContext, caller: Caller | null, planId: number, version?: number) {
  return presentPlan(ctx, caller, await planView(ctx, caller, planId, { version }));
}

export async function presentPlan(ctx: AppContext, caller: Caller | null, v: PlanView) {
  const manage = canManageAgency(caller, v.facts);
  // Versions are numbered 1, 2, … and never removed: the latest one's number is how many there are.
  const versions = v.kind === "draft" ? (v.version?.version ?? 0) : 0;
  const published = v.plan.published_at !== null;
  return {
    ...presentContent(v),
    tasks: viewTasks(v, await ctx.clock.today()),
    lint: await viewLint(ctx, v),
    /** The draft view only: the latest version and what publishing now would change. */
    publication: publicationState(v, versions),
    /** What the caller may do here, so the app offers only what the API will accept. */
    can: {
      edit: manage && v.kind === "draft",
      publish: manage,
      withdraw: manage && published && v.plan.withdrawn_at === null,
    },
  };
}
