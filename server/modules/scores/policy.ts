/**
 * Who belongs to the appraisal team of a cycle: a pure function over the caller, unit-tested beside
 * this file. When a cycle takes self-assessments and appraisals is core/cycle-state.ts's.
 */
import type { AgencyFacts, Caller } from "../auth/policy.ts";
import { canRunProvince } from "../auth/policy.ts";

/**
 * The appraisal team of an agency: the province PAR office, or an appraiser of the province who
 * appraises at least one area of the cycle. The team concludes an appraisal; the province office
 * finalises it.
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
