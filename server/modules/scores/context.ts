/**
 * What every scores operation starts from: the cycle, the agency and its participation, the
 * framework node named, the leaves' facts the state machine reads, and the audit record of a change.
 */
import { pointsProblem } from "../../../core/contracts/scores.ts";
import {
  appraisalWindow,
  type CycleFacts,
  type LeafFacts,
  type Missing,
  selfAssessmentWindow,
} from "../../../core/cycle-state.ts";
import type { Centi } from "../../../core/decimal.ts";
import { type FrameworkTree, isLeaf } from "../../../core/framework.ts";
import type { AppContext } from "../../context.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, badInput, notFound } from "../../errors.ts";
import { pts } from "../../presenters.ts";
import { agencyFacts } from "../agencies/service.ts";
import { type AuditEntry, recordAudit } from "../audit/service.ts";
import { type Caller, canReadAgencyPrivate } from "../auth/policy.ts";
import * as cycles from "../cycles/repository.ts";
import { cycleFacts, visibleCycle } from "../cycles/service.ts";
import type { LoadedFramework } from "../frameworks/service.ts";
import * as repo from "./repository.ts";

export type Db = import("kysely").Kysely<DB>;

export interface Key {
  cycleId: number;
  agencyId: number;
}
export type NodeKey = Key & { nodeCode: string };

/**
 * The cycle, the agency and its participation. A cycle the caller may not see answers 404, as one
 * that does not exist; so does another agency's part in it (whether it takes part, its scores,
 * evidence and history are the agency's and the province's business), before anything else is
 * checked: a caller who may not read the agency learns nothing, not even that it takes part.
 */
export async function participation(ctx: AppContext, caller: Caller | null, k: Key) {
  const cycle = await visibleCycle(ctx, caller, k.cycleId);
  const facts = await agencyFacts(ctx, k.agencyId);
  if (!canReadAgencyPrivate(caller, facts))
    throw notFound("cơ quan trong kỳ đánh giá / agency in this cycle", "agencyId");
  const participant = await cycles.findParticipant(ctx.db, k.cycleId, k.agencyId);
  if (!participant) throw notFound("cơ quan trong kỳ đánh giá / agency in this cycle", "agencyId");
  return { cycle, facts, participant, state: cycleFacts(cycle) };
}

