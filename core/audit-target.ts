/**
 * What an audit entry is about, read off its entity and id ("participant" "1:3" is agency 3 in
 * cycle 1; "score" "1:3:2.1" its criterion 2.1). Pure: the server names the cycle and the agency it
 * finds here (server/modules/audit/service.ts `named`), the app links the record's page.
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
