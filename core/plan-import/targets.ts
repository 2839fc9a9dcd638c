/**
 * The plan's numbers: the overall target ("đạt kết quả từ 85% trở lên … tăng từ 1-2 bậc"), the
 * target per area ("Đạt 10/12 điểm tối đa (tăng 3 điểm so với năm 2018)", "giữ vững") and the
 * results it quotes ("đạt 83,87 điểm, xếp thứ 33/63", "tăng 4,64 điểm và 20 bậc so với năm 2019").
 */
import { type Centi, fromCenti } from "../decimal.ts";
import { normalizeText } from "../locale.ts";
import { centi, NUM, num } from "./numbers.ts";
import type { Baseline, ImportedAreaTarget, OverallTarget, Span } from "./types.ts";

export function findOverallTarget(text: string, paragraph: Span): OverallTarget | null {
  // "Năm 2022 … tăng 04 bậc. Phấn đấu năm 2023 … tăng từ 3 đến 5 bậc": the target follows "phấn đấu".
  const aim = /phấn đấu|mục tiêu|chỉ tiêu/iu.exec(text.slice(paragraph.start, paragraph.end));
  const after = aim
    ? readOverallTarget(text, { start: paragraph.start + aim.index, end: paragraph.end })
    : null;
  // "… đạt từ 85% trở lên, tăng ít nhất 2 bậc; hoàn thành 100% các chỉ tiêu": the target came first.
  return after ?? readOverallTarget(text, paragraph);
}

function readOverallTarget(text: string, within: Span): OverallTarget | null {
  const s = text.slice(within.start, within.end);
  const pct = new RegExp(
    `(?:đạt|từ|trên|tối thiểu|ít nhất)\\s*(?:kết quả\\s*)?(?:từ\\s*)?(${NUM})\\s*%\\s*(?:trở lên)?`,
    "iu",
  ).exec(s);
  const gain =
    /tăng\s*(?:từ\s*)?(\d+)\s*(?:-|–|đến)\s*(\d+)\s*bậc|tăng\s*(?:ít nhất\s*|từ\s*)?(\d+)\s*bậc(?:\s*trở lên)?/iu.exec(
      s,
    );
  if (!pct && !gain) return null;
  const first = Math.min(pct?.index ?? Number.POSITIVE_INFINITY, gain?.index ?? Number.POSITIVE_INFINITY);
  const last = Math.max(pct ? pct.index + pct[0].length : 0, gain ? gain.index + gain[0].length : 0);
  return {
    percentAtLeast: pct ? num(pct[1]) : null,
    rankGainMin: gain ? Number(gain[1] ?? gain[3]) : null,
    // "tăng ít nhất 2 bậc", "tăng từ 05 bậc trở lên" set a floor only.
    rankGainMax: gain
      ? gain[2]
        ? Number(gain[2])
        : /ít nhất|trở lên/iu.test(gain[0])
          ? null
          : Number(gain[3])
      : null,
    source: { start: within.start + first, end: within.start + last, confidence: pct && gain ? 0.9 : 0.7 },
  };
}

// "Chỉ số thành phần “Cải cách thể chế”: Đạt 5/5 điểm tối đa (giữ vững như năm 2018)"
// "- Cải cách thể chế: phấn đấu đạt 5/5 điểm (giữ vững)"; "Lĩnh vực "X": 9,5/10 điểm, tăng 1,25 điểm so với năm 2022"
// "Lĩnh vực X: giữ vững kết quả năm 2021 là 8/9 điểm"; a quoted title needs no colon:
// "- Chỉ số thành phần “X” đạt 8,5/9 điểm, tăng 01 điểm so với năm 2024"
const AREA_TARGET = new RegExp(
  `(?:Chỉ số thành phần|Lĩnh vực|Tiêu chí)?\\s*(?:\\d+[.:)]?\\s*)?(?:[“"«]([^”"»]{3,160})[”"»]\\s*(?:\\([^)]{0,80}\\)\\s*)?:?|([\\p{L}][^:;.“”"\\n]{2,160}?)\\s*(?:\\([^)]{0,80}\\)\\s*)?:)\\s*([^:;\\n]{0,60}?)(${NUM})\\s*(?:điểm\\s*)?\\/\\s*(${NUM})\\s*điểm(?:\\s*tối đa)?` +
    `(?:\\s*\\(([^)]{0,120})\\)|([^;\\n(]{0,100}?)(?=[;.]\\s|[;.]?$|\\n))?`,
  "gimu",
);

