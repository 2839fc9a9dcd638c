/** Self-assessment, appraisal and the agency's answer to a remark, each with its access rule. */
import type { Centi } from "../../../core/decimal.ts";
import { areaOf, isLeaf } from "../../../core/framework.ts";
import { todayInVietnam } from "../../../core/locale.ts";
import { evaluateRule, RuleError, type RuleInput } from "../../../core/rules.ts";
import { checkPoints, computeIndex } from "../../../core/scoring.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden, notFound } from "../../errors.ts";
import { presentEvidence, pts } from "../../presenters.ts";
import { type IncomingFile, withStoredUpload } from "../../uploads.ts";
import { agencyFacts } from "../agencies/service.ts";
import {
  type Caller,
  canAppraise,
  canManageAgency,
  canReadAgencyPrivate,
  canRunProvince,
} from "../auth/policy.ts";
import * as cycles from "../cycles/repository.ts";
import { getCycle } from "../cycles/service.ts";
import { type LoadedFramework, loadFramework } from "../frameworks/service.ts";
import * as repo from "./repository.ts";

/** The framework node a request names, or the error that says it does not exist. */
function requireNode(fw: LoadedFramework, code: string) {
  const node = fw.tree.nodes.get(code);
  if (!node)
    throw badInput(
      "score.unknown_criterion",
      "nodeCode",
      `Không có tiêu chí ${code} trong bộ chỉ số`,
      `No criterion ${code} in this framework`,
    );
  return node;
}

interface Key {
  cycleId: number;
  agencyId: number;
}

async function participation(ctx: AppContext, k: Key) {
  const cycle = await getCycle(ctx, k.cycleId);
  const facts = await agencyFacts(ctx, k.agencyId);
  const participant = await cycles.findParticipant(ctx.db, k.cycleId, k.agencyId);
  if (!participant) throw notFound("cơ quan trong kỳ đánh giá / agency in this cycle", "agencyId");
  return { cycle, facts, participant };
}

function assertOpen(cycle: { published_at: Date | null; self_assessment_closes: string | null }) {
  if (cycle.published_at)
    throw new AppError("cycle.published", 409, {
      vi: "Kỳ đánh giá đã công bố, không sửa được",
      en: "The cycle is published and read-only",
    });
  if (cycle.self_assessment_closes && todayInVietnam() > cycle.self_assessment_closes)
    throw new AppError("cycle.closed", 409, {
      vi: "Đã hết hạn tự đánh giá",
      en: "Self-assessment has closed for this cycle",
    });
}

export async function readScores(ctx: AppContext, caller: Caller | null, k: Key) {
  const { cycle, facts, participant } = await participation(ctx, k);
  if (!cycle.published_at && !canReadAgencyPrivate(caller, facts))
    throw forbidden(
      "Scores are visible to the agency and the province until they are published",
      "Điểm chỉ hiển thị cho cơ quan và tỉnh cho đến khi công bố",
    );
  const fw = await loadFramework(ctx, cycle.framework_id);
  const scores = await repo.listScores(ctx.db, k.cycleId, k.agencyId);
  const na = new Set((await repo.listNotApplicable(ctx.db, k.cycleId, k.agencyId)).map((r) => r.node_code));
  const final = new Map<string, Centi>();
  const selfOnly = new Map<string, Centi>();
  for (const s of scores) {
    const f = s.appraised ?? s.self;
    if (f !== null) final.set(s.nodeCode, f);
    if (s.self !== null) selfOnly.set(s.nodeCode, s.self);
  }
  const index = computeIndex(fw.tree, final, na);
  const selfIndex = computeIndex(fw.tree, selfOnly, na);
  const byCode = new Map(scores.map((s) => [s.nodeCode, s]));
  const evidence = await repo.listEvidence(ctx.db, { cycleId: k.cycleId, agencyId: k.agencyId });
  return {
    cycleId: cycle.id,
    agencyId: k.agencyId,
    status: participant.status,
    points: pts(index.achieved),
    max: pts(index.max),
    percent: pts(index.percent),
    selfPoints: pts(selfIndex.achieved),
    nodes: fw.nodes.map((n) => {
      const r = index.nodes.get(n.code);
      const s = byCode.get(n.code);
      return {
        code: n.code,
        parentCode: n.parentCode,
        title: n.title,
        kind: n.kind,
        max: pts(n.max),
        applicableMax: pts(r?.max),
        applicable: r?.applicable ?? true,
        points: pts(r?.achieved),
        percent: pts(r?.percent),
        self: pts(s?.self),
        appraised: pts(s?.appraised),
        explanation: s?.explanation ?? null,
        remark: s?.remark ?? null,
        reply: s?.reply ?? null,
        evidence: evidence.filter((e) => e.node_code === n.code).map(presentEvidence),
      };
    }),
  };
}

