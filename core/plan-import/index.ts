/**
 * Reads an improvement plan out of a document's text: the document's identity and references, the
 * results it quotes, the overall and per-area targets, and the tasks with their units, deadlines,
 * measurable targets and area, each with the span it came from; plus warnings for what a careful
 * reader would flag. Pure: text in, structured plan out (docs/plan-import.md).
 */
import { type Centi, fromCenti, percentCenti, sumCenti, toCenti } from "../decimal.ts";
import { lintPlan } from "../lint.ts";
import { normalizeText } from "../locale.ts";
import { bestArea } from "./areas.ts";
import { findReferences, isoDate, NUMBER_CODE } from "./refs.ts";
import {
  findAreaTargets,
  findBaseline,
  findHeadingTarget,
  findOverallTarget,
  findSectionTarget,
} from "./targets.ts";
import { flatten, readTask, sections, taskBlocks, taskSections } from "./tasks.ts";
import { isChromeLine, normaliseDocumentText, type Paragraph, paragraphs, refuseLegacy } from "./text.ts";
import type {
  ImportedAreaTarget,
  ImportedDocument,
  ImportedPlan,
  ImportedTask,
  ImportOptions,
  ImportWarning,
  Span,
  UnitMention,
} from "./types.ts";
import { scanUnits, unitMatcher, withAliases } from "./units.ts";
import { warn } from "./warnings.ts";

export { ImportError } from "./text.ts";
export type * from "./types.ts";

/** Texts longer than this are read up to this point only (with a warning), so a reading stays bounded in time. */
export const MAX_CHARS = 400_000;

// "Ngày 14/3/2022, Ủy ban nhân dân huyện Chợ Gạo ban hành Kế hoạch số 85/KH-UBND về …"
const DATED_SELF_REF =
  /Ngày\s*(\d{1,2})\/(\d{1,2})\/(\d{4}),\s*([^,.;]{3,100}?)\s+(?:đã\s+)?(?:ban hành|xây dựng)\s+(Kế hoạch|Báo cáo|Chương trình)\s+(?:số\s*)?(\d{1,5})\/([A-ZĐ][A-ZĐ0-9-]*)\s*(?:về\s+|v\/v\s+)?([^.;\n]{0,240}?)(?=[.;\n]|$)/u;

const SELF_REF =
  /(?:xây dựng|ban hành|triển khai)\s+(Kế hoạch|Báo cáo|Chương trình)\s+(?:số\s*)?(\d{1,5})\/([A-ZĐ][A-ZĐ0-9-]*)\s*(?:,\s*)?ngày\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*(?:về\s+|v\/v\s+)?([^.;\n]{0,240}?)(?=[.;\n]|\s*,\s*gồm|$)/u;

