/**
 * Who may do what with a framework: a pure function over the caller and the framework's owner,
 * unit-tested beside this file. A framework belongs to a province (its PAR office issues it) or is
 * national (provinceId null: the administrator's). Frameworks are public documents: anyone reads one.
 */
import { type Caller, canRunProvince, isAdmin } from "../auth/policy.ts";

/** Creating or replacing a framework owned by provinceId (null: national). */
export function canEditFramework(c: Caller | null, provinceId: number | null): boolean {
  if (provinceId === null) return isAdmin(c);
  return canRunProvince(c, provinceId);
}

/** Running a cycle of a province on a framework: the province's own, or a national one. */
export const frameworkServes = (frameworkProvinceId: number | null, provinceId: number) =>
  frameworkProvinceId === null || frameworkProvinceId === provinceId;

/**
 * The frameworks a caller works with: someone of a province sees the national ones and the
 * province's own; the administrator, and the public reading the published documents, see all.
 */
export function listsFramework(c: Caller | null, frameworkProvinceId: number | null): boolean {
  if (!c || isAdmin(c) || c.provinceId === null) return true;
  return frameworkServes(frameworkProvinceId, c.provinceId);
}