export async function selfAssess(
  ctx: AppContext,
  caller: Caller,
  k: Key & { nodeCode: string },
  body: { points?: Centi; inputs?: RuleInput; explanation?: string | null },
) {
  const { cycle, facts, participant } = await participation(ctx, k);
  if (!canManageAgency(caller, facts))
    throw forbidden(
      "Only the agency's PAR focal point self-assesses",
      "Chỉ đầu mối CCHC của cơ quan được tự đánh giá",
    );
  assertOpen(cycle);
  if (participant.status !== "draft")
    throw new AppError("assessment.submitted", 409, {
      vi: "Bản tự đánh giá đã nộp; hãy rút lại trước khi sửa",
      en: "The self-assessment is submitted; withdraw it before editing",
    });
  const fw = await loadFramework(ctx, cycle.framework_id);
  const node = requireNode(fw, k.nodeCode);
  if (!isLeaf(fw.tree, k.nodeCode))
    throw badInput(
      "score.not_leaf",
      "nodeCode",
      "Chỉ chấm điểm ở tiêu chí lá",
      "Points are entered on leaf criteria only",
    );
  let points: Centi;
  if (body.inputs && node.rule) {
    try {
      points = evaluateRule(node.rule as never, node.max, body.inputs).points;
    } catch (e) {
      if (e instanceof RuleError)
        throw new AppError(e.code, 400, { vi: e.messageVi, en: e.messageEn }, `inputs.${e.field ?? ""}`);
      throw e;
    }
  } else if (body.points !== undefined) {
    points = body.points;
  } else {
    throw badInput(
      "score.missing_points",
      "points",
      "Cần nhập điểm hoặc giá trị chỉ số",
      "Give points, or indicator inputs for a criterion with a rule",
    );
  }
  const bad = checkPoints(fw.tree, k.nodeCode, points);
  if (bad) throw badInput(bad.code, "points", `Điểm không hợp lệ: ${bad.message}`, bad.message);
  await repo.upsertSelfScore(ctx.db, k, {
    points,
    inputs: body.inputs,
    explanation: body.explanation ?? null,
  });
  return { points: pts(points) };
}

export async function setApplicability(
  ctx: AppContext,
  caller: Caller,
  k: Key & { nodeCode: string },
  applicable: boolean,
) {
  const { cycle, facts } = await participation(ctx, k);
  if (!canRunProvince(caller, facts.provinceId)) throw forbidden();
  if (cycle.published_at)
    throw new AppError("cycle.published", 409, {
      vi: "Kỳ đánh giá đã công bố",
      en: "The cycle is published",
    });
  const fw = await loadFramework(ctx, cycle.framework_id);
  requireNode(fw, k.nodeCode);
  await repo.setNotApplicable(ctx.db, k.cycleId, k.agencyId, k.nodeCode, !applicable);
}

export async function appraise(
  ctx: AppContext,
  caller: Caller,
  k: Key & { nodeCode: string },
  body: { points: Centi; remark?: string | null },
) {
  const { cycle, facts, participant } = await participation(ctx, k);
  const fw = await loadFramework(ctx, cycle.framework_id);
  requireNode(fw, k.nodeCode);
  const area = areaOf(fw.tree, k.nodeCode)!.code;
  const assigned = await cycles.assignedAreas(ctx.db, k.cycleId, caller.id);
  if (!canAppraise(caller, facts, assigned, area))
    throw forbidden(
      "You are not assigned to appraise this area",
      "Bạn không được phân công thẩm định lĩnh vực này",
    );
  if (cycle.published_at)
    throw new AppError("cycle.published", 409, {
      vi: "Kỳ đánh giá đã công bố",
      en: "The cycle is published",
    });
  if (participant.status === "draft")
    throw new AppError("assessment.not_submitted", 409, {
      vi: "Cơ quan chưa nộp bản tự đánh giá",
      en: "The agency has not submitted its self-assessment",
    });
  if (participant.status === "finalised")
    throw new AppError("assessment.finalised", 409, {
      vi: "Kết quả thẩm định đã chốt",
      en: "The appraisal is finalised",
    });
  const bad = checkPoints(fw.tree, k.nodeCode, body.points);
  if (bad) throw badInput(bad.code, "points", `Điểm không hợp lệ: ${bad.message}`, bad.message);
  await repo.upsertAppraisal(ctx.db, k, {
    points: body.points,
    remark: body.remark ?? null,
    userId: caller.id,
  });
  return { points: pts(body.points) };
}

