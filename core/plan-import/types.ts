/**
 * The structured plan that the importer reads out of a document (docs/plan-import.md). Every value
 * the document states keeps the character span of `text` it came from and a confidence in 0..1;
 * what the document does not state is null or absent, never guessed.
 */
import type { Comparator } from "../plan.ts";
import type { SentenceWindow } from "./deadlines.ts";

export interface Span {
  start: number;
  end: number;
}

export interface Source extends Span {
  confidence: number;
}

export interface DocumentRef {
  /** "Kế hoạch", "Quyết định", "Chỉ thị", … as written. */
  kind: string | null;
  number: string;
  code: string | null;
  /** ISO date. */
  date: string | null;
  issuer: string | null;
  span: Span;
}

export interface ImportedDocument {
  kind: string | null;
  number: string | null;
  code: string | null;
  date: string | null;
  place: string | null;
  issuer: string | null;
  parentIssuer: string | null;
  title: string | null;
  /** The signer's name, under the signature block. */
  signer: string | null;
  /** The signature block's authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), one per line. */
  signerAuthority: string | null;
  /** The position over the name ("PHÓ CHỦ TỊCH"). */
  signerPosition: string | null;
  references: DocumentRef[];
  sources: Partial<
    Record<"number" | "code" | "date" | "place" | "issuer" | "parentIssuer" | "title" | "signer", Source>
  >;
}

export interface Baseline {
  year: number | null;
  points: number | null;
  percent: number | null;
  rank: number | null;
  rankOf: number | null;
  /** "tăng 4,64 điểm và 20 bậc so với năm 2019". */
  change: { points: number | null; ranks: number | null; comparedWith: number | null } | null;
  source: Source;
}

export interface OverallTarget {
  percentAtLeast: number | null;
  rankGainMin: number | null;
  rankGainMax: number | null;
  source: Source;
}

export interface ImportedAreaTarget {
  /** The framework area's code when a framework was given, else the order in the document ("1"…). */
  area: string;
  title: string;
  target: number;
  max: number;
  /** Change against the baseline year; 0 when kept. Null when the document does not say. */
  delta: number | null;
  baselineYear: number | null;
  kept: boolean;
  /** target − delta: the baseline the document implies. */
  impliedBaseline: number | null;
  span: Span;
  confidence: number;
}

export interface ImportedTarget {
  /** The whole clause that states the target, as written. */
  text: string;
  /** What is measured: "Tỷ lệ thực hiện Chữ ký số đối với văn bản đi", "số văn bản quy phạm pháp luật"; null when unsaid. */
  subject?: string | null;
  comparator: Comparator;
  /** The number; null when the target is a named quantity (`reference`). */
  value: number | null;
  /** A named quantity the target is measured against: "tổng biên chế được giao" (value null). */
  reference?: string | null;
  unit: string | null;
  span: Span;
}

export interface UnitMention {
  /** As written in the document. */
  text: string;
  /** The known unit it was matched to, when a list of units was given. */
  unit: string | null;
  /** exact | near (a typo or missing diacritics) | unknown (no known unit is close) | unchecked (no list given). */
  match: "exact" | "near" | "unknown" | "unchecked";
  span: Span;
}

export interface ImportedTask {
  section: string | null;
  title: string;
  text: string;
  leadUnits: string[];
  coordinatingUnits: string[];
  /** ISO date. */
  startsOn: string | null;
  due: string | null;
  period: string | null;
  /**
   * Deadline windows said of one sentence of the task, not of the whole task: "Việc phát và thu
   * phiếu … được thực hiện từ tháng 9/2019 đến tháng 11/2019." Absent when there is none.
   */
  windows?: SentenceWindow[];
  targets: ImportedTarget[];
  area: string | null;
  span: Span;
  confidence: number;
  units: UnitMention[];
}

export type WarningCode =
  | "page_chrome"
  | "legacy_encoding"
  | "unit_near_miss"
  | "unit_unknown"
  | "task_without_lead"
  | "task_without_deadline"
  | "area_without_task"
  | "task_without_area"
  | "totals_mismatch"
  | "no_tasks"
  | "truncated";

export interface ImportWarning {
  code: WarningCode;
  message: string;
  messageEn: string;
  span: Span | null;
  /** Index into tasks, or the area code, when the warning is about one. */
  task?: number;
  area?: string;
  unit?: string;
  suggestion?: string;
}

export interface ImportedPlan {
  document: ImportedDocument;
  baseline: Baseline | null;
  overallTarget: OverallTarget | null;
  areaTargets: ImportedAreaTarget[];
  /** Sums of the area targets: the total max points, the target and the implied baseline. */
  totals: {
    max: number;
    target: number;
    impliedBaseline: number | null;
    baselineYear: number | null;
    targetPercent: number | null;
    impliedBaselinePercent: number | null;
  } | null;
  tasks: ImportedTask[];
  units: UnitMention[];
  warnings: ImportWarning[];
  /** The document's own text range, without page furniture. */
  body: Span;
  text: string;
}

export interface KnownUnit {
  name: string;
  shortName?: string | null;
}

export interface FrameworkArea {
  code: string;
  title: string;
}

export interface ImportOptions {
  /** The agency's divisions and unit groups, to match unit names against. */
  units?: readonly KnownUnit[];
  /** The framework's areas, to give each area target and task its area code. */
  areas?: readonly FrameworkArea[];
}
