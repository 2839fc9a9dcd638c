/**
 * The assessment cycle as a state machine. Per participant: draft → submitted → appraised →
 * finalised (and back a step where the arrows below allow); per cycle: open → self-assessment closed → appraisal closed (both by date) →
 * published → correcting → published again (a correction, version 2, 3, …). Every transition has a
 * guard; the server enforces it and the app shows what the guard would say before anyone clicks.
 * Pure: facts in, a decision out.
 */
import type { Centi } from "./decimal.ts";

/** What the database stores of a cycle's state; the phases between are read off the dates. */
export type CycleState = "open" | "published" | "correcting";
export const CYCLE_STATES: readonly CycleState[] = ["open", "published", "correcting"];

export type CyclePhase = "open" | "self_assessment_closed" | "appraisal_closed" | "published" | "correcting";

export type ParticipantStatus = "draft" | "submitted" | "appraised" | "finalised";
export const PARTICIPANT_STATUSES: readonly ParticipantStatus[] = [
  "draft",
  "submitted",
  "appraised",
  "finalised",
];

export interface CycleFacts {
  state: CycleState;
  selfAssessmentOpens: string | null;
  selfAssessmentCloses: string | null;
  appraisalCloses: string | null;
}

/** Where the cycle stands today (ISO dates, Vietnam's day). */
export function cyclePhase(c: CycleFacts, today: string): CyclePhase {
  if (c.state !== "open") return c.state;
  if (c.appraisalCloses && today > c.appraisalCloses) return "appraisal_closed";
  if (c.selfAssessmentCloses && today > c.selfAssessmentCloses) return "self_assessment_closed";
  return "open";
}

/** "open" while opens ≤ today ≤ closes (either end may be unset); read-only otherwise. */
export type Window = "not_open" | "open" | "closed" | "published";

export function selfAssessmentWindow(c: CycleFacts, today: string): Window {
  if (c.state !== "open") return "published";
  if (c.selfAssessmentOpens && today < c.selfAssessmentOpens) return "not_open";
  if (c.selfAssessmentCloses && today > c.selfAssessmentCloses) return "closed";
  return "open";
}

/** Appraisal is open until its closing date, and again while a published cycle is being corrected. */
export function appraisalWindow(c: CycleFacts, today: string): Window {
  if (c.state === "published") return "published";
  if (c.state === "correcting") return "open";
  if (c.appraisalCloses && today > c.appraisalCloses) return "closed";
  return "open";
}

/** Dates, participants and appraisers change only while the cycle is open (appraisers also in a correction). */
export function cycleEditable(c: CycleFacts, what: "dates" | "participants" | "appraisers"): boolean {
  if (c.state === "open") return true;
  return what === "appraisers" && c.state === "correcting";
}

/** Scores, applicability and participants' states change while open or correcting, never while published. */
export const resultsEditable = (c: CycleFacts) => c.state !== "published";

// ---------------------------------------------------------------- leaves and what they lack

/** What is known of one leaf criterion of one agency. */
export interface LeafFacts {
  code: string;
  title: string;
  applicable: boolean;
  /** Scored from the sociological survey, not by the agency. */
  surveyOnly: boolean;
  self: Centi | null;
  hasEvidence: boolean;
  hasExplanation: boolean;
  appraised: Centi | null;
  /** The appraiser accepted the self-assessed points as they are. */
  confirmed: boolean;
}

export type Lack = "no_points" | "no_evidence" | "not_appraised";

export interface Missing {
  code: string;
  title: string;
  lack: Lack;
}

/** Submitting needs every applicable leaf the agency scores to have points, and evidence or an explanation. */
export function submitMissing(leaves: readonly LeafFacts[]): Missing[] {
  const out: Missing[] = [];
  for (const l of leaves) {
    if (!l.applicable || l.surveyOnly) continue;
    if (l.self === null) out.push({ code: l.code, title: l.title, lack: "no_points" });
    else if (!l.hasEvidence && !l.hasExplanation)
      out.push({ code: l.code, title: l.title, lack: "no_evidence" });
  }
  return out;
}

/** Finalising needs every applicable leaf appraised, or its self-assessed points confirmed. */
export function appraisalMissing(leaves: readonly LeafFacts[]): Missing[] {
  return leaves
    .filter((l) => l.applicable && l.appraised === null && !l.confirmed)
    .map((l) => ({ code: l.code, title: l.title, lack: "not_appraised" as const }));
}

/** An appraiser may score a leaf the agency left empty only with a remark that says why. */
export const appraisalNeedsRemark = (l: Pick<LeafFacts, "self">, remark: string | null | undefined) =>
  l.self === null && !remark?.trim();

// ---------------------------------------------------------------- transitions

export type ParticipantAction =
  | "submit"
  | "withdraw"
  | "complete_appraisal"
  | "return_to_appraisal"
  | "finalise"
  | "reopen";

