/**
 * Self-assessment, appraisal and the agency's answer to a remark, each with its access rule and its
 * window. Every change writes a history row in the same transaction.
 */
import { type HistoryAction, isInlineMime, pointsProblem, ruleStep } from "../../../core/contracts/scores.ts";
import type { Centi } from "../../../core/decimal.ts";
import { areaOf, type FrameworkTree, isLeaf, subtreeCodes } from "../../../core/framework.ts";
import { todayInVietnam } from "../../../core/locale.ts";
import { evaluateRule, RuleError, type RuleInput } from "../../../core/rules.ts";
import { computeIndex } from "../../../core/scoring.ts";
import type { AppContext } from "../../context.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, badInput, forbidden, notFound } from "../../errors.ts";
import { presentEvidence, pts } from "../../presenters.ts";
import { type IncomingFile, removeStored, withStoredUpload } from "../../uploads.ts";
import { agencyFacts } from "../agencies/service.ts";
import { entityHistory } from "../audit/access.ts";
import { recordAudit } from "../audit/service.ts";
import {
  type AgencyFacts,
  type Caller,
  canAppraise,
  canManageAgency,
  canReadAgencyPrivate,
  canRunProvince,
} from "../auth/policy.ts";
import * as cycles from "../cycles/repository.ts";
import { getCycle } from "../cycles/service.ts";
import { type LoadedFramework, loadFramework } from "../frameworks/service.ts";
import { appraisalWindow, canFinalise, selfAssessmentWindow, type Window } from "./policy.ts";
import * as repo from "./repository.ts";

type Db = import("kysely").Kysely<DB>;

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
type NodeKey = Key & { nodeCode: string };

async function participation(ctx: AppContext, k: Key) {
  const cycle = await getCycle(ctx, k.cycleId);
  const facts = await agencyFacts(ctx, k.agencyId);
  const participant = await cycles.findParticipant(ctx.db, k.cycleId, k.agencyId);
  if (!participant) throw notFound("cơ quan trong kỳ đánh giá / agency in this cycle", "agencyId");
  return { cycle, facts, participant };
}

const published = () =>
  new AppError("cycle.published", 409, {
    vi: "Kỳ đánh giá đã công bố, không sửa được",
    en: "The cycle is published and read-only",
  });

const fmtDate = (iso: string | null) => (iso ? iso.split("-").reverse().join("/") : "");

function assertSelfAssessmentOpen(cycle: repo.CycleLike) {
  const w = selfAssessmentWindow(cycle, todayInVietnam());
  if (w === "published") throw published();
  if (w === "not_open")
    throw new AppError("cycle.not_open", 409, {
      vi: `Chưa đến thời gian tự đánh giá (mở từ ${fmtDate(cycle.self_assessment_opens)})`,
      en: `Self-assessment has not opened yet (opens ${cycle.self_assessment_opens})`,
    });
  if (w === "closed")
    throw new AppError("cycle.closed", 409, {
      vi: `Đã hết hạn tự đánh giá (${fmtDate(cycle.self_assessment_closes)}); bản tự đánh giá chỉ còn xem`,
      en: `Self-assessment closed on ${cycle.self_assessment_closes}; it is read-only now`,
    });
}

function assertAppraisalOpen(cycle: repo.CycleLike) {
  const w = appraisalWindow(cycle, todayInVietnam());
  if (w === "published") throw published();
  if (w === "closed")
    throw new AppError("cycle.appraisal_closed", 409, {
      vi: `Đã hết hạn thẩm định (${fmtDate(cycle.appraisal_closes)})`,
      en: `Appraisal closed on ${cycle.appraisal_closes}`,
    });
}

const submittedError = () =>
  new AppError("assessment.submitted", 409, {
    vi: "Bản tự đánh giá đã nộp; hãy rút lại trước khi sửa",
    en: "The self-assessment is submitted; withdraw it before editing",
  });

function pointsError(points: Centi, max: Centi, step: Centi | null) {
  const p = pointsProblem(points, max, step);
  if (p) throw badInput(p.code, "points", p.vi, p.en);
}