export function importPlanText(raw: string, opts: ImportOptions = {}): ImportedPlan {
  refuseLegacy(raw);
  let text = normaliseDocumentText(raw);
  const warnings: ImportWarning[] = [];
  if (text.length > MAX_CHARS) {
    const cut = text.lastIndexOf("\n", MAX_CHARS);
    text = text.slice(0, cut > 0 ? cut : MAX_CHARS);
    warnings.push(
      warn("truncated", null, {
        vi: `Văn bản dài quá ${MAX_CHARS.toLocaleString("vi-VN")} ký tự: chỉ đọc phần đầu`,
        en: `The text is longer than ${MAX_CHARS} characters: only the beginning was read`,
      }),
    );
  }
  const all = paragraphs(text);
  const { body, content, chrome } = splitChrome(all);
  for (const region of chrome)
    warnings.push(
      warn("page_chrome", region.span, {
        vi: `Bỏ qua ${region.lines} dòng của trang web (menu, bộ đếm, liên hệ…): ${region.sample}`,
        en: `Ignored ${region.lines} line(s) of web page furniture (menus, counters, contacts…): ${region.sample}`,
      }),
    );

  const document = readDocument(text, content, body);
  const matcher = withAliases(unitMatcher(opts.units), text);
  // The text ends at "./."; what follows (signature, "Nơi nhận") is not part of any section.
  let closing = content.findIndex((p) => /\.\/\.\s*$/u.test(p.text));
  if (closing < 0) closing = content.findIndex((p) => /^(?:Nơi nhận\s*:|KT\.|TM\.|TL\.)/u.test(p.text)) - 1;
  const main = closing >= 0 ? content.slice(0, closing + 1) : content;
  const { roots } = sections(main);

  // Targets: the whole body except the task sections (where "x/y điểm" would be a task's own wording).
  // Last year's results ("1. Kết quả năm 2022": "… đạt 10,5/13 điểm") are not this year's targets.
  const results = flatten(roots).filter(
    (s) => /^(?:kết quả|đánh giá|thực trạng)/iu.test(s.title) && !/mục tiêu|chỉ tiêu/iu.test(s.title),
  );
  const provisional = [...taskSections(roots, opts.areas).map((t) => t.section), ...results];
  const rawTargets = [
    ...zoneOutside(body, provisional).flatMap((z) => findAreaTargets(text, z)),
    // "3. Cải cách thủ tục hành chính" / "Mục tiêu: đạt 12/13 điểm …": the target under its area's heading.
    // "1. Chỉ số thành phần “…” (điểm tối đa: 12; năm 2024 đạt 10,25 điểm; mục tiêu năm 2025: 11,5 điểm)".
    ...flatten(roots).flatMap((sec) =>
      [
        findHeadingTarget(sec.heading, sec.title),
        ...sec.paragraphs.slice(0, 2).map((p) => findSectionTarget(text, p, sec.title)),
      ].filter((t) => t !== null),
    ),
  ].sort((a, b) => a.span.start - b.span.start);
  const areaTargets: ImportedAreaTarget[] = rawTargets.map((t, i) => {
    const fw = opts.areas ? bestArea(t.title, opts.areas) : -1;
    return { area: fw >= 0 && opts.areas ? opts.areas[fw].code : String(i + 1), ...t };
  });
  const sectionsWithTasks = taskSections(roots, [...rawTargets, ...(opts.areas ?? [])]);
  const targetParas = content.filter(
    (p) => /chỉ tiêu|mục tiêu|phấn đấu/iu.test(p.text) && /%|bậc/u.test(p.text),
  );
  const overallTarget = targetParas.map((p) => findOverallTarget(text, p)).find((t) => t !== null) ?? null;
  const baseline = content.map((p) => findBaseline(text, p)).find((b) => b !== null) ?? null;

  // The plan's year, for deadlines written without one: its title's "năm 2023", else its date's.
  const titleYear = /năm\s+(\d{4})/u.exec(document.title ?? "")?.[1];
  const year = titleYear ? Number(titleYear) : document.date ? Number(document.date.slice(0, 4)) : null;
  const tasks: ImportedTask[] = [];
  // Tasks of "Tổ chức thực hiện" are about running the plan, not an area: no area is expected.
  const organisational = new Set<number>();
  // In the document's order: a section's own tasks may come after its subsections' ("1. …" heading,
  // then "3. Theo dõi …" written as a task of the part above it).
  const blocks = sectionsWithTasks
    .flatMap((ts) => taskBlocks(ts.section, ts.area).map((block) => ({ ts, block })))
    .sort((a, b) => a.block[0].start - b.block[0].start);
  for (const { ts, block } of blocks) {
    if (ts.organisational) organisational.add(tasks.length);
    // "- Về cải cách thủ tục hành chính: …" names the task's area itself.
    const about = /^(?:[-+•*–—]\s*)?Về\s+([^:]{3,120}):/u.exec(block[0].text)?.[1];
    const titles = about ? [about, ...ts.titles] : ts.titles;
    const area = ts.organisational ? null : areaFor(titles, areaTargets, opts.areas);
    tasks.push({ ...readTask(text, block, ts.section, matcher, year), area });
  }

  const units = dedupeMentions(scanUnits(text, body, matcher));
  warnings.push(
    ...unitWarnings(units),
    ...gapWarnings(tasks, areaTargets, sectionsWithTasks.length, organisational),
  );
  return {
    document,
    baseline,
    overallTarget,
    areaTargets,
    totals: totals(areaTargets),
    tasks,
    units,
    warnings,
    body,
    text,
  };
}

