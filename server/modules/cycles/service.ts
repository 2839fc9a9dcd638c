/**
 * Cycles: creating one, its dates, participants (and their exclusion from the ranking), appraisers,
 * and who may see it. Every change goes through the state machine of core/cycle-state.ts and leaves
 * an audit entry; publication and corrections are in publication.ts.
 */
import { type CycleDates, cycleDateIssues } from "../../../core/contracts/cycles.ts";
import { cycleEditable, resultsEditable } from "../../../core/cycle-state.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden, notFound } from "../../errors.ts";
import { findAgency, provinceOf } from "../agencies/repository.ts";
import { cycleEntries, forReader } from "../audit/access.ts";
import { recordAudit } from "../audit/service.ts";
import { type Caller, canReadProvinceResults, canRunProvince } from "../auth/policy.ts";
import { findUserById, listUsersInProvince } from "../auth/repository.ts";
import { frameworkServes } from "../frameworks/policy.ts";
import { loadFramework } from "../frameworks/service.ts";
import * as repo from "./repository.ts";

const cycleNotFound = () => notFound("kỳ đánh giá / cycle", "cycleId");

export async function getCycle(ctx: AppContext, id: number): Promise<repo.CycleRow> {
  const c = await repo.findCycle(ctx.db, id);
  if (!c) throw cycleNotFound();
  return c;
}

/** Published once (a correction in progress still shows the published version). */
export const wasPublished = (c: repo.CycleRow) => c.state !== "open";

/**
 * Whether the caller may know this cycle exists: once published, anyone; before, the province that
 * runs it, its appraisers, and the agencies taking part.
 */
export async function maySeeCycle(
  ctx: AppContext,
  caller: Caller | null,
  c: repo.CycleRow,
): Promise<boolean> {
  if (wasPublished(c) || canReadProvinceResults(caller, c.province_id)) return true;
  if (!caller?.agencyId) return false;
  return !!(await repo.findParticipant(ctx.db, c.id, caller.agencyId));
}

/** The cycle, or 404 alike for a cycle that does not exist and one the caller may not see. */
export async function visibleCycle(
  ctx: AppContext,
  caller: Caller | null,
  id: number,
): Promise<repo.CycleRow> {
  const c = await repo.findCycle(ctx.db, id);
  if (!c || !(await maySeeCycle(ctx, caller, c))) throw cycleNotFound();
  return c;
}

export async function listVisibleCycles(
  ctx: AppContext,
  caller: Caller | null,
  f: { year?: number; provinceId?: number; group?: string },
) {
  const rows = await repo.listCycles(ctx.db, f);
  const out: repo.CycleRow[] = [];
  for (const c of rows) if (await maySeeCycle(ctx, caller, c)) out.push(c);
  return out;
}

export function presentCycle(c: repo.CycleRow) {
  return {
    id: c.id,
    year: c.year,
    frameworkId: c.framework_id,
    provinceId: c.province_id,
    group: c.group_code,
    selfAssessmentOpens: c.self_assessment_opens,
    selfAssessmentCloses: c.self_assessment_closes,
    appraisalCloses: c.appraisal_closes,
    /** open, published, or correcting (a published cycle reopened for a correction). */
    state: c.state,
    /** When the results were first published; a correction keeps this date. */
    publishedAt: c.published_at ? new Date(c.published_at).toISOString() : null,
    published: wasPublished(c),
  };
}

function checkDates(d: CycleDates) {
  const first = cycleDateIssues(d)[0];
  if (first) throw badInput(first.code, first.field, first.vi, first.en);
}

async function checkAgenciesOf(ctx: AppContext, provinceId: number, agencyIds: readonly number[]) {
  for (const id of agencyIds) {
    const ag = await findAgency(ctx.db, id);
    if (ag?.kind !== "agency" || (await provinceOf(ctx.db, id)) !== provinceId)
      throw badInput(
        "cycle.unknown_agency",
        "agencyIds",
        `Cơ quan ${id} không thuộc tỉnh`,
        `Agency ${id} is not an agency of this province`,
      );
  }
}

