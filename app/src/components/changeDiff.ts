/**
 * What an audit entry changed, field by field: its `before` and `after` records compared at every
 * depth of nested records, so a person reads "state: correcting → published" instead of two JSON
 * documents. Lists (of areas, of changes) are compared whole: one row, shown as a list. Pure.
 */
import { canonical } from "../../../core/audit.ts";

export type DiffKind = "added" | "removed" | "changed";

export interface DiffRow {
  /** Field names from the top record down, e.g. ["old", "points"]. */
  path: string[];
  kind: DiffKind;
  before: unknown;
  after: unknown;
}

type Rec = Record<string, unknown>;

export const isRecord = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Nothing worth a line: absent, null, "", an empty list or record. */
export function isBlank(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isRecord(v)) return Object.values(v).every(isBlank);
  return false;
}

/** Deeper than this, a record is shown whole on one row. */
const MAX_DEPTH = 4;

/**
 * The rows that differ between `before` and `after`: fields of `after` first in their order, then
 * fields only `before` had. A field that appears blank (null, "") is not news and gets no row; one
 * that was set and became blank does.
 */
export function diffChanges(before: unknown, after: unknown, path: string[] = []): DiffRow[] {
  const b = before ?? null;
  const a = after ?? null;
  const recordOrNothing = (v: unknown) => v === null || isRecord(v);
  if (path.length < MAX_DEPTH && (isRecord(b) || isRecord(a)) && recordOrNothing(b) && recordOrNothing(a)) {
    const br = (b ?? {}) as Rec;
    const ar = (a ?? {}) as Rec;
    const keys = [...Object.keys(ar), ...Object.keys(br).filter((k) => !(k in ar))];
    return keys.flatMap((k) => diffChanges(br[k], k in ar ? ar[k] : undefined, [...path, k]));
  }
  if (same(b, a) || (isBlank(b) && isBlank(a))) return [];
  // A field the new record does not have at all was removed; one it has, blank, was cleared.
  const kind: DiffKind = isBlank(b) ? "added" : after === undefined ? "removed" : "changed";
  return [{ path, kind, before: b, after: a }];
}