/** Records a change of one criterion (nodeCode) or of the agency's whole assessment (null) in the audit trail. */
function history(
  db: Db,
  k: Key & { provinceId: number | null },
  nodeCode: string | null,
  caller: Caller,
  action: HistoryAction,
  more: {
    points?: Centi | null;
    previousPoints?: Centi | null;
    note?: string | null;
    field?: "self" | "appraised";
  } = {},
) {
  const field = more.field ?? (action === "appraised" ? "appraised" : "self");
  return recordAudit(db, caller, {
    action: `${nodeCode === null ? "participant" : "score"}.${action}`,
    entity: nodeCode === null ? "participant" : "score",
    entityId: nodeCode === null ? `${k.cycleId}:${k.agencyId}` : `${k.cycleId}:${k.agencyId}:${nodeCode}`,
    provinceId: k.provinceId,
    agencyId: k.agencyId,
    cycleId: k.cycleId,
    before: more.previousPoints === undefined ? undefined : { [field]: pts(more.previousPoints) },
    after: more.points === undefined ? undefined : { [field]: pts(more.points) },
    note: more.note ?? null,
  });
}

/** Areas the caller may appraise for this agency: assigned ones, or every area for the province office. */
async function appraiserAreas(
  ctx: AppContext,
  caller: Caller | null,
  facts: AgencyFacts,
  k: Key,
  tree: FrameworkTree,
) {
  if (!caller) return { areas: [] as string[], assigned: [] as string[] };
  const assigned =
    caller.role === "appraiser" ? await cycles.assignedAreas(ctx.db, k.cycleId, caller.id) : [];
  return {
    areas: tree.areas.map((a) => a.code).filter((a) => canAppraise(caller, facts, assigned, a)),
    assigned,
  };
}

function presentCriterionEvidence(e: Awaited<ReturnType<typeof repo.listCriterionEvidence>>[number]) {
  return {
    ...presentEvidence(e),
    mime: e.mime,
    size: e.size,
    inline: isInlineMime(e.mime),
    createdAt: new Date(e.created_at).toISOString(),
    fromTask: e.task_id ? { id: e.task_id, planId: e.plan_id, title: e.task_title } : null,
  };
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
  // Evidence and history are the agency's business: the public sees published points only.
  const privateView = canReadAgencyPrivate(caller, facts);
  const evidence = privateView ? await repo.listCriterionEvidence(ctx.db, k.cycleId, k.agencyId) : [];
  const withEvidence = new Set(evidence.map((e) => e.node_code));
  const lacksEvidence = (code: string) => {
    const s = byCode.get(code);
    return !!s && s.self !== null && !withEvidence.has(code) && !s.explanation?.trim();
  };

  const today = todayInVietnam();
  const selfWindow = selfAssessmentWindow(cycle, today);
  const apprWindow = appraisalWindow(cycle, today);
  const manages = canManageAgency(caller, facts);
  const { areas, assigned } = await appraiserAreas(ctx, caller, facts, k, fw.tree);
  const status = participant.status as "draft" | "submitted" | "finalised";
  return {
    cycleId: cycle.id,
    agencyId: k.agencyId,
    agency: { id: facts.agency.id, code: facts.agency.code, name: facts.agency.name },
    cycle: {
      year: cycle.year,
      frameworkId: cycle.framework_id,
      selfAssessmentOpens: cycle.self_assessment_opens,
      selfAssessmentCloses: cycle.self_assessment_closes,
      appraisalCloses: cycle.appraisal_closes,
      published: cycle.published_at !== null,
    },
    status,
    submittedAt: participant.submitted_at ? new Date(participant.submitted_at).toISOString() : null,
    points: pts(index.achieved),
    max: pts(index.max),
    percent: pts(index.percent),
    selfPoints: pts(selfIndex.achieved),
    selfPercent: pts(selfIndex.percent),
    selfAssessmentWindow: selfWindow,
    appraisalWindow: apprWindow,
    /** What the caller may do now, decided here so the page never guesses. */
    can: {
      selfAssess: manages && selfWindow === "open" && status === "draft",
      submit: manages && selfWindow === "open" && status === "draft",
      withdraw: manages && selfWindow === "open" && status === "submitted",
      reply: manages && !cycle.published_at && status !== "finalised",
      appraise: areas.length > 0 && apprWindow === "open" && status === "submitted",
      finalise: canFinalise(caller, facts, assigned) && !cycle.published_at && status === "submitted",
    },
    appraiserAreas: areas,
    lackingEvidence: privateView
      ? scores.filter((s) => lacksEvidence(s.nodeCode)).map((s) => s.nodeCode)
      : [],
    nodes: fw.nodes.map((n) => {
      const r = index.nodes.get(n.code);
      const sr = selfIndex.nodes.get(n.code);
      const s = byCode.get(n.code);
      return {
        code: n.code,
        parentCode: n.parentCode,
        title: n.title,
        kind: n.kind,
        leaf: isLeaf(fw.tree, n.code),
        area: areaOf(fw.tree, n.code)?.code ?? n.code,
        rule: n.rule ?? null,
        max: pts(n.max),
        applicableMax: pts(r?.max),
        applicable: r?.applicable ?? true,
        points: pts(r?.achieved),
        percent: pts(r?.percent),
        selfTotal: pts(sr?.achieved),
        self: pts(s?.self),
        inputs: privateView ? (s?.inputs ?? null) : null,
        appraised: pts(s?.appraised),
        explanation: privateView ? (s?.explanation ?? null) : null,
        remark: s?.remark ?? null,
        reply: s?.reply ?? null,
        lacksEvidence: privateView && lacksEvidence(n.code),
        evidence: evidence.filter((e) => e.node_code === n.code).map(presentCriterionEvidence),
      };
    }),
  };
}

