/**
 * Measurable targets written in a task: "từ 30% số đơn vị trở lên", "đạt 90% trở lên", "trên 50%",
 * "100% văn bản", "ít nhất 1 sáng kiến", "04 báo cáo", "không vượt quá tổng biên chế được giao",
 * "không có sai phạm". Each target keeps its whole clause as `text` (never a sentence cut after
 * "đã"), what it measures as `subject`, and the comparator as written (docs/plan-import.md).
 */
import type { Comparator } from "../plan.ts";
import { NUM, num } from "./numbers.ts";
import type { ImportedTarget, Span } from "./types.ts";

const BEFORE =
  "từ|trên|ít nhất|tối thiểu|đạt|hoàn thành|đảm bảo|bảo đảm|dưới|không vượt quá|không quá|tối đa";
const PERCENT = new RegExp(
  `(${BEFORE})?\\s*(?:tỷ lệ\\s*)?(?:đạt\\s*)?(?:từ\\s*)?(${NUM})\\s*%\\s*((?:số\\s+)?(?:(?!trở lên|trở xuống)[^\\d,;.()%]){0,60}?)?\\s*(trở lên|trở xuống)?(?=[,;.()]|\\s(?:và|được|theo|so|đã)(?![\\p{L}\\p{M}])|$)`,
  "giu",
);
// A percentage the first pattern could not delimit ("100% thủ tục hành chính thuộc thẩm quyền …").
const BARE_PERCENT = new RegExp(`(${BEFORE})?\\s*(?:tỷ lệ\\s*)?(?:đạt\\s*)?(${NUM})\\s*%`, "giu");
// "04 báo cáo", "ít nhất 02 cuộc kiểm tra", "06 xã, thị trấn", "tối thiểu 02 lần/tháng": a count of
// something countable, with the noun phrase that names it (up to a preposition or punctuation).
const COUNTABLE =
  "sáng kiến|báo cáo|hội nghị|lớp|cuộc|văn bản|đợt|buổi|giải pháp|kế hoạch|đoàn|đơn vị|tin|bài|thủ tục|dịch vụ|người|lượt|hồ sơ|cơ quan|mô hình|xã|thôn|phòng|lần|cán bộ|công chức|doanh nghiệp|phường|huyện|trường|chuyên đề";
const NOT_NOUN =
  "về|trên|tại|của|được|cho|theo|trong|và|để|từ|với|đạt|trở|so|nhằm|do|thuộc|trực thuộc|hoặc|có|bảo đảm|đảm bảo";
const COUNT = new RegExp(
  `(ít nhất|tối thiểu|không vượt quá|không quá|tối đa|dưới|có|đủ)?\\s*(?<![\\d,./])(0?\\d{1,3})\\s+((?:${COUNTABLE})(?![\\p{L}\\p{M}])(?:\\/\\p{L}+)?(?:\\s+(?!(?:${NOT_NOUN})(?![\\p{L}\\p{M}]))[\\p{L}\\p{M}]+){0,3}?(?:,\\s+[\\p{L}\\p{M}]+(?:\\s+[\\p{L}\\p{M}]+)?)?)(?=\\s*(?:[.;:()]|$|\\s(?:${NOT_NOUN})(?![\\p{L}\\p{M}])))`,
  "giu",
);
// "gửi 04 báo cáo tình hình ứng dụng …": the count when the noun phrase runs on past three words.
const SHORT_COUNT = new RegExp(
  `(ít nhất|tối thiểu|không vượt quá|không quá|tối đa|dưới|có|đủ)?\\s*(?<![\\d,./])(0?\\d{1,3})\\s+((?:${COUNTABLE})(?![\\p{L}\\p{M}]))`,
  "giu",
);
// "không vượt quá tổng biên chế được giao": a ceiling that is a named quantity, not a number.
const NAMED =
  /(không vượt quá|không quá|không vượt|không thấp hơn|không ít hơn|không dưới)\s+((?:tổng\s+)?(?:số\s+)?(?:biên chế|chỉ tiêu|số lượng|định mức|dự toán|kinh phí|số người làm việc|mức|số(?=\s+được))[^,;.()\d]{0,60}?(?:được giao|được duyệt|được phê duyệt|được cấp có thẩm quyền (?:giao|phê duyệt)|theo quy định|quy định))(?![\p{L}\p{M}])/giu;
