/** The shapes the scores API answers (server/modules/scores), shared by self-assessment and appraisal. */
import type { Problem } from "../../../../core/contracts/scores.ts";
import i18n from "../../i18n.ts";
import type { EvidenceRef } from "../../types/api.ts";

export type Status = "draft" | "submitted" | "appraised" | "finalised";
export const STATUS_COLOR: Record<Status, string> = {
  draft: "blue",
  submitted: "gold",
  appraised: "cyan",
  finalised: "green",
};

/** A leaf that keeps a step from being taken, with what it lacks (the server's own guard). */
export interface Missing {
  code: string;
  title: string;
  lack: "no_points" | "no_evidence" | "not_appraised";
  message: string;
  messageEn: string;
}

export type Window = "not_open" | "open" | "closed" | "published";

export interface Evidence extends EvidenceRef {
  mime: string | null;
  size: number | null;
  inline: boolean;
  createdAt: string;
  fromTask: { id: number; planId: number; title: string } | null;
}

export interface Rule {
  kind: string;
  indicator?: string;
  step?: number;
  bands?: { atLeast: number; points: number }[];
  steps?: { atLeast: number; points: number }[];
  from?: number;
  to?: number;
  perUnit?: number;
  floor?: number;
  onTime?: number;
  late?: number;
  notDone?: number;
  pass?: number;
  fail?: number;
  weights?: Record<string, number>;
}

export interface RuleInputs {
  status?: "on_time" | "late" | "not_done";
  passed?: boolean;
  values?: Record<string, number>;
  answers?: Record<string, number>;
}

export interface ScoreNode {
  code: string;
  parentCode: string | null;
  title: string;
  kind: "area" | "criterion" | "subcriterion";
  leaf: boolean;
  area: string;
  rule: Rule | null;
  max: number;
  applicableMax: number | null;
  applicable: boolean;
  points: number | null;
  percent: number | null;
  selfTotal: number | null;
  self: number | null;
  inputs: RuleInputs | null;
  appraised: number | null;
  explanation: string | null;
  remark: string | null;
  reply: string | null;
  /** The appraiser accepted the self-assessed points as they are. */
  confirmed: boolean;
  lacksEvidence: boolean;
  evidence: Evidence[];
}

export interface Scores {
  cycleId: number;
  agencyId: number;
  agency: { id: number; code: string; name: string };
  cycle: {
    year: number;
    frameworkId: number;
    selfAssessmentOpens: string | null;
    selfAssessmentCloses: string | null;
    appraisalCloses: string | null;
    published: boolean;
    state: "open" | "published" | "correcting";
  };
  status: Status;
  /** Left out of the cycle's ranking, with the reason. */
  excludedReason: string | null;
  submittedAt: string | null;
  points: number | null;
  max: number | null;
  percent: number | null;
  selfPoints: number | null;
  selfPercent: number | null;
  selfAssessmentWindow: Window;
  appraisalWindow: Window;
  can: {
    selfAssess: boolean;
    submit: boolean;
    withdraw: boolean;
    reply: boolean;
    appraise: boolean;
    completeAppraisal: boolean;
    returnToAppraisal: boolean;
    finalise: boolean;
    reopen: boolean;
  };
  appraiserAreas: string[];
  lackingEvidence: string[];
  /** What keeps the agency from submitting (empty once it may). */
  submitMissing: Missing[];
  /** What keeps the appraisal from being concluded or finalised. */
  appraisalMissing: Missing[];
  nodes: ScoreNode[];
}

export interface HistoryItem {
  id: number;
  nodeCode: string | null;
  action: string;
  points: number | null;
  previousPoints: number | null;
  note: string | null;
  by: string | null;
  role: string | null;
  at: string;
}

export interface TaskEvidence extends Omit<Evidence, "fromTask" | "size"> {
  task: { id: number; planId: number; title: string; area: string | null };
  unit: string | null;
}

/** A framework node with its children, for antd's tree table. */
export type TreeRow = ScoreNode & { children?: TreeRow[] };

export function buildTree(nodes: ScoreNode[], keep: (n: ScoreNode) => boolean = () => true): TreeRow[] {
  const byParent = new Map<string | null, ScoreNode[]>();
  for (const n of nodes) {
    const list = byParent.get(n.parentCode) ?? [];
    list.push(n);
    byParent.set(n.parentCode, list);
  }
  const visit = (n: ScoreNode): TreeRow => {
    const kids = byParent.get(n.code) ?? [];
    return kids.length ? { ...n, children: kids.map(visit) } : { ...n };
  };
  return (byParent.get(null) ?? []).filter(keep).map(visit);
}

export const scoresPath = (cycleId: number | string, agencyId: number | string) =>
  `/cycles/${cycleId}/agencies/${agencyId}`;

/** A shared check's message in the interface language. */
export const problemText = (p: Problem) => (i18n.language === "en" ? p.en : p.vi);
