/**
 * Sections and tasks. A plan numbers its sections ("4.1. Chỉ số thành phần “…”", "5. Tổ chức thực
 * hiện", "II.", "a)"); a task is a paragraph of a task section, or a bullet, together with the
 * labelled lines that follow it ("- Đơn vị chủ trì: …", "- Thời hạn hoàn thành: …").
 */
import { normalizeText } from "../locale.ts";
import { bestArea } from "./areas.ts";
import { findDeadline } from "./deadlines.ts";
import { findTargets } from "./measures.ts";
import type { Paragraph } from "./text.ts";
import type { ImportedTask, Span, UnitMention } from "./types.ts";
import { readUnitAt, readUnitList, type UnitMatcher } from "./units.ts";

export interface Section {
  number: string;
  title: string;
  heading: Paragraph;
  paragraphs: Paragraph[];
  children: Section[];
}

const HEADING = /^(?:(\d+(?:\.\d+)*)\.?|([IVX]+)\.)\s+(.+)$/u;
/** A new item of a list: "- …", "+ …", "• …", "a) …". */
const ITEM = /^(?:[-+•*]|[a-zđ]\))\s+/u;
const CONTINUATION =
  /^[-+•*]?\s*(?:(?:Đơn vị|Cơ quan)\s+)?(?:chủ trì|phối hợp|thời gian(?: thực hiện| hoàn thành)?|thời hạn(?: hoàn thành)?|sản phẩm|kết quả(?: đầu ra)?|chỉ tiêu|phân công trách nhiệm)\s*:/iu;

/** Splits body paragraphs into numbered sections (nested by their numbers). */
export function sections(paras: Paragraph[]): { preamble: Paragraph[]; roots: Section[] } {
  const roots: Section[] = [];
  const preamble: Paragraph[] = [];
  const stack: Section[] = [];
  for (const p of paras) {
    const h = HEADING.exec(p.text);
    const number = h ? (h[1] ?? h[2]) : null;
    // A heading is short, or a numbered item whose text starts with a label ("1. Mục đích: …").
    if (h && number && (p.text.length < 200 || /^[^:]{2,60}:/.test(h[3]))) {
      const depth = h[1] ? h[1].split(".").length : 0;
      const s: Section = { number, title: h[3], heading: p, paragraphs: [], children: [] };
      while (stack.length > 0 && sectionDepth(stack[stack.length - 1]) >= depth) stack.pop();
      if (stack.length === 0) roots.push(s);
      else stack[stack.length - 1].children.push(s);
      stack.push(s);
      continue;
    }
    if (stack.length === 0) preamble.push(p);
    else stack[stack.length - 1].paragraphs.push(p);
  }
  return { preamble, roots };
}

function sectionDepth(s: Section): number {
  return /^\d/.test(s.number) ? s.number.split(".").length : 0;
}

export function flatten(roots: Section[]): Section[] {
  return roots.flatMap((s) => [s, ...flatten(s.children)]);
}

const TASK_SECTION = /chỉ số thành phần|lĩnh vực|nhiệm vụ|giải pháp|tổ chức thực hiện|tiêu chí/iu;
const NOT_TASKS = /^(?:mục đích|yêu cầu|chỉ tiêu|mục tiêu|căn cứ|kinh phí|quan điểm)/iu;

/**
 * A section holds tasks when it is a leaf that is not the purpose/requirements/targets part and
 * either says so in its title, is named after an area, or assigns units ("Chủ trì: …").
 */
export function isTaskSection(s: Section, areaTitles: readonly { title: string }[] = []): boolean {
  if (s.children.length > 0 || NOT_TASKS.test(s.title) || s.paragraphs.length === 0) return false;
  return (
    TASK_SECTION.test(s.title) ||
    bestArea(s.title, areaTitles) >= 0 ||
    s.paragraphs.some((p) => /chủ trì\s*:/iu.test(p.text))
  );
}

/**
 * Groups a task section's paragraphs into tasks: labelled lines join the task above them, and in a
 * section written as a list ("a) …", "- …"), so does plain text under an item.
 */
