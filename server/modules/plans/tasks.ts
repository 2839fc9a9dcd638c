/**
 * The tasks of a plan: adding and editing them (the focal point everything; a lead division its
 * task's status, progress, dates and measurable targets), resolving a unit group on a task to named
 * divisions, and reading them — a plan's tasks with filters, one task, and a user's own tasks.
 */
import { areaOf, type FrameworkNode } from "../../../core/framework.ts";
import { matchesSearch, nfc } from "../../../core/locale.ts";
import { targetMet } from "../../../core/plan.ts";
import type { SnapshotTask } from "../../../core/plan-version.ts";
import type { AppContext } from "../../context.ts";
import type { TaskStatus } from "../../db/schema.ts";
import { AppError, badInput, forbidden } from "../../errors.ts";
import { presentEvidence, pts } from "../../presenters.ts";
import { ALLOWED_EXTENSIONS } from "../../uploads.ts";
import { listUnits } from "../agencies/repository.ts";
import { agencyFacts } from "../agencies/service.ts";
import { recordAudit } from "../audit/service.ts";
import {
  type Caller,
  canManageAgency,
  canReadAgencyPrivate,
  LEAD_TASK_FIELDS,
  steersTask,
  type TaskRole,
  taskRoleOf,
  updatesTask,
} from "../auth/policy.ts";
import { indicatorValuesOfUpdates, latestIndicatorValues } from "../indicators/repository.ts";
import { listEvidence } from "../scores/repository.ts";
import { findTask, planToManage, readsDraft, taskNotFound, taskWithAccess } from "./access.ts";
import { auditScope, onlyChanged, taskRecord } from "./audit.ts";
import * as repo from "./repository.ts";
import { checkArea, checkTaskDates, planFramework, resolveUnits, type TaskBody } from "./service.ts";
import { actingUnits, taskSnapshots, unresolvedGroups } from "./snapshot.ts";
import { type PresentedTask, planView, presentTask, versionContent, viewTasks } from "./view.ts";

type TaskRow = NonNullable<Awaited<ReturnType<typeof repo.findTask>>>;

async function snapshotOf(ctx: AppContext, task: TaskRow): Promise<SnapshotTask> {
  return (await taskSnapshots(ctx.db, [task]))[0];
}

export async function createTask(ctx: AppContext, caller: Caller, planId: number, t: TaskBody) {
  const { plan, facts } = await planToManage(ctx, caller, planId);
  checkTaskDates(t.startsOn, t.due);
  await checkArea(ctx, plan.agency_id, plan.year, t.areaCode);
  const lead = await resolveUnits(ctx, plan.agency_id, t.leadUnits, "leadUnits");
  const coord = await resolveUnits(ctx, plan.agency_id, t.coordinatingUnits, "coordinatingUnits");
  const position = (await repo.listTasks(ctx.db, planId)).length;
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertTask(trx, planId, {
      ...t,
      title: nfc(t.title),
      body: t.body ? nfc(t.body) : null,
      position,
      leadUnitIds: lead,
      coordinatingUnitIds: coord,
    });
    const [snap] = await taskSnapshots(trx, [(await repo.findTask(trx, id))!]);
    await recordAudit(trx, caller, {
      action: "task.created",
      entity: "task",
      entityId: id,
      ...auditScope(facts, planId),
      after: taskRecord(snap),
    });
    return id;
  });
}

export type TaskPatch = Partial<TaskBody> & { status?: TaskStatus; progress?: number };

const notLead = () =>
  new AppError("task.not_lead", 403, {
    vi: "Chỉ đơn vị chủ trì và đầu mối CCHC sửa nhiệm vụ; đơn vị phối hợp báo cáo phần việc của mình bằng một cập nhật",
    en: "Only the task's lead unit and the PAR focal point change a task; a coordinating unit reports its part through an update",
  });

/**
 * Edits a task. The focal point may change anything; the lead division only its task's status,
 * progress, dates and measurable targets (the title, content, area and units are the plan's wording,
 * the focal point's to change).
 */
