/** Improvement plans: targets per area against last cycle's baseline, tasks, updates, lint. */
import { datesInOrder } from "../../../core/contracts/plans.ts";
import type { Centi } from "../../../core/decimal.ts";
import { areaOf, type FrameworkNode } from "../../../core/framework.ts";
import { lintPlan } from "../../../core/lint.ts";
import { closestMatch, matchesSearch, nfc, searchKey, todayInVietnam } from "../../../core/locale.ts";
import { isOverdue, type MeasurableTarget, summariseTargets, targetMet } from "../../../core/plan.ts";
import type { AppContext } from "../../context.ts";
import type { TaskStatus } from "../../db/schema.ts";
import { AppError, badInput, forbidden, notFound } from "../../errors.ts";
import { iso, presentEvidence, pts } from "../../presenters.ts";
import { ALLOWED_EXTENSIONS, type IncomingFile, withStoredUpload } from "../../uploads.ts";
import { listUnits } from "../agencies/repository.ts";
import { agencyFacts } from "../agencies/service.ts";
import {
  type AgencyFacts,
  type Caller,
  canManageAgency,
  canReadAgencyPrivate,
  canUpdateTask,
} from "../auth/policy.ts";
import { loadFramework } from "../frameworks/service.ts";
import { insertIndicatorValue, latestIndicatorValues } from "../indicators/repository.ts";
import { agencyResult, cycleOfAgency } from "../ranking/service.ts";
import { insertEvidence, listEvidence } from "../scores/repository.ts";
import * as repo from "./repository.ts";

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

async function findPlan(ctx: AppContext, planId: number) {
  const plan = await repo.findPlan(ctx.db, planId);
  if (!plan) throw notFound("kế hoạch / plan", "planId");
  const facts = await agencyFacts(ctx, plan.agency_id);
  return { plan, facts };
}

/**
 * A draft plan, with its tasks, lint and document, is the agency's own business (and the
 * province's) until its focal point publishes it.
 */
function checkPublishedFor(caller: Caller | null, facts: AgencyFacts, publishedAt: Date | null) {
  if (publishedAt === null && !canReadAgencyPrivate(caller, facts))
    throw new AppError("plan.unpublished", 403, {
      vi: "Kế hoạch chưa được công bố: chỉ cơ quan lập kế hoạch và Sở Nội vụ xem được bản nháp",
      en: "This plan is not published yet: only its agency and the province PAR office can read the draft",
    });
}

/** The plan when the caller may read it: 404 for no plan, 403 plan.unpublished for another's draft. */
async function planWithAccess(ctx: AppContext, caller: Caller | null, planId: number) {
  const found = await findPlan(ctx, planId);
  checkPublishedFor(caller, found.facts, found.plan.published_at);
  return found;
}

/** A plan as listed (GET /agencies/:id/plans, the public pages): its identity, never its contents. */
export const planSummary = (p: {
  id: number;
  year: number;
  number: string | null;
  code: string | null;
  title: string;
  issued_on: string | null;
  published_at: Date | null;
}) => ({
  id: p.id,
  year: p.year,
  number: p.number,
  code: p.code,
  title: p.title,
  issuedOn: p.issued_on,
  publishedAt: iso(p.published_at),
});

/** The agency's plans, newest first: its drafts only for those who may read the agency's private data. */
export async function agencyPlans(ctx: AppContext, caller: Caller | null, agencyId: number) {
  const facts = await agencyFacts(ctx, agencyId);
  const rows = await repo.listPlans(ctx.db, agencyId, !canReadAgencyPrivate(caller, facts));
  return rows.map(planSummary);
}