/** The area of the nearest title that names one: first among the plan's area targets, then the framework's. */
function areaFor(
  titles: string[],
  targets: ImportedAreaTarget[],
  areas: ImportOptions["areas"],
): string | null {
  for (const t of titles) {
    const a = bestArea(t, targets);
    if (a >= 0) return targets[a].area;
    const f = areas ? bestArea(t, areas) : -1;
    if (f >= 0 && areas) return areas[f].code;
  }
  return null;
}

interface ChromeRegion {
  span: Span;
  lines: number;
  sample: string;
}

/** The document's own paragraphs, told apart from the web page around them. */
function splitChrome(all: Paragraph[]): { body: Span; content: Paragraph[]; chrome: ChromeRegion[] } {
  const starts = (p: Paragraph) =>
    !isChromeLine(p.text) &&
    (p.text.length > 60 ||
      // A header drawn as a table starts with its cell mark: "| UBND TỈNH … | CỘNG HÒA … |".
      /^(?:\|\s*)?(?:CỘNG HÒA|CỘNG HOÀ|ỦY BAN|UỶ BAN|UBND|SỞ|VĂN PHÒNG|BỘ|KẾ HOẠCH|Số:|\d+\.|[IVX]+\.)/u.test(
        p.text,
      ));
  let first = all.findIndex(starts);
  if (first < 0) first = 0;
  // A web page: the article starts at its headline or first sentence about the plan, after the site's banner.
  if (!all.some((p) => /(?:^|\|)\s*Số\s*:/u.test(p.text))) {
    const lead = all.findIndex((p) =>
      /(?:xây dựng|ban hành)\s+(?:Kế hoạch|Chương trình)|^(?:Thực hiện|Căn cứ)\s/u.test(p.text),
    );
    const numbered = all.findIndex((p) => /^(?:\d+|[IVX]+)\.\s/u.test(p.text));
    if (lead > first && (numbered < 0 || lead < numbered)) first = lead;
  }
  let last = all.findIndex((p, i) => i >= first && /\.\/\.\s*$/u.test(p.text));
  if (last < 0) {
    const stop = all.findIndex(
      (p, i) =>
        i > first &&
        /^(?:Tác giả:|\[Trở về\]|Các tin (?:mới|cũ) hơn|Tin liên quan|Tin khác|Các tin khác|Bài viết liên quan|Tin cùng chuyên mục|File đính kèm|Tệp đính kèm|Tài liệu đính kèm|Chia sẻ|Về đầu trang)/u.test(
          p.text,
        ),
    );
    last = stop > 0 ? stop - 1 : all.length - 1;
  }
  // A formal document goes on after "./." with the signature and "Nơi nhận".
  const tail = all.slice(last + 1).findIndex((p) => isChromeLine(p.text));
  const signatureEnd = tail < 0 ? all.length - 1 : last + tail;
  if (
    signatureEnd > last &&
    all.slice(last + 1, signatureEnd + 1).some((p) => /^(?:Nơi nhận|KT\.|TM\.|TL\.)/u.test(p.text))
  )
    last = signatureEnd;
  const content: Paragraph[] = [];
  const chrome: ChromeRegion[] = [];
  let region: Paragraph[] = [];
  const flush = () => {
    if (region.length === 0) return;
    chrome.push({
      span: { start: region[0].start, end: region[region.length - 1].end },
      lines: region.length,
      sample: region
        .slice(0, 3)
        .map((p) => p.text.slice(0, 30))
        .join(" · "),
    });
    region = [];
  };
  all.forEach((p, i) => {
    if (i < first || i > last || (isChromeLine(p.text) && p.text.length < 40)) region.push(p);
    else {
      flush();
      content.push(p);
    }
  });
  flush();
  const body =
    content.length > 0
      ? { start: content[0].start, end: content[content.length - 1].end }
      : { start: 0, end: 0 };
  return { body, content, chrome };
}

