/**
 * An audit entry's before → after as a person reads it: one line per changed field, with the field's
 * name and its values in words and vi-VN numbers and dates ("Trạng thái: đang đính chính → đã công
 * bố"); the raw JSON stays one click away (RawJson).
 */
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../api.ts";
import { date, dateTime, pts } from "../format.ts";
import { type DiffRow, diffChanges, isBlank, isRecord } from "./changeDiff.ts";

/** Values of these fields are words the interface translates (audit:values.<field>.<value>). */
const ENUM_FIELDS = new Set(["state", "status", "kind", "agencyType", "method"]);
const LIST_LIMIT = 8;

/** A field's name in words; an unknown one as it is. */
export function fieldLabel(t: TFunction, key: string): string {
  return t(`audit:fields.${key}`, { defaultValue: key });
}

export const pathLabel = (t: TFunction, path: string[]) =>
  path.length ? path.map((k) => fieldLabel(t, k)).join(" › ") : t("audit:diff.whole");

/** A plain value in words: yes/no, vi-VN numbers and dates, translated states; a hash shortened. */
export function valueText(t: TFunction, value: unknown, field?: string): string {
  if (value === null || value === undefined || value === "") return t("audit:diff.empty");
  // Older entries stored true/false as text (the trail keeps them as they were hashed).
  if (value === true || value === "true") return t("audit:diff.yes");
  if (value === false || value === "false") return t("audit:diff.no");
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pts(value);
  if (typeof value !== "string") return JSON.stringify(value);
  if (field === "role") return t(`common:roles.${value}`, { defaultValue: value });
  if (field && ENUM_FIELDS.has(field)) return t(`audit:values.${field}.${value}`, { defaultValue: value });
  // The server writes a decision as "617/QĐ-UBND ngày 2023-03-29".
  if (field === "decision") return value.replace(/\b(\d{4}-\d{2}-\d{2})\b/, (iso) => date(iso));
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return date(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return dateTime(value);
  if (/^[0-9a-f]{64}$/.test(value)) return `${value.slice(0, 12)}…`;
  return value;
}

// Who or what a record in a list is about comes first, and what it was before what it became.
const KEY_ORDER = [
  ...["agencyId", "code", "name", "title", "username", "role", "areaCode", "old", "new"],
  ...["points", "max", "percent", "rank", "grade"],
];
// A correction's "new: null" (the agency left the ranking) says something; other blanks do not.
const ordered = (r: Record<string, unknown>) =>
  Object.entries(r)
    .filter(([k, v]) => !isBlank(v) || ((k === "old" || k === "new") && "old" in r && "new" in r))
    .sort(([a], [b]) => {
      const ia = KEY_ORDER.indexOf(a);
      const ib = KEY_ORDER.indexOf(b);
      return (ia < 0 ? KEY_ORDER.length : ia) - (ib < 0 ? KEY_ORDER.length : ib);
    });

/** A nested record on one line: "Trước (Điểm: 75,4, Điểm tối đa: 93) · Sau (…)". */
function recordText(t: TFunction, r: Record<string, unknown>, nested = false): string {
  return ordered(r)
    .map(([k, v]) => {
      if (isRecord(v)) return `${fieldLabel(t, k)} (${recordText(t, v, true)})`;
      if (v === null) return `${fieldLabel(t, k)}: ${t("audit:diff.empty")}`;
      const text = Array.isArray(v) ? v.map((x) => valueText(t, x, k)).join(", ") : valueText(t, v, k);
      return `${fieldLabel(t, k)}: ${text}`;
    })
    .join(nested ? ", " : " · ");
}

/** One record of a list; one about an agency starts with the agency's name. */
function RecordLine({ r }: { r: Record<string, unknown> }) {
  const { t } = useTranslation("audit");
  const agencyId = typeof r.agencyId === "number" ? r.agencyId : null;
  const agency = useApi<{ name: string }>(agencyId ? `/agencies/${agencyId}` : null, {
    staleTime: 10 * 60_000,
    retry: false,
  });
  if (agencyId === null) return <>{recordText(t, r)}</>;
  const { agencyId: _, ...rest } = r;
  return (
    <>
      <strong>{agency.data?.name ?? t("target.agencyFallback", { id: agencyId })}</strong>
      {Object.keys(rest).length > 0 && `: ${recordText(t, rest)}`}
    </>
  );
}

function Value({ value, field }: { value: unknown; field?: string }) {
  const { t } = useTranslation("audit");
  if (Array.isArray(value)) {
    if (!value.length) return <>{t("diff.empty")}</>;
    if (!value.some((v) => isRecord(v) || Array.isArray(v)))
      return <>{value.map((v) => valueText(t, v, field)).join(", ")}</>;
    const shown = value.slice(0, LIST_LIMIT);
    return (
      <ul style={{ margin: "2px 0", paddingInlineStart: 18 }}>
        {shown.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a recorded list never changes order
          <li key={i}>{isRecord(v) ? <RecordLine r={v} /> : valueText(t, v, field)}</li>
        ))}
        {value.length > shown.length && <li>{t("diff.more", { count: value.length - shown.length })}</li>}
      </ul>
    );
  }
  if (isRecord(value)) return <RecordLine r={value} />;
  const text = valueText(t, value, field);
  return typeof value === "string" && /^[0-9a-f]{64}$/.test(value) ? <code title={value}>{text}</code> : text;
}

