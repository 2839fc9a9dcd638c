/**
 * Deadlines and periods as plans write them: "trong tháng 10/2019" → 31/10/2019; "bắt đầu từ tháng
 * 9/2019 và kết thúc vào tháng 11/2019" → 01/9–30/11/2019; "Thời hạn hoàn thành: 15/12/2019";
 * "trước ngày 30/11/2019"; "quý IV/2019"; "6 tháng đầu năm 2020"; "trong năm 2019"; and recurring
 * periods without a date ("thường xuyên", "hằng quý, 6 tháng, năm").
 */
import { isoDate } from "./refs.ts";
import type { Span } from "./types.ts";

export interface Deadline {
  startsOn: string | null;
  due: string | null;
  period: string | null;
  span: Span;
}

const lastDay = (m: number, y: number) => isoDate(new Date(Date.UTC(y, m, 0)).getUTCDate(), m, y);
const QUARTERS: Record<string, number> = { I: 3, II: 6, III: 9, IV: 12, "1": 3, "2": 6, "3": 9, "4": 12 };

/** `year`: the plan's year, for a deadline written without one ("Thời hạn hoàn thành: Quý III"). */
export function findDeadline(text: string, span: Span, year: number | null = null): Deadline | null {
  const s = text.slice(span.start, span.end);
  const at = (m: RegExpExecArray, extra: Partial<Deadline>): Deadline => ({
    startsOn: null,
    due: null,
    period: m[0].trim().replace(/[.;,]$/, ""),
    span: { start: span.start + m.index, end: span.start + m.index + m[0].length },
    ...extra,
  });
  let m =
    /(?:bắt đầu\s*)?từ\s*tháng\s*(\d{1,2})\s*\/\s*(\d{4})[^.;]{0,40}?(?:đến|kết thúc vào|kết thúc|tới)\s*(?:hết\s*)?tháng\s*(\d{1,2})\s*\/\s*(\d{4})/iu.exec(
      s,
    );
  if (m)
    return at(m, {
      startsOn: isoDate(1, Number(m[1]), Number(m[2])),
      due: lastDay(Number(m[3]), Number(m[4])),
      period: `từ tháng ${Number(m[1])}/${m[2]} đến tháng ${Number(m[3])}/${m[4]}`,
    });
  m =
    /(?:Thời hạn(?: hoàn thành)?|Thời gian hoàn thành|Hạn hoàn thành|trước ngày|chậm nhất(?: là)?(?: ngày)?|hạn chót|hoàn thành trước|trước)\s*:?\s*(?:ngày\s*)?(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})/iu.exec(
      s,
    );
  if (m) return at(m, { due: isoDate(Number(m[1]), Number(m[2]), Number(m[3])) });
  m =
    /(?:trong|trước|hết|hoàn thành)\s*:?\s*tháng\s*(\d{1,2})\s*\/\s*(\d{4})/iu.exec(s) ??
    /(?:Thời hạn(?: hoàn thành)?|Thời gian(?: hoàn thành| thực hiện)?)\s*:\s*(?:trong\s*)?tháng\s*(\d{1,2})\s*\/\s*(\d{4})/iu.exec(
      s,
    );
  if (m) return at(m, { due: lastDay(Number(m[1]), Number(m[2])) });
  m = /(?:trong|trước|hết)?\s*quý\s*(IV|III|II|I|[1-4])\s*(?:\/|năm)\s*(\d{4})/iu.exec(s);
  if (m) return at(m, { due: lastDay(QUARTERS[m[1].toUpperCase()], Number(m[2])) });
  m = /6 tháng đầu năm\s*(\d{4})/iu.exec(s);
  if (m) return at(m, { due: isoDate(30, 6, Number(m[1])) });
  m =
    /(?:Thời hạn(?: hoàn thành)?|Thời gian(?: hoàn thành| thực hiện)?)\s*:\s*(?:trong\s*)?năm\s*(\d{4})|(?:hoàn thành|thực hiện)\s*trong năm\s*(\d{4})/iu.exec(
      s,
    );
  if (m) return at(m, { due: isoDate(31, 12, Number(m[1] ?? m[2])) });
  if (year !== null) {
    // The deadline ends its clause: "quý I, 6 tháng, 9 tháng, năm" is a reporting cycle, not a date.
    const END = "(?=\\s*(?:[.;)]|$))";
    const said =
      "(?:Thời hạn(?: hoàn thành)?|Thời gian(?: hoàn thành| thực hiện)?)\\s*:\\s*|(?:trong|trước|hết|hoàn thành trong)\\s+";
    m = new RegExp(`(?:${said})quý\\s*(IV|III|II|I|[1-4])${END}`, "iu").exec(s);
    if (m) return at(m, { due: lastDay(QUARTERS[m[1].toUpperCase()], year) });
    m = new RegExp(`(?:${said})(?:ngày\\s*)?(\\d{1,2})\\s*\\/\\s*(\\d{1,2})${END}`, "iu").exec(s);
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12)
      return at(m, { due: isoDate(Number(m[1]), Number(m[2]), year) });
    m = new RegExp(`(?:${said})tháng\\s*(\\d{1,2})${END}`, "iu").exec(s);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return at(m, { due: lastDay(Number(m[1]), year) });
  }
  m =
    /(?:báo cáo\s*)?quý I(?:,\s*(?:báo cáo\s*)?6 tháng)?(?:,\s*(?:báo cáo\s*)?9 tháng)?(?:,?\s*(?:và\s*)?(?:báo cáo\s*)?năm)?(?![\p{L}\p{M}])/u.exec(
      s,
    ) ??
    /(?:định kỳ\s*)?(?:hằng|hàng) quý(?:,\s*6 tháng)?(?:,\s*9 tháng)?(?:,?\s*(?:và\s*)?năm)?(?![\p{L}\p{M}])/iu.exec(
      s,
    ) ??
    /thường xuyên|định kỳ (?:hằng|hàng) (?:tháng|năm)/iu.exec(s);
  if (m) return at(m, {});
  return null;
}

