import type { AppContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import type { AgencyFacts } from "../auth/policy.ts";
import { type AgencyRow, findAgency, provinceOf } from "./repository.ts";

export async function agencyFacts(
  ctx: AppContext,
  agencyId: number,
): Promise<AgencyFacts & { agency: AgencyRow }> {
  const agency = await findAgency(ctx.db, agencyId);
  if (!agency) throw notFound("cơ quan / agency", "agencyId");
  return { agencyId, provinceId: await provinceOf(ctx.db, agencyId), agency };
}

export function presentAgency(a: AgencyRow) {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    shortName: a.short_name,
    kind: a.kind,
    parentId: a.parent_id,
    group: a.group_code,
    validFrom: a.valid_from,
    validTo: a.valid_to,
    successorId: a.successor_id,
    sample: a.sample,
    staffCount: a.staff_count,
  };
}
