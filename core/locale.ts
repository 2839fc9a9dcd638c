/**
 * Vietnamese locale rules (domain.md §6, conventions-research.md §2): text normalisation and
 * accent-insensitive search, vi-VN numbers, the date forms used in administrative documents,
 * collation and fuzzy matching. Pure: no I/O, no state beyond cached Intl objects.
 */

import type { Centi } from "./decimal.ts";

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

/** Unicode NFC. NFD text (macOS file names, some IMEs) otherwise never compares equal to NFC text. */
export function nfc(s: string): string {
  return s.normalize("NFC");
}

// Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign, small and
// full-width hyphen-minus: the seed and pasted Word text mix these for the same separator.
const DASH_VARIANTS = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
// Zero-width space and soft hyphen are invisible but break equality and search.
const INVISIBLES = /[\u200B\u00AD]/g;

// Old-style placement puts the tone on the second vowel of oa/oe/uy at the end of a syllable
// ("hoà", "khoẻ", "uỷ"); the form printed in NĐ 30 body text and most of the seed puts it on the
// first ("hòa", "khỏe", "ủy"). A following letter means the syllable goes on ("hoàng", "toán"),
// where the tone belongs on the second vowel in both styles, so those are left alone. After q the
// u belongs to the consonant ("quý", "quỳ"), so the tone is already on the right vowel.
const OLD_TONE_OA_OE = /([oO])([àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ])(?![\p{L}\p{M}])/gu;
const OLD_TONE_UY = /(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?![\p{L}\p{M}])/gu;

function moveTone(_m: string, first: string, second: string): string {
  const decomposed = second.normalize("NFD");
  const base = decomposed[0];
  const tone = decomposed.slice(1);
  return (first + tone).normalize("NFC") + base;
}

function collapseSpaces(s: string): string {
  return s.replace(/\s+/g, " ");
}

/**
 * Canonical display form of free text: NFC, invisible characters removed, whitespace collapsed and
 * trimmed, every dash variant written "-" and a dash that touches a space written " - ", and the
 * tone of final oa/oe/uy placed on the first vowel. "Hành chính –Tổ chức" → "Hành chính - Tổ chức",
 * "Uỷ ban" → "Ủy ban". A dash glued to both neighbours stays glued ("1994/KH-VPUBND", "2019–2020"
 * → "2019-2020"), and " -2" stays a negative number rather than becoming " - 2".
 */
export function normalizeText(s: string): string {
  // Invisibles go before composing: a mark typed after a zero-width space must compose with the letter.
  let t = nfc(s.replace(INVISIBLES, "")).replace(DASH_VARIANTS, "-");
  t = collapseSpaces(t);
  // Marks stay on the dash they were typed on rather than ending up on a space.
  t = t.replace(
    /( ?)(-[-\p{M}]*)( ?)/gu,
    (m: string, pre: string, dashes: string, post: string, offset: number) => {
      if (pre === "" && post === "") return m;
      const next = t.charAt(offset + m.length);
      if (pre === " " && post === "" && /\d/.test(next)) return m;
      return ` ${dashes} `;
    },
  );
  // Dash runs side by side ("a - - b") each bring their own spaces.
  t = collapseSpaces(t).trim();
  return nfc(t.replace(OLD_TONE_OA_OE, moveTone).replace(OLD_TONE_UY, moveTone));
}

/**
 * Lower case without marks: "Đà Nẵng" → "da nang". Lower-case before stripping marks: some capitals
 * lower-case to a letter plus a combining mark (İ → i̇), which would otherwise survive; đ has no
 * decomposition, so NFD leaves it alone and it is replaced by hand.
 */
export function foldMarks(s: string): string {
  return s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d");
}

/**
 * Accent-, case-, tone-placement- and dash-insensitive key: "Cải cách hành chính Đà Nẵng" →
 * "cai cach hanh chinh da nang". Spaces around dashes are dropped so "a - b", "a -b" and "a–b" agree.
 */
export function searchKey(s: string): string {
  const t = collapseSpaces(foldMarks(normalizeText(s))).trim();
  return nfc(t.replace(/ ?- ?/g, "-")).toLowerCase();
}

