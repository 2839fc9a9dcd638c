/**
 * Unit names in plan text, matched to the agency's known divisions and unit groups: tolerant to
 * dash and spacing styles, letter case, missing diacritics, a typo ("Phòng Hành chính –Tổ chứ") and
 * acronyms ("Phòng Kiểm soát TTHC"). A list such as "Phòng A, Phòng B và các Phòng, Ban, Trung tâm
 * liên quan" is read unit by unit; reading stops at the first words that are not a unit ("thực hiện…").
 */
import { levenshteinWithin, normalizeText, searchKey } from "../locale.ts";
import type { KnownUnit, Span, UnitMention } from "./types.ts";

interface Variant {
  key: string;
  /** Accent-preserving form, to tell "exact" from "missing diacritics". */
  form: string;
  unit: string;
}

/** A variant with its key's length in characters, the typos it tolerates and its pairs of letters. */
interface Sized extends Variant {
  n: number;
  tolerance: number;
  grams: Map<string, number>;
}

/** The most typos any name tolerates (a tenth of its length, so names up to 69 letters). */
const MAX_TOLERANCE = 6;

const sized = (v: Variant): Sized => {
  const n = Array.from(v.key).length;
  return {
    ...v,
    n,
    tolerance: Math.min(MAX_TOLERANCE, Math.max(1, Math.floor(n * 0.1))),
    grams: bigrams(v.key),
  };
};

