/**
 * The appraisal team's work on an agency's criteria: appraised points with a remark, confirming the
 * self-assessed points as they are, and (the province office) marking a criterion not applicable.
 */
import { ruleStep } from "../../../core/contracts/scores.ts";
import { appraisalNeedsRemark, resultsEditable } from "../../../core/cycle-state.ts";
import type { Centi } from "../../../core/decimal.ts";
import { areaOf, isLeaf, subtreeCodes } from "../../../core/framework.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden } from "../../errors.ts";
import { type Caller, canAppraise, canRunProvince } from "../auth/policy.ts";
import * as cycles from "../cycles/repository.ts";
import { loadFramework } from "../frameworks/service.ts";
import {
  assertAppraisalOpen,
  auditPoints,
  type Key,
  type NodeKey,
  participation,
  pointsError,
  publishedError,
  record,
  requireNode,
} from "./context.ts";
import * as repo from "./repository.ts";

/** Appraisal happens while the agency's submission is under appraisal (submitted, not concluded). */
function assertUnderAppraisal(status: string) {
  if (status === "draft")
    throw new AppError("assessment.not_submitted", 409, {
      vi: "Cơ quan chưa nộp bản tự đánh giá",
      en: "The agency has not submitted its self-assessment",
    });
  if (status === "appraised")
    throw new AppError("assessment.appraised", 409, {
      vi: "Đã hoàn thành thẩm định; Sở Nội vụ trả lại thẩm định trước khi sửa",
      en: "The appraisal is concluded; the province office returns it to appraisal before changes",
    });
  if (status === "finalised")
    throw new AppError("assessment.finalised", 409, {
      vi: "Kết quả thẩm định đã chốt",
      en: "The appraisal is finalised",
    });
}

async function appraisalAccess(ctx: AppContext, caller: Caller, k: Key) {
  const p = await participation(ctx, caller, k);
  assertAppraisalOpen(p.state, await ctx.clock.today());
  const fw = await loadFramework(ctx, p.cycle.framework_id);
  const assigned = await cycles.assignedAreas(ctx.db, k.cycleId, caller.id);
  const mayAppraise = (code: string) => canAppraise(caller, p.facts, assigned, areaOf(fw.tree, code)!.code);
  return { ...p, fw, mayAppraise };
}

const notAssigned = () =>
  forbidden("You are not assigned to appraise this area", "Bạn không được phân công thẩm định lĩnh vực này");

export async function appraise(
  ctx: AppContext,
  caller: Caller,
  k: NodeKey,
  body: { points: Centi; remark?: string | null },
) {
  const { facts, participant, fw, mayAppraise } = await appraisalAccess(ctx, caller, k);
  const node = requireNode(fw, k.nodeCode);
  if (!mayAppraise(k.nodeCode)) throw notAssigned();
  assertUnderAppraisal(participant.status);
  pointsError(body.points, node.max, ruleStep(node.rule));
  const remark = body.remark?.trim() || null;
  const before = await repo.findScore(ctx.db, k);
  if (appraisalNeedsRemark({ self: before?.self ?? null }, remark))
    throw badInput(
      "appraisal.remark_required",
      "remark",
      "Cơ quan chưa tự chấm tiêu chí này: cần ghi nhận xét giải thích điểm thẩm định",
      "The agency left this criterion empty: a remark must explain the appraised points",
    );
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertAppraisal(trx, k, { points: body.points, remark, userId: caller.id });
    await record(trx, caller, { ...k, provinceId: facts.provinceId }, k.nodeCode, "appraised", {
      before: { appraised: auditPoints(before?.appraised), remark: before?.remark ?? null },
      after: { appraised: auditPoints(body.points), remark },
      note: remark,
    });
  });
  return { points: auditPoints(body.points) };
}

/**
 * Accepts the self-assessed points of leaves as they are: the named ones, or every leaf the caller
 * appraises that has self-assessed points and no appraisal yet. Returns the leaves confirmed.
 */
export async function confirmLeaves(ctx: AppContext, caller: Caller, k: Key, nodeCodes?: string[]) {
  const { facts, participant, fw, mayAppraise } = await appraisalAccess(ctx, caller, k);
  for (const code of nodeCodes ?? []) {
    requireNode(fw, code);
    if (!mayAppraise(code)) throw notAssigned();
  }
  assertUnderAppraisal(participant.status);
  const scores = new Map((await repo.listScores(ctx.db, k.cycleId, k.agencyId)).map((s) => [s.nodeCode, s]));
  const na = new Set((await repo.listNotApplicable(ctx.db, k.cycleId, k.agencyId)).map((r) => r.node_code));
  const leaves = nodeCodes ?? fw.nodes.map((n) => n.code).filter((c) => isLeaf(fw.tree, c) && mayAppraise(c));
  const chosen = leaves.filter((code) => {
    const s = scores.get(code);
    return !na.has(code) && s?.self !== null && s?.self !== undefined && s.appraised === null;
  });
  if (nodeCodes) {
    const empty = nodeCodes.find((c) => scores.get(c)?.self == null);
    if (empty)
      throw badInput(
        "appraisal.nothing_to_confirm",
        "nodeCodes",
        `Tiêu chí ${empty} chưa có điểm tự chấm để xác nhận; hãy chấm điểm kèm nhận xét`,
        `Criterion ${empty} has no self-assessed points to confirm; appraise it with a remark`,
      );
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const code of chosen) {
      const self = scores.get(code)!.self as Centi;
      await repo.upsertAppraisal(
        trx,
        { ...k, nodeCode: code },
        { points: self, remark: null, userId: caller.id, confirmed: true },
      );
      await record(trx, caller, { ...k, provinceId: facts.provinceId }, code, "confirmed", {
        after: { appraised: auditPoints(self), confirmed: true },
      });
    }
  });
  return { confirmed: chosen };
}

/**
 * The province office marks a criterion (or area) not applicable to an agency, or applicable again:
 * only while results may change, and not on a finalised result (reopen it first).
 */
export async function setApplicability(ctx: AppContext, caller: Caller, k: NodeKey, applicable: boolean) {
  const { cycle, facts, participant, state } = await participation(ctx, caller, k);
  if (!canRunProvince(caller, facts.provinceId)) throw forbidden();
  if (!resultsEditable(state)) throw publishedError();
  if (participant.status === "finalised")
    throw new AppError("assessment.finalised", 409, {
      vi: "Kết quả đã chốt; mở lại kết quả trước khi đổi tiêu chí không áp dụng",
      en: "The result is finalised; reopen it before changing what applies",
    });
  const fw = await loadFramework(ctx, cycle.framework_id);
  requireNode(fw, k.nodeCode);
  const wasNa = (await repo.listNotApplicable(ctx.db, k.cycleId, k.agencyId)).some(
    (r) => r.node_code === k.nodeCode,
  );
  if (wasNa === !applicable) return;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setNotApplicable(trx, k.cycleId, k.agencyId, k.nodeCode, !applicable);
    await record(trx, caller, { ...k, provinceId: facts.provinceId }, k.nodeCode, "applicability", {
      before: { applicable: !wasNa },
      after: { applicable, covers: subtreeCodes(fw.tree, k.nodeCode).length },
    });
  });
}