export function taskBlocks(s: Section): Paragraph[][] {
  const blocks: Paragraph[][] = [];
  const isList = s.paragraphs.some((p) => ITEM.test(p.text) && !CONTINUATION.test(p.text));
  for (const p of s.paragraphs) {
    const joins = CONTINUATION.test(p.text) || (isList && !ITEM.test(p.text));
    if (joins && blocks.length > 0) blocks[blocks.length - 1].push(p);
    else blocks.push([p]);
  }
  return blocks;
}

const LABEL = /(?:(?:Đơn vị|Cơ quan)\s+)?(chủ trì|phối hợp)\s*(?:thực hiện\s*)?:/giu;
const SUBJECT_VERB =
  /^\s*(?:chịu trách nhiệm|có trách nhiệm|báo cáo|chủ trì|căn cứ|chủ động|thực hiện|tham mưu|theo dõi|phụ trách|triển khai|xây dựng)/iu;

export function readTask(
  text: string,
  block: Paragraph[],
  section: Section,
  matcher: UnitMatcher,
): Omit<ImportedTask, "area"> {
  const span: Span = { start: block[0].start, end: block[block.length - 1].end };
  const body = text.slice(span.start, span.end);
  const lead: UnitMention[] = [];
  const coordinating: UnitMention[] = [];
  const labels = [...body.matchAll(LABEL)];
  labels.forEach((m, i) => {
    const from = span.start + (m.index ?? 0) + m[0].length;
    const next = labels[i + 1];
    const limit = next ? span.start + (next.index ?? 0) : span.end;
    // The list ends at ";" or at the end of the sentence.
    const rest = text.slice(from, limit);
    const stop = /;|\.(?:\s|$)|\n/u.exec(rest);
    const end = stop ? from + stop.index : limit;
    const units = readUnitList(text, { start: from, end }, matcher);
    (m[1].toLowerCase() === "chủ trì" ? lead : coordinating).push(...units);
  });
  let confidence = lead.length > 0 ? 0.9 : 0.5;
  if (lead.length === 0) {
    // No "Chủ trì:": the units that are the subject of a sentence ("Phòng X chịu trách nhiệm …") lead.
    for (const m of body.matchAll(/(?:^|[.:;]\s+|\n)/gu)) {
      const pos = span.start + (m.index ?? 0) + m[0].length;
      const u = readUnitAt(text, pos, span.end, matcher);
      if (u && SUBJECT_VERB.test(text.slice(u.span.end, u.span.end + 40))) {
        if (!lead.some((l) => sameUnit(l, u))) lead.push(u);
      }
    }
    if (lead.length > 0) confidence = 0.7;
  }
  const deadline = findDeadline(text, span);
  const first = normalizeText(block[0].text.replace(ITEM, ""));
  return {
    section: section.number.replace(/\.$/, ""),
    title: taskTitle(first),
    text: normalizeText(body.replace(/\n/g, " ")),
    leadUnits: dedupe(lead),
    coordinatingUnits: dedupe(coordinating),
    startsOn: deadline?.startsOn ?? null,
    due: deadline?.due ?? null,
    period: deadline?.period ?? null,
    targets: findTargets(text, span),
    span,
    confidence,
    units: [...lead, ...coordinating],
  };
}

const sameUnit = (a: UnitMention, b: UnitMention) =>
  (a.unit ?? normalizeText(a.text).toLowerCase()) === (b.unit ?? normalizeText(b.text).toLowerCase());

function dedupe(units: UnitMention[]): string[] {
  const out: string[] = [];
  for (const u of units) {
    const name = u.unit ?? normalizeText(u.text);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** The words before the first colon when they read as a title, else the first clause, shortened. */
export function taskTitle(first: string): string {
  let t = first.replace(/^(?:Nội dung(?: và yêu cầu)?|Nhiệm vụ|Nội dung công việc)\s*:\s*/iu, "");
  // A table row read as "content; Chủ trì: …": the title is the content.
  const labelled =
    /[;.]\s*(?:(?:Đơn vị|Cơ quan)\s+)?(?:chủ trì|phối hợp|thời hạn|thời gian|sản phẩm)\s*:/iu.exec(t);
  if (labelled) t = t.slice(0, labelled.index);
  const colon = t.indexOf(":");
  if (colon > 3 && colon <= 120) return t.slice(0, colon).trim();
  const clause = /^[^;.]+/u.exec(t)?.[0] ?? t;
  t = clause.trim();
  if (t.length <= 120) return t;
  const cut = t.slice(0, 117);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}
