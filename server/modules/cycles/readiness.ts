/**
 * Before the province office publishes (or publishes a correction), the page shows what would be
 * published and what stands in the way, from the same guard the server enforces.
 */
import { fromCenti } from "../../../core/decimal.ts";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import { type Caller, canReadProvinceResults } from "../auth/policy.ts";
import { presentPublishedAgency, presentVersion } from "./public.ts";
import { publicationPreview } from "./publication.ts";
import { visibleCycle } from "./service.ts";

const pts = (c: number | null) => (c === null ? null : fromCenti(c));

export async function publicationStatus(ctx: AppContext, caller: Caller, id: number) {
  const cycle = await visibleCycle(ctx, caller, id);
  if (!canReadProvinceResults(caller, cycle.province_id)) throw forbidden();
  const p = await publicationPreview(ctx, cycle);
  const s = p.snapshot;
  return {
    state: cycle.state,
    correctionReason: cycle.correction_reason,
    current: p.current ? presentVersion(p.current.row) : null,
    /** publish (version 1) or publish_correction (the next version). */
    action: p.action,
    canPublish: p.decision.ok,
    refusal: p.decision.ok ? null : p.decision.code,
    /** Participants neither finalised nor excluded: each must be, before anything is published. */
    blockers: p.blockers,
    preview: {
      items: s.agencies.map((a) => presentPublishedAgency(s, a)),
      excluded: s.excluded,
    },
    /** During a correction: each agency's published → corrected figures. */
    changes: p.changes.map((c) => ({
      agencyId: c.agencyId,
      name: c.name,
      old: c.old && {
        points: pts(c.old.points),
        max: pts(c.old.max),
        percent: pts(c.old.percent),
        rank: c.old.rank,
        grade: c.old.grade,
      },
      new: c.new && {
        points: pts(c.new.points),
        max: pts(c.new.max),
        percent: pts(c.new.percent),
        rank: c.new.rank,
        grade: c.new.grade,
      },
    })),
  };
}