/**
 * True when `query` occurs in `haystack` ignoring accents, case, tone placement and dash style, a
 * dash also matching a space: "hanh chinh to chuc" finds "Hành chính – Tổ chức". An empty query matches.
 */
export function matchesSearch(haystack: string, query: string): boolean {
  const key = (s: string) => searchKey(s).replace(/-/g, " ");
  return key(haystack).includes(key(query));
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/**
 * Reads a number typed by a Vietnamese or English-habit user: "3,5", "3.5", "-2,25", "1.234,5",
 * "1,234.5", "1.234.567", "1 234,5". A lone "." or "," is always the decimal separator (so
 * "1.234" is 1.234, not 1234). With several separators, the last one is the decimal separator when
 * it occurs once; the others are thousands separators, must all be the same character and must
 * split the integer part into groups of three. Returns null for anything else.
 */
export function parseDecimal(input: string): number | null {
  let s = input.trim().replace(/\u2212/g, "-");
  let sign = "";
  if (s.startsWith("-") || s.startsWith("+")) {
    sign = s[0] === "-" ? "-" : "";
    s = s.slice(1);
  }
  // Spaces (incl. NBSP and narrow NBSP) only ever act as thousands separators.
  if (!/^[\d., \u00A0\u202F]+$/.test(s) || /[ \u00A0\u202F]{2}/.test(s)) return null;
  const groups = s.split(/[., \u00A0\u202F]/);
  const seps = s
    .replace(/[^., \u00A0\u202F]/g, "")
    .replace(/[\u00A0\u202F]/g, " ")
    .split("");
  if (groups.slice(1).some((g) => g === "")) return null;

  let intGroups = groups;
  let frac = "";
  let thousandSeps = seps;
  const last = seps[seps.length - 1];
  if ((last === "." || last === ",") && seps.indexOf(last) === seps.length - 1) {
    frac = groups[groups.length - 1];
    intGroups = groups.slice(0, -1);
    thousandSeps = seps.slice(0, -1);
  }
  if (thousandSeps.length > 0) {
    if (thousandSeps.some((c) => c !== thousandSeps[0])) return null;
    if (!/^\d{1,3}$/.test(intGroups[0]) || intGroups.slice(1).some((g) => g.length !== 3)) return null;
  }
  const whole = intGroups.join("");
  // ",5" is a plausible way to type 0,5; a bare separator is not a number.
  if (whole === "" && frac === "") return null;
  const n = Number(`${sign}${whole || "0"}${frac ? `.${frac}` : ""}`);
  if (!Number.isFinite(n)) return null;
  return n === 0 ? 0 : n;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function viNumberFormat(minDecimals: number, maxDecimals: number): Intl.NumberFormat {
  const k = `${minDecimals}:${maxDecimals}`;
  let f = numberFormats.get(k);
  if (!f) {
    f = new Intl.NumberFormat("vi-VN", {
      minimumFractionDigits: minDecimals,
      maximumFractionDigits: maxDecimals,
    });
    numberFormats.set(k, f);
  }
  return f;
}

/**
 * vi-VN number: "3,5", "1.234,5", "75,4". Rounds half away from zero at maxDecimals (default 2).
 * Note that 1234 prints "1.234", which parseDecimal reads back as 1,234: vi-VN grouping and the
 * "lone separator is decimal" input rule disagree for integers from 1 000 to 999 999.
 */
export function formatNumber(n: number, opts: { minDecimals?: number; maxDecimals?: number } = {}): string {
  if (!Number.isFinite(n)) throw new RangeError(`formatNumber: not a finite number: ${n}`);
  const maxDecimals = opts.maxDecimals ?? 2;
  const minDecimals = Math.min(opts.minDecimals ?? 0, maxDecimals);
  const out = viNumberFormat(minDecimals, maxDecimals).format(n);
  // -0,001 rounds to zero; a "-0" in a score table reads as a penalty.
  return /^-[0.,]+$/.test(out) ? out.slice(1) : out;
}

const integerFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });

