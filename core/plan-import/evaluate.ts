/**
 * Precision and recall of the importer per field, against hand-labelled plans
 * (test/fixtures/plans/*.expected.json). A value counts as found when it equals the label;
 * a wrong value is both a false positive and a false negative; a value where the label says
 * "not stated" (null) is a false positive.
 */
import { normalizeText } from "../locale.ts";
import { titleSimilarity } from "./areas.ts";
import type { ImportedPlan } from "./types.ts";

export interface ExpectedPlan {
  units?: { name: string; shortName?: string | null }[];
  areas?: { code: string; title: string }[];
  document?: Record<string, string | null | string[]>;
  baseline?: Record<string, number | null> | null;
  overallTarget?: Record<string, number | null> | null;
  areaTargets?: { title: string; target: number; max: number; delta: number | null; kept: boolean }[];
  tasks?: {
    section?: string;
    area?: string | null;
    lead?: string[];
    coordinating?: string[];
    due?: string | null;
    targets?: string[];
  }[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export type Scores = Record<string, Counts>;

function counts(scores: Scores, field: string): Counts {
  if (!scores[field]) scores[field] = { tp: 0, fp: 0, fn: 0 };
  return scores[field];
}

/** Labels and values compare in one spelling: "Ủy ban nhân dân" and "UBND" name the same body. */
const key = (v: unknown) =>
  v === null || v === undefined
    ? null
    : normalizeText(String(v))
        .toLowerCase()
        .replace(/ủy ban nhân dân/gu, "ubnd")
        .replace(/hội đồng nhân dân/gu, "hđnd");

function add(scores: Scores, field: string, expected: unknown, actual: unknown) {
  const c = counts(scores, field);
  const e = key(expected);
  const a = key(actual);
  if (e !== null && a === e) c.tp++;
  else {
    if (a !== null) c.fp++;
    if (e !== null) c.fn++;
  }
}

function addSets(scores: Scores, field: string, expected: string[], actual: string[]) {
  const c = counts(scores, field);
  const e = new Set(expected.map((x) => key(x) as string));
  const a = new Set(actual.map((x) => key(x) as string));
  for (const x of a) {
    if (e.has(x)) c.tp++;
    else c.fp++;
  }
  for (const x of e) if (!a.has(x)) c.fn++;
}

export function evaluate(expected: ExpectedPlan, plan: ImportedPlan, scores: Scores = {}): Scores {
  if (expected.document) {
    for (const [f, v] of Object.entries(expected.document)) {
      if (f === "references") continue;
      add(scores, `document.${f}`, v, (plan.document as unknown as Record<string, unknown>)[f]);
    }
    if (Array.isArray(expected.document.references))
      addSets(
        scores,
        "document.references",
        expected.document.references,
        plan.document.references.map((r) => `${r.number}/${r.code} ${r.date}`),
      );
  }
  if (expected.baseline !== undefined)
    for (const f of ["year", "points", "rank", "rankOf"] as const)
      add(scores, `baseline.${f}`, expected.baseline?.[f] ?? null, plan.baseline?.[f] ?? null);
  if (expected.overallTarget !== undefined)
    for (const f of ["percentAtLeast", "rankGainMin", "rankGainMax"] as const)
      add(scores, `overallTarget.${f}`, expected.overallTarget?.[f] ?? null, plan.overallTarget?.[f] ?? null);
  if (expected.areaTargets) {
    const used = new Set<number>();
    for (const e of expected.areaTargets) {
      const i = plan.areaTargets.findIndex(
        (a, j) => !used.has(j) && titleSimilarity(a.title, e.title) >= 0.8,
      );
      const a = i >= 0 ? plan.areaTargets[i] : null;
      if (i >= 0) used.add(i);
      for (const f of ["target", "max", "delta", "kept"] as const)
        add(scores, `areaTargets.${f}`, e[f], a?.[f] ?? null);
    }
    plan.areaTargets.forEach((a, j) => {
      if (!used.has(j))
        for (const f of ["target", "max", "delta"] as const) add(scores, `areaTargets.${f}`, null, a[f]);
    });
  }
  if (expected.tasks) {
    // Align in order: each labelled task takes the next extracted task of the same section.
    let from = 0;
    const matched = new Set<number>();
    const t = counts(scores, "tasks");
    expected.tasks.forEach((e, ei) => {
      const i = plan.tasks.findIndex(
        (p, j) => j >= from && !matched.has(j) && (e.section === undefined || p.section === e.section),
      );
      const p = i >= 0 ? plan.tasks[i] : null;
      if (p) {
        matched.add(i);
        from = i + 1;
        t.tp++;
      } else t.fn++;
      const id = `${ei}`;
      if (e.lead)
        addSets(
          scores,
          "tasks.leadUnits",
          e.lead.map((u) => `${id}|${u}`),
          (p?.leadUnits ?? []).map((u) => `${id}|${u}`),
        );
      if (e.coordinating)
        addSets(
          scores,
          "tasks.coordinatingUnits",
          e.coordinating.map((u) => `${id}|${u}`),
          (p?.coordinatingUnits ?? []).map((u) => `${id}|${u}`),
        );
      if (e.due !== undefined) add(scores, "tasks.due", e.due, p?.due ?? null);
      if (e.area !== undefined) add(scores, "tasks.area", e.area, p?.area ?? null);
      if (e.targets)
        addSets(
          scores,
          "tasks.targets",
          e.targets.map((x) => `${id}|${sameTarget(x)}`),
          (p?.targets ?? []).map((x) => `${id}|${sameTarget(`${x.comparator} ${x.value} ${x.unit}`)}`),
        );
    });
    t.fp += plan.tasks.length - matched.size;
  }
  return scores;
}

/** "100%" read as "≥ 100 %" or "= 100 %" says the same: nothing can exceed all of it. */
const sameTarget = (t: string) => t.replace(/^>= 100 %$/u, "= 100 %");

export const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));