export async function selfAssess(
  ctx: AppContext,
  caller: Caller,
  k: NodeKey,
  body: { points?: Centi; inputs?: RuleInput; explanation?: string | null },
) {
  const { cycle, facts, participant } = await participation(ctx, k);
  if (!canManageAgency(caller, facts))
    throw forbidden(
      "Only the agency's PAR focal point self-assesses",
      "Chỉ đầu mối CCHC của cơ quan được tự đánh giá",
    );
  assertSelfAssessmentOpen(cycle);
  if (participant.status !== "draft") throw submittedError();
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
  pointsError(points, node.max, ruleStep(node.rule));
  const explanation = body.explanation === undefined ? undefined : body.explanation?.trim() || null;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findScore(trx, k);
    await repo.upsertSelfScore(trx, k, { points, inputs: body.inputs, explanation });
    await history(trx, { ...k, provinceId: facts.provinceId }, k.nodeCode, caller, "self_assessed", {
      points,
      previousPoints: before?.self ?? null,
      note: explanation ?? null,
    });
  });
  return { points: pts(points) };
}

export async function setApplicability(ctx: AppContext, caller: Caller, k: NodeKey, applicable: boolean) {
  const { cycle, facts } = await participation(ctx, k);
  if (!canRunProvince(caller, facts.provinceId)) throw forbidden();
  if (cycle.published_at) throw published();
  const fw = await loadFramework(ctx, cycle.framework_id);
  requireNode(fw, k.nodeCode);
  await repo.setNotApplicable(ctx.db, k.cycleId, k.agencyId, k.nodeCode, !applicable);
}

export async function appraise(
  ctx: AppContext,
  caller: Caller,
  k: NodeKey,
  body: { points: Centi; remark?: string | null },
) {
  const { cycle, facts, participant } = await participation(ctx, k);
  const fw = await loadFramework(ctx, cycle.framework_id);
  const node = requireNode(fw, k.nodeCode);
  const area = areaOf(fw.tree, k.nodeCode)!.code;
  const assigned = await cycles.assignedAreas(ctx.db, k.cycleId, caller.id);
  if (!canAppraise(caller, facts, assigned, area))
    throw forbidden(
      "You are not assigned to appraise this area",
      "Bạn không được phân công thẩm định lĩnh vực này",
    );
  assertAppraisalOpen(cycle);
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
  pointsError(body.points, node.max, ruleStep(node.rule));
  const remark = body.remark?.trim() || null;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findScore(trx, k);
    await repo.upsertAppraisal(trx, k, { points: body.points, remark, userId: caller.id });
    await history(trx, { ...k, provinceId: facts.provinceId }, k.nodeCode, caller, "appraised", {
      points: body.points,
      previousPoints: before?.appraised ?? null,
      note: remark,
    });
  });
  return { points: pts(body.points) };
}