// Formats hundredths from the integer itself so no float rounding can creep into a score.
function centiParts(c: Centi, what: string): { sign: string; whole: string; frac: string } {
  if (!Number.isSafeInteger(c)) throw new RangeError(`${what}: not an integer number of hundredths: ${c}`);
  const a = Math.abs(c);
  return {
    sign: c < 0 ? "-" : "",
    whole: integerFormat.format(Math.trunc(a / 100)),
    frac: String(a % 100).padStart(2, "0"),
  };
}

/** Points from hundredths, trailing zeros dropped: 350 → "3,5", 572 → "5,72", 1200 → "12". */
export function formatPoints(c: Centi): string {
  const { sign, whole, frac } = centiParts(c, "formatPoints");
  const f = frac.replace(/0+$/, "");
  return `${sign}${whole}${f ? `,${f}` : ""}`;
}

/** Hundredths of a percent, always two decimals, no space before %: 8108 → "81,08%". */
export function formatPercentCenti(p: Centi): string {
  const { sign, whole, frac } = centiParts(p, "formatPercentCenti");
  return `${sign}${whole},${frac}%`;
}

// ---------------------------------------------------------------------------------------------
// Dates (plain ISO "YYYY-MM-DD" strings: calendar days, never instants)
// ---------------------------------------------------------------------------------------------

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function toIso(y: number, m: number, d: number): string | null {
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function splitIso(iso: string, what: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const ok = match && toIso(Number(match[1]), Number(match[2]), Number(match[3]));
  if (!match || !ok)
    throw new RangeError(`${what}: not an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/**
 * "03/9/2019", "3/9/2019", "03/09/2019" (also with "." or "-") and ISO "2019-09-03" → "2019-09-03".
 * Returns null for anything else, including dates not on the calendar (31/4, 29/02 outside leap years).
 */
export function parseViDate(s: string): string | null {
  const t = s.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return toIso(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(t);
  if (dmy) return toIso(Number(dmy[4]), Number(dmy[3]), Number(dmy[1]));
  return null;
}

/** "2019-09-03" → "03/09/2019". Throws on an invalid ISO date. */
export function formatDate(iso: string): string {
  const { y, m, d } = splitIso(iso, "formatDate");
  return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
}

/** "2019-09-03" → "03/9/2019": the running-text form of the seed document. Throws on an invalid ISO date. */
export function formatDateShort(iso: string): string {
  const { y, m, d } = splitIso(iso, "formatDateShort");
  return `${String(d).padStart(2, "0")}/${m}/${y}`;
}

/**
 * The place-and-date line of NĐ 30/2020 Phụ lục I: "Quảng Nam, ngày 03 tháng 9 năm 2019". Days below
 * 10 and months 1–2 are zero-padded (so "tháng 01" cannot be extended to "tháng 11" after signing).
 */
export function documentDateLine(place: string, iso: string): string {
  const { y, m, d } = splitIso(iso, "documentDateLine");
  const month = m <= 2 ? String(m).padStart(2, "0") : String(m);
  return `${normalizeText(place)}, ngày ${String(d).padStart(2, "0")} tháng ${month} năm ${y}`;
}

const vietnamDateParts = new Intl.DateTimeFormat("en-US", {
  timeZone: "Asia/Ho_Chi_Minh",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date in Vietnam as ISO: servers often run in UTC, where the day changes 7 hours later. */
export function todayInVietnam(now: Date = new Date()): string {
  if (Number.isNaN(now.getTime())) throw new RangeError("todayInVietnam: invalid Date");
  const parts = vietnamDateParts.formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year").padStart(4, "0")}-${get("month")}-${get("day")}`;
}

// ---------------------------------------------------------------------------------------------
// Roman numerals and quarters
// ---------------------------------------------------------------------------------------------

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

/** 1..12 → "I".."XII" (quarters, months and section numbers in documents). */
export function romanNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > ROMAN.length) {
    throw new RangeError(`romanNumeral: expected an integer from 1 to 12, got ${n}`);
  }
  return ROMAN[n - 1];
}