export async function patchTask(ctx: AppContext, caller: Caller, taskId: number, p: TaskPatch) {
  const { task, facts } = await taskWithAccess(ctx, caller, taskId);
  const before = await snapshotOf(ctx, task);
  const role = taskRoleOf(caller, facts, actingUnits(before));
  if (!steersTask(role)) {
    if (role === "coordinating") throw notLead();
    throw forbidden(
      "Only the agency's PAR focal point and the task's lead unit edit tasks; divisions post updates",
      "Chỉ đầu mối CCHC và đơn vị chủ trì sửa nhiệm vụ; các phòng cập nhật tiến độ",
    );
  }
  if (role === "lead") {
    const other = Object.keys(p).find(
      (k) => p[k as keyof TaskPatch] !== undefined && !(LEAD_TASK_FIELDS as readonly string[]).includes(k),
    );
    if (other)
      throw new AppError(
        "task.fields_not_allowed",
        403,
        {
          vi: "Đơn vị chủ trì được đổi trạng thái, tiến độ, thời hạn và chỉ tiêu đo được của nhiệm vụ; tên, nội dung, lĩnh vực và đơn vị thực hiện do đầu mối CCHC quyết định",
          en: "The lead unit may change the task's status, progress, dates and measurable targets; its title, content, area and units are the PAR focal point's to change",
        },
        other,
      );
  }
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
      ...(p.body !== undefined ? { body: p.body === null ? null : nfc(p.body) } : {}),
      ...(p.section !== undefined ? { section: p.section } : {}),
      ...(p.areaCode !== undefined ? { area_code: p.areaCode } : {}),
      ...(p.startsOn !== undefined ? { starts_on: p.startsOn } : {}),
      ...(p.due !== undefined ? { due_on: p.due } : {}),
      ...(p.period !== undefined ? { period: p.period } : {}),
      ...(p.status !== undefined ? { status: p.status } : {}),
      ...(p.progress !== undefined ? { progress: p.progress } : {}),
    });
    if (lead || coord)
      await repo.replaceTaskUnits(
        trx,
        taskId,
        lead ?? before.leadUnits.map((u) => u.id),
        coord ?? before.coordinatingUnits.map((u) => u.id),
      );
    if (p.targets) await repo.replaceTaskTargets(trx, taskId, p.targets);
    const row = (await repo.findTask(trx, taskId))!;
    const [after] = await taskSnapshots(trx, [row]);
    const change = onlyChanged(taskRecord(before, task), taskRecord(after, row));
    if (change)
      await recordAudit(trx, caller, {
        action: "task.updated",
        entity: "task",
        entityId: taskId,
        ...auditScope(facts, task.plan_id),
        ...change,
        note: role === "lead" ? "đơn vị chủ trì / lead unit" : null,
      });
  });
}

/**
 * The focal point says which named divisions a unit group on a task stands for ("Các Phòng, Ban,
 * Trung tâm" → HC-TC, QT-TV, …); they then act on the task in the group's role. No units: the
 * group is unresolved again, and nobody acts through it.
 */
export async function resolveGroup(
  ctx: AppContext,
  caller: Caller,
  taskId: number,
  groupId: number,
  refs: (number | string)[],
) {
  const { task, facts } = await taskWithAccess(ctx, caller, taskId);
  if (!canManageAgency(caller, facts))
    throw forbidden(
      "Only the agency's PAR focal point says which divisions a unit group stands for",
      "Chỉ đầu mối CCHC xác định nhóm đơn vị gồm những phòng nào",
    );
  const before = await snapshotOf(ctx, task);
  const group = [...before.leadUnits, ...before.coordinatingUnits].find(
    (u) => u.id === groupId && u.kind === "unit_group",
  );
  if (!group)
    throw new AppError(
      "task.not_a_group",
      404,
      {
        vi: "Nhóm đơn vị này không có trong nhiệm vụ",
        en: "This unit group is not on the task",
      },
      "groupId",
    );
  const ids = await resolveUnits(ctx, task.agency_id, refs, "units");
  const units = await listUnits(ctx.db, task.agency_id);
  const notDivision = ids.find((id) => units.find((u) => u.id === id)?.kind !== "division");
  if (notDivision !== undefined)
    throw badInput(
      "task.group_member_not_division",
      "units",
      "Nhóm đơn vị chỉ gồm các phòng, ban, trung tâm cụ thể, không gồm nhóm khác",
      "A unit group resolves to named divisions, not to another group",
    );
  await ctx.db.transaction().execute(async (trx) => {
    await repo.replaceGroupMembers(trx, taskId, groupId, ids);
    const [after] = await taskSnapshots(trx, [task]);
    const members = (s: SnapshotTask) =>
      [...s.leadUnits, ...s.coordinatingUnits].find((u) => u.id === groupId)?.members?.map((m) => m.name) ??
      [];
    await recordAudit(trx, caller, {
      action: "task.group_resolved",
      entity: "task",
      entityId: taskId,
      ...auditScope(facts, task.plan_id),
      before: { group: group.name, members: members(before) },
      after: { group: group.name, members: members(after) },
    });
  });
}

/** Whether a task involves a unit: named on it (a group by its own id) or one of the divisions a resolved group stands for. */
function involves(t: Pick<SnapshotTask, "leadUnits" | "coordinatingUnits">, unitId: number) {
  const acting = actingUnits(t);
  return (
    [...t.leadUnits, ...t.coordinatingUnits].some((u) => u.id === unitId) ||
    acting.lead.includes(unitId) ||
    acting.coordinating.includes(unitId)
  );
}