/** The cycle, when the caller runs its province; a cycle they may not see at all is 404. */
export async function cycleToRun(ctx: AppContext, caller: Caller, id: number): Promise<repo.CycleRow> {
  const c = await visibleCycle(ctx, caller, id);
  if (!canRunProvince(caller, c.province_id))
    throw forbidden(
      "Only the province PAR office runs the cycle",
      "Chỉ cơ quan thường trực CCHC của tỉnh điều hành kỳ đánh giá",
    );
  return c;
}

const notEditable = (what: "dates" | "participants" | "appraisers") =>
  new AppError(
    "cycle.not_open",
    409,
    {
      vi: {
        dates: "Kỳ đánh giá đã công bố: không đổi được thời hạn",
        participants: "Kỳ đánh giá đã công bố: không đổi được danh sách cơ quan tham gia",
        appraisers: "Kỳ đánh giá đã công bố: mở đính chính trước khi đổi phân công thẩm định",
      }[what],
      en: {
        dates: "The cycle is published: its dates cannot change",
        participants: "The cycle is published: its participants cannot change",
        appraisers: "The cycle is published: open a correction before changing appraisers",
      }[what],
    },
    what === "participants" ? "agencyIds" : undefined,
  );

const facts = (c: repo.CycleRow) => ({
  state: c.state,
  selfAssessmentOpens: c.self_assessment_opens,
  selfAssessmentCloses: c.self_assessment_closes,
  appraisalCloses: c.appraisal_closes,
});

/** The cycle's facts as core/cycle-state.ts reads them. */
export const cycleFacts = facts;

const where = (c: repo.CycleRow) => ({ provinceId: c.province_id, cycleId: c.id });

export async function createCycle(
  ctx: AppContext,
  caller: Caller,
  input: {
    year: number;
    frameworkId: number;
    provinceId: number;
    group: string;
    selfAssessmentOpens?: string | null;
    selfAssessmentCloses?: string | null;
    appraisalCloses?: string | null;
    agencyIds?: number[];
  },
): Promise<number> {
  if (!canRunProvince(caller, input.provinceId)) throw forbidden();
  const province = await findAgency(ctx.db, input.provinceId);
  if (province?.kind !== "province")
    throw badInput("cycle.unknown_province", "provinceId", "Tỉnh không tồn tại", "Unknown province");
  const fw = await loadFramework(ctx, input.frameworkId);
  if (!frameworkServes(fw.meta.provinceId, input.provinceId))
    throw badInput(
      "cycle.framework_of_other_province",
      "frameworkId",
      "Bộ chỉ số thuộc tỉnh khác; hãy dùng bộ chỉ số của tỉnh hoặc bộ chỉ số dùng chung",
      "The framework belongs to another province; use the province's own or a national one",
    );
  checkDates(input);
  if (await repo.findCycleFor(ctx.db, input.provinceId, input.group, input.year))
    throw new AppError(
      "cycle.exists",
      409,
      { vi: "Kỳ đánh giá này đã có", en: "That cycle already exists" },
      "year",
    );
  await checkAgenciesOf(ctx, input.provinceId, input.agencyIds ?? []);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertCycle(trx, { ...input, groupCode: input.group });
    await repo.addParticipants(trx, id, input.agencyIds ?? []);
    await recordAudit(trx, caller, {
      action: "cycle.created",
      entity: "cycle",
      entityId: id,
      provinceId: input.provinceId,
      cycleId: id,
      after: { ...input, agencyIds: input.agencyIds ?? [] },
    });
    return id;
  });
}