/** Administrative text writes quarters with Roman numerals ("quý III"), not CLDR's "Quý 3". */
export function quarterLabel(q: 1 | 2 | 3 | 4): string {
  if (![1, 2, 3, 4].includes(q)) throw new RangeError(`quarterLabel: expected 1..4, got ${q}`);
  return `quý ${romanNumeral(q)}`;
}

// ---------------------------------------------------------------------------------------------
// Collation
// ---------------------------------------------------------------------------------------------

// ICU's vi tailoring orders ă â after a, đ after d, ê, ô ơ, ư, and tones none < ` < ? < ~ < ' < .;
// default Array.sort puts "Zô" before "an" and "đa" after "z".
const viCollator = new Intl.Collator("vi");

export function compareVi(a: string, b: string): number {
  return viCollator.compare(a, b);
}

/** A new array sorted with the Vietnamese collator (stable). */
export function sortVi(arr: readonly string[]): string[];
export function sortVi<T>(arr: readonly T[], key: (item: T) => string): T[];
export function sortVi<T>(arr: readonly T[], key?: (item: T) => string): T[] {
  const keyOf = key ?? ((x: T) => String(x));
  // Keys computed once: a key function may be costly and sort calls it O(n log n) times.
  return arr
    .map((item, i) => ({ item, k: keyOf(item), i }))
    .sort((x, y) => viCollator.compare(x.k, y.k) || x.i - y.i)
    .map((e) => e.item);
}

function nameWords(fullName: string): string[] {
  const t = normalizeText(fullName);
  return t === "" ? [] : t.split(" ");
}

/** The Tên: the last word of "Họ tên đệm Tên" ("Nguyễn Như Công" → "Công"). */
export function givenName(fullName: string): string {
  const w = nameWords(fullName);
  return w.length ? w[w.length - 1] : "";
}

/** Vietnamese name order for lists: by given name, then middle names, then family name. */
export function compareByGivenName(a: string, b: string): number {
  const wa = nameWords(a);
  const wb = nameWords(b);
  const parts = (w: string[]) => ({
    given: w.length ? w[w.length - 1] : "",
    middle: w.slice(1, -1).join(" "),
    family: w.length > 1 ? w[0] : "",
  });
  const pa = parts(wa);
  const pb = parts(wb);
  return (
    viCollator.compare(pa.given, pb.given) ||
    viCollator.compare(pa.middle, pb.middle) ||
    viCollator.compare(pa.family, pb.family) ||
    viCollator.compare(a, b)
  );
}

// ---------------------------------------------------------------------------------------------
// Fuzzy matching
// ---------------------------------------------------------------------------------------------

/** Edit distance in code points (insert, delete, substitute each cost 1). */
export function levenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  let cur = new Array<number>(t.length + 1);
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length];
}

/**
 * The edit distance between `a` and `b` when it is at most `max`, else `max + 1`: the work stops as
 * soon as every way through is over the bound, which is what a typo-tolerant lookup needs.
 */
export function levenshteinWithin(a: string, b: string, max: number): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  if (s.length === 0 || t.length === 0) return Math.max(s.length, t.length);
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  let cur = new Array<number>(t.length + 1);
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[t.length], max + 1);
}

/**
 * The candidate nearest to `query` by edit distance between search keys, if that distance is at most
 * `maxDistanceRatio` of the longer key. Ties go to the earlier candidate. "Phòng Hành chính –Tổ chứ"
 * → "Phòng Hành chính – Tổ chức" (distance 1).
 */
export function closestMatch(
  query: string,
  candidates: readonly string[],
  maxDistanceRatio = 0.34,
): { candidate: string; distance: number } | null {
  const q = searchKey(query);
  if (q === "") return null;
  const qLen = Array.from(q).length;
  let best: { candidate: string; distance: number } | null = null;
  for (const candidate of candidates) {
    const k = searchKey(candidate);
    const distance = levenshtein(q, k);
    if (distance > maxDistanceRatio * Math.max(qLen, Array.from(k).length)) continue;
    if (!best || distance < best.distance) best = { candidate, distance };
    if (distance === 0) break;
  }
  return best;
}