export async function reply(ctx: AppContext, caller: Caller, k: Key & { nodeCode: string }, text: string) {
  const { cycle, facts } = await participation(ctx, k);
  if (!canManageAgency(caller, facts)) throw forbidden();
  if (cycle.published_at)
    throw new AppError("cycle.published", 409, {
      vi: "Kỳ đánh giá đã công bố",
      en: "The cycle is published",
    });
  const n = await repo.setReply(ctx.db, k, text);
  if (!n) throw notFound("điểm của tiêu chí / score for this criterion", "nodeCode");
}

export async function setStatus(
  ctx: AppContext,
  caller: Caller,
  k: Key,
  action: "submit" | "withdraw" | "finalise",
) {
  const { cycle, facts, participant } = await participation(ctx, k);
  if (action === "finalise") {
    if (!canRunProvince(caller, facts.provinceId)) throw forbidden();
    if (participant.status !== "submitted")
      throw new AppError("assessment.not_submitted", 409, {
        vi: "Chưa nộp nên chưa chốt được",
        en: "Only a submitted assessment can be finalised",
      });
    await cycles.setParticipantStatus(ctx.db, k.cycleId, k.agencyId, "finalised");
    return;
  }
  if (!canManageAgency(caller, facts)) throw forbidden();
  assertOpen(cycle);
  if (action === "submit") {
    if (participant.status !== "draft")
      throw new AppError("assessment.already_submitted", 409, { vi: "Đã nộp rồi", en: "Already submitted" });
    const scores = await repo.listScores(ctx.db, k.cycleId, k.agencyId);
    const evidence = await repo.listEvidence(ctx.db, { cycleId: k.cycleId, agencyId: k.agencyId });
    const withEvidence = new Set(evidence.map((e) => e.node_code));
    const lacking = scores.filter(
      (s) => s.self !== null && !withEvidence.has(s.nodeCode) && !s.explanation?.trim(),
    );
    if (lacking.length)
      throw new AppError(
        "assessment.evidence_missing",
        400,
        {
          vi: `Tiêu chí ${lacking.map((s) => s.nodeCode).join(", ")} chưa có tài liệu kiểm chứng hoặc giải trình`,
          en: `Criteria ${lacking.map((s) => s.nodeCode).join(", ")} have neither evidence nor an explanation`,
        },
        `nodes.${lacking[0].nodeCode}`,
      );
    await cycles.setParticipantStatus(ctx.db, k.cycleId, k.agencyId, "submitted");
  } else {
    if (participant.status !== "submitted")
      throw new AppError("assessment.not_submitted", 409, {
        vi: "Chưa nộp nên không rút được",
        en: "Nothing submitted to withdraw",
      });
    await cycles.setParticipantStatus(ctx.db, k.cycleId, k.agencyId, "draft");
  }
}

export async function addEvidence(
  ctx: AppContext,
  caller: Caller,
  k: Key & { nodeCode: string },
  e:
    | { kind: "link" | "document" | "explanation"; url?: string; docNumber?: string; note?: string }
    | { kind: "file"; file: IncomingFile; note?: string },
) {
  const { cycle, facts, participant } = await participation(ctx, k);
  if (!canManageAgency(caller, facts)) throw forbidden();
  assertOpen(cycle);
  if (participant.status !== "draft")
    throw new AppError("assessment.submitted", 409, {
      vi: "Bản tự đánh giá đã nộp; hãy rút lại trước khi bổ sung tài liệu",
      en: "The self-assessment is submitted; withdraw it before adding evidence",
    });
  const fw = await loadFramework(ctx, cycle.framework_id);
  requireNode(fw, k.nodeCode);
  if (e.kind === "file") {
    return withStoredUpload(ctx, k.agencyId, e.file, (stored) =>
      repo.insertEvidence(ctx.db, {
        ...k,
        kind: "file",
        ...stored,
        note: e.note ?? null,
        createdBy: caller.id,
      }),
    );
  }
  return repo.insertEvidence(ctx.db, {
    ...k,
    kind: e.kind,
    url: e.url,
    docNumber: e.docNumber,
    note: e.note,
    createdBy: caller.id,
  });
}
