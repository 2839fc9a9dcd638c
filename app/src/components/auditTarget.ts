/**
 * The page that shows an audit entry's record to the reader, if their role may open one. Pure. What
 * the entry is about is read by core/audit-target.ts.
 */
import type { AuditTarget } from "../../../core/audit-target.ts";

/** The page showing the record, for a reader of this role; null where there is none they may open. */
export function auditTargetLink(t: AuditTarget, role: string | null | undefined): string | null {
  const province = role === "admin" || role === "province_office";
  const admin = role === "admin";
  switch (t.entity) {
    case "cycle":
    case "appraiser":
      return province && t.cycleId ? `/province/cycles/${t.cycleId}` : null;
    case "participant":
      return province && t.cycleId && t.agencyId ? `/self-assessment/${t.cycleId}/${t.agencyId}` : null;
    case "score":
      if (!province || !t.cycleId || !t.agencyId) return null;
      return `/self-assessment/${t.cycleId}/${t.agencyId}${t.node ? `?criterion=${encodeURIComponent(t.node)}` : ""}`;
    case "framework":
      return admin && /^\d+$/.test(t.id) ? `/admin/frameworks/${t.id}` : null;
    case "agency":
      return admin ? "/admin/agencies" : null;
    case "user":
      return admin ? "/admin/users" : null;
    case "periods":
      return admin ? "/admin/periods" : null;
    case "plan":
      return t.planId ? `/plans/${t.planId}` : null;
    case "task":
      return t.planId && /^\d+$/.test(t.id) ? `/plans/${t.planId}/tasks/${t.id}` : null;
    case "task_update":
      return t.planId ? `/plans/${t.planId}` : null;
    default:
      return null;
  }
}