/** The focal point publishes the plan (a second publish keeps the first date) or takes it back to a draft. */
export async function publishPlan(ctx: AppContext, caller: Caller, planId: number, publish: boolean) {
  const { plan, facts } = await findPlan(ctx, planId);
  if (!canManageAgency(caller, facts))
    throw forbidden(
      "Only the agency's PAR focal point publishes its plan",
      "Chỉ đầu mối CCHC của cơ quan được công bố kế hoạch",
    );
  if (publish === (plan.published_at !== null)) return;
  await repo.setPlanPublished(ctx.db, planId, publish ? new Date() : null);
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

type TaskRow = Awaited<ReturnType<typeof repo.listTasks>>[number];

type TaskUnitRow = Awaited<ReturnType<typeof repo.taskUnits>>[number];

/** `units`: the tasks' units when the caller has already read them, so they are not read twice. */
async function presentTasks(ctx: AppContext, tasks: TaskRow[], units?: TaskUnitRow[]) {
  const ids = tasks.map((t) => t.id);
  units ??= await repo.taskUnits(ctx.db, ids);
  const targets = await repo.taskTargets(ctx.db, ids);
  const today = todayInVietnam();
  return tasks.map((t) => {
    const mine = units.filter((u) => u.task_id === t.id);
    return {
      id: t.id,
      planId: t.plan_id,
      section: t.section,
      title: t.title,
      body: t.body,
      areaCode: t.area_code,
      startsOn: t.starts_on,
      due: t.due_on,
      period: t.period,
      status: t.status,
      progress: t.progress,
      overdue: isOverdue({ status: t.status, due: t.due_on }, today),
      leadUnits: mine
        .filter((u) => u.role === "lead")
        .map((u) => ({ id: u.unit_id, name: u.name, shortName: u.short_name, kind: u.kind })),
      coordinatingUnits: mine
        .filter((u) => u.role === "coordinating")
        .map((u) => ({ id: u.unit_id, name: u.name, shortName: u.short_name, kind: u.kind })),
      targets: targets
        .filter((x) => x.task_id === t.id)
        .map((x) => ({
          text: x.text,
          indicator: x.indicator,
          comparator: x.comparator,
          value: x.comparator === "done_by" ? x.value : Number(x.value),
          unit: x.unit,
        })),
    };
  });
}

export async function planDetail(ctx: AppContext, caller: Caller | null, planId: number) {
  const { plan, facts } = await planWithAccess(ctx, caller, planId);
  const targets = await repo.listAreaTargets(ctx.db, planId);
  const summary = summariseTargets(targets);
  const tasks = await presentTasks(ctx, await repo.listTasks(ctx.db, planId));
  const units = await listUnits(ctx.db, plan.agency_id);
  const manage = canManageAgency(caller, facts);
  const lint = lintPlan({
    areaTargets: targets.map((t) => ({ areaCode: t.areaCode, title: t.title })),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      areaCode: t.areaCode,
      leadUnits: t.leadUnits.map((u) => u.name),
      coordinatingUnits: t.coordinatingUnits.map((u) => u.name),
      due: t.due,
      period: t.period,
    })),
    knownUnits: units.map((u) => u.name),
  });
  return {
    id: plan.id,
    agency: { id: facts.agency.id, code: facts.agency.code, name: facts.agency.name },
    year: plan.year,
    number: plan.number,
    code: plan.code,
    issuedOn: plan.issued_on,
    place: plan.place,
    title: plan.title,
    implements: plan.implements,
    /** When the plan was published (ISO), null while it is a draft. */
    publishedAt: iso(plan.published_at),
    /** The signature block, null when the plan does not say who signs. */
    signer:
      plan.signer_name && plan.signer_position
        ? { authority: plan.signer_authority, position: plan.signer_position, name: plan.signer_name }
        : null,
    overallTarget: {
      percentAtLeast: plan.percent_target === null ? null : Number(plan.percent_target),
      rankGainMin: plan.rank_gain_min,
      rankGainMax: plan.rank_gain_max,
    },
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
    tasks,
    lint,
    /** What the caller may do here, so the app offers only what the API will accept. */
    can: { edit: manage, publish: manage },
  };
}