function zoneOutside(body: Span, sections: { heading: Paragraph; paragraphs: Paragraph[] }[]): Span[] {
  const holes = sections
    .map((s) => ({ start: s.heading.start, end: (s.paragraphs.at(-1) ?? s.heading).end }))
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  let pos = body.start;
  for (const h of holes) {
    if (h.start > pos) out.push({ start: pos, end: h.start });
    pos = Math.max(pos, h.end);
  }
  if (pos < body.end) out.push({ start: pos, end: body.end });
  return out;
}

const PLACE_DATE = /^([\p{Lu}][\p{L} .-]{1,40}?),\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/u;
const PLACE_DATE_SPREAD =
  /(?:^|[|\t\n])[ \t]*([\p{Lu}][\p{L} .-]{1,40}?),[\s|]*ngày[\s|]*(\d{1,2})[\s|]*tháng[\s|]*(\d{1,2})[\s|]*năm[\s|]*(\d{4})/u;

/** A line of a table ("Số: 4851/KH-UBND | Bình Dương, ngày … |", or cells split by tabs) as its cells. */
function splitCells(p: Paragraph): Paragraph[] {
  if (!/[|\t]/u.test(p.text)) return [p];
  const out: Paragraph[] = [];
  const re = /[^|\t]+/gu;
  for (const m of p.text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const cell = raw.trim();
    if (!cell) continue;
    const start = p.start + (m.index ?? 0) + lead;
    out.push({ ...p, text: cell, start, end: start + cell.length });
  }
  return out.length > 0 ? out : [p];
}

