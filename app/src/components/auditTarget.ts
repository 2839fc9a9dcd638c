/**
 * What an audit entry is about, read off its entity and id ("participant" "1:3" is agency 3 in
 * cycle 1; "score" "1:3:2.1" its criterion 2.1), and the page that shows that record to the reader,
 * if their role may open one. Pure.
 */

export interface AuditTarget {
  entity: string;
  /** The record's own id, or its parts. */
  id: string;
  cycleId?: number;
  agencyId?: number;
  /** A framework node (criterion, area). */
  node?: string;
  areaCode?: string;
  userId?: number;
  planId?: number;
}

const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);

export function auditTarget(e: {
  entity: string;
  entityId: string;
  cycleId?: number | null;
  agencyId?: number | null;
  planId?: number | null;
}): AuditTarget {
  const parts = e.entityId.split(":");
  const base: AuditTarget = {
    entity: e.entity,
    id: e.entityId,
    cycleId: e.cycleId ?? undefined,
    agencyId: e.agencyId ?? undefined,
    planId: e.planId ?? undefined,
  };
  switch (e.entity) {
    case "cycle":
      return { ...base, cycleId: num(parts[0]) ?? base.cycleId };
    case "participant":
      return { ...base, cycleId: num(parts[0]) ?? base.cycleId, agencyId: num(parts[1]) ?? base.agencyId };
    case "score":
      return {
        ...base,
        cycleId: num(parts[0]) ?? base.cycleId,
        agencyId: num(parts[1]) ?? base.agencyId,
        node: parts.length > 2 ? parts.slice(2).join(":") : undefined,
      };
    case "appraiser":
      return { ...base, cycleId: num(parts[0]) ?? base.cycleId, areaCode: parts[1], userId: num(parts[2]) };
    case "agency":
      return { ...base, agencyId: num(parts[0]) ?? base.agencyId };
    case "plan":
      return { ...base, planId: num(parts[0]) ?? base.planId };
    case "user":
      return { ...base, userId: num(parts[0]) };
    default:
      return base;
  }
}

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