export async function listPlanTasks(
  ctx: AppContext,
  caller: Caller | null,
  planId: number,
  f: { unitId?: number; areaCode?: string; status?: TaskStatus; overdue?: boolean; q?: string },
) {
  await planWithAccess(ctx, caller, planId);
  let tasks = await presentTasks(ctx, await repo.listTasks(ctx.db, planId));
  if (f.unitId !== undefined)
    tasks = tasks.filter((t) => [...t.leadUnits, ...t.coordinatingUnits].some((u) => u.id === f.unitId));
  if (f.areaCode) tasks = tasks.filter((t) => t.areaCode === f.areaCode);
  if (f.status) tasks = tasks.filter((t) => t.status === f.status);
  if (f.overdue !== undefined) tasks = tasks.filter((t) => t.overdue === f.overdue);
  const q = f.q?.trim();
  if (q)
    tasks = tasks.filter((t) =>
      matchesSearch(
        [
          t.section,
          t.title,
          t.body,
          t.period,
          ...[...t.leadUnits, ...t.coordinatingUnits].flatMap((u) => [u.name, u.shortName]),
        ]
          .filter(Boolean)
          .join("\n"),
        q,
      ),
    );
  return tasks;
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
async function planFramework(ctx: AppContext, agencyId: number, year: number) {
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

export async function createTask(ctx: AppContext, caller: Caller, planId: number, t: TaskBody) {
  const { plan, facts } = await findPlan(ctx, planId);
  if (!canManageAgency(caller, facts)) throw forbidden();
  checkTaskDates(t.startsOn, t.due);
  await checkArea(ctx, plan.agency_id, plan.year, t.areaCode);
  const lead = await resolveUnits(ctx, plan.agency_id, t.leadUnits, "leadUnits");
  const coord = await resolveUnits(ctx, plan.agency_id, t.coordinatingUnits, "coordinatingUnits");
  const position = (await repo.listTasks(ctx.db, planId)).length;
  return ctx.db.transaction().execute((trx) =>
    repo.insertTask(trx, planId, {
      ...t,
      title: nfc(t.title),
      body: t.body ? nfc(t.body) : null,
      position,
      leadUnitIds: lead,
      coordinatingUnitIds: coord,
    }),
  );
}

export async function patchTask(
  ctx: AppContext,
  caller: Caller,
  taskId: number,
  p: Partial<TaskBody> & { status?: TaskStatus; progress?: number },
) {
  const task = await repo.findTask(ctx.db, taskId);
  if (!task) throw notFound("nhiệm vụ / task", "taskId");
  const facts = await agencyFacts(ctx, task.agency_id);
  if (!canManageAgency(caller, facts))
    throw forbidden(
      "Only the agency's PAR focal point edits tasks; divisions post updates",
      "Chỉ đầu mối CCHC sửa nhiệm vụ; các phòng cập nhật tiến độ",
    );
  const startsOn = p.startsOn === undefined ? task.starts_on : p.startsOn;
  const due = p.due === undefined ? task.due_on : p.due;
  checkTaskDates(startsOn, due);
  if (p.areaCode !== undefined) await checkArea(ctx, task.agency_id, task.year, p.areaCode);
  const lead = p.leadUnits ? await resolveUnits(ctx, task.agency_id, p.leadUnits, "leadUnits") : null;
  const coord = p.coordinatingUnits
    ? await resolveUnits(ctx, task.agency_id, p.coordinatingUnits, "coordinatingUnits")
    : null;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateTaskFields(trx, taskId, {
      ...(p.title !== undefined ? { title: nfc(p.title) } : {}),
      ...(p.body !== undefined ? { body: p.body } : {}),
      ...(p.section !== undefined ? { section: p.section } : {}),
      ...(p.areaCode !== undefined ? { area_code: p.areaCode } : {}),
      ...(p.startsOn !== undefined ? { starts_on: p.startsOn } : {}),
      ...(p.due !== undefined ? { due_on: p.due } : {}),
      ...(p.period !== undefined ? { period: p.period } : {}),
      ...(p.status !== undefined ? { status: p.status } : {}),
      ...(p.progress !== undefined ? { progress: p.progress } : {}),
    });
    if (lead || coord) {
      const cur = await repo.taskUnits(trx, [taskId]);
      await repo.replaceTaskUnits(
        trx,
        taskId,
        lead ?? cur.filter((u) => u.role === "lead").map((u) => u.unit_id),
        coord ?? cur.filter((u) => u.role === "coordinating").map((u) => u.unit_id),
      );
    }
    if (p.targets) await repo.replaceTaskTargets(trx, taskId, p.targets);
  });
}