function readDocument(text: string, content: Paragraph[], body: Span): ImportedDocument {
  const doc: ImportedDocument = {
    kind: null,
    number: null,
    code: null,
    date: null,
    place: null,
    issuer: null,
    parentIssuer: null,
    title: null,
    signer: null,
    signerAuthority: null,
    signerPosition: null,
    references: [],
    sources: {},
  };
  const src = (start: number, end: number, confidence: number) => ({ start, end, confidence });
  // A formal document: header lines, "Số: 1994/KH-VPUBND", "Quảng Nam, ngày 03 tháng 9 năm 2019".
  // The header block: the first lines, or those around "Số:" when a web page's menus come first.
  // A header drawn as a two-column table ("Số: 4851/KH-UBND | Bình Dương, ngày 11 tháng 10 năm 2018 |")
  // is read cell by cell.
  const cells = content.slice(0, 80).flatMap(splitCells);
  const numberLine = cells.findIndex((p) => /^Số\s*:\s*\d/u.test(p.text));
  const head = cells.slice(Math.max(0, numberLine - 8), Math.max(16, numberLine + 12));
  const no = head.find((p) => /^Số\s*:\s*\d/u.test(p.text));
  if (no) {
    const m = new RegExp(`^Số\\s*:\\s*${NUMBER_CODE.replace(/\\\//g, "\\s*\\/\\s*")}`, "u").exec(no.text);
    if (m) {
      const code = m[2] ?? m[3];
      doc.number = m[1];
      doc.code = code;
      doc.sources.number = src(
        no.start + m[0].indexOf(m[1]),
        no.start + m[0].indexOf(m[1]) + m[1].length,
        0.95,
      );
      doc.sources.code = src(no.start + m[0].lastIndexOf(code), no.start + m[0].length, 0.95);
    }
  }
  for (const p of head) {
    const bare = /^ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})$/u.exec(p.text);
    if (bare && !doc.date) {
      doc.date = isoDate(Number(bare[1]), Number(bare[2]), Number(bare[3]));
      doc.sources.date = src(p.start, p.end, 0.9);
      continue;
    }
    const m = PLACE_DATE.exec(p.text);
    if (!m) continue;
    doc.place = normalizeText(m[1]);
    doc.date = isoDate(Number(m[2]), Number(m[3]), Number(m[4]));
    doc.sources.place = src(p.start, p.start + m[1].length, 0.9);
    doc.sources.date = src(p.start + m[1].length + 2, p.start + m[0].length, 0.95);
    break;
  }
  if (!doc.date && no) {
    // The place-and-date line away from the header: under the title, or over the signature.
    const line = content.flatMap(splitCells).find((p) => PLACE_DATE.test(p.text));
    const m = line ? PLACE_DATE.exec(line.text) : null;
    if (line && m) {
      doc.place = normalizeText(m[1]);
      doc.date = isoDate(Number(m[2]), Number(m[3]), Number(m[4]));
      doc.sources.place = src(line.start, line.start + m[1].length, 0.8);
      doc.sources.date = src(line.start + m[1].length + 2, line.start + m[0].length, 0.85);
    }
  }
  if (!doc.date && head.length > 0) {
    // The place-and-date line broken over a table's cells or lines ("Bình Dương, ngày 11 tháng 10 |" / "| năm 2018").
    const from = head[0].start;
    const m = PLACE_DATE_SPREAD.exec(text.slice(from, head[head.length - 1].end));
    if (m) {
      const at = from + (m.index ?? 0) + m[0].indexOf(m[1]);
      doc.place = normalizeText(m[1]);
      doc.date = isoDate(Number(m[2]), Number(m[3]), Number(m[4]));
      doc.sources.place = src(at, at + m[1].length, 0.8);
      doc.sources.date = src(at + m[1].length + 1, from + (m.index ?? 0) + m[0].length, 0.8);
    }
  }
  if (no) {
    // Issuer: the caps lines above "Số:" (parent body first, then the issuing agency).
    const above = head
      .slice(0, head.indexOf(no))
      .filter((p) => isCapsLine(p.text) && !/CỘNG HÒA|CỘNG HOÀ|Độc lập/u.test(p.text));
    // One name per line; "ỦY BAN NHÂN DÂN" over "XÃ NGHI PHONG" is one name written on two lines.
    const names: { text: string; start: number; end: number }[] = [];
    for (const p of above) {
      const text = p.text.split(/\s{2,}|\s+(?=CỘNG HÒA|CỘNG HOÀ)/u)[0].trim();
      if (!text) continue;
      const prev = names[names.length - 1];
      // "SỞ NÔNG NGHIỆP" over "VÀ PHÁT TRIỂN NÔNG THÔN" too.
      const continues =
        /^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN)$|\s(?:VÀ|&)$/u.test(prev?.text ?? "") ||
        /^(?:VÀ|&)\s/u.test(text);
      if (prev && continues) {
        prev.text = `${prev.text} ${text}`;
        prev.end = p.start + text.length;
      } else names.push({ text, start: p.start, end: p.start + text.length });
    }
    if (names.length > 0) {
      const last = names[names.length - 1];
      doc.issuer = normalizeText(last.text);
      doc.sources.issuer = src(last.start, last.end, 0.8);
      if (names.length > 1) {
        doc.parentIssuer = normalizeText(names[0].text);
        doc.sources.parentIssuer = src(names[0].start, names[0].end, 0.8);
      }
    }
    const titleIdx = head.findIndex((p) => /^(?:KẾ HOẠCH|BÁO CÁO|CHƯƠNG TRÌNH|CHỈ THỊ|ĐỀ ÁN)$/u.test(p.text));
    if (titleIdx >= 0 && head[titleIdx + 1]) {
      const t = head[titleIdx + 1];
      // The subject line may run on over the next line ("… năm 2021" / "của Văn phòng …").
      let end = t.end;
      let title = t.text;
      for (let i = titleIdx + 2; i < head.length && /^\p{Ll}/u.test(head[i].text); i++) {
        title += ` ${head[i].text}`;
        end = head[i].end;
      }
      doc.kind = sentenceCase(head[titleIdx].text);
      doc.title = normalizeText(title);
      doc.sources.title = src(t.start, end, 0.9);
    }
  }
  // A web page or a letter: "Văn phòng UBND tỉnh xây dựng Kế hoạch số 1994/KH-VPUBND ngày 03/9/2019 về …".
  const bodyText = text.slice(body.start, body.end);
  // "Ngày 12/3/2024, UBND thị xã … ban hành Kế hoạch số 86/KH-UBND …" names the document itself
  // before any "triển khai Kế hoạch số 37/…" that follows it names another.
  const dated = doc.number ? null : DATED_SELF_REF.exec(bodyText);
  const self = dated ? null : SELF_REF.exec(bodyText);
  if (self && (!doc.number || doc.number === self[2])) {
    const at = body.start + (self.index ?? 0);
    const numAt = at + self[0].indexOf(`${self[2]}/`);
    doc.kind ??= self[1];
    doc.number ??= self[2];
    doc.code ??= self[3];
    doc.sources.number ??= src(numAt, numAt + self[2].length, 0.9);
    doc.sources.code ??= src(numAt + self[2].length + 1, numAt + self[2].length + 1 + self[3].length, 0.9);
    if (!doc.date) {
      doc.date = isoDate(Number(self[4]), Number(self[5]), Number(self[6]));
      const d = self[0].indexOf("ngày", self[0].indexOf(self[3]));
      doc.sources.date = src(at + d, at + d + `ngày ${self[4]}/${self[5]}/${self[6]}`.length, 0.9);
    }
    if (!doc.title && self[7]) {
      doc.title = normalizeText(self[7]);
      const t = self[0].lastIndexOf(self[7]);
      doc.sources.title = src(at + t, at + t + self[7].length, 0.8);
    }
    if (!doc.issuer) {
      // The subject of the sentence: "Văn phòng UBND tỉnh" in "Văn phòng UBND tỉnh xây dựng Kế hoạch …".
      const sentenceStart =
        Math.max(
          bodyText.lastIndexOf(". ", self.index),
          bodyText.lastIndexOf("; ", self.index),
          bodyText.lastIndexOf("\n", self.index),
        ) + 1;
      const subject = bodyText.slice(sentenceStart, self.index).trim();
      if (subject.length > 3 && subject.length < 120) {
        doc.issuer = normalizeText(subject);
        const s = body.start + bodyText.indexOf(subject, sentenceStart);
        doc.sources.issuer = src(s, s + subject.length, 0.75);
      }
    }
  }
  if (dated) {
    const at = body.start + (dated.index ?? 0);
    const off = (part: string, from = 0) => at + dated[0].indexOf(part, from);
    doc.kind = dated[5];
    doc.number = dated[6];
    doc.code = dated[7];
    doc.date = isoDate(Number(dated[1]), Number(dated[2]), Number(dated[3]));
    doc.issuer = normalizeText(dated[4]);
    doc.sources.number = src(off(`${dated[6]}/`), off(`${dated[6]}/`) + dated[6].length, 0.85);
    doc.sources.code = src(off(dated[7]), off(dated[7]) + dated[7].length, 0.85);
    doc.sources.date = src(at, at + dated[0].indexOf(","), 0.85);
    doc.sources.issuer = src(off(dated[4]), off(dated[4]) + dated[4].length, 0.7);
    if (dated[8]) {
      doc.title = normalizeText(dated[8]);
      doc.sources.title = src(
        off(dated[8], dated[0].indexOf(dated[7])),
        off(dated[8], dated[0].indexOf(dated[7])) + dated[8].length,
        0.75,
      );
    }
  }
  if (doc.issuer && !doc.parentIssuer) {
    // "Văn phòng UBND tỉnh" names its parent body ("UBND tỉnh") in its own name.
    const m =
      /^(?:Văn phòng|Sở \p{L}+(?: \p{L}+)*?|Ban \p{L}+(?: \p{L}+)*?)\s+((?:UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân)\s.+)$/u.exec(
        doc.issuer,
      );
    if (m && doc.sources.issuer) {
      doc.parentIssuer = m[1];
      const off = doc.issuer.indexOf(m[1]);
      doc.sources.parentIssuer = src(doc.sources.issuer.start + off, doc.sources.issuer.end, 0.7);
    }
  }
  doc.references = findReferences(text, body.start, body.end).filter(
    (r) => !(r.number === doc.number && r.code === doc.code),
  );
  const signer = findSigner(content);
  if (signer) {
    doc.signer = signer.name.text;
    doc.sources.signer = src(signer.name.start, signer.name.end, 0.7);
    doc.signerAuthority = signer.authority;
    doc.signerPosition = signer.position;
  }
  return doc;
}

