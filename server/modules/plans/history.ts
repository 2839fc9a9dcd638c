/**
 * The history of a plan and of a task, from the audit trail: who changed what, when, before → after
 * (tasks, publications, imports, group resolutions, updates and the indicator values they set). The
 * same readers as the plan's private data: the agency and the province.
 */
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import { entityHistory } from "../audit/access.ts";
import { listRows } from "../audit/repository.ts";
import { presentAudit } from "../audit/service.ts";
import { type Caller, canReadAgencyPrivate } from "../auth/policy.ts";
import { findPlan, findTask } from "./access.ts";
import * as repo from "./repository.ts";

const HISTORY_LIMIT = 200;

function present(h: ReturnType<typeof presentAudit>) {
  return {
    id: h.id,
    at: h.at,
    action: h.action,
    entity: h.entity,
    entityId: h.entityId,
    by: h.actor.displayName ?? h.actor.name,
    role: h.actor.role,
    before: h.before,
    after: h.after,
    note: h.note,
  };
}

const mayNotRead = () =>
  forbidden(
    "Only the agency and the province PAR office read a plan's history",
    "Chỉ cơ quan và Sở Nội vụ xem được lịch sử thay đổi của kế hoạch",
  );

/** Everything recorded about a plan, newest first (at most 200 entries; `beforeId` pages back). */
export async function planHistory(ctx: AppContext, caller: Caller | null, planId: number, beforeId?: number) {
  const { facts } = await findPlan(ctx, planId);
  if (!canReadAgencyPrivate(caller, facts)) throw mayNotRead();
  const rows = await listRows(ctx.db, { planId, beforeId, limit: HISTORY_LIMIT });
  return rows.map((r) => present(presentAudit(r)));
}

/** A task's own entries and those of its updates, newest first. */
export async function taskHistory(ctx: AppContext, caller: Caller | null, taskId: number) {
  const { facts } = await findTask(ctx, taskId);
  if (!canReadAgencyPrivate(caller, facts)) throw mayNotRead();
  const updates = await repo.listTaskUpdates(ctx.db, taskId);
  const rows = [
    ...(await entityHistory(ctx, "task", [taskId], HISTORY_LIMIT)),
    ...(updates.length
      ? await entityHistory(
          ctx,
          "task_update",
          updates.map((u) => u.id),
          HISTORY_LIMIT,
        )
      : []),
  ].sort((a, b) => b.id - a.id);
  return rows.slice(0, HISTORY_LIMIT).map(present);
}
