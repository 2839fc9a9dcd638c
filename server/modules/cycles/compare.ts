/**
 * Agencies of one cycle side by side, area by area. The numbers are the ranking's own (the same
 * computation as GET /cycles/:id/ranking), so the comparison never disagrees with the league table.
 */
import { fromCenti } from "../../../core/decimal.ts";
import type { AppContext } from "../../context.ts";
import { badInput } from "../../errors.ts";
import type { Caller } from "../auth/policy.ts";
import { cycleResults, presentAreas, presentResult } from "../ranking/service.ts";
import { presentCycle } from "./service.ts";

export async function compareAgencies(
  ctx: AppContext,
  caller: Caller | null,
  cycleId: number,
  agencyIds: readonly number[],
) {
  const res = await cycleResults(ctx, caller, cycleId);
  const byId = new Map(res.results.map((r) => [r.agencyId, r]));
  const missing = agencyIds.find((id) => !byId.has(id));
  if (missing !== undefined)
    throw badInput(
      "compare.not_participant",
      "agencyIds",
      `Cơ quan ${missing} không tham gia kỳ đánh giá này`,
      `Agency ${missing} does not take part in this cycle`,
    );
  return {
    cycle: presentCycle(res.cycle),
    areas: res.framework.tree.areas.map((a) => ({
      code: a.code,
      title: a.title,
      max: fromCenti(a.max),
    })),
    agencies: agencyIds.map((id) => {
      const r = byId.get(id)!;
      return { ...presentResult(r), areas: presentAreas(res.framework, r.index) };
    }),
  };
}
