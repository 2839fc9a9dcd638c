/**
 * Who may do what (domain.md §8). Pure functions over the caller and facts about the resource, so
 * every rule is unit-tested without a database.
 */
import type { Role } from "../../db/schema.ts";

export interface Caller {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** The agency the user works for (for province_office: the Department of Home Affairs). */
  agencyId: number | null;
  /** Division users: their division. */
  unitId: number | null;
  /** The province the user's agency belongs to. */
  provinceId: number | null;
  /** Which sign-in the request came through (a prefix of the session's hash), for the audit trail. */
  sessionId?: string | null;
  /** The address the request came from, for the audit trail. */
  ip?: string | null;
  /** After an administrator's reset: nothing but changing the password (and signing out) until then. */
  mustChangePassword?: boolean;
}

export interface AgencyFacts {
  agencyId: number;
  provinceId: number | null;
}

/** Both known and equal: an agency outside any province is nobody's province-wide business. */
const inProvince = (c: Caller, provinceId: number | null) =>
  c.provinceId !== null && c.provinceId === provinceId;
const sameProvince = (c: Caller, a: AgencyFacts) => inProvince(c, a.provinceId);

/** Reading a province's whole table before it is published: the PAR office, appraisers, admin. */
export function canReadProvinceResults(c: Caller | null, provinceId: number | null): boolean {
  if (!c) return false;
  return (
    c.role === "admin" ||
    ((c.role === "province_office" || c.role === "appraiser") && inProvince(c, provinceId))
  );
}

export const isProvinceWide = (c: Caller, a: AgencyFacts) => canReadProvinceResults(c, a.provinceId);

/** Reading an agency's unpublished scores, plans in progress, tasks and evidence. */
export function canReadAgencyPrivate(c: Caller | null, a: AgencyFacts): boolean {
  if (!c) return false;
  if (isProvinceWide(c, a)) return true;
  return c.agencyId === a.agencyId;
}

/** Self-assessing and editing the plan: the agency's focal point (and admin). */
export function canManageAgency(c: Caller | null, a: AgencyFacts): boolean {
  if (!c) return false;
  return c.role === "admin" || (c.role === "focal_point" && c.agencyId === a.agencyId);
}

/**
 * The named divisions that act on a task: those the task names directly, and those a unit group on
 * the task ("Các Phòng, Ban, Trung tâm") has been resolved to by the focal point. An unresolved group
 * stands for nobody: no division acts through it.
 */
export interface TaskUnits {
  lead: readonly number[];
  coordinating: readonly number[];
}

/** The part a caller plays on a task: the focal point (and admin) manage it, a division leads or coordinates it. */
export type TaskRole = "manager" | "lead" | "coordinating";

export function taskRoleOf(c: Caller | null, a: AgencyFacts, units: TaskUnits): TaskRole | null {
  if (!c) return null;
  if (canManageAgency(c, a)) return "manager";
  if (c.role !== "division" || c.agencyId !== a.agencyId || c.unitId === null) return null;
  if (units.lead.includes(c.unitId)) return "lead";
  if (units.coordinating.includes(c.unitId)) return "coordinating";
  return null;
}

/** Posting an update on a task: the focal point, and a division on tasks its unit leads or coordinates. */
export const updatesTask = (role: TaskRole | null): boolean => role !== null;

/**
 * Steering a task — its status and overall progress, its dates and measurable targets, the indicator
 * values its targets name: the lead unit and the focal point. A coordinating unit reports its own
 * part (progress, note, evidence) without changing the task.
 */
export const steersTask = (role: TaskRole | null): boolean => role === "manager" || role === "lead";

export function canUpdateTask(c: Caller | null, a: AgencyFacts, units: TaskUnits): boolean {
  return updatesTask(taskRoleOf(c, a, units));
}

export function canSteerTask(c: Caller | null, a: AgencyFacts, units: TaskUnits): boolean {
  return steersTask(taskRoleOf(c, a, units));
}

/** What a lead division may change on its task with PATCH /tasks/:id; everything else is the focal point's. */
export const LEAD_TASK_FIELDS = ["status", "progress", "startsOn", "due", "period", "targets"] as const;

export function canAppraise(
  c: Caller | null,
  a: AgencyFacts,
  assignedAreas: readonly string[],
  area: string,
): boolean {
  if (!c) return false;
  if (c.role === "admin") return true;
  if (c.role === "province_office" && sameProvince(c, a)) return true;
  return c.role === "appraiser" && sameProvince(c, a) && assignedAreas.includes(area);
}

/** Publishing a cycle and managing frameworks and cycles: only the province PAR office. */
export function canRunProvince(c: Caller | null, provinceId: number | null): boolean {
  if (!c) return false;
  return c.role === "admin" || (c.role === "province_office" && inProvince(c, provinceId));
}

export const isAdmin = (c: Caller | null) => c?.role === "admin";
