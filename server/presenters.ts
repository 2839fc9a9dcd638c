// Shapes for responses: points as JSON numbers with at most two decimals (75.4), computed exactly.
import { type Centi, fromCenti } from "../core/decimal.ts";
import type { FrameworkNode } from "../core/framework.ts";

export const pts = (c: Centi | null | undefined): number | null =>
  c === null || c === undefined ? null : fromCenti(c);

/** A timestamp as ISO 8601 (both engines give a Date), null when there is none. */
export const iso = (d: Date | string | null): string | null =>
  d === null ? null : new Date(d).toISOString();

export function presentNode(n: FrameworkNode) {
  return {
    code: n.code,
    parentCode: n.parentCode,
    kind: n.kind,
    title: n.title,
    max: fromCenti(n.max),
    position: n.position,
    rule: n.rule ?? null,
    illustrative: n.illustrative ?? false,
  };
}

export function presentEvidence(e: {
  id: number;
  kind: string;
  file_name: string | null;
  url: string | null;
  doc_number: string | null;
  note: string | null;
}) {
  return { id: e.id, kind: e.kind, fileName: e.file_name, url: e.url, docNumber: e.doc_number, note: e.note };
}