/** A deadline window said of one sentence of a task, not of the task as a whole. */
export interface SentenceWindow {
  /** The sentence that states it, as written ("Việc phát và thu phiếu … từ tháng 9/2019 đến tháng 11/2019"). */
  text: string;
  startsOn: string | null;
  due: string | null;
  /** The window's words: "từ tháng 9/2019 đến tháng 11/2019". */
  period: string | null;
  /** The window's words in the text. */
  span: Span;
  /** The sentence's. */
  sentence: Span;
}

/** The sentences of a span: each ends at ". ", "; " or a line break; spans trimmed. */
function sentences(text: string, span: Span): Span[] {
  const out: Span[] = [];
  const s = text.slice(span.start, span.end);
  // Not after an item's number ("3. Tuyên truyền …", "1.2. …").
  const cut = /(?<!(?:^|\n)\s*[\dIVX]{1,4}(?:\.\d+)*)[.;](?=\s)|\n/gu;
  let from = 0;
  const push = (a: number, b: number) => {
    const part = s.slice(a, b);
    const lead = part.length - part.trimStart().length;
    const t = part.trim();
    if (t) out.push({ start: span.start + a + lead, end: span.start + a + lead + t.length });
  };
  for (let m = cut.exec(s); m; m = cut.exec(s)) {
    push(from, m.index);
    from = m.index + 1;
  }
  push(from, s.length);
  return out;
}

/** A sentence that is a label ("Thời gian thực hiện: …", "Chủ trì: …") or only names who leads or helps. */
const LABEL =
  /^(?:[-+•*–—]\s*)?(?:Phân công trách nhiệm\s*:\s*)?(?:(?:Đơn vị|Cơ quan)\s+)?(?:chủ trì|phối hợp|thời gian[^:]{0,25}|thời hạn[^:]{0,25})\s*:/iu;
const ROLE_ONLY = /^[^,]{0,120}?\s(?:chủ trì|phối hợp)[.;]?$/iu;
const isWork = (s: string) => s.length >= 20 && !LABEL.test(s) && !ROLE_ONLY.test(s);

/**
 * The task's deadline, and the windows said of one of its sentences. A window ("từ tháng 9/2019 đến
 * tháng 11/2019") inside one sentence of a task of several is that sentence's: the task does not
 * start with it, and it is the task's deadline only when the task states no other date (then its end
 * is the task's due, and its start stays with the sentence). A window on a label of its own
 * ("Thời gian thực hiện: …") or in a task of one sentence is the task's, as before.
 */
export function taskDeadline(
  text: string,
  span: Span,
  year: number | null = null,
): { deadline: Deadline | null; windows: SentenceWindow[] } {
  const d = findDeadline(text, span, year);
  if (!d || d.startsOn === null) return { deadline: d, windows: [] };
  const all = sentences(text, span);
  const own = all.find((s) => s.start <= d.span.start && d.span.end <= s.end);
  const words = (s: Span) => text.slice(s.start, s.end);
  // A heading line of its own ("3. Tuyên truyền cải cách hành chính") names the task; it is not a sentence of it.
  const heading = (s: Span, i: number) => i === 0 && all.length > 1 && text[s.end] === "\n";
  const work = all.filter((s, i) => !heading(s, i) && isWork(words(s)));
  if (!own || !isWork(words(own)) || work.length < 2) return { deadline: d, windows: [] };
  const window: SentenceWindow = {
    text: words(own),
    startsOn: d.startsOn,
    due: d.due,
    period: d.period,
    span: d.span,
    sentence: own,
  };
  // Another date of the task is its deadline; a recurring period ("Hằng quý") is kept as its period.
  const blank = " ".repeat(d.span.end - d.span.start);
  const other = findDeadline(text.slice(0, d.span.start) + blank + text.slice(d.span.end), span, year);
  if (other?.due) return { deadline: other, windows: [window] };
  return {
    deadline: { startsOn: null, due: d.due, period: other?.period ?? null, span: d.span },
    windows: [window],
  };
}
