/**
 * The agency's self-assessment: points per leaf (typed, or computed by the leaf's rule from measured
 * inputs), evidence and explanations, and its answers to the appraisers' remarks.
 */
import { ruleStep } from "../../../core/contracts/scores.ts";
import type { Centi } from "../../../core/decimal.ts";
import { isLeaf } from "../../../core/framework.ts";
import { evaluateRule, RuleError, type RuleInput } from "../../../core/rules.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden, notFound } from "../../errors.ts";
import { type IncomingFile, removeStored, withStoredUpload } from "../../uploads.ts";
import { type Caller, canManageAgency } from "../auth/policy.ts";
import { loadFramework } from "../frameworks/service.ts";
import {
  assertSelfAssessmentOpen,
  auditPoints,
  type Db,
  type NodeKey,
  participation,
  pointsError,
  publishedError,
  record,
  requireNode,
} from "./context.ts";
import * as repo from "./repository.ts";

const submittedError = (what = "sửa", whatEn = "editing") =>
  new AppError("assessment.submitted", 409, {
    vi: `Bản tự đánh giá đã nộp; hãy rút lại trước khi ${what}`,
    en: `The self-assessment is submitted; withdraw it before ${whatEn}`,
  });

/** The agency's focal point, while its self-assessment is an open draft. */
async function draftAccess(ctx: AppContext, caller: Caller, k: NodeKey, what?: [string, string]) {
  const p = await participation(ctx, caller, k);
  if (!canManageAgency(caller, p.facts))
    throw forbidden(
      "Only the agency's PAR focal point self-assesses",
      "Chỉ đầu mối CCHC của cơ quan được tự đánh giá",
    );
  assertSelfAssessmentOpen(p.state, await ctx.clock.today());
  if (p.participant.status !== "draft") throw submittedError(...(what ?? []));
  const fw = await loadFramework(ctx, p.cycle.framework_id);
  const node = requireNode(fw, k.nodeCode);
  return { ...p, fw, node, where: { ...k, provinceId: p.facts.provinceId } };
}

export async function selfAssess(
  ctx: AppContext,
  caller: Caller,
  k: NodeKey,
  body: { points?: Centi; inputs?: RuleInput; explanation?: string | null },
) {
  const { fw, node, where } = await draftAccess(ctx, caller, k);
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
    await record(trx, caller, where, k.nodeCode, "self_assessed", {
      before: before ? { self: auditPoints(before.self), explanation: before.explanation } : undefined,
      after: {
        self: auditPoints(points),
        ...(body.inputs ? { inputs: body.inputs } : {}),
        ...(explanation !== undefined ? { explanation } : {}),
      },
      note: explanation ?? null,
    });
  });
  return { points: auditPoints(points) };
}

/** The agency answers an appraiser's remark, while its result is under appraisal. */
export async function reply(ctx: AppContext, caller: Caller, k: NodeKey, text: string) {
  const { facts, participant, state } = await participation(ctx, caller, k);
  if (!canManageAgency(caller, facts)) throw forbidden();
  if (state.state === "published") throw publishedError();
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
    await record(trx, caller, { ...k, provinceId: facts.provinceId }, k.nodeCode, "replied", {
      before: { reply: before.reply },
      after: { reply: text },
      note: text,
    });
  });
}

const EVIDENCE_WHAT: [string, string] = ["thay đổi tài liệu", "changing evidence"];

const evidenceLabel = (e: {
  file_name?: string | null;
  url?: string | null;
  doc_number?: string | null;
  note?: string | null;
}) => e.file_name ?? e.url ?? e.doc_number ?? e.note ?? null;

export async function addEvidence(
  ctx: AppContext,
  caller: Caller,
  k: NodeKey,
  e:
    | { kind: "link" | "document" | "explanation"; url?: string; docNumber?: string; note?: string }
    | { kind: "file"; file: IncomingFile; note?: string },
) {
  const { where } = await draftAccess(ctx, caller, k, EVIDENCE_WHAT);
  const insert = async (
    db: Db,
    row: Omit<Parameters<typeof repo.insertEvidence>[1], "agencyId" | "createdBy">,
  ) => {
    const id = await repo.insertEvidence(db, { ...k, ...row, createdBy: caller.id });
    await record(db, caller, where, k.nodeCode, "evidence_added", {
      after: {
        evidenceId: id,
        kind: row.kind,
        fileName: row.fileName ?? null,
        url: row.url ?? null,
        docNumber: row.docNumber ?? null,
        size: row.size ?? null,
      },
      note: evidenceLabel({
        file_name: row.fileName,
        url: row.url,
        doc_number: row.docNumber,
        note: row.note,
      }),
    });
    return id;
  };
  if (e.kind === "file")
    return withStoredUpload(ctx, k.agencyId, e.file, (stored) =>
      ctx.db.transaction().execute((trx) => insert(trx, { kind: "file", ...stored, note: e.note ?? null })),
    );
  return ctx.db
    .transaction()
    .execute((trx) => insert(trx, { kind: e.kind, url: e.url, docNumber: e.docNumber, note: e.note }));
}

/** Backs a criterion with evidence a division already posted on a task: the item is shared, not copied twice. */
export async function attachTaskEvidence(ctx: AppContext, caller: Caller, k: NodeKey, evidenceId: number) {
  const { where } = await draftAccess(ctx, caller, k, EVIDENCE_WHAT);
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
    await record(trx, caller, where, k.nodeCode, "evidence_added", {
      after: { evidenceId: id, kind: source.kind, fromTaskEvidence: source.id },
      note: evidenceLabel(source),
    });
    return id;
  });
}

export async function removeEvidence(ctx: AppContext, caller: Caller, k: NodeKey, evidenceId: number) {
  const { where } = await draftAccess(ctx, caller, k, EVIDENCE_WHAT);
  const e = await repo.findCriterionEvidence(ctx.db, k, evidenceId);
  if (!e) throw notFound("tài liệu kiểm chứng / evidence", "evidenceId");
  const orphan = await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteEvidence(trx, evidenceId);
    await record(trx, caller, where, k.nodeCode, "evidence_removed", {
      before: { evidenceId, kind: e.kind, fileName: e.file_name, url: e.url, docNumber: e.doc_number },
      note: evidenceLabel(e),
    });
    return e.file_path && (await repo.fileReferences(trx, e.file_path)) === 0 ? e.file_path : null;
  });
  // The file goes once no row points at it any more (task evidence shares its file).
  if (orphan) await removeStored(ctx, orphan);
}
