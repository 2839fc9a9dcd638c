/**
 * A unit reports on a task: the lead unit (and the focal point) report the task's progress and
 * status and the values of the indicators its measurable targets name; a coordinating unit reports
 * its own part — its progress, a note, evidence — which is recorded without changing the task. A
 * unit group on a task stands for nobody until the focal point resolves it to named divisions.
 */
import { nfc } from "../../../core/locale.ts";
import type { AppContext } from "../../context.ts";
import type { TaskStatus } from "../../db/schema.ts";
import { AppError, badInput, forbidden } from "../../errors.ts";
import { type IncomingFile, withStoredUpload } from "../../uploads.ts";
import { recordAudit } from "../audit/service.ts";
import { type Caller, steersTask, taskRoleOf } from "../auth/policy.ts";
import { insertIndicatorValue } from "../indicators/repository.ts";
import { insertEvidence } from "../scores/repository.ts";
import { taskWithAccess } from "./access.ts";
import { auditScope } from "./audit.ts";
import * as repo from "./repository.ts";
import { actingUnits, taskSnapshots, unresolvedGroups } from "./snapshot.ts";

export interface UpdateBody {
  progress?: number;
  status?: TaskStatus;
  note?: string | null;
  indicator?: { code: string; value: number; period: string } | null;
  link?: string | null;
  docNumber?: string | null;
}

export async function postTaskUpdate(
  ctx: AppContext,
  caller: Caller,
  taskId: number,
  body: UpdateBody,
  file?: IncomingFile,
) {
  const { task, facts } = await taskWithAccess(ctx, caller, taskId);
  const [snap] = await taskSnapshots(ctx.db, [task]);
  const role = taskRoleOf(caller, facts, actingUnits(snap));
  if (role === null) {
    const groups = unresolvedGroups(snap);
    if (caller.role === "division" && caller.agencyId === facts.agencyId && groups.length)
      throw new AppError("task.group_unresolved", 403, {
        vi: `Phòng của bạn không được nêu tên trong nhiệm vụ này; nhiệm vụ ghi "${groups[0].name}" nhưng đầu mối CCHC chưa xác định nhóm này gồm những phòng nào`,
        en: `Your division is not named on this task; it names "${groups[0].name}", which the PAR focal point has not yet resolved to named divisions`,
      });
    throw forbidden(
      "Your division neither leads nor coordinates this task",
      "Phòng của bạn không chủ trì hay phối hợp nhiệm vụ này",
    );
  }
  if (role === "coordinating" && body.status)
    throw new AppError(
      "task_update.status_by_lead",
      403,
      {
        vi: "Phòng của bạn phối hợp nhiệm vụ này: trạng thái nhiệm vụ do đơn vị chủ trì hoặc đầu mối CCHC quyết định; hãy báo cáo tiến độ phần việc, ghi chú và minh chứng của phòng",
        en: "Your division coordinates this task: its status is set by the lead unit or the PAR focal point; report your part's progress, a note and evidence",
      },
      "status",
    );
  if (role === "coordinating" && body.indicator)
    throw new AppError(
      "task_update.indicator_by_lead",
      403,
      {
        vi: "Giá trị chỉ số của nhiệm vụ do đơn vị chủ trì hoặc đầu mối CCHC báo cáo",
        en: "The task's indicator values are reported by its lead unit or the PAR focal point",
      },
      "indicator",
    );
  if (body.indicator && !snap.targets.some((t) => t.indicator === body.indicator!.code))
    throw badInput(
      "task_update.indicator_not_in_task",
      "indicator.code",
      `Nhiệm vụ không có chỉ tiêu nào đo bằng chỉ số "${body.indicator.code}"; chỉ cập nhật được chỉ số mà chỉ tiêu của nhiệm vụ nêu`,
      `No measurable target of this task uses indicator "${body.indicator.code}"; an update sets only the indicators its task's targets name`,
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
  const steering = steersTask(role);
  return withStoredUpload(ctx, task.agency_id, file, (stored) =>
    ctx.db.transaction().execute(async (trx) => {
      const note = body.note ? nfc(body.note) : null;
      const id = await repo.insertTaskUpdate(trx, {
        taskId,
        unitId: caller.unitId,
        userId: caller.id,
        progress: body.progress ?? null,
        status: body.status ?? null,
        note,
        role,
      });
      const scope = auditScope(facts, task.plan_id);
      // Only the lead unit and the focal point move the task itself.
      const status = !steering
        ? undefined
        : (body.status ??
          (body.progress === 100
            ? "done"
            : body.progress !== undefined && task.status === "not_started"
              ? "in_progress"
              : undefined));
      const progress = steering ? body.progress : undefined;
      if (progress !== undefined || status) {
        await repo.updateTaskFields(trx, taskId, {
          ...(progress !== undefined ? { progress } : {}),
          ...(status ? { status } : {}),
        });
        const before = { status: task.status, progress: task.progress };
        const after = { status: status ?? task.status, progress: progress ?? task.progress };
        if (before.status !== after.status || before.progress !== after.progress)
          await recordAudit(trx, caller, {
            action: "task.updated",
            entity: "task",
            entityId: taskId,
            ...scope,
            before,
            after,
            note: `cập nhật #${id} / update #${id}`,
          });
      }
      let valueId: number | null = null;
      if (body.indicator)
        valueId = await insertIndicatorValue(trx, {
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
      await recordAudit(trx, caller, [
        {
          action: "task_update.posted",
          entity: "task_update",
          entityId: id,
          ...scope,
          after: {
            taskId,
            role,
            progress: body.progress ?? null,
            status: body.status ?? null,
            indicator: body.indicator ?? null,
            evidence: evidence.map((e) =>
              e.kind === "file"
                ? `file: ${stored?.fileName}`
                : e.kind === "link"
                  ? `link: ${e.url}`
                  : `document: ${e.docNumber}`,
            ),
          },
          note,
        },
        ...(valueId !== null && body.indicator
          ? [
              {
                action: "indicator.recorded",
                entity: "indicator_value",
                entityId: valueId,
                ...scope,
                after: { ...body.indicator, source: "task_update", taskUpdateId: id },
              },
            ]
          : []),
      ]);
      return id;
    }),
  );
}
