import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden, notFound } from "../../errors.ts";
import { findAgency, provinceOf } from "../agencies/repository.ts";
import { type Caller, canRunProvince } from "../auth/policy.ts";
import { findUserById } from "../auth/repository.ts";
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
  const o = input.selfAssessmentOpens;
  const c = input.selfAssessmentCloses;
  const a = input.appraisalCloses;
  if (o && c && c < o)
    throw badInput(
      "cycle.bad_dates",
      "selfAssessmentCloses",
      "Hạn tự đánh giá phải sau ngày mở",
      "Self-assessment must close after it opens",
    );
  if (c && a && a < c)
    throw badInput(
      "cycle.bad_dates",
      "appraisalCloses",
      "Hạn thẩm định phải sau hạn tự đánh giá",
      "Appraisal must close after self-assessment",
    );
  if (await repo.findCycleFor(ctx.db, input.provinceId, input.group, input.year))
    throw new AppError(
      "cycle.exists",
      409,
      { vi: "Kỳ đánh giá này đã có", en: "That cycle already exists" },
      "year",
    );
  for (const id of input.agencyIds ?? []) {
    const ag = await findAgency(ctx.db, id);
    if (ag?.kind !== "agency" || (await provinceOf(ctx.db, id)) !== input.provinceId)
      throw badInput(
        "cycle.unknown_agency",
        "agencyIds",
        `Cơ quan ${id} không thuộc tỉnh`,
        `Agency ${id} is not an agency of this province`,
      );
  }
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
  const c = await getCycle(ctx, cycleId);
  if (!canRunProvince(caller, c.province_id)) throw forbidden();
  const fw = await loadFramework(ctx, c.framework_id);
  if (fw.tree.nodes.get(areaCode)?.kind !== "area")
    throw badInput(
      "cycle.unknown_area",
      "areaCode",
      "Lĩnh vực không có trong bộ chỉ số",
      "No such area in the framework",
    );
  const user = await findUserById(ctx.db, userId);
  if (user?.role !== "appraiser")
    throw badInput(
      "cycle.not_appraiser",
      "userId",
      "Người dùng không phải thẩm định viên",
      "That user is not an appraiser",
    );
  await repo.assignAppraiser(ctx.db, c.id, areaCode, userId);
}