function Row({ row }: { row: DiffRow }) {
  const { t } = useTranslation("audit");
  const field = row.path[row.path.length - 1];
  let body: ReactNode;
  if (row.kind === "added") body = <Value value={row.after} field={field} />;
  else if (row.kind === "removed")
    body = (
      <>
        <del>
          <Value value={row.before} field={field} />
        </del>{" "}
        ({t("diff.removed")})
      </>
    );
  else
    body = (
      <>
        <span className="change-before">
          <Value value={row.before} field={field} />
        </span>{" "}
        {/* Read aloud as "thành" (to), not as "right arrow". */}
        <span role="img" aria-label={t("diff.to")}>
          →
        </span>{" "}
        <span className="change-after" style={{ fontWeight: 600 }}>
          <Value value={row.after} field={field} />
        </span>
      </>
    );
  return (
    <li data-field={row.path.join(".")} data-kind={row.kind} style={{ overflowWrap: "anywhere" }}>
      <span style={{ color: "rgba(0, 0, 0, 0.68)" }}>{pathLabel(t, row.path)}:</span> {body}
    </li>
  );
}

// What changed in state comes first; hashes, which nobody reads aloud, last.
const ROW_FIRST = [
  "state",
  "status",
  "version",
  "decision",
  "excludedReason",
  "self",
  "appraised",
  "applicable",
];
const rank = (r: DiffRow) => {
  const k = r.path[0] ?? "";
  const i = ROW_FIRST.indexOf(k);
  return i >= 0 ? i : /hash/i.test(k) ? ROW_FIRST.length + 1 : ROW_FIRST.length;
};

/** The changed fields of an entry; null when nothing changed (a sign-in, say). */
export function ChangeDiff({ before, after }: { before: unknown; after: unknown }) {
  const rows = diffChanges(before, after).sort((a, b) => rank(a) - rank(b));
  if (!rows.length) return null;
  return (
    <ul className="change-diff" style={{ margin: "4px 0", paddingInlineStart: 18 }}>
      {rows.map((r) => (
        <Row key={r.path.join(".") || "value"} row={r} />
      ))}
    </ul>
  );
}

/** The entry as recorded, for whoever wants the exact JSON (and the hash that seals it). */
export function RawJson({ value, summary }: { value: unknown; summary: ReactNode }) {
  return (
    <details>
      <summary style={{ cursor: "pointer" }}>{summary}</summary>
      {/* Focusable, so a keyboard can scroll a long entry (WCAG scrollable-region-focusable). */}
      <pre
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus
        tabIndex={0}
        style={{
          whiteSpace: "pre-wrap",
          overflowWrap: "anywhere",
          maxHeight: 360,
          overflow: "auto",
          background: "#f6f8fa",
          padding: 8,
          borderRadius: 6,
          fontSize: 12,
          margin: "4px 0 0",
        }}
      >
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}