const isCapsLine = (s: string) => s.length > 2 && s === s.toUpperCase() && /\p{Lu}/u.test(s);
const sentenceCase = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();

const AUTHORITY = /^(?:KT\.|TM\.|TL\.|Q\.)\s*\p{Lu}/u;

/**
 * The signature block ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A"): the name
 * under it, the authority lines (TM./KT./TL./Q., one per line) and the position below them. In a
 * two-column layout the "Nơi nhận" lines sit between the title and the name.
 */
function findSigner(
  content: Paragraph[],
): { name: Paragraph; authority: string | null; position: string | null } | null {
  const start = content.findIndex((p) =>
    /^(?:KT\.|TM\.|TL\.|Q\.)\s*\p{Lu}|^(?:CHÁNH VĂN PHÒNG|GIÁM ĐỐC|CHỦ TỊCH|TRƯỞNG BAN)$/u.test(p.text),
  );
  if (start < 0) return null;
  for (let j = start + 1; j < Math.min(content.length, start + 14); j++) {
    const t = content[j].text;
    if (/^(?:\p{Lu}\p{Ll}*\s){1,4}\p{Lu}\p{Ll}+$/u.test(t) && !/^(?:Nơi nhận|Lưu)/u.test(t)) {
      // "PHÓ GIÁM ĐỐC (Đã ký)": a signature's note in brackets is not part of the position.
      const block = content.slice(start, j).map((p) => p.text.replace(/\s*\([^()]*\)\s*$/u, "").trim());
      const authority: string[] = [];
      // Authority lines, then the position: the lines in capitals; in two columns the recipients'
      // lines come between them.
      let position: string | null = null;
      for (const b of block) {
        // "- UBND TỈNH;": a recipient's line, in capitals too.
        if (!isCapsLine(b) || /^[-+•*–—]|[;,]$/u.test(b)) continue;
        if (!AUTHORITY.test(b)) {
          position = b;
          break;
        }
        authority.push(b);
      }
      return { name: content[j], authority: authority.length ? authority.join("\n") : null, position };
    }
  }
  return null;
}