async function taskAccess(ctx: AppContext, taskId: number) {
  const task = await repo.findTask(ctx.db, taskId);
  if (!task) throw notFound("nhiệm vụ / task", "taskId");
  const facts = await agencyFacts(ctx, task.agency_id);
  const units = await repo.taskUnits(ctx.db, [taskId]);
  /** Whether the caller's division leads or coordinates the task (directly or through a unit group). */
  const mayUpdate = (caller: Caller | null) =>
    canUpdateTask(
      caller,
      facts,
      units.map((u) => u.unit_id),
      units.filter((u) => u.kind === "unit_group").map((u) => u.unit_id),
    );
  return { task, facts, units, mayUpdate };
}

/** The framework node a task is linked to, the area above it and the criteria under it. */
async function linkedCriteria(ctx: AppContext, agencyId: number, year: number, code: string | null) {
  const fw = code ? await planFramework(ctx, agencyId, year) : null;
  const node = code ? fw?.tree.nodes.get(code) : undefined;
  if (!fw || !node) return { linked: null, area: null, criteria: [] };
  const present = (n: FrameworkNode) => ({ code: n.code, kind: n.kind, title: n.title, max: pts(n.max) });
  const area = areaOf(fw.tree, node.code);
  return {
    linked: present(node),
    area: area ? present(area) : null,
    criteria: (fw.tree.children.get(node.code) ?? []).map(present),
  };
}

export async function taskDetail(ctx: AppContext, caller: Caller | null, taskId: number) {
  const { task, facts, units, mayUpdate } = await taskAccess(ctx, taskId);
  checkPublishedFor(caller, facts, task.plan_published_at);
  const [presented] = await presentTasks(ctx, [task], units);
  const base = {
    ...presented,
    plan: {
      id: task.plan_id,
      agencyId: task.agency_id,
      year: task.year,
      number: task.plan_number,
      code: task.plan_code,
    },
    framework: await linkedCriteria(ctx, task.agency_id, task.year, task.area_code),
    /** What the caller may do, so the app refuses up front what the API would refuse. */
    can: {
      edit: canManageAgency(caller, facts),
      update: mayUpdate(caller),
    },
    /** The evidence files the server accepts, so the form can say so before uploading. */
    upload: { maxBytes: ctx.config.UPLOAD_MAX_MB * 1024 * 1024, extensions: ALLOWED_EXTENSIONS },
  };
  if (!canReadAgencyPrivate(caller, facts)) return { ...base, updates: null };
  const updates = await repo.listTaskUpdates(ctx.db, taskId);
  const evidence = await listEvidence(ctx.db, { taskUpdateIds: updates.map((u) => u.id) });
  const codes = presented.targets.map((t) => t.indicator).filter((c): c is string => !!c);
  const values = await latestIndicatorValues(ctx.db, task.agency_id, codes);
  return {
    ...base,
    // Each measurable target with the latest value recorded for its indicator, and whether it is met.
    targets: presented.targets.map((t) => {
      const v = t.indicator ? values.get(t.indicator) : undefined;
      return {
        ...t,
        latest: v ? { value: v.value, period: v.period, recordedAt: v.recordedAt } : null,
        met: v ? targetMet(t, v.value) : null,
      };
    }),
    updates: updates.map((u) => ({
      id: u.id,
      progress: u.progress,
      status: u.status,
      note: u.note,
      at: new Date(u.created_at).toISOString(),
      unit: u.unit_name,
      by: u.display_name,
      evidence: evidence.filter((e) => e.task_update_id === u.id).map(presentEvidence),
    })),
  };
}

export interface UpdateBody {
  progress?: number;
  status?: TaskStatus;
  note?: string | null;
  indicator?: { code: string; value: number; period: string } | null;
  link?: string | null;
  docNumber?: string | null;
}