export const PARTICIPANT_ACTIONS: readonly ParticipantAction[] = [
  "submit",
  "withdraw",
  "complete_appraisal",
  "return_to_appraisal",
  "finalise",
  "reopen",
];

const MOVES: Record<ParticipantAction, { from: ParticipantStatus; to: ParticipantStatus }> = {
  submit: { from: "draft", to: "submitted" },
  withdraw: { from: "submitted", to: "draft" },
  complete_appraisal: { from: "submitted", to: "appraised" },
  return_to_appraisal: { from: "appraised", to: "submitted" },
  finalise: { from: "appraised", to: "finalised" },
  // Reopened for a correction (or before publication): back under appraisal.
  reopen: { from: "finalised", to: "submitted" },
};

export interface ParticipantContext {
  cycle: CycleFacts;
  today: string;
  leaves: readonly LeafFacts[];
  /** Some leaf has appraised points already: the agency can no longer take its submission back. */
  appraisalStarted: boolean;
  excluded: boolean;
}

export type Refusal = {
  ok: false;
  /** Stable error code, as the API answers it. */
  code: string;
  missing?: Missing[];
};
export type Decision<T> = ({ ok: true } & T) | Refusal;

/** Whether a participant may take a step now, and where it leads. */
export function participantStep(
  status: ParticipantStatus,
  action: ParticipantAction,
  c: ParticipantContext,
): Decision<{ to: ParticipantStatus }> {
  const move = MOVES[action];
  if (c.excluded) return { ok: false, code: "participant.excluded" };
  if (c.cycle.state === "published") return { ok: false, code: "cycle.published" };
  if (status !== move.from) return { ok: false, code: `participant.not_${move.from}` };
  switch (action) {
    case "submit":
    case "withdraw": {
      const w = selfAssessmentWindow(c.cycle, c.today);
      if (w === "not_open") return { ok: false, code: "cycle.not_open" };
      if (w === "closed") return { ok: false, code: "cycle.closed" };
      if (action === "withdraw" && c.appraisalStarted)
        return { ok: false, code: "assessment.appraisal_started" };
      if (action === "submit") {
        const missing = submitMissing(c.leaves);
        if (missing.length) return { ok: false, code: "assessment.incomplete", missing };
      }
      break;
    }
    case "complete_appraisal":
    case "finalise": {
      const missing = appraisalMissing(c.leaves);
      if (missing.length) return { ok: false, code: "appraisal.incomplete", missing };
      break;
    }
    case "return_to_appraisal":
      break;
    case "reopen":
      // A finalised result is reopened only before publication or within a correction.
      break;
  }
  return { ok: true, to: move.to };
}

export type CycleAction = "publish" | "reopen_for_correction" | "publish_correction" | "cancel_correction";

export interface ParticipantState {
  agencyId: number;
  status: ParticipantStatus;
  excludedReason: string | null;
}

export interface CycleContext {
  participants: readonly ParticipantState[];
  /** The written reason of a correction (reopening). */
  reason?: string | null;
  /** Whether the results differ from the current publication (a correction must change something). */
  changed?: boolean;
}

/** The shortest reason accepted for a correction or an exclusion: a few words, not a keystroke. */
export const MIN_REASON = 10;
export const reasonOk = (r: string | null | undefined) => (r?.trim().length ?? 0) >= MIN_REASON;

/** Participants that keep a cycle from being published: neither finalised nor excluded. */
export const publishBlockers = (ps: readonly ParticipantState[]) =>
  ps.filter((p) => p.status !== "finalised" && !p.excludedReason);

export function cycleStep(
  state: CycleState,
  action: CycleAction,
  c: CycleContext,
): Decision<{ to: CycleState }> {
  const need = (s: CycleState): Refusal | null =>
    state === s ? null : { ok: false, code: `cycle.not_${s}` };
  switch (action) {
    case "publish":
    case "publish_correction": {
      const wrong = need(action === "publish" ? "open" : "correcting");
      if (wrong) return wrong;
      if (!c.participants.some((p) => !p.excludedReason)) return { ok: false, code: "cycle.no_participants" };
      if (publishBlockers(c.participants).length) return { ok: false, code: "cycle.unfinished" };
      if (action === "publish_correction" && c.changed === false)
        return { ok: false, code: "correction.no_change" };
      return { ok: true, to: "published" };
    }
    case "reopen_for_correction": {
      const wrong = need("published");
      if (wrong) return wrong;
      if (!reasonOk(c.reason)) return { ok: false, code: "correction.reason_required" };
      return { ok: true, to: "correcting" };
    }
    case "cancel_correction": {
      const wrong = need("correcting");
      if (wrong) return wrong;
      if (c.changed) return { ok: false, code: "correction.has_changes" };
      return { ok: true, to: "published" };
    }
  }
}