// "không có sai phạm", "không để xảy ra vi phạm", "không có hồ sơ trễ hạn": none at all, a target of 0.
const NONE =
  /không\s+(?:có|để xảy ra|để|xảy ra|phát sinh)\s+((?:trường hợp\s+|hồ sơ\s+|văn bản\s+)?(?:sai phạm|vi phạm|sai sót|sai sót|khiếu nại|tồn đọng|trễ hạn|quá hạn|chậm trễ|(?:trường hợp|hồ sơ|văn bản)\s+(?:trễ hạn|quá hạn|sai phạm|vi phạm)))(?![\p{L}\p{M}])/giu;

function comparatorFor(before: string | undefined, after: string | undefined): Comparator {
  const b = (before ?? "").toLowerCase();
  if (b === "dưới") return "<";
  if (after?.toLowerCase() === "trở xuống" || /^(?:không vượt quá|không quá|tối đa)$/u.test(b)) return "<=";
  // "trên 50%" is more than half, also when written "trên 50% trở lên".
  if (b === "trên") return ">";
  return ">=";
}

/** "báo cáo CCHC định kỳ" → "báo cáo": what is counted ends before an abbreviation or "định kỳ". */
function countedNoun(phrase: string): string {
  const words = phrase.replace(/\s+/g, " ").split(" ");
  const cut = words.findIndex((w, i) => i > 0 && (/^\p{Lu}{2,}[,;]?$/u.test(w) || /^định$/iu.test(w)));
  return (cut > 0 ? words.slice(0, cut) : words).join(" ").replace(/[,;]$/, "").toLowerCase();
}

/**
 * The clause around a match: back to the last ";", ":", "(", full stop or line start, on to the
 * next ";", ")", full stop or line end. "Việc rà soát …, 100% số văn bản … đã được xử lý theo thẩm
 * quyền …" stays whole.
 */
function clause(s: string, start: number, end: number): { start: number; end: number } {
  let a = start;
  while (a > 0 && !/[;:(\n]/u.test(s[a - 1]) && !(s[a - 1] === " " && s[a - 2] === ".")) a--;
  let b = end;
  // A bracket the clause opens ("04 báo cáo (quý I, 6 tháng, 9 tháng và năm)") closes in it.
  let depth = 0;
  for (; b < s.length; b++) {
    const ch = s[b];
    if (ch === "(") depth++;
    else if (ch === ")" && depth > 0) depth--;
    else if (
      depth === 0 &&
      (/[;)\n]/u.test(ch) || (ch === "." && (b + 1 === s.length || /\s/u.test(s[b + 1]))))
    )
      break;
  }
  if (depth > 0) b = Math.min(b, s.indexOf("(", end) >= 0 ? s.indexOf("(", end) : b);
  while (a < b && /\s/u.test(s[a])) a++;
  // A list item's marker is not part of its sentence: "- Tỷ lệ …", "+ …", "a) …".
  const bullet = /^(?:[-+•*–—]|[a-zđ]\))\s+/u.exec(s.slice(a, b));
  if (bullet) a += bullet[0].length;
  while (b > a && /[\s,]/u.test(s[b - 1])) b--;
  return { start: a, end: b };
}

