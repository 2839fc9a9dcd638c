/**
 * Finding a plan or a task and deciding whose view the caller gets: the agency (and the province)
 * read the working draft; everyone else reads the latest published version, and nothing of a plan
 * that was never published.
 */
import type { AppContext } from "../../context.ts";
import { forbidden, notFound } from "../../errors.ts";
import { agencyFacts } from "../agencies/service.ts";
import { type AgencyFacts, type Caller, canManageAgency, canReadAgencyPrivate } from "../auth/policy.ts";
import * as repo from "./repository.ts";

export type PlanRow = NonNullable<Awaited<ReturnType<typeof repo.findPlan>>>;

export async function findPlan(ctx: AppContext, planId: number) {
  const plan = await repo.findPlan(ctx.db, planId);
  if (!plan) throw notFound("kế hoạch / plan", "planId");
  const facts = await agencyFacts(ctx, plan.agency_id);
  return { plan, facts };
}

/**
 * A plan never published is the agency's and the province's alone: to anyone else it answers as a
 * plan that does not exist (404), so its id tells nobody that a draft is there.
 */
export const notPublished = () => notFound("kế hoạch / plan", "planId");

/** Whether the caller reads the draft (the agency, the province) or the published version (everyone else). */
export const readsDraft = (caller: Caller | null, facts: AgencyFacts) => canReadAgencyPrivate(caller, facts);

/**
 * A draft plan, with its tasks, lint and document, is the agency's own business (and the
 * province's) until its focal point publishes a version of it.
 */
export function checkPublishedFor(
  caller: Caller | null,
  facts: AgencyFacts,
  publishedAt: Date | null,
  hidden: () => Error = notPublished,
) {
  if (publishedAt === null && !readsDraft(caller, facts)) throw hidden();
}

/** A task that does not exist, or one of a draft the caller may not read: the same answer. */
export const taskNotFound = () => notFound("nhiệm vụ / task", "taskId");

/** The plan when the caller may read it: 404 for no plan and for another's draft. */
export async function planWithAccess(ctx: AppContext, caller: Caller | null, planId: number) {
  const found = await findPlan(ctx, planId);
  checkPublishedFor(caller, found.facts, found.plan.published_at);
  return found;
}

/** The plan when the caller is its agency's focal point (or admin). */
export async function planToManage(
  ctx: AppContext,
  caller: Caller,
  planId: number,
  en?: string,
  vi?: string,
) {
  const found = await findPlan(ctx, planId);
  checkPublishedFor(caller, found.facts, found.plan.published_at);
  if (!canManageAgency(caller, found.facts)) throw forbidden(en, vi);
  return found;
}

/** The task when the caller may see it: 404 for no task and for a task of another's draft plan. */
export async function taskWithAccess(ctx: AppContext, caller: Caller | null, taskId: number) {
  const found = await findTask(ctx, taskId);
  checkPublishedFor(caller, found.facts, found.task.plan_published_at, taskNotFound);
  return found;
}

export async function findTask(ctx: AppContext, taskId: number) {
  const task = await repo.findTask(ctx.db, taskId);
  if (!task) throw taskNotFound();
  const facts = await agencyFacts(ctx, task.agency_id);
  return { task, facts };
}