function bigrams(key: string): Map<string, number> {
  const chars = Array.from(key);
  const out = new Map<string, number>();
  for (let i = 1; i < chars.length; i++) {
    const g = chars[i - 1] + chars[i];
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/**
 * Whether two keys could be within `k` edits: they then share at least max(n) − 1 − 2k pairs of
 * letters (the q-gram lemma), a count far cheaper than the distance itself.
 */
function mayBeWithin(a: { n: number; grams: Map<string, number> }, b: Sized, k: number): boolean {
  let shared = 0;
  for (const [g, c] of a.grams) shared += Math.min(c, b.grams.get(g) ?? 0);
  return shared >= Math.max(a.n, b.n) - 1 - 2 * k;
}

export interface UnitMatcher {
  /** Longest first. */
  variants: Sized[];
  /** The variants by their key's length. */
  byLength: Map<number, Sized[]>;
  /** The variants by their key. */
  exact: Map<string, Sized>;
  checked: boolean;
}

function matcherOf(variants: Sized[], checked: boolean): UnitMatcher {
  // Longest first, so "Các Phòng, Ban, Trung tâm liên quan" wins over "Các Phòng, Ban, Trung tâm".
  const sorted = [...variants].sort((a, b) => b.key.length - a.key.length);
  const byLength = new Map<number, Sized[]>();
  const exact = new Map<string, Sized>();
  for (const v of sorted) {
    byLength.set(v.n, [...(byLength.get(v.n) ?? []), v]);
    if (!exact.has(v.key)) exact.set(v.key, v);
  }
  return { variants: sorted, byLength, exact, checked };
}

const form = (s: string) => normalizeText(s).toLowerCase().replace(/ ?- ?/g, "-");

/** "Phòng Kiểm soát thủ tục hành chính" → also "Phòng Kiểm soát TTHC", "Phòng KSTTHC". */
function acronymVariants(name: string): string[] {
  const words = normalizeText(name)
    .split(" ")
    .filter((w) => w !== "-" && w !== "–");
  const out: string[] = [];
  for (let i = 1; i < words.length - 1; i++) {
    const initials = words
      .slice(i)
      .map((w) => (w[0] ?? "").toUpperCase())
      .join("");
    if (initials.length >= 2) out.push(`${words.slice(0, i).join(" ")} ${initials}`);
  }
  return [...out, ...compoundInitials(name)];
}

const HEADS = /^((?:Phòng|Sở|Ban|Trung tâm|Chi cục|Cục|Vụ|Văn phòng)(?: Quản lý)?)\s+(.+)$/u;

/**
 * "Sở Tài nguyên và Môi trường" → "Sở TN&MT", "Sở TN-MT"; "Phòng Quản lý quy hoạch và xây dựng" →
 * "Phòng QH-XD": the initials of each part around "và" (or a dash), as plans abbreviate them.
 */
function compoundInitials(name: string): string[] {
  const m = HEADS.exec(normalizeText(name));
  if (!m) return [];
  const parts = m[2].split(/\s+(?:và|-|–)\s+/u);
  if (parts.length < 2) return [];
  const initials = parts.map((p) =>
    p
      .split(" ")
      .map((w) => (w[0] ?? "").toUpperCase())
      .join(""),
  );
  const heads = [m[1], m[1].replace(/ Quản lý$/u, "")];
  return [...new Set(heads)].flatMap((h) => [`${h} ${initials.join("&")}`, `${h} ${initials.join("-")}`]);
}

// Bodies written out or abbreviated: "Ủy ban nhân dân" / "UBND", "Hội đồng nhân dân" / "HĐND".
const BODIES: [RegExp, string][] = [
  [/(?:Ủy|Uỷ) ban nhân dân/giu, "UBND"],
  [/Hội đồng nhân dân/giu, "HĐND"],
  [/\bUBND\b/gu, "Ủy ban nhân dân"],
  [/\bHĐND(?![\p{L}])/gu, "Hội đồng nhân dân"],
];

function bodyVariants(name: string): string[] {
  const out = new Set<string>();
  for (const [re, other] of BODIES) if (re.test(name)) out.add(name.replace(re, other));
  // Both bodies abbreviated at once: "Văn phòng HĐND và UBND huyện", also "HĐND-UBND".
  const both = name.replace(BODIES[0][0], "UBND").replace(BODIES[1][0], "HĐND");
  out.add(both);
  out.add(both.replace(/HĐND và UBND/u, "HĐND-UBND"));
  out.delete(name);
  return [...out];
}

export function unitMatcher(known: readonly KnownUnit[] | undefined): UnitMatcher {
  const variants: Sized[] = [];
  for (const u of known ?? []) {
    const names = [u.name, ...bodyVariants(u.name), ...acronymVariants(u.name)];
    // A commune's civil servants are named by their post: "Công chức Văn phòng - Thống kê" / "Văn phòng - Thống kê".
    const post = /^Công chức\s+(.{6,})$/u.exec(u.name)?.[1];
    if (post) names.push(post);
    if (u.shortName && u.shortName.length > 3) names.push(u.shortName);
    for (const n of names) variants.push(sized({ key: searchKey(n), form: form(n), unit: u.name }));
  }
  return matcherOf(variants, (known?.length ?? 0) > 0);
}

const ALIAS =
  /\(\s*(?:sau đây\s+)?(?:được\s+)?(?:gọi|viết)\s+(?:tắt|chung)\s+là\s*:?\s*[“"]?([^()“”"]{2,80}?)[”"]?\s*\)/giu;

/**
 * The short names a document defines for units: "Các cơ quan chuyên môn thuộc UBND huyện (sau đây
 * gọi tắt là các cơ quan chuyên môn)" makes "các cơ quan chuyên môn" name that unit from then on.
 */
export function withAliases(m: UnitMatcher, text: string): UnitMatcher {
  const added: Sized[] = [];
  // A plan defines a handful of short names; a bound keeps a hostile text's reading short.
  for (const a of [...text.matchAll(ALIAS)].slice(0, 40)) {
    const at = a.index ?? 0;
    const before = text.slice(Math.max(0, at - 200), at).trimEnd();
    // The unit named just before the parenthesis, as the agency registers it: the longest such name.
    for (const w of before.matchAll(/(?<![\p{L}\p{M}\d])(?=[\p{L}\d])/gu)) {
      const v = m.exact.get(searchKey(before.slice(w.index)));
      if (v) {
        added.push(sized({ key: searchKey(a[1]), form: form(a[1]), unit: v.unit }));
        break;
      }
    }
  }
  if (added.length === 0) return m;
  return matcherOf([...m.variants, ...added], m.checked);
}

// Words after which a unit name has ended: the verb or preposition that follows it in a sentence.
const STOP =
  /^(?:thực hiện|chịu trách nhiệm|có trách nhiệm|báo cáo|chủ động|căn cứ|theo dõi|theo|để|về|xây dựng|tham mưu|phối hợp|chủ trì|tổ chức|triển khai|đảm bảo|bảo đảm|trực thuộc|hướng dẫn|gửi|nộp|cập nhật|đôn đốc|tổng hợp|rà soát|kiểm tra|được|trong|tại|của|với|cùng|là|thì|nhằm|khi|nếu|đối với|có|hoặc|hằng|hàng|định kỳ)(?![\p{L}\p{M}])/u;

const GENERIC_GROUP =
  /^[Cc]ác (?:Phòng, Ban, Trung tâm|phòng, ban, trung tâm|Phòng, Ban|phòng, ban, đơn vị|Phòng, Ban, đơn vị|đơn vị)(?: trực thuộc(?: Văn phòng)?)?(?: liên quan)?/u;
const GENERIC_HEAD = /^(?:Phòng|Trung tâm|Chi cục|Bộ phận|Ban|Văn phòng|Thanh tra|Sở|Cục|Vụ)\s+\p{Lu}/u;

const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\d]/u.test(c);

/** Reads one unit name at `pos` of `text`; null when no unit starts there. */
export function readUnitAt(text: string, pos: number, end: number, m: UnitMatcher): UnitMention | null {
  const longest = m.variants[0]?.n ?? 0;
  const rest = text.slice(pos, Math.min(end, pos + longest + 64));
  // The key of the text up to each length, worked out once for all variants.
  const keys = new Map<number, { key: string; n: number; grams: Map<string, number> }>();
  const keyOf = (len: number) => {
    let k = keys.get(len);
    if (!k) {
      const key = searchKey(rest.slice(0, len));
      k = { key, n: Array.from(key).length, grams: bigrams(key) };
      keys.set(len, k);
    }
    return k;
  };
  // Every stretch of text that ends a word, against the variants of about its length: the nearest
  // wins, then the longest stretch, then the longest name.
  let best: { len: number; distance: number; v: Variant } | null = null;
  for (let len = Math.min(rest.length, longest + 6); len >= 3; len--) {
    if (isLetter(rest[len]) || !isLetter(rest[len - 1])) continue;
    const k = keyOf(len);
    for (let n = k.n - MAX_TOLERANCE; n <= k.n + MAX_TOLERANCE; n++)
      for (const v of m.byLength.get(n) ?? []) {
        if (len < v.n - 3 || len > v.n + 6 || Math.abs(k.n - v.n) > v.tolerance) continue;
        if (k.key !== v.key && !mayBeWithin(k, v, v.tolerance)) continue;
        const d = k.key === v.key ? 0 : levenshteinWithin(k.key, v.key, v.tolerance);
        if (d > v.tolerance) continue;
        if (
          !best ||
          d < best.distance ||
          (d === best.distance && v.key.length > best.v.key.length && len >= best.len)
        )
          best = { len, distance: d, v };
      }
  }
  if (best) {
    const written = rest.slice(0, best.len);
    const exact = best.distance === 0 && form(written) === best.v.form;
    return {
      text: written,
      unit: best.v.unit,
      match: exact ? "exact" : "near",
      span: { start: pos, end: pos + best.len },
    };
  }
  const group = GENERIC_GROUP.exec(rest);
  if (group) return generic(text, pos, group[0].length, m);
  if (!GENERIC_HEAD.test(rest)) return null;
  // A generic name: words up to a separator or a word that is not part of a name.
  let i = 0;
  let words = 0;
  let lastEnd = 0;
  while (i < rest.length && words < 10) {
    const w = /^\s*([^\s,;.:()]+)/u.exec(rest.slice(i));
    if (!w) break;
    const wordStart = i + w[0].length - w[1].length;
    if (words > 0 && (STOP.test(rest.slice(wordStart)) || w[1] === "và")) break;
    i += w[0].length;
    words++;
    if (w[1] !== "-" && w[1] !== "–") lastEnd = i;
  }
  if (words < 2) return null;
  return generic(text, pos, lastEnd, m);
}

function generic(text: string, pos: number, len: number, m: UnitMatcher): UnitMention {
  return {
    text: text.slice(pos, pos + len),
    unit: null,
    match: m.checked ? "unknown" : "unchecked",
    span: { start: pos, end: pos + len },
  };
}

// Between two units of a list: commas, "và", a role word ("A chủ trì; B phối hợp"), or a title
// before a unit ("Thủ trưởng các cơ quan …, Chủ tịch UBND các xã …").
const SEPARATOR =
  /^(?:\s|,|;|và(?![\p{L}\p{M}])|cùng(?![\p{L}\p{M}])|với(?![\p{L}\p{M}])|-(?=\s)|(?:chủ trì|phối hợp)(?:\s*:)?(?![\p{L}\p{M}])|(?:Thủ trưởng|Chủ tịch|Lãnh đạo|Người đứng đầu)\s+(?=\p{L}))*/iu;

/** Reads a list of units ("A, B và C; …") from `span`; stops at the first text that is not a unit. */
export function readUnitList(text: string, span: Span, m: UnitMatcher): UnitMention[] {
  const out: UnitMention[] = [];
  let pos = span.start;
  while (pos < span.end) {
    const sep = SEPARATOR.exec(text.slice(pos, span.end));
    pos += sep ? sep[0].length : 0;
    if (pos >= span.end) break;
    const u = readUnitAt(text, pos, span.end, m);
    if (!u) break;
    out.push(u);
    pos = u.span.end;
  }
  return out;
}

/** Every unit named anywhere in `span` (for the list of units and the typo warnings). */
export function scanUnits(text: string, span: Span, m: UnitMatcher): UnitMention[] {
  const out: UnitMention[] = [];
  const heads = /(?<![\p{L}])(?:[Cc]ác Phòng|Phòng|Trung tâm|Chi cục|Bộ phận)(?![\p{L}])/gu;
  const slice = text.slice(span.start, span.end);
  let lastEnd = -1;
  for (const h of slice.matchAll(heads)) {
    const pos = span.start + (h.index ?? 0);
    if (pos < lastEnd) continue;
    const u = readUnitAt(text, pos, span.end, m);
    if (u) {
      out.push(u);
      lastEnd = u.span.end;
    }
  }
  return out;
}
