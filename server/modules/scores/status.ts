/**
 * A participant's steps: the agency submits and withdraws; the appraisal team concludes its
 * appraisal; the province office finalises, returns or reopens. Each step is decided by
 * core/cycle-state.ts (the same guard the page shows) and recorded in the audit trail.
 */
import {
  type ParticipantAction,
  type ParticipantStatus,
  participantStep,
} from "../../../core/cycle-state.ts";
import type { AppContext } from "../../context.ts";
import { AppError, forbidden } from "../../errors.ts";
import { type Caller, canManageAgency, canRunProvince } from "../auth/policy.ts";
import * as cycles from "../cycles/repository.ts";
import { loadFramework } from "../frameworks/service.ts";
import {
  assertSelfAssessmentOpen,
  incomplete,
  type Key,
  leafFacts,
  participation,
  publishedError,
  record,
} from "./context.ts";
import { canFinalise } from "./policy.ts";
import * as repo from "./repository.ts";

const HISTORY: Record<ParticipantAction, string> = {
  submit: "submitted",
  withdraw: "withdrawn",
  complete_appraisal: "appraisal_completed",
  return_to_appraisal: "returned_to_appraisal",
  finalise: "finalised",
  reopen: "reopened",
};

const refused = (code: string, status: ParticipantStatus) => {
  const says: Record<string, { vi: string; en: string }> = {
    "participant.not_draft": {
      vi: "Bản tự đánh giá đã nộp; hãy rút lại trước",
      en: "The self-assessment is already submitted",
    },
    "participant.not_submitted": {
      vi:
        status === "finalised"
          ? "Kết quả đã chốt"
          : status === "draft"
            ? "Cơ quan chưa nộp bản tự đánh giá"
            : "Đã hoàn thành thẩm định; hãy trả lại thẩm định trước",
      en:
        status === "finalised"
          ? "The result is finalised"
          : status === "draft"
            ? "The agency has not submitted its self-assessment"
            : "The appraisal is concluded; return it to appraisal first",
    },
    "participant.not_appraised": {
      vi: "Cần hoàn thành thẩm định trước khi chốt kết quả",
      en: "Conclude the appraisal before finalising",
    },
    "participant.not_finalised": { vi: "Kết quả chưa chốt", en: "The result is not finalised" },
    "participant.excluded": {
      vi: "Cơ quan đã bị loại khỏi xếp hạng của kỳ này",
      en: "The agency is excluded from this cycle's ranking",
    },
    "assessment.appraisal_started": {
      vi: "Tổ thẩm định đã bắt đầu chấm nên không rút lại được",
      en: "The appraisal has started; the submission can no longer be withdrawn",
    },
  };
  const t = says[code] ?? { vi: code, en: code };
  return new AppError(code, 409, t);
};

/** Who may take which step: the agency's focal point, the appraisal team, the province office. */
function allowed(action: ParticipantAction, ok: { manages: boolean; appraises: boolean; runs: boolean }) {
  switch (action) {
    case "submit":
    case "withdraw":
      return ok.manages;
    case "complete_appraisal":
      return ok.appraises;
    case "return_to_appraisal":
    case "finalise":
    case "reopen":
      return ok.runs;
  }
}

export async function participantAction(
  ctx: AppContext,
  caller: Caller,
  k: Key,
  action: ParticipantAction,
  reason?: string | null,
) {
  const { cycle, facts, participant, state } = await participation(ctx, caller, k);
  const assigned = await cycles.assignedAreas(ctx.db, k.cycleId, caller.id);
  const may = allowed(action, {
    manages: canManageAgency(caller, facts),
    appraises: canFinalise(caller, facts, assigned),
    runs: canRunProvince(caller, facts.provinceId),
  });
  if (!may)
    throw forbidden(
      action === "submit" || action === "withdraw"
        ? "Only the agency's PAR focal point submits its self-assessment"
        : action === "complete_appraisal"
          ? "Only the appraisal team concludes an appraisal"
          : "Only the province PAR office finalises, returns or reopens a result",
      action === "submit" || action === "withdraw"
        ? "Chỉ đầu mối CCHC của cơ quan nộp bản tự đánh giá"
        : action === "complete_appraisal"
          ? "Chỉ tổ thẩm định hoàn thành thẩm định"
          : "Chỉ Sở Nội vụ chốt, trả lại hoặc mở lại kết quả",
    );
  const today = await ctx.clock.today();
  if (action === "submit" || action === "withdraw") assertSelfAssessmentOpen(state, today);
  const fw = await loadFramework(ctx, cycle.framework_id);
  const status = participant.status;
  const d = participantStep(status, action, {
    cycle: state,
    today,
    leaves: await leafFacts(ctx, k, fw),
    appraisalStarted: await repo.appraisalStarted(ctx.db, k.cycleId, k.agencyId),
    excluded: !!participant.excluded_reason,
  });
  if (!d.ok) {
    if (d.missing) throw incomplete(d.code, d.missing);
    if (d.code === "cycle.published") throw publishedError();
    throw refused(d.code, status);
  }
  if (action === "reopen" && !reason?.trim())
    throw new AppError(
      "participant.reason_required",
      400,
      { vi: "Cần ghi lý do mở lại kết quả đã chốt", en: "Say why the finalised result is reopened" },
      "reason",
    );
  await ctx.db.transaction().execute(async (trx) => {
    await cycles.setParticipantStatus(
      trx,
      k.cycleId,
      k.agencyId,
      d.to,
      action === "submit" ? new Date() : action === "withdraw" ? null : undefined,
    );
    await record(trx, caller, { ...k, provinceId: facts.provinceId }, null, HISTORY[action], {
      before: { status },
      after: { status: d.to },
      note: reason?.trim() || null,
    });
  });
  return { status: d.to };
}