export async function reply(ctx: AppContext, caller: Caller, k: NodeKey, text: string) {
  const { cycle, facts, participant } = await participation(ctx, k);
  if (!canManageAgency(caller, facts)) throw forbidden();
  if (cycle.published_at) throw published();
  if (participant.status === "finalised")
    throw new AppError("assessment.finalised", 409, {
      vi: "Kết quả thẩm định đã chốt, không phản hồi được nữa",
      en: "The appraisal is finalised; replies are closed",
    });
  const before = await repo.findScore(ctx.db, k);
  if (!before) throw notFound("điểm của tiêu chí / score for this criterion", "nodeCode");
  if (!before.remark?.trim())
    throw new AppError(
      "score.no_remark",
      409,
      {
        vi: "Tiêu chí chưa có nhận xét thẩm định để phản hồi",
        en: "There is no appraiser's remark to answer",
      },
      "reply",
    );
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setReply(trx, k, text);
    await history(trx, { ...k, provinceId: facts.provinceId }, k.nodeCode, caller, "replied", { note: text });
  });
}

export async function setStatus(
  ctx: AppContext,
  caller: Caller,
  k: Key,
  action: "submit" | "withdraw" | "finalise",
) {
  const { cycle, facts, participant } = await participation(ctx, k);
  const move = (status: "draft" | "submitted" | "finalised", what: HistoryAction) =>
    ctx.db.transaction().execute(async (trx) => {
      await cycles.setParticipantStatus(trx, k.cycleId, k.agencyId, status);
      await history(trx, { ...k, provinceId: facts.provinceId }, null, caller, what);
    });
  if (action === "finalise") {
    const assigned = await cycles.assignedAreas(ctx.db, k.cycleId, caller.id);
    if (!canFinalise(caller, facts, assigned))
      throw forbidden(
        "Only the province PAR office or an appraiser of this cycle finalises",
        "Chỉ Sở Nội vụ hoặc thành viên tổ thẩm định của kỳ này được chốt kết quả",
      );
    if (cycle.published_at) throw published();
    if (participant.status !== "submitted")
      throw new AppError("assessment.not_submitted", 409, {
        vi: "Chưa nộp nên chưa chốt được",
        en: "Only a submitted assessment can be finalised",
      });
    await move("finalised", "finalised");
    return;
  }
  if (!canManageAgency(caller, facts)) throw forbidden();
  assertSelfAssessmentOpen(cycle);
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
    await move("submitted", "submitted");
  } else {
    if (participant.status !== "submitted")
      throw new AppError("assessment.not_submitted", 409, {
        vi:
          participant.status === "finalised"
            ? "Kết quả đã chốt, không rút lại được"
            : "Chưa nộp nên không rút được",
        en:
          participant.status === "finalised" ? "The appraisal is finalised" : "Nothing submitted to withdraw",
      });
    await move("draft", "withdrawn");
  }
}

/** The agency may change its criteria's evidence while its self-assessment is an open draft. */
async function evidenceAccess(ctx: AppContext, caller: Caller, k: NodeKey) {
  const { cycle, facts, participant } = await participation(ctx, k);
  if (!canManageAgency(caller, facts)) throw forbidden();
  assertSelfAssessmentOpen(cycle);
  if (participant.status !== "draft")
    throw new AppError("assessment.submitted", 409, {
      vi: "Bản tự đánh giá đã nộp; hãy rút lại trước khi thay đổi tài liệu",
      en: "The self-assessment is submitted; withdraw it before changing evidence",
    });
  const fw = await loadFramework(ctx, cycle.framework_id);
  requireNode(fw, k.nodeCode);
  return { cycle, facts };
}

export async function addEvidence(
  ctx: AppContext,
  caller: Caller,
  k: NodeKey,
  e:
    | { kind: "link" | "document" | "explanation"; url?: string; docNumber?: string; note?: string }
    | { kind: "file"; file: IncomingFile; note?: string },
) {
  const { facts } = await evidenceAccess(ctx, caller, k);
  const insert = (db: Db, row: Omit<Parameters<typeof repo.insertEvidence>[1], "agencyId" | "createdBy">) =>
    repo.insertEvidence(db, { ...k, ...row, createdBy: caller.id });
  const record = (db: Db, note: string | null | undefined) =>
    history(db, { ...k, provinceId: facts.provinceId }, k.nodeCode, caller, "evidence_added", {
      note: note ?? null,
    });
  if (e.kind === "file") {
    return withStoredUpload(ctx, k.agencyId, e.file, (stored) =>
      ctx.db.transaction().execute(async (trx) => {
        const id = await insert(trx, { kind: "file", ...stored, note: e.note ?? null });
        await record(trx, stored?.fileName);
        return id;
      }),
    );
  }
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insert(trx, { kind: e.kind, url: e.url, docNumber: e.docNumber, note: e.note });
    await record(trx, e.url ?? e.docNumber ?? e.note);
    return id;
  });
}