export async function assignAppraiser(
  ctx: AppContext,
  caller: Caller,
  cycleId: number,
  areaCode: string,
  userId: number,
) {
  const c = await cycleToRun(ctx, caller, cycleId);
  if (!cycleEditable(facts(c), "appraisers")) throw notEditable("appraisers");
  const fw = await loadFramework(ctx, c.framework_id);
  if (fw.tree.nodes.get(areaCode)?.kind !== "area")
    throw badInput(
      "cycle.unknown_area",
      "areaCode",
      "Lĩnh vực không có trong bộ chỉ số",
      "No such area in the framework",
    );
  const user = await findUserById(ctx.db, userId);
  const userProvince = user?.agency_id ? await provinceOf(ctx.db, user.agency_id) : null;
  if (user?.role !== "appraiser" || userProvince !== c.province_id)
    throw badInput(
      "cycle.not_appraiser",
      "userId",
      "Người dùng không phải thẩm định viên của tỉnh",
      "That user is not an appraiser of this province",
    );
  // Already assigned: nothing changes, and the trail says nothing happened.
  if ((await repo.assignedAreas(ctx.db, c.id, userId)).includes(areaCode)) return;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.assignAppraiser(trx, c.id, areaCode, userId);
    await recordAudit(trx, caller, {
      action: "appraiser.assigned",
      entity: "appraiser",
      entityId: `${c.id}:${areaCode}:${userId}`,
      ...where(c),
      after: { areaCode, userId, username: user.username },
    });
  });
}

/** Changes a cycle's dates while it is open; a field left out keeps its value. The merged dates must be in order. */
export async function updateCycleDates(ctx: AppContext, caller: Caller, id: number, patch: CycleDates) {
  const c = await cycleToRun(ctx, caller, id);
  if (!cycleEditable(facts(c), "dates")) throw notEditable("dates");
  const before = {
    selfAssessmentOpens: c.self_assessment_opens,
    selfAssessmentCloses: c.self_assessment_closes,
    appraisalCloses: c.appraisal_closes,
  };
  const merged = {
    selfAssessmentOpens:
      patch.selfAssessmentOpens !== undefined ? patch.selfAssessmentOpens : before.selfAssessmentOpens,
    selfAssessmentCloses:
      patch.selfAssessmentCloses !== undefined ? patch.selfAssessmentCloses : before.selfAssessmentCloses,
    appraisalCloses: patch.appraisalCloses !== undefined ? patch.appraisalCloses : before.appraisalCloses,
  };
  checkDates(merged);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateCycleDates(trx, id, merged);
    await recordAudit(trx, caller, {
      action: "cycle.dates_changed",
      entity: "cycle",
      entityId: id,
      ...where(c),
      before,
      after: merged,
    });
  });
}

export async function addCycleParticipants(
  ctx: AppContext,
  caller: Caller,
  id: number,
  agencyIds: readonly number[],
) {
  const c = await cycleToRun(ctx, caller, id);
  if (!cycleEditable(facts(c), "participants")) throw notEditable("participants");
  await checkAgenciesOf(ctx, c.province_id, agencyIds);
  // An agency already taking part is not added again, and the trail says only what changed.
  const present = new Set((await repo.listParticipants(ctx.db, id)).map((p) => p.id));
  const added = [...new Set(agencyIds)].filter((a) => !present.has(a));
  if (!added.length) return;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.addParticipants(trx, id, added);
    await recordAudit(
      trx,
      caller,
      added.map((agencyId) => ({
        action: "participant.added",
        entity: "participant",
        entityId: `${id}:${agencyId}`,
        ...where(c),
        agencyId,
      })),
    );
  });
}

/** Removes an agency from an open cycle, unless it has entered scores there (they would be orphaned). */
export async function removeCycleParticipant(ctx: AppContext, caller: Caller, id: number, agencyId: number) {
  const c = await cycleToRun(ctx, caller, id);
  if (!cycleEditable(facts(c), "participants")) throw notEditable("participants");
  if (!(await repo.findParticipant(ctx.db, id, agencyId))) throw notFound("đơn vị tham gia / participant");
  if (await repo.participantHasEntries(ctx.db, id, agencyId))
    throw new AppError(
      "cycle.participant_has_scores",
      409,
      {
        vi: "Cơ quan đã có điểm trong kỳ này nên không thể bỏ khỏi kỳ; có thể loại khỏi xếp hạng kèm lý do",
        en: "The agency has scores in this cycle and cannot be removed; it can be excluded from the ranking with a reason",
      },
      "agencyIds",
    );
  await ctx.db.transaction().execute(async (trx) => {
    await repo.removeParticipant(trx, id, agencyId);
    await recordAudit(trx, caller, {
      action: "participant.removed",
      entity: "participant",
      entityId: `${id}:${agencyId}`,
      ...where(c),
      agencyId,
    });
  });
}