export function findAreaTargets(text: string, within: Span): Omit<ImportedAreaTarget, "area">[] {
  const s = text.slice(within.start, within.end);
  const out: Omit<ImportedAreaTarget, "area">[] = [];
  for (const m of s.matchAll(AREA_TARGET)) {
    const title = (m[1] ?? m[2] ?? "").replace(/^(?:-\s*)?(?:Chỉ số thành phần|Lĩnh vực|Tiêu chí)\s*/iu, "");
    // "trong đó các lĩnh vực phấn đấu đạt: Cải cách thể chế 7/7,5 điểm; …" introduces a list (below).
    if (!m[1] && /lĩnh vực|chỉ số thành phần/iu.test(title)) continue;
    // "Kết quả năm 2019: Chỉ số CCHC … đạt 68,92/90 điểm" is the index as a whole, last year.
    if (!m[1] && /^(?:kết quả|năm\s*\d{4}|chỉ số (?:cchc|cải cách|par))/iu.test(title)) continue;
    const start = within.start + (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    const span = { start, end: within.start + (m.index ?? 0) + m[0].length };
    const t = areaTarget(title, m[4], m[5], `${m[3] ?? ""} ${m[6] ?? m[7] ?? ""}`, span, m[1] ? 0.95 : 0.75);
    if (t) out.push(t);
  }
  // The targets read so far, in the text's order, so a list item inside one of them is skipped.
  const read = out.map((t) => t.span);
  // "… các lĩnh vực phấn đấu đạt: Cải cách thể chế 7/7,5 điểm; Cải cách thủ tục hành chính 13/14 điểm; …"
  for (const intro of s.matchAll(/(?:lĩnh vực|chỉ số thành phần)[^:;.\n]{0,60}:\s*/giu)) {
    // A list of targets ("… phấn đấu đạt:"), not of last year's losses ("bị mất điểm ở các chỉ số thành phần:").
    if (!/phấn đấu|mục tiêu|chỉ tiêu|đạt\s*:|còn lại/iu.test(intro[0])) continue;
    let pos = (intro.index ?? 0) + intro[0].length;
    SENTENCE_END.lastIndex = pos;
    const end = SENTENCE_END.exec(s)?.index ?? s.length;
    for (const part of s.slice(pos, end).split(";")) {
      const m = LISTED_TARGET.exec(part);
      const start = within.start + pos + (part.length - part.trimStart().length);
      pos += part.length + 1;
      if (!m || inside(read, start)) continue;
      const t = areaTarget(m[1], m[2], m[3], m[4], { start, end: start + part.trim().length }, 0.7);
      if (t) out.push(t);
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

// "Cải cách thể chế 7/7,5 điểm", "Chỉ đạo, điều hành CCHC (9/9 điểm)", "Cải cách tài chính công đạt 5,5/6 điểm".
const SENTENCE_END = /\.(?:\s|$)|\n/gu;

/** Whether `pos` falls inside one of `spans` (sorted by start, not overlapping). */
function inside(spans: Span[], pos: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= pos) lo = mid + 1;
    else if (spans[mid].start > pos) hi = mid - 1;
    else return true;
  }
  return false;
}

const LISTED_TARGET = new RegExp(
  `^\\s*([\\p{L}][^\\d:()]{2,160}?)\\s*(?:\\(\\s*|\\s(?:đạt|là)\\s+)?(${NUM})\\s*(?:điểm\\s*)?\\/\\s*(${NUM})\\s*điểm\\)?(.*)$`,
  "su",
);

// "Mục tiêu: đạt 8,5/9 điểm (tăng 0,6 điểm so với năm 2022)" under the area's own heading.
const SECTION_TARGET = new RegExp(
  `^(?:Mục tiêu|Chỉ tiêu)[^:\\n]{0,30}:\\s*([^:;\\n]{0,60}?)(${NUM})\\s*(?:điểm\\s*)?\\/\\s*(${NUM})\\s*điểm(?:\\s*tối đa)?([^\\n]{0,140})`,
  "iu",
);

// "Chỉ số thành phần “Cải cách thể chế” (điểm tối đa: 7; năm 2024 đạt 6,5 điểm; mục tiêu năm 2025: 7 điểm)"
const HEADING_TARGET =
  /^(?:Chỉ số thành phần|Lĩnh vực|Tiêu chí)?\s*[“"]?([^“”"(]{3,160}?)[”"]?\s*\(([^()]{0,240})\)\s*$/iu;

/** The target an area's heading states in brackets, or null. */
export function findHeadingTarget(heading: Span, title: string): Omit<ImportedAreaTarget, "area"> | null {
  // Bounded: a heading is short, and a long line must not cost the reading its time.
  const m = title.length <= 420 ? HEADING_TARGET.exec(title) : null;
  if (!m || !/điểm tối đa/iu.test(m[2])) return null;
  const max = new RegExp(`điểm tối đa\\s*:?\\s*(${NUM})`, "iu").exec(m[2]);
  const aim = new RegExp(`mục tiêu[^:;]{0,20}:\\s*(giữ vững\\s*)?(${NUM})`, "iu").exec(m[2]);
  if (!max || !aim) return null;
  const was = new RegExp(`năm\\s*(\\d{4})\\s*đạt\\s*(${NUM})`, "iu").exec(m[2]);
  const kept = aim[1] !== undefined || (was !== null && centi(was[2]) === centi(aim[2]));
  let note = kept ? "giữ vững" : "";
  if (was && !kept) {
    const delta = centi(aim[2]) - centi(was[2]);
    note = `${delta > 0 ? "tăng" : "giảm"} ${String(fromCenti(Math.abs(delta))).replace(".", ",")} điểm so với năm ${was[1]}`;
  } else if (was) note += ` so với năm ${was[1]}`;
  return areaTarget(m[1], aim[2], max[1], note, heading, 0.85);
}

/** A line that sets its area's target ("Mục tiêu: đạt 12/13 điểm"), not a task. */
export const isSectionTarget = (line: string) => SECTION_TARGET.test(line);

/** The target a line under an area's heading sets for that area, or null. */
export function findSectionTarget(
  text: string,
  line: Span,
  title: string,
): Omit<ImportedAreaTarget, "area"> | null {
  const m = SECTION_TARGET.exec(text.slice(line.start, line.end));
  return m ? areaTarget(title, m[2], m[3], `${m[1]} ${m[4]}`, line, 0.85) : null;
}

function areaTarget(
  rawTitle: string,
  targetText: string,
  maxText: string,
  note: string,
  span: Span,
  confidence: number,
): Omit<ImportedAreaTarget, "area"> | null {
  const title = normalizeText(rawTitle);
  const target = centi(targetText);
  const max = centi(maxText);
  if (target > max || title === "") return null;
  const kept = /giữ vững|duy trì|giữ nguyên/iu.test(note);
  const change = new RegExp(`(tăng|giảm)\\s*(${NUM})\\s*điểm`, "iu").exec(note);
  const year = /năm\s*(\d{4})/u.exec(note);
  let delta: Centi | null = kept ? 0 : null;
  if (change) delta = (change[1].toLowerCase() === "giảm" ? -1 : 1) * centi(change[2]);
  return {
    title,
    target: fromCenti(target),
    max: fromCenti(max),
    delta: delta === null ? null : fromCenti(delta),
    baselineYear: year ? Number(year[1]) : null,
    kept,
    impliedBaseline: delta === null ? null : fromCenti(target - delta),
    span,
    confidence,
  };
}

// "Năm 2020, Chỉ số CCHC của tỉnh đạt 83,87 điểm, xếp thứ 33/63 …, tăng 4,64 điểm và 20 bậc so với năm 2019"
export function findBaseline(text: string, within: Span): Baseline | null {
  const s = text.slice(within.start, within.end);
  const m = new RegExp(
    `(?:năm\\s*(\\d{4})[^.]{0,120}?)?đạt\\s*(?:(${NUM})\\s*(?:\\/\\s*${NUM}\\s*)?điểm(?:\\s*\\(?\\s*(?:đạt\\s*)?(${NUM})\\s*%\\s*\\)?)?|(${NUM})\\s*%)[^.]{0,40}?xếp\\s*(?:thứ|hạng)\\s*(\\d+)\\s*\\/\\s*(\\d+)`,
    "iu",
  ).exec(s);
  if (!m) return null;
  const tail = s.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 160);
  const ch = new RegExp(
    `^[^.]{0,40}?(tăng|giảm)\\s*(${NUM})\\s*điểm(?:\\s*(?:và|,)\\s*(?:(tăng|giảm)\\s*)?(\\d+)\\s*bậc)?\\s*so với năm\\s*(\\d{4})`,
    "iu",
  ).exec(tail);
  const end = (m.index ?? 0) + m[0].length + (ch ? ch[0].length : 0);
  const sign = (w: string | undefined) => (w?.toLowerCase() === "giảm" ? -1 : 1);
  return {
    year: m[1] ? Number(m[1]) : null,
    // "đạt 86,92%, xếp thứ 10/17" states the percentage only.
    points: m[2] ? num(m[2]) : null,
    percent: m[3] ? num(m[3]) : m[4] ? num(m[4]) : null,
    rank: Number(m[5]),
    rankOf: Number(m[6]),
    change: ch
      ? {
          points: sign(ch[1]) * num(ch[2]),
          ranks: ch[4] ? sign(ch[3] ?? ch[1]) * Number(ch[4]) : null,
          comparedWith: Number(ch[5]),
        }
      : null,
    source: { start: within.start + (m.index ?? 0), end: within.start + end, confidence: 0.85 },
  };
}
