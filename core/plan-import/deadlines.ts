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
