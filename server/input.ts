/**
 * Hostile input, refused in one place for every route (app.ts runs these before any route's schema):
 * ids past PostgreSQL's integer range in a path, and control characters in any text a request
 * carries. Pure functions; the hooks in app.ts and readMultipart (http.ts) apply them.
 */
import { MAX_ID } from "../core/contracts/ids.ts";
import { AppError, notFound } from "./errors.ts";

/**
 * C0 controls but tab, line feed and carriage return, and DEL. NUL cannot be stored in a PostgreSQL
 * text or jsonb value at all; the others are invisible, break documents and terminals, and have no
 * place in a name, a title or a note.
 */
export function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

export function controlCharacterError(field: string, what: "text" | "fileName" = "text"): AppError {
  const vi = what === "fileName" ? "Tên tệp" : "Nội dung";
  const en = what === "fileName" ? "The file name" : "The text";
  return new AppError(
    "validation.control_character",
    400,
    {
      vi: `${vi} (${field}) chứa ký tự điều khiển không được phép (ví dụ ký tự NUL)`,
      en: `${en} (${field}) contains a control character that is not allowed (e.g. NUL)`,
    },
    field,
  );
}

/** A key as a field path shows it: its control characters written as \uXXXX, so the path stays readable. */
function visibleKey(k: string): string {
  let out = "";
  for (const ch of k) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || c === 0x7f ? `\\u${c.toString(16).padStart(4, "0")}` : ch;
  }
  return out;
}

/**
 * The dotted path ("tasks.3.title") of the first string in `value` — or key of an object in it —
 * that holds a control character; null if there is none. `prefix` names where the value came from
 * when it is not a body (a query's or a path's field names are already its keys).
 */
export function findControlCharacter(value: unknown, prefix: string[] = []): string | null {
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: prefix }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      if (hasControlCharacter(v)) return path.join(".") || "(body)";
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, String(i)] });
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      for (const [k] of entries) if (hasControlCharacter(k)) return [...path, visibleKey(k)].join(".");
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ v: entries[i]![1], path: [...path, entries[i]![0]] });
    }
  }
  return null;
}

/**
 * Text pasted from a PDF carries form feeds between pages, and from Word vertical tabs as line
 * breaks. A route that takes such text names its fields (route config `pageBreaks`); there, and only
 * there, a form feed becomes a paragraph break and a vertical tab a line break before the check.
 * Top-level string fields of the body only.
 */
export function convertPageBreaks(body: unknown, fields: readonly string[]): void {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return;
  const b = body as Record<string, unknown>;
  for (const f of fields) {
    const v = b[f];
    if (typeof v === "string") b[f] = v.replace(/\f/g, "\n\n").replace(/\v/g, "\n");
  }
}

/** Path parameters that name a record: `id`, any name ending in `Id` (`cycleId`, `evidenceId`), a `version`. */
const isIdName = (name: string) => name === "id" || name === "version" || /[a-z]Id$/.test(name);

/**
 * A path id past PostgreSQL's integer range names nothing: answered 404 like any id that names
 * nothing, for every route at once, rather than reaching a query that would fail on it. A value that
 * is not a number at all is left to the route's schema (400).
 */
export function pathIdOutOfRange(params: unknown): AppError | null {
  if (params === null || typeof params !== "object") return null;
  for (const [name, raw] of Object.entries(params as Record<string, unknown>)) {
    if (!isIdName(name) || typeof raw !== "string") continue;
    const n = Number(raw);
    if (raw.trim() !== "" && (n > MAX_ID || n < -MAX_ID))
      return notFound(`${name} ${raw.slice(0, 40)}`, name);
  }
  return null;
}
