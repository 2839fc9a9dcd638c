/**
 * When a cycle takes self-assessments and appraisals, and who may finalise: pure functions over the
 * cycle's dates and the caller, unit-tested beside this file. Dates are ISO strings, compared as such.
 */
import type { AgencyFacts, Caller } from "../auth/policy.ts";
import { canRunProvince } from "../auth/policy.ts";

export interface CycleDates {
  self_assessment_opens: string | null;
  self_assessment_closes: string | null;
  appraisal_closes: string | null;
  published_at: Date | null;
}

/** "open" while opens ≤ today ≤ closes (either end may be unset); read-only otherwise. */
export type Window = "not_open" | "open" | "closed" | "published";

export function selfAssessmentWindow(c: CycleDates, today: string): Window {
  if (c.published_at) return "published";
  if (c.self_assessment_opens && today < c.self_assessment_opens) return "not_open";
  if (c.self_assessment_closes && today > c.self_assessment_closes) return "closed";
  return "open";
}

export function appraisalWindow(c: CycleDates, today: string): Window {
  if (c.published_at) return "published";
  if (c.appraisal_closes && today > c.appraisal_closes) return "closed";
  return "open";
}

/**
 * Finalising an agency's appraisal: the province PAR office, or an appraiser of the province who
 * appraises at least one area of the cycle (the appraisal team's member).
 */
export function canFinalise(c: Caller | null, a: AgencyFacts, assignedAreas: readonly string[]): boolean {
  if (!c) return false;
  if (canRunProvince(c, a.provinceId)) return true;
  return (
    c.role === "appraiser" &&
    c.provinceId !== null &&
    c.provinceId === a.provinceId &&
    assignedAreas.length > 0
  );
}
