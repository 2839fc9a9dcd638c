/**
 * The audit trail's canonical form: one serialisation of an entry that every reader and writer
 * hashes alike, whichever database returned it. Keys sorted at every depth, `undefined` dropped,
 * dates as ISO strings. Pure: the hashing itself lives with the server (node:crypto).
 */

export const GENESIS_HASH = "0".repeat(64);

/** The fields an entry's hash covers, in the shape the database gives them back. */
export interface AuditFields {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorRole: string | null;
  session: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string;
  provinceId: number | null;
  agencyId: number | null;
  cycleId: number | null;
  planId: number | null;
  before: unknown;
  after: unknown;
  note: string | null;
  prevHash: string;
}

/** JSON with keys sorted at every depth; what is hashed. */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v === undefined ? null : v)).join(",")}]`;
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return "null";
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(value);
}

/**
 * A value as the audit trail stores it: plain JSON (dates as ISO strings, no undefined, no NUL,
 * which PostgreSQL's jsonb cannot hold), so what is hashed is exactly what comes back.
 */
const NUL = String.fromCharCode(0);
const noNul = (s: string) => s.split(NUL).join("\uFFFD");

export function auditValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return noNul(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(auditValue);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (v !== undefined) out[noNul(k)] = auditValue(v);
    return out;
  }
  return String(value);
}

/** The text hashed for an entry: its fields in canonical form. */
export const entryText = (f: AuditFields) => canonical(f);

/**
 * The fields that changed between two records, each as [before, after]; keys in either record.
 * Used to keep an entry's before/after to what changed.
 */
export function changedFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter((k) => canonical(auditValue(before?.[k])) !== canonical(auditValue(after?.[k])))
    .sort();
}