/** The framework node a request names, or the error that says it does not exist. */
export function requireNode(fw: LoadedFramework, code: string) {
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

export function pointsError(points: Centi, max: Centi, step: Centi | null) {
  const p = pointsProblem(points, max, step);
  if (p) throw badInput(p.code, "points", p.vi, p.en);
}

export const publishedError = () =>
  new AppError("cycle.published", 409, {
    vi: "Kỳ đánh giá đã công bố, không sửa được; muốn sửa kết quả hãy mở đính chính",
    en: "The cycle is published and read-only; open a correction to change its results",
  });

const fmtDate = (iso: string | null) => (iso ? iso.split("-").reverse().join("/") : "");

/** `today` is the clock's business day (ctx.clock.today()). */
export function assertSelfAssessmentOpen(c: CycleFacts, today: string) {
  const w = selfAssessmentWindow(c, today);
  if (w === "published") throw publishedError();
  if (w === "not_open")
    throw new AppError("cycle.not_open", 409, {
      vi: `Chưa đến thời gian tự đánh giá (mở từ ${fmtDate(c.selfAssessmentOpens)})`,
      en: `Self-assessment has not opened yet (opens ${c.selfAssessmentOpens})`,
    });
  if (w === "closed")
    throw new AppError("cycle.closed", 409, {
      vi: `Đã hết hạn tự đánh giá (${fmtDate(c.selfAssessmentCloses)}); bản tự đánh giá chỉ còn xem`,
      en: `Self-assessment closed on ${c.selfAssessmentCloses}; it is read-only now`,
    });
}

export function assertAppraisalOpen(c: CycleFacts, today: string) {
  const w = appraisalWindow(c, today);
  if (w === "published") throw publishedError();
  if (w === "closed")
    throw new AppError("cycle.appraisal_closed", 409, {
      vi: `Đã hết hạn thẩm định (${fmtDate(c.appraisalCloses)})`,
      en: `Appraisal closed on ${c.appraisalCloses}`,
    });
}

/** Every leaf of the framework with what is known of it for this agency: what the guards read. */
export async function leafFacts(ctx: AppContext, k: Key, fw: LoadedFramework): Promise<LeafFacts[]> {
  const scores = new Map((await repo.listScores(ctx.db, k.cycleId, k.agencyId)).map((s) => [s.nodeCode, s]));
  const na = await repo.listNotApplicable(ctx.db, k.cycleId, k.agencyId);
  const evidence = await repo.listEvidence(ctx.db, { cycleId: k.cycleId, agencyId: k.agencyId });
  const withEvidence = new Set(evidence.map((e) => e.node_code));
  const scoredWhole = (code: string) => {
    const s = scores.get(code);
    return !!s && (s.self !== null || s.appraised !== null);
  };
  return toBeScored(fw.tree, new Set(na.map((r) => r.node_code)), scoredWhole).map(({ code, applicable }) => {
    const node = fw.tree.nodes.get(code)!;
    const s = scores.get(code);
    return {
      code,
      title: node.title,
      applicable,
      surveyOnly: (node.rule as { kind?: string } | undefined)?.kind === "survey",
      self: s?.self ?? null,
      hasEvidence: withEvidence.has(code),
      hasExplanation: !!s?.explanation?.trim(),
      appraised: s?.appraised ?? null,
      confirmed: s?.confirmed ?? false,
    };
  });
}

/**
 * The leaves to be scored, each applicable unless it or an ancestor is marked not applicable. A
 * score given on an inner node (results recorded at area level) stands for its leaves: that node
 * is then the one to check, not its children.
 */
function toBeScored(tree: FrameworkTree, na: ReadonlySet<string>, scoredWhole: (code: string) => boolean) {
  const out: { code: string; applicable: boolean }[] = [];
  const walk = (code: string, applicable: boolean) => {
    const here = applicable && !na.has(code);
    if (isLeaf(tree, code) || scoredWhole(code)) out.push({ code, applicable: here });
    else for (const child of tree.children.get(code) ?? []) walk(child.code, here);
  };
  for (const a of tree.areas) walk(a.code, true);
  return out;
}

/** A missing item as the API shows it: what lacks, on which leaf, in words. */
export function presentMissing(m: Missing) {
  const lack = {
    no_points: { vi: "chưa có điểm", en: "no points" },
    no_evidence: {
      vi: "chưa có tài liệu kiểm chứng hoặc giải trình",
      en: "neither evidence nor an explanation",
    },
    not_appraised: { vi: "chưa thẩm định hoặc xác nhận", en: "not appraised or confirmed" },
  }[m.lack];
  return { code: m.code, title: m.title, lack: m.lack, message: lack.vi, messageEn: lack.en };
}

/** The one refusal for a step blocked by missing items: the list goes with it, so the page can link each. */
export function incomplete(code: string, missing: Missing[]) {
  const list = missing.slice(0, 12).map((m) => `${m.code} (${presentMissing(m).message})`);
  const listEn = missing.slice(0, 12).map((m) => `${m.code} (${presentMissing(m).messageEn})`);
  const more = missing.length > 12 ? ` … +${missing.length - 12}` : "";
  const what =
    code === "assessment.incomplete"
      ? { vi: "Chưa nộp được", en: "Cannot submit yet" }
      : { vi: "Chưa chốt được", en: "Cannot conclude the appraisal yet" };
  return new AppError(
    code,
    409,
    {
      vi: `${what.vi}: ${missing.length} tiêu chí còn thiếu — ${list.join("; ")}${more}`,
      en: `${what.en}: ${missing.length} criteria lack something — ${listEn.join("; ")}${more}`,
    },
    `nodes.${missing[0].code}`,
    { missing: missing.map(presentMissing) },
  );
}

/** Records a change of one criterion (nodeCode) or of the agency's whole assessment (null). */
export function record(
  db: Db,
  caller: Caller,
  k: Key & { provinceId: number | null },
  nodeCode: string | null,
  action: string,
  change: Pick<AuditEntry, "before" | "after" | "note"> = {},
) {
  return recordAudit(db, caller, {
    action: `${nodeCode === null ? "participant" : "score"}.${action}`,
    entity: nodeCode === null ? "participant" : "score",
    entityId: nodeCode === null ? `${k.cycleId}:${k.agencyId}` : `${k.cycleId}:${k.agencyId}:${nodeCode}`,
    provinceId: k.provinceId,
    agencyId: k.agencyId,
    cycleId: k.cycleId,
    ...change,
  });
}

/** Points as the audit trail keeps them: JSON numbers, null when none. */
export const auditPoints = (c: Centi | null | undefined) => pts(c);