function dedupeMentions(ms: UnitMention[]): UnitMention[] {
  const seen = new Set<string>();
  return ms.filter((m) => {
    const k = `${m.unit ?? ""}|${normalizeText(m.text).toLowerCase()}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function unitWarnings(units: UnitMention[]): ImportWarning[] {
  const out: ImportWarning[] = [];
  for (const u of units) {
    if (u.match === "near")
      out.push({
        ...warn("unit_near_miss", u.span, {
          vi: `"${u.text}" gần giống đơn vị "${u.unit}" (lỗi chính tả?)`,
          en: `"${u.text}" is close to the unit "${u.unit}" (a typo?)`,
        }),
        unit: u.text,
        suggestion: u.unit ?? undefined,
      });
    if (u.match === "unknown")
      out.push({
        ...warn("unit_unknown", u.span, {
          vi: `"${u.text}" không khớp đơn vị nào của cơ quan`,
          en: `"${u.text}" matches none of the agency's units`,
        }),
        unit: u.text,
      });
  }
  return out;
}

/**
 * The plan-lint rules of core/lint.ts, run on the imported plan (one set of rules for stored and
 * imported plans), with the span of the task or area each one is about; plus what only an import
 * can lack: no tasks at all, or a task whose section names no area.
 */
function gapWarnings(
  tasks: ImportedTask[],
  areas: ImportedAreaTarget[],
  taskSections: number,
  organisational: Set<number>,
): ImportWarning[] {
  const out: ImportWarning[] = [];
  if (taskSections === 0 || tasks.length === 0)
    out.push(warn("no_tasks", null, { vi: "Không tìm thấy nhiệm vụ nào", en: "No tasks were found" }));
  const lint = lintPlan({
    areaTargets: areas.map((a) => ({ areaCode: a.area, title: a.title })),
    tasks: tasks.map((t, i) => ({
      id: i,
      title: t.title,
      areaCode: t.area,
      leadUnits: t.leadUnits,
      coordinatingUnits: t.coordinatingUnits,
      due: t.due,
      period: t.period,
    })),
    // Unit names are checked against the agency's units by the importer itself, with their spans.
    knownUnits: tasks.flatMap((t) => [...t.leadUnits, ...t.coordinatingUnits]),
  });
  for (const issue of lint) {
    if (issue.rule === "unknown_unit" || issue.rule === "unresolved_group") continue;
    const task = typeof issue.taskId === "number" ? issue.taskId : undefined;
    const area = issue.areaCode ? areas.find((a) => a.area === issue.areaCode) : undefined;
    out.push({
      ...warn(issue.rule, task !== undefined ? tasks[task].span : (area?.span ?? null), {
        vi: issue.messageVi,
        en: issue.messageEn,
      }),
      ...(task !== undefined ? { task } : {}),
      ...(issue.areaCode ? { area: issue.areaCode } : {}),
    });
  }
  tasks.forEach((t, i) => {
    if (!t.area && !organisational.has(i))
      out.push({
        ...warn("task_without_area", t.span, {
          vi: `Không xác định được lĩnh vực của nhiệm vụ "${t.title}"`,
          en: `Could not tell which area task "${t.title}" belongs to`,
        }),
        task: i,
      });
  });
  return out;
}

function totals(areas: ImportedAreaTarget[]): ImportedPlan["totals"] {
  if (areas.length === 0) return null;
  const max: Centi = sumCenti(areas.map((a) => toCenti(a.max)));
  const target: Centi = sumCenti(areas.map((a) => toCenti(a.target)));
  const known = areas.every((a) => a.impliedBaseline !== null);
  const baseline = known ? sumCenti(areas.map((a) => toCenti(a.impliedBaseline as number))) : null;
  const years = new Set(areas.map((a) => a.baselineYear).filter((y) => y !== null));
  const pct = (c: Centi | null) => {
    if (c === null) return null;
    const p = percentCenti(c, max);
    return p === null ? null : fromCenti(p);
  };
  return {
    max: fromCenti(max),
    target: fromCenti(target),
    impliedBaseline: baseline === null ? null : fromCenti(baseline),
    baselineYear: years.size === 1 ? ([...years][0] as number) : null,
    targetPercent: pct(target),
    impliedBaselinePercent: pct(baseline),
  };
}