export async function listPlanTasks(
  ctx: AppContext,
  caller: Caller | null,
  planId: number,
  f: { unitId?: number; areaCode?: string; status?: TaskStatus; overdue?: boolean; q?: string },
) {
  const v = await planView(ctx, caller, planId);
  const snap = new Map(v.snapshot.tasks.map((t) => [t.id, t]));
  let tasks = viewTasks(v, await ctx.clock.today());
  if (f.unitId !== undefined) tasks = tasks.filter((t) => involves(snap.get(t.id)!, f.unitId!));
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

/** What the caller may do on a task, so the app refuses up front what the API would refuse. */
function taskCan(
  caller: Caller | null,
  facts: Parameters<typeof taskRoleOf>[1],
  snap: SnapshotTask,
  draft: boolean,
) {
  const role: TaskRole | null = draft ? taskRoleOf(caller, facts, actingUnits(snap)) : null;
  return {
    edit: draft && canManageAgency(caller, facts),
    update: updatesTask(role),
    steer: steersTask(role),
    role,
  };
}

export async function taskDetail(ctx: AppContext, caller: Caller | null, taskId: number) {
  const { task, facts } = await findTask(ctx, taskId);
  const draft = readsDraft(caller, facts);
  let snap: SnapshotTask;
  if (draft) snap = await snapshotOf(ctx, task);
  else {
    const version = task.plan_published_at ? await repo.findVersion(ctx.db, task.plan_id) : undefined;
    const found = version ? versionContent(version).tasks.find((t) => t.id === taskId) : undefined;
    if (!found) throw taskNotFound();
    snap = found;
  }
  const presented = presentTask(snap, task.plan_id, task, await ctx.clock.today());
  const base = {
    ...presented,
    view: draft ? ("draft" as const) : ("published" as const),
    plan: {
      id: task.plan_id,
      agencyId: task.agency_id,
      year: task.year,
      number: task.plan_number,
      code: task.plan_code,
    },
    framework: await linkedCriteria(ctx, task.agency_id, task.year, snap.areaCode),
    can: taskCan(caller, facts, snap, draft),
    /** Unit groups not yet resolved to named divisions: nobody acts through them. */
    unresolvedGroups: unresolvedGroups(snap),
    /** The evidence files the server accepts, so the form can say so before uploading. */
    upload: { maxBytes: ctx.config.UPLOAD_MAX_MB * 1024 * 1024, extensions: ALLOWED_EXTENSIONS },
  };
  if (!canReadAgencyPrivate(caller, facts)) return { ...base, updates: null, parts: null };
  const updates = await repo.listTaskUpdates(ctx.db, taskId);
  const evidence = await listEvidence(ctx.db, { taskUpdateIds: updates.map((u) => u.id) });
  const codes = presented.targets.map((t) => t.indicator).filter((c): c is string => !!c);
  const values = await latestIndicatorValues(ctx.db, task.agency_id, codes);
  const recorded = await indicatorValuesOfUpdates(
    ctx.db,
    updates.map((u) => u.id),
  );
  // Each coordinating unit's part: the progress it last reported.
  const parts = new Map<number, { unitId: number; unit: string | null; progress: number; at: string }>();
  for (const u of updates)
    if (u.role === "coordinating" && u.unit_id !== null && u.progress !== null)
      parts.set(u.unit_id, {
        unitId: u.unit_id,
        unit: u.unit_name,
        progress: u.progress,
        at: new Date(u.created_at).toISOString(),
      });
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
    parts: [...parts.values()],
    updates: updates.map((u) => ({
      id: u.id,
      progress: u.progress,
      status: u.status,
      note: u.note,
      at: new Date(u.created_at).toISOString(),
      unit: u.unit_name,
      by: u.display_name,
      /** The part the unit reported for: its lead, its coordination (its own part only), or the focal point. */
      role: u.role,
      evidence: evidence.filter((e) => e.task_update_id === u.id).map(presentEvidence),
      /** The indicator value entered with the update, if any. */
      indicator: recorded.get(u.id) ?? null,
    })),
  };
}

/**
 * The caller's tasks across the agency's plans, from the drafts: a division's are those its unit
 * leads or coordinates, directly or through a unit group resolved to it (an unresolved group brings
 * none); the agency's other users see them all. Overdue first, then open tasks by deadline.
 */
export async function myTasks(ctx: AppContext, caller: Caller) {
  if (!caller.agencyId) return [];
  const facts = await agencyFacts(ctx, caller.agencyId);
  const plans = await repo.listPlans(ctx.db, caller.agencyId);
  const rows = await repo.listTasksOfPlans(
    ctx.db,
    plans.map((p) => p.id),
  );
  const yearOf = new Map(plans.map((p) => [p.id, p.year]));
  const snaps = await taskSnapshots(ctx.db, rows);
  const today = await ctx.clock.today();
  const out: (PresentedTask & { planYear: number; canUpdate: boolean; role: TaskRole | null })[] = [];
  for (const [i, s] of snaps.entries()) {
    const role = taskRoleOf(caller, facts, actingUnits(s));
    if (caller.role === "division" && !updatesTask(role)) continue;
    const row = rows[i];
    out.push({
      ...presentTask(s, row.plan_id, row, today),
      planYear: yearOf.get(row.plan_id) ?? 0,
      canUpdate: updatesTask(role),
      role,
    });
  }
  const rank = (t: (typeof out)[number]) =>
    t.overdue ? 0 : t.status === "done" || t.status === "cancelled" ? 2 : 1;
  return out.sort(
    (a, b) => rank(a) - rank(b) || (a.due ?? "9999").localeCompare(b.due ?? "9999") || a.id - b.id,
  );
}