/** Backs a criterion with evidence a division already posted on a task: the item is shared, not copied twice. */
export async function attachTaskEvidence(ctx: AppContext, caller: Caller, k: NodeKey, evidenceId: number) {
  const { facts } = await evidenceAccess(ctx, caller, k);
  const source = await repo.findEvidence(ctx.db, evidenceId);
  if (!source || source.agency_id !== k.agencyId || source.task_update_id === null)
    throw notFound("minh chứng của nhiệm vụ / task evidence", "evidenceId");
  if (await repo.findAttached(ctx.db, k, evidenceId))
    throw new AppError(
      "evidence.already_attached",
      409,
      { vi: "Minh chứng này đã gắn với tiêu chí", en: "This evidence is already attached to the criterion" },
      "evidenceId",
    );
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertEvidence(trx, {
      ...k,
      kind: source.kind,
      filePath: source.file_path,
      fileName: source.file_name,
      mime: source.mime,
      size: source.size,
      url: source.url,
      docNumber: source.doc_number,
      note: source.note,
      createdBy: caller.id,
      sourceEvidenceId: source.id,
    });
    await history(trx, { ...k, provinceId: facts.provinceId }, k.nodeCode, caller, "evidence_added", {
      note: source.file_name ?? source.url ?? source.doc_number ?? source.note,
    });
    return id;
  });
}

export async function removeEvidence(ctx: AppContext, caller: Caller, k: NodeKey, evidenceId: number) {
  const { facts } = await evidenceAccess(ctx, caller, k);
  const e = await repo.findCriterionEvidence(ctx.db, k, evidenceId);
  if (!e) throw notFound("tài liệu kiểm chứng / evidence", "evidenceId");
  const orphan = await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteEvidence(trx, evidenceId);
    await history(trx, { ...k, provinceId: facts.provinceId }, k.nodeCode, caller, "evidence_removed", {
      note: e.file_name ?? e.url ?? e.doc_number ?? e.note,
    });
    return e.file_path && (await repo.fileReferences(trx, e.file_path)) === 0 ? e.file_path : null;
  });
  // The file goes once no row points at it any more (task evidence shares its file).
  if (orphan) await removeStored(ctx, orphan);
}

export async function taskEvidence(ctx: AppContext, caller: Caller, k: Key) {
  const { facts } = await participation(ctx, k);
  if (!canReadAgencyPrivate(caller, facts)) throw forbidden();
  const rows = await repo.listTaskEvidence(ctx.db, k.agencyId);
  return rows.map((e) => ({
    ...presentEvidence(e),
    mime: e.mime,
    inline: isInlineMime(e.mime),
    createdAt: new Date(e.created_at).toISOString(),
    task: { id: e.task_id, planId: e.plan_id, title: e.task_title, area: e.area_code },
    unit: e.unit_name,
  }));
}

export async function scoreHistory(ctx: AppContext, caller: Caller, k: Key, nodeCode?: string) {
  const { facts } = await participation(ctx, k);
  if (!canReadAgencyPrivate(caller, facts)) throw forbidden();
  const whole = `${k.cycleId}:${k.agencyId}`;
  const scoreIds =
    nodeCode !== undefined
      ? [`${whole}:${nodeCode}`]
      : (await repo.listScoreKeys(ctx.db, k.cycleId, k.agencyId)).map((c) => `${whole}:${c}`);
  const rows = [
    ...(await entityHistory(ctx, "score", scoreIds)),
    ...(await entityHistory(ctx, "participant", [whole])),
  ].sort((a, b) => b.id - a.id);
  const num = (v: unknown, key: string) => {
    const x = (v as Record<string, unknown> | null)?.[key];
    return typeof x === "number" ? x : null;
  };
  return rows.map((h) => {
    const action = h.action.slice(h.action.indexOf(".") + 1);
    const field = action === "appraised" ? "appraised" : "self";
    return {
      id: h.id,
      nodeCode: h.entity === "score" ? h.entityId.split(":").slice(2).join(":") : null,
      action,
      points: num(h.after, field),
      previousPoints: num(h.before, field),
      note: h.note,
      by: h.actor.displayName ?? h.actor.name,
      role: h.actor.role,
      at: h.at,
    };
  });
}

