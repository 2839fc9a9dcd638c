/** What the plans module writes into the audit trail: a task or a plan as a flat record, and only what changed. */
import { changedFields } from "../../../core/audit.ts";
import { comparableTask, type PlanSnapshot, type SnapshotTask } from "../../../core/plan-version.ts";
import type { AgencyFacts } from "../auth/policy.ts";

/** Where an entry belongs: the province, the agency and the plan, so each one's history finds it. */
export const auditScope = (facts: AgencyFacts, planId: number) => ({
  provinceId: facts.provinceId,
  agencyId: facts.agencyId,
  planId,
});

/** A task as the trail records it: its content as a reader sees it, and its status and progress. */
export const taskRecord = (t: SnapshotTask, live?: { status: string; progress: number }) => ({
  ...comparableTask(t),
  ...(live ? { status: live.status, progress: live.progress } : {}),
});

/** A plan's document fields and targets, flat. */
export const planRecord = (s: PlanSnapshot) => ({
  ...s.document,
  overallTarget: s.overallTarget,
  areaTargets: s.areaTargets.map((a) => `${a.areaCode}: ${a.target}/${a.max}${a.kept ? " (giữ vững)" : ""}`),
});

/** The fields that changed, before and after; null when nothing did. */
export function onlyChanged(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const keys = changedFields(before, after);
  if (!keys.length) return null;
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])),
  };
}