/** A division reports on a task it leads or coordinates: progress, status, an indicator value, evidence. */
export async function postTaskUpdate(
  ctx: AppContext,
  caller: Caller,
  taskId: number,
  body: UpdateBody,
  file?: IncomingFile,
) {
  const { task, mayUpdate } = await taskAccess(ctx, taskId);
  if (!mayUpdate(caller))
    throw forbidden(
      "Your division neither leads nor coordinates this task",
      "Phòng của bạn không chủ trì hay phối hợp nhiệm vụ này",
    );
  if (
    body.progress === undefined &&
    !body.status &&
    !body.note &&
    !body.indicator &&
    !body.link &&
    !body.docNumber &&
    !file
  )
    throw badInput(
      "task_update.empty",
      "progress",
      "Cập nhật trống",
      "The update says nothing: give progress, a status, a note, a value or evidence",
    );
  return withStoredUpload(ctx, task.agency_id, file, (stored) =>
    ctx.db.transaction().execute(async (trx) => {
      const id = await repo.insertTaskUpdate(trx, {
        taskId,
        unitId: caller.unitId,
        userId: caller.id,
        progress: body.progress ?? null,
        status: body.status ?? null,
        note: body.note ? nfc(body.note) : null,
      });
      const status =
        body.status ??
        (body.progress === 100
          ? "done"
          : body.progress !== undefined && task.status === "not_started"
            ? "in_progress"
            : undefined);
      await repo.updateTaskFields(trx, taskId, {
        ...(body.progress !== undefined ? { progress: body.progress } : {}),
        ...(status ? { status } : {}),
      });
      if (body.indicator)
        await insertIndicatorValue(trx, {
          agencyId: task.agency_id,
          ...body.indicator,
          source: "task_update",
          taskUpdateId: id,
          recordedBy: caller.id,
        });
      const evidence = [
        ...(stored ? [{ kind: "file" as const, ...stored }] : []),
        ...(body.link ? [{ kind: "link" as const, url: body.link }] : []),
        ...(body.docNumber ? [{ kind: "document" as const, docNumber: body.docNumber }] : []),
      ];
      for (const e of evidence)
        await insertEvidence(trx, { agencyId: task.agency_id, taskUpdateId: id, createdBy: caller.id, ...e });
      return id;
    }),
  );
}

export async function myTasks(ctx: AppContext, caller: Caller) {
  if (!caller.agencyId) return [];
  const facts = await agencyFacts(ctx, caller.agencyId);
  const plans = await repo.listPlans(ctx.db, caller.agencyId);
  const out: (Awaited<ReturnType<typeof presentTasks>>[number] & { planYear: number; canUpdate: boolean })[] =
    [];
  // All the agency's plans' tasks in one reading, not one per plan.
  const rows = await repo.listTasksOfPlans(
    ctx.db,
    plans.map((p) => p.id),
  );
  const yearOf = new Map(plans.map((p) => [p.id, p.year]));
  const planOf = new Map(rows.map((r) => [r.id, r.plan_id]));
  for (const t of await presentTasks(ctx, rows)) {
    const units = [...t.leadUnits, ...t.coordinatingUnits];
    const involved =
      caller.role !== "division" || units.some((u) => u.id === caller.unitId || u.kind === "unit_group");
    const canUpdate = canUpdateTask(
      caller,
      facts,
      units.map((u) => u.id),
      units.filter((u) => u.kind === "unit_group").map((u) => u.id),
    );
    if (involved) out.push({ ...t, planYear: yearOf.get(planOf.get(t.id) ?? 0) ?? 0, canUpdate });
  }
  // Overdue first, then open tasks by deadline.
  const rank = (t: (typeof out)[number]) =>
    t.overdue ? 0 : t.status === "done" || t.status === "cancelled" ? 2 : 1;
  return out.sort(
    (a, b) => rank(a) - rank(b) || (a.due ?? "9999").localeCompare(b.due ?? "9999") || a.id - b.id,
  );
}
