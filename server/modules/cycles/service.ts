import { type CycleDates, cycleDateIssues } from "../../../core/contracts/cycles.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden, notFound } from "../../errors.ts";
import { findAgency, provinceOf } from "../agencies/repository.ts";
import { type Caller, canReadProvinceResults, canRunProvince } from "../auth/policy.ts";
import { findUserById, listUsersInProvince } from "../auth/repository.ts";
import { loadFramework } from "../frameworks/service.ts";
import * as repo from "./repository.ts";

export async function getCycle(ctx: AppContext, id: number): Promise<repo.CycleRow> {
  const c = await repo.findCycle(ctx.db, id);
  if (!c) throw notFound("kỳ đánh giá / cycle", "cycleId");
  return c;
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
    publishedAt: c.published_at ? new Date(c.published_at).toISOString() : null,
    published: c.published_at !== null,
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

/** The cycle, when the caller runs its province; otherwise 403. */
async function cycleToRun(ctx: AppContext, caller: Caller, id: number): Promise<repo.CycleRow> {
  const c = await getCycle(ctx, id);
  if (!canRunProvince(caller, c.province_id)) throw forbidden();
  return c;
}

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
  await loadFramework(ctx, input.frameworkId);
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
    return id;
  });
}

export async function publishCycle(ctx: AppContext, caller: Caller, id: number, publish: boolean) {
  const c = await getCycle(ctx, id);
  if (!canRunProvince(caller, c.province_id))
    throw forbidden(
      "Only the province PAR office publishes results",
      "Chỉ cơ quan thường trực CCHC của tỉnh được công bố kết quả",
    );
  await repo.setPublished(ctx.db, id, publish ? new Date() : null);
}

export async function assignAppraiser(
  ctx: AppContext,
  caller: Caller,
  cycleId: number,
  areaCode: string,
  userId: number,
) {
  const c = await cycleToRun(ctx, caller, cycleId);
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
  await ctx.db.transaction().execute((trx) => repo.assignAppraiser(trx, c.id, areaCode, userId));
}

/** Changes a cycle's dates; a field left out keeps its value. The merged dates must be in order. */
export async function updateCycleDates(ctx: AppContext, caller: Caller, id: number, patch: CycleDates) {
  const c = await cycleToRun(ctx, caller, id);
  const merged = {
    selfAssessmentOpens:
      patch.selfAssessmentOpens !== undefined ? patch.selfAssessmentOpens : c.self_assessment_opens,
    selfAssessmentCloses:
      patch.selfAssessmentCloses !== undefined ? patch.selfAssessmentCloses : c.self_assessment_closes,
    appraisalCloses: patch.appraisalCloses !== undefined ? patch.appraisalCloses : c.appraisal_closes,
  };
  checkDates(merged);
  await ctx.db.transaction().execute((trx) => repo.updateCycleDates(trx, id, merged));
}

const publishedRefusal = () =>
  new AppError(
    "cycle.published",
    409,
    {
      vi: "Kỳ đánh giá đã công bố: hủy công bố trước khi đổi đơn vị tham gia",
      en: "The cycle is published: unpublish it before changing its participants",
    },
    "agencyIds",
  );

export async function addCycleParticipants(
  ctx: AppContext,
  caller: Caller,
  id: number,
  agencyIds: readonly number[],
) {
  const c = await cycleToRun(ctx, caller, id);
  if (c.published_at) throw publishedRefusal();
  await checkAgenciesOf(ctx, c.province_id, agencyIds);
  await ctx.db.transaction().execute((trx) => repo.addParticipants(trx, id, [...agencyIds]));
}

/** Removes an agency from a cycle, unless it has entered scores there (they would be orphaned). */
export async function removeCycleParticipant(ctx: AppContext, caller: Caller, id: number, agencyId: number) {
  const c = await cycleToRun(ctx, caller, id);
  if (c.published_at) throw publishedRefusal();
  if (!(await repo.findParticipant(ctx.db, id, agencyId))) throw notFound("đơn vị tham gia / participant");
  if (await repo.participantHasEntries(ctx.db, id, agencyId))
    throw new AppError(
      "cycle.participant_has_scores",
      409,
      {
        vi: "Cơ quan đã có điểm trong kỳ này nên không thể bỏ khỏi kỳ",
        en: "The agency has scores in this cycle and cannot be removed",
      },
      "agencyIds",
    );
  await ctx.db.transaction().execute((trx) => repo.removeParticipant(trx, id, agencyId));
}

/** Who appraises which area of a cycle, and the province's appraisers who could. */
export async function cycleAppraisers(ctx: AppContext, caller: Caller, id: number) {
  const c = await getCycle(ctx, id);
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
  await cycleToRun(ctx, caller, cycleId);
  const n = await ctx.db
    .transaction()
    .execute((trx) => repo.unassignAppraiser(trx, cycleId, areaCode, userId));
  if (n === 0) throw notFound("phân công / assignment", "areaCode");
}