/** What a target measures: the words before its number ("Tỷ lệ thực hiện Chữ ký số đối với văn bản đi"), else after it. */
function subjectOf(before: string, after: string): string | null {
  let b = before
    .trim()
    .replace(new RegExp(`(?:^|\\s+)(?:(?:${BEFORE}|là|bằng|tỷ lệ|đạt tỷ lệ)\\s*)+$`, "iu"), "")
    .trim();
  // "…thường xuyên, 100% số văn bản …": the number opens its own part of the clause.
  if (/,$/u.test(b)) b = "";
  b = b
    .replace(/^.*(?:bảo đảm|đảm bảo)\s+(?=\S)/iu, "")
    .replace(/^.*,\s+(?=\S[^,]{8,}$)/u, "")
    .replace(/^(?:đảm bảo|bảo đảm|phấn đấu|việc|có)\s+(?=\S)/iu, "")
    .trim();
  // "đảm bảo kiểm tra từ 30% số đơn vị": one verb says less than what follows the number.
  if (b.split(/\s+/u).length >= 3 || (b.length >= 4 && after.trim() === "")) return b;
  const a = after
    .replace(/^\s*%?\s*/u, "")
    .split(/\s*\(|\s(?:được|đã|theo|so với|trở lên|trở xuống)(?![\p{L}\p{M}])/u)[0]
    .replace(/[\s,]+$/u, "")
    .trim();
  return a.length >= 2 ? a : null;
}

interface Found {
  /** Where the number (or the phrase) itself starts, for the order of the targets. */
  at: number;
  target: ImportedTarget;
}

export function findTargets(text: string, span: Span): ImportedTarget[] {
  const s = text.slice(span.start, span.end);
  const out: Found[] = [];
  const taken: Span[] = [];
  /** Whether a match overlaps one already read (the first pattern that reads a phrase wins). */
  const overlaps = (m: RegExpMatchArray) => {
    const a = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    const b = (m.index ?? 0) + m[0].length;
    const hit = taken.some((t) => t.start < b && t.end > a);
    if (!hit) taken.push({ start: a, end: b });
    return hit;
  };
  /** `none`: what "không có …" rules out, which is also what is measured. */
  const push = (
    m: RegExpMatchArray,
    t: Pick<ImportedTarget, "comparator" | "value" | "reference" | "unit">,
    none?: string,
  ) => {
    const i = m.index ?? 0;
    const at = i + (m[0].length - m[0].trimStart().length);
    const end = i + m[0].length;
    const c = clause(s, at, end);
    // The number's own words: after "%" or the count ("04 báo cáo"), up to the clause's end.
    const num = /\d[\d,]*\s*%?/u.exec(m[0].slice(at - i));
    const afterNumber = none
      ? s.slice(i + m[0].lastIndexOf(none), c.end)
      : num
        ? s.slice(at + (num.index ?? 0) + num[0].length, c.end)
        : s.slice(end, c.end);
    out.push({
      at,
      target: {
        ...t,
        text: s.slice(c.start, c.end).replace(/\s+/gu, " "),
        subject: none
          ? subjectOf("", afterNumber)
          : subjectOf(s.slice(c.start, at), t.reference ? "" : afterNumber),
        span: { start: span.start + c.start, end: span.start + c.end },
      },
    });
  };
  for (const m of s.matchAll(PERCENT))
    if (!overlaps(m))
      push(m, { comparator: comparatorFor(m[1], m[4]), value: num(m[2]), reference: null, unit: "%" });
  for (const m of s.matchAll(BARE_PERCENT))
    if (!overlaps(m))
      push(m, { comparator: comparatorFor(m[1], undefined), value: num(m[2]), reference: null, unit: "%" });
  for (const m of s.matchAll(COUNT)) {
    if (overlaps(m)) continue;
    // A count of deliverables ("04 báo cáo", "có 02 hội nghị") is a minimum: at least that many.
    const b = m[1]?.toLowerCase();
    const comparator =
      b && /^(?:không vượt quá|không quá|tối đa|dưới)$/u.test(b) ? comparatorFor(b, undefined) : ">=";
    push(m, { comparator, value: Number(m[2]), reference: null, unit: countedNoun(m[3]) });
  }
  for (const m of s.matchAll(SHORT_COUNT)) {
    if (overlaps(m)) continue;
    const b = m[1]?.toLowerCase();
    const comparator =
      b && /^(?:không vượt quá|không quá|tối đa|dưới)$/u.test(b) ? comparatorFor(b, undefined) : ">=";
    push(m, { comparator, value: Number(m[2]), reference: null, unit: m[3].toLowerCase() });
  }
  for (const m of s.matchAll(NAMED)) {
    if (overlaps(m)) continue;
    const comparator: Comparator = /thấp hơn|ít hơn|dưới/iu.test(m[1]) ? ">=" : "<=";
    push(m, { comparator, value: null, reference: m[2].replace(/\s+/gu, " "), unit: null });
  }
  for (const m of s.matchAll(NONE))
    if (!overlaps(m))
      push(m, { comparator: "<=", value: 0, reference: null, unit: m[1].toLowerCase() }, m[1]);
  return out.sort((a, b) => a.at - b.at).map((f) => f.target);
}
