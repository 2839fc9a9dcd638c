/**
 * Who reads the audit trail: the administrator all of it, the province PAR office its province's
 * entries. Each module shows the history of its own records (a score, a task, a plan, a cycle)
 * through `entityHistory`, after its own access check.
 */
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import type { Caller } from "../auth/policy.ts";
import * as repo from "./repository.ts";
import { named, presentAudit } from "./service.ts";
import { verifyAudit } from "./verify.ts";

const mayReadLog = (c: Caller) =>
  c.role === "admin" || (c.role === "province_office" && c.provinceId !== null);

/**
 * An entry as a module's history shows it to a caller: who acted and what changed, but the session
 * and the address it came from only to those who read the log itself (admin, the province office).
 */
export function forReader<E extends { actor: { session: string | null; ip: string | null } }>(
  caller: Caller,
  entries: E[],
): E[] {
  if (mayReadLog(caller)) return entries;
  return entries.map((e) => ({ ...e, actor: { ...e.actor, session: null, ip: null } }));
}

export async function auditLog(
  ctx: AppContext,
  caller: Caller,
  q: Omit<repo.AuditFilter, "entityIds" | "provinceId" | "entities"> & { entityId?: string },
) {
  if (!mayReadLog(caller))
    throw forbidden(
      "Only the administrator and the province PAR office read the audit log",
      "Chỉ quản trị viên và Sở Nội vụ xem nhật ký thay đổi",
    );
  const rows = await repo.listRows(ctx.db, {
    ...q,
    entityIds: q.entityId === undefined ? undefined : [q.entityId],
    provinceId: caller.role === "admin" ? undefined : (caller.provinceId as number),
    limit: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const items = await named(ctx.db, rows.slice(0, q.limit).map(presentAudit));
  return { items, nextBeforeId: more ? items[items.length - 1].id : null };
}

export async function auditVerify(ctx: AppContext, caller: Caller) {
  if (!mayReadLog(caller)) throw forbidden();
  return verifyAudit(ctx.db);
}

/** The entries about some records of one kind, newest first (the module has checked access). */
export async function entityHistory(ctx: AppContext, entity: string, ids: (string | number)[], limit = 200) {
  const rows = await repo.listRows(ctx.db, { entity, entityIds: ids.map(String), limit });
  return rows.map(presentAudit);
}

/**
 * The entries of one cycle about some kinds of record, newest first, named for the audit list (the
 * module has checked access).
 */
export async function cycleEntries(ctx: AppContext, cycleId: number, entities: string[], limit = 200) {
  const rows = await repo.listRows(ctx.db, { cycleId, entities, limit });
  return named(ctx.db, rows.map(presentAudit));
}