/** The caller's agency's cycles, and the one to open: the cycle taking self-assessments, else the latest. */
export async function myAssessments(ctx: AppContext, caller: Caller) {
  if (!caller.agencyId) return { current: null, items: [] };
  const today = todayInVietnam();
  const rows = await repo.cyclesOfAgency(ctx.db, caller.agencyId);
  const items = rows.map((c) => ({
    cycleId: c.id,
    agencyId: caller.agencyId as number,
    year: c.year,
    group: c.group_code,
    status: c.status,
    selfAssessmentOpens: c.self_assessment_opens,
    selfAssessmentCloses: c.self_assessment_closes,
    appraisalCloses: c.appraisal_closes,
    published: c.published_at !== null,
    selfAssessmentWindow: selfAssessmentWindow(c, today),
  }));
  const current = items.find((i) => i.selfAssessmentWindow === "open") ?? items[0] ?? null;
  return { current: current ? { cycleId: current.cycleId, agencyId: current.agencyId } : null, items };
}

/** Per agency and cycle, the areas the caller appraises, with the self-assessed and appraised totals. */
export async function myAppraisals(ctx: AppContext, caller: Caller) {
  const assignments =
    caller.role === "appraiser"
      ? await repo.assignmentsOf(ctx.db, caller.id)
      : ([] as { cycle_id: number; area_code: string }[]);
  let cycleRows: repo.CycleLike[];
  if (caller.role === "appraiser") {
    const ids = [...new Set(assignments.map((a) => a.cycle_id))];
    cycleRows = (await Promise.all(ids.map((id) => cycles.findCycle(ctx.db, id)))).filter((c) => !!c);
  } else if (caller.role === "province_office" || caller.role === "admin") {
    cycleRows = await cycles.listCycles(
      ctx.db,
      caller.role === "admin" ? {} : { provinceId: caller.provinceId ?? -1 },
    );
  } else return { items: [] };
  const today = todayInVietnam();
  const items = [];
  for (const c of cycleRows.sort((a, b) => b.year - a.year || a.id - b.id)) {
    const fw = await loadFramework(ctx, c.framework_id);
    const mine =
      caller.role === "appraiser"
        ? assignments.filter((a) => a.cycle_id === c.id).map((a) => a.area_code)
        : fw.tree.areas.map((a) => a.code);
    const areas = fw.tree.areas.filter((a) => mine.includes(a.code));
    const scores = await repo.listScores(ctx.db, c.id);
    const na = await repo.listNotApplicable(ctx.db, c.id);
    for (const p of await cycles.listParticipants(ctx.db, c.id)) {
      const facts = await agencyFacts(ctx, p.id);
      if (!areas.some((a) => canAppraise(caller, facts, mine, a.code))) continue;
      const own = scores.filter((s) => s.agencyId === p.id);
      const notApplicable = new Set(na.filter((r) => r.agency_id === p.id).map((r) => r.node_code));
      const final = new Map<string, Centi>();
      const self = new Map<string, Centi>();
      for (const s of own) {
        if ((s.appraised ?? s.self) !== null) final.set(s.nodeCode, (s.appraised ?? s.self) as Centi);
        if (s.self !== null) self.set(s.nodeCode, s.self);
      }
      const fi = computeIndex(fw.tree, final, notApplicable);
      const si = computeIndex(fw.tree, self, notApplicable);
      items.push({
        cycleId: c.id,
        year: c.year,
        group: c.group_code,
        appraisalCloses: c.appraisal_closes,
        appraisalWindow: appraisalWindow(c, today),
        agencyId: p.id,
        agencyCode: p.code,
        agencyName: p.name,
        status: p.status,
        areas: areas.map((a) => {
          const leaves = subtreeCodes(fw.tree, a.code).filter(
            (code) => isLeaf(fw.tree, code) && !notApplicable.has(code),
          );
          return {
            code: a.code,
            title: a.title,
            max: pts(fi.nodes.get(a.code)?.max),
            self: pts(si.nodes.get(a.code)?.achieved),
            points: pts(fi.nodes.get(a.code)?.achieved),
            leaves: leaves.length,
            appraisedLeaves: leaves.filter((code) =>
              own.some((s) => s.nodeCode === code && s.appraised !== null),
            ).length,
          };
        }),
      });
    }
  }
  return { items };
}

export type { Window };
