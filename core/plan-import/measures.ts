/**
 * Measurable targets written in a task: "từ 30% số đơn vị trở lên", "đạt 90% trở lên", "trên 50%",
 * "100% văn bản", "ít nhất 1 sáng kiến", "04 báo cáo".
 */
import type { Comparator } from "../plan.ts";
import { NUM, num } from "./numbers.ts";
import type { ImportedTarget, Span } from "./types.ts";

const PERCENT = new RegExp(
  `(từ|trên|ít nhất|tối thiểu|đạt|hoàn thành|đảm bảo|bảo đảm|dưới|không quá|tối đa)?\\s*(?:tỷ lệ\\s*)?(?:đạt\\s*)?(${NUM})\\s*%\\s*((?:số\\s+)?(?:(?!trở lên|trở xuống)[^\\d,;.()%]){0,60}?)?\\s*(trở lên|trở xuống)?(?=[,;.()]|\\s(?:và|được|theo|so)(?![\\p{L}\\p{M}])|$)`,
  "giu",
);
// A percentage the first pattern could not delimit ("100% thủ tục hành chính thuộc thẩm quyền …").
const BARE_PERCENT = new RegExp(
  `(từ|trên|ít nhất|tối thiểu|đạt|hoàn thành|đảm bảo|bảo đảm|dưới|không quá|tối đa)?\\s*(?:tỷ lệ\\s*)?(?:đạt\\s*)?(${NUM})\\s*%`,
  "giu",
);
// "04 báo cáo", "ít nhất 02 cuộc kiểm tra", "06 xã, thị trấn", "tối thiểu 02 lần/tháng": a count of
// something countable, with the noun phrase that names it (up to a preposition or punctuation).
const COUNTABLE =
  "sáng kiến|báo cáo|hội nghị|lớp|cuộc|văn bản|đợt|buổi|giải pháp|kế hoạch|đoàn|đơn vị|tin|bài|thủ tục|dịch vụ|người|lượt|hồ sơ|cơ quan|mô hình|xã|thôn|phòng|lần|cán bộ|công chức|doanh nghiệp|phường|huyện|trường|chuyên đề";
const NOT_NOUN =
  "về|trên|tại|của|được|cho|theo|trong|và|để|từ|với|đạt|trở|so|nhằm|do|thuộc|hoặc|có|bảo đảm|đảm bảo";
const COUNT = new RegExp(
  `(ít nhất|tối thiểu|có|đủ)?\\s*(?<![\\d,./])(0?\\d{1,3})\\s+((?:${COUNTABLE})(?![\\p{L}\\p{M}])(?:\\/\\p{L}+)?(?:\\s+(?!(?:${NOT_NOUN})(?![\\p{L}\\p{M}]))[\\p{L}\\p{M}]+){0,3}?(?:,\\s+[\\p{L}\\p{M}]+(?:\\s+[\\p{L}\\p{M}]+)?)?)(?=\\s*(?:[.;:()]|$|\\s(?:${NOT_NOUN})(?![\\p{L}\\p{M}])))`,
  "giu",
);

function comparatorFor(before: string | undefined, after: string | undefined): Comparator {
  const b = (before ?? "").toLowerCase();
  if (after?.toLowerCase() === "trở xuống" || b === "dưới" || b === "không quá" || b === "tối đa")
    return b === "dưới" ? "<" : "<=";
  if (b === "trên" && !after) return ">";
  return ">=";
}

/** "báo cáo CCHC định kỳ" → "báo cáo": what is counted ends before an abbreviation or "định kỳ". */
function countedNoun(phrase: string): string {
  const words = phrase.replace(/\s+/g, " ").split(" ");
  const cut = words.findIndex((w, i) => i > 0 && (/^\p{Lu}{2,}[,;]?$/u.test(w) || /^định$/iu.test(w)));
  return (cut > 0 ? words.slice(0, cut) : words).join(" ").replace(/[,;]$/, "").toLowerCase();
}

export function findTargets(text: string, span: Span): ImportedTarget[] {
  const s = text.slice(span.start, span.end);
  const out: ImportedTarget[] = [];
  for (const m of s.matchAll(PERCENT)) {
    const i = m.index ?? 0;
    const lead = m[0].length - m[0].trimStart().length;
    out.push({
      text: m[0].trim(),
      comparator: comparatorFor(m[1], m[4]),
      value: num(m[2]),
      unit: "%",
      span: { start: span.start + i + lead, end: span.start + i + m[0].length },
    });
  }
  for (const m of s.matchAll(BARE_PERCENT)) {
    const i = m.index ?? 0;
    const lead = m[0].length - m[0].trimStart().length;
    const start = span.start + i + lead;
    if (out.some((t) => t.span.start <= start + m[0].length - lead && t.span.end >= start)) continue;
    out.push({
      text: m[0].trim(),
      comparator: comparatorFor(m[1], undefined),
      value: num(m[2]),
      unit: "%",
      span: { start, end: span.start + i + m[0].length },
    });
  }
  for (const m of s.matchAll(COUNT)) {
    const i = m.index ?? 0;
    const lead = m[0].length - m[0].trimStart().length;
    const exact = !m[1] || m[1].toLowerCase() === "có" || m[1].toLowerCase() === "đủ";
    out.push({
      text: m[0].trim(),
      comparator: exact && /^0\d/.test(m[2]) ? "=" : ">=",
      value: Number(m[2]),
      unit: countedNoun(m[3]),
      span: { start: span.start + i + lead, end: span.start + i + m[0].length },
    });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