/**
 * Leaves a participant out of the ranking with a written reason the public page shows (a merged
 * agency, one that did not take part), or takes it back in. Only while results may change.
 */
export async function setExclusion(
  ctx: AppContext,
  caller: Caller,
  id: number,
  agencyId: number,
  reason: string | null,
) {
  const c = await cycleToRun(ctx, caller, id);
  if (!resultsEditable(facts(c)))
    throw new AppError("cycle.published", 409, {
      vi: "Kỳ đánh giá đã công bố: mở đính chính trước khi loại hoặc đưa cơ quan trở lại xếp hạng",
      en: "The cycle is published: open a correction before excluding or including an agency",
    });
  const p = await repo.findParticipant(ctx.db, id, agencyId);
  if (!p) throw notFound("đơn vị tham gia / participant", "agencyId");
  if ((p.excluded_reason ?? null) === reason) return;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setExcluded(trx, id, agencyId, reason);
    await recordAudit(trx, caller, {
      action: reason ? "participant.excluded" : "participant.included",
      entity: "participant",
      entityId: `${id}:${agencyId}`,
      ...where(c),
      agencyId,
      before: { excludedReason: p.excluded_reason },
      after: { excludedReason: reason },
      note: reason,
    });
  });
}

/** Who appraises which area of a cycle, and the province's appraisers who could. */
export async function cycleAppraisers(ctx: AppContext, caller: Caller, id: number) {
  const c = await visibleCycle(ctx, caller, id);
  if (!canReadProvinceResults(caller, c.province_id)) throw forbidden();
  const fw = await loadFramework(ctx, c.framework_id);
  const assignments = await repo.listAssignments(ctx.db, id);
  const candidates = await listUsersInProvince(ctx.db, c.province_id, "appraiser");
  return {
    areas: fw.tree.areas.map((a) => ({ code: a.code, title: a.title })),
    items: assignments.map((a) => ({
      areaCode: a.area_code,
      userId: a.user_id,
      username: a.username,
      displayName: a.display_name,
    })),
    candidates: candidates.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      agencyId: u.agency_id,
    })),
  };
}

export async function unassignAppraiser(
  ctx: AppContext,
  caller: Caller,
  cycleId: number,
  areaCode: string,
  userId: number,
) {
  const c = await cycleToRun(ctx, caller, cycleId);
  if (!cycleEditable(facts(c), "appraisers")) throw notEditable("appraisers");
  const n = await ctx.db.transaction().execute(async (trx) => {
    const removed = await repo.unassignAppraiser(trx, cycleId, areaCode, userId);
    if (removed)
      await recordAudit(trx, caller, {
        action: "appraiser.unassigned",
        entity: "appraiser",
        entityId: `${cycleId}:${areaCode}:${userId}`,
        ...where(c),
        before: { areaCode, userId },
      });
    return removed;
  });
  if (n === 0) throw notFound("phân công / assignment", "areaCode");
}

/** The history of a cycle: its dates, participants, appraisers, states, publications and corrections. */
export async function cycleHistory(ctx: AppContext, caller: Caller, id: number) {
  const c = await visibleCycle(ctx, caller, id);
  if (!canReadProvinceResults(caller, c.province_id)) throw forbidden();
  // Appraisers read the history too, but not where each change came from (that is the log's).
  return { items: forReader(caller, await cycleEntries(ctx, id, ["cycle", "participant", "appraiser"])) };
}
