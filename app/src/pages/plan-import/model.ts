/** The importer's answer (docs/plan-import.md) and its conversion into the accept request. */
import type { AcceptImportBody } from "../../../../core/contracts/plan-import.ts";

// The importer's own types: the JSON the API sends is exactly this shape.
export type { ImportedPlan, ImportedTask, Span } from "../../../../core/plan-import/types.ts";

import type { Comparator } from "../../../../core/plan.ts";
import type { ImportedPlan, Span } from "../../../../core/plan-import/types.ts";

/** A highlighted stretch of the document, linked to what was read from it. */
export interface Mark extends Span {
  id: string;
  kind: "document" | "target" | "task" | "warning";
}

export function marksOf(p: ImportedPlan): Mark[] {
  const marks: Mark[] = [];
  for (const [field, s] of Object.entries(p.document.sources))
    if (s) marks.push({ ...s, id: `doc.${field}`, kind: "document" });
  marks.push(...p.document.references.map((r, i): Mark => ({ ...r.span, id: `ref.${i}`, kind: "document" })));
  marks.push(...p.areaTargets.map((a, i): Mark => ({ ...a.span, id: `area.${i}`, kind: "target" })));
  if (p.overallTarget) marks.push({ ...p.overallTarget.source, id: "overall", kind: "target" });
  marks.push(...p.tasks.map((t, i): Mark => ({ ...t.span, id: `task.${i}`, kind: "task" })));
  return marks;
}

/** Splits the text into plain and marked pieces; overlapping marks: the outermost wins, inner ones are reachable from the list. */
export function segments(text: string, marks: Mark[]): { text: string; mark: Mark | null }[] {
  const sorted = [...marks].filter((m) => m.end > m.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: { text: string; mark: Mark | null }[] = [];
  let pos = 0;
  for (const m of sorted) {
    if (m.start < pos) continue;
    if (m.start > pos) out.push({ text: text.slice(pos, m.start), mark: null });
    out.push({ text: text.slice(m.start, m.end), mark: m });
    pos = m.end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), mark: null });
  return out;
}

export interface ReviewTask {
  key: string;
  section: string | null;
  title: string;
  body: string;
  areaCode: string | null;
  leadUnits: string[];
  coordinatingUnits: string[];
  due: string | null;
  startsOn: string | null;
  period: string | null;
  /** Windows one sentence of the task states (not the task's): shown, and kept as that sentence's deadline target. */
  windows: { text: string; period: string | null; due: string | null }[];
  targets: ReviewTarget[];
  source: number;
  /** The stored task the reviewer says this is (null: a new task); absent: matched by the server. */
  match?: number | null;
}

/** A measurable target as the person edits it: one read from the document keeps its span, a new one has none. */
export interface ReviewTarget {
  text: string;
  comparator: Comparator;
  /** "" when the document names a quantity instead of a number (`reference`): the reviewer states the number. */
  value: number | string;
  unit: string | null;
  /** The named quantity the document measures against ("tổng biên chế được giao"), shown with the target. */
  reference?: string | null;
  span?: Span;
}

/** Unit names the agency knows, as the importer matched them; names it could not match are dropped (and warned about). */
export function reviewTasks(p: ImportedPlan, known: Set<string>): ReviewTask[] {
  return p.tasks.map((t, i) => ({
    key: `t${i}`,
    section: t.section,
    title: t.title,
    body: t.text,
    areaCode: t.area,
    leadUnits: t.leadUnits.filter((u) => known.has(u)),
    coordinatingUnits: t.coordinatingUnits.filter((u) => known.has(u)),
    due: t.due,
    startsOn: t.startsOn,
    period: t.period,
    // A named ceiling ("không vượt quá tổng biên chế được giao") has no number to store: the value is
    // left empty for the reviewer to state, never a made-up 0.
    windows: (t.windows ?? []).map((w) => ({ text: w.text, period: w.period, due: w.due })),
    targets: [
      ...t.targets.map((x) => ({
        text: x.text,
        comparator: x.comparator,
        value: x.value ?? "",
        unit: x.unit,
        reference: x.reference ?? null,
        span: x.span,
      })),
      // A window said of one sentence is kept as that sentence's own deadline (a "done by" target), not the task's.
      ...(t.windows ?? []).flatMap((w) =>
        w.due
          ? [
              {
                text: w.text.slice(0, 1000),
                comparator: "done_by" as const,
                value: w.due,
                unit: null,
                span: w.sentence,
              },
            ]
          : [],
      ),
    ],
    source: i,
  }));
}

export interface ReviewState {
  year: number;
  number: string | null;
  code: string | null;
  issuedOn: string | null;
  place: string | null;
  title: string;
  implements: string | null;
  /** The signature block: authority lines ("TM. …", "KT. …"), the position and the signer's name. */
  signerAuthority: string | null;
  signerPosition: string | null;
  signerName: string | null;
  percentAtLeast: number | null;
  rankGainMin: number | null;
  rankGainMax: number | null;
  areaTargets: { areaCode: string; title: string; target: number; max: number; kept: boolean }[];
  tasks: ReviewTask[];
}

/** The accept (and preview) request; `remove`: stored tasks the document no longer has that the reviewer removes. */
export function toAcceptBody(s: ReviewState, remove: readonly number[] = []): AcceptImportBody {
  return {
    remove: [...remove],
    year: s.year,
    document: {
      number: s.number || null,
      code: s.code || null,
      issuedOn: s.issuedOn || null,
      place: s.place || null,
      title: s.title,
      implements: s.implements || null,
      // No name, no signer: the block is left for the signature (and an update keeps the stored one).
      signer: s.signerName?.trim()
        ? { authority: s.signerAuthority || null, position: s.signerPosition ?? "", name: s.signerName }
        : null,
    },
    overallTarget: {
      percentAtLeast: s.percentAtLeast,
      rankGainMin: s.rankGainMin,
      rankGainMax: s.rankGainMax,
    },
    areaTargets: s.areaTargets.map((a) => ({ areaCode: a.areaCode, target: a.target, kept: a.kept })),
    tasks: s.tasks.map((t) => ({
      section: t.section,
      title: t.title,
      body: t.body,
      areaCode: t.areaCode,
      startsOn: t.startsOn,
      due: t.due,
      period: t.period || null,
      leadUnits: t.leadUnits,
      coordinatingUnits: t.coordinatingUnits,
      // A named quantity left without a number is stored by its name (value null), never as 0.
      targets: t.targets.map((x) => {
        const named = !!x.reference && (x.value === "" || x.value === null);
        return {
          text: x.text,
          comparator: x.comparator,
          value: named ? null : x.value,
          ...(named ? { reference: x.reference } : {}),
          unit: x.unit,
        };
      }),
      ...(t.match !== undefined ? { match: t.match } : {}),
    })),
  };
}
