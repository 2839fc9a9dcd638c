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
import { readUnitList, type UnitMatcher } from "./units.ts";

export interface Section {
  number: string;
  title: string;
  heading: Paragraph;
  paragraphs: Paragraph[];
  children: Section[];
}

// "1.", "1.2.", "II." and a part lettered "A. CẢI CÁCH THỂ CHẾ" (between the Roman and the Arabic levels).
const HEADING = /^(?:(\d+(?:\.\d+)*)\.?|([IVX]+)\.|([A-ZĐ])\.)\s+(.+)$/u;
/** A new item of a list: "- …", "+ …", "• …", "a) …", and a numbered one too long to be a heading ("1.2. …"). */
const ITEM = /^(?:[-+•*–—]|[a-zđ]\)|\d+(?:\.\d+)+\.?)\s+/u;
const CONTINUATION =
  /^[-+•*–—]?\s*(?:(?:Đơn vị|Cơ quan)\s+)?(?:chủ trì|phối hợp|thời gian(?: thực hiện| hoàn thành)?|thời hạn(?: hoàn thành)?|sản phẩm|kết quả(?: đầu ra)?|chỉ tiêu|phân công trách nhiệm|(?:đơn vị|cơ quan|người) thực hiện|nội dung)\s*:/iu;

/** Splits body paragraphs into numbered sections (nested by their numbers). */
export function sections(paras: Paragraph[]): { preamble: Paragraph[]; roots: Section[] } {
  const roots: Section[] = [];
  const preamble: Paragraph[] = [];
  const stack: Section[] = [];
  for (const p of paras) {
    const h = HEADING.exec(p.text);
    const number = h ? (h[1] ?? h[2] ?? h[3]) : null;
    // A heading is short, or a numbered item whose text starts with a label ("1. Mục đích: …");
    // a short item of several clauses ("6.1. Ký số 95% văn bản; … Giao Văn phòng thực hiện.") is a task.
    const labelled = h ? /^[^:.;]{2,60}:/.test(h[4]) : false;
    const clauses = h ? /[;.]\s+\S/u.test(h[4]) : false;
    if (h && number && (labelled || (p.text.length < 200 && !clauses))) {
      const s: Section = { number, title: h[4], heading: p, paragraphs: [], children: [] };
      const depth = sectionDepth(s);
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
  if (/^\d/.test(s.number)) return s.number.split(".").length;
  return /^[IVX]+$/.test(s.number) ? 0 : 0.5;
}

export function flatten(roots: Section[]): Section[] {
  return roots.flatMap((s) => [s, ...flatten(s.children)]);
}

const TASK_SECTION = /chỉ số thành phần|lĩnh vực|nhiệm vụ|giải pháp|tổ chức thực hiện|tiêu chí/iu;
const NOT_TASKS = /^(?:mục đích|yêu cầu|chỉ tiêu|mục tiêu|căn cứ|kinh phí|quan điểm)/iu;

/** A section with the area title it falls under: its own, or its parent's ("1.1" under "1. Cải cách thể chế"). */
export interface TaskSection {
  section: Section;
  /** The titles to match against areas, nearest first. */
  titles: string[];
  organisational: boolean;
}

/**
 * The sections that hold tasks: not the purpose/requirements/targets part, and either under a
 * "Nhiệm vụ, giải pháp" part, named like a task part or after an area, or assigning units.
 * A section's own paragraphs are its tasks, also when it has subsections.
 */
export function taskSections(roots: Section[], areaTitles: readonly { title: string }[] = []): TaskSection[] {
  const out: TaskSection[] = [];
  const walk = (s: Section, titles: string[], underTasks: boolean) => {
    if (NOT_TASKS.test(s.title)) return;
    const organisational = /tổ chức thực hiện/iu.test(s.title);
    const own = [s.title, ...(organisational ? [] : titles)];
    const named = TASK_SECTION.test(s.title) || bestArea(s.title, areaTitles) >= 0;
    const assigns = s.paragraphs.some((p) => /chủ trì|thực hiện\s*:/iu.test(p.text));
    if (s.paragraphs.length > 0 && (underTasks || named || assigns))
      out.push({ section: s, titles: own, organisational });
    for (const c of s.children) walk(c, own, underTasks || TASK_SECTION.test(s.title));
  };
  for (const r of roots) walk(r, [], false);
  return out;
}

const BOILERPLATE =
  /^(?:Trong quá trình (?:tổ chức )?(?:triển khai )?thực hiện|Kế hoạch (?:này )?(?:phân công|gồm)|Trên đây là)/iu;

export function taskBlocks(s: Section): Paragraph[][] {
  const blocks: Paragraph[][] = [];
  const isList = s.paragraphs.some((p) => ITEM.test(p.text) && !CONTINUATION.test(p.text));
  for (const p of s.paragraphs) {
    const joins = CONTINUATION.test(p.text) || (isList && !ITEM.test(p.text) && !BOILERPLATE.test(p.text));
    if (joins && blocks.length > 0) blocks[blocks.length - 1].push(p);
    else blocks.push([p]);
  }
  // "…, tập trung thực hiện các nhiệm vụ trọng tâm sau:" introduces the tasks; it is not one.
  return blocks.filter(
    (b) =>
      !BOILERPLATE.test(b[0].text.replace(ITEM, "")) && !(b.length === 1 && /\ssau\s*:$/u.test(b[0].text)),
  );
}

const LABEL =
  /(?:(?:Đơn vị|Cơ quan)\s+)?(chủ trì|phối hợp|(?<=(?:Đơn vị|Cơ quan|Người)\s+)thực hiện)\s*(?:thực hiện\s*)?:/giu;
const SUBJECT_VERB =
  /^\s*(?:là cơ quan (?:thường trực|đầu mối|chủ trì)|chịu trách nhiệm|có trách nhiệm|báo cáo|chủ trì|căn cứ|chủ động|thực hiện|tham mưu|theo dõi|phụ trách|triển khai|xây dựng)/iu;

export function readTask(
  text: string,
  block: Paragraph[],
  section: Section,
  matcher: UnitMatcher,
  year: number | null = null,
): Omit<ImportedTask, "area"> {
  const span: Span = { start: block[0].start, end: block[block.length - 1].end };
  const body = text.slice(span.start, span.end);
  const lead: UnitMention[] = [];
  const coordinating: UnitMention[] = [];
  const assign = (units: UnitMention[], roles: Role[]) =>
    units.forEach((u, j) => {
      const into = roles[j] === "lead" ? lead : coordinating;
      if (![...lead, ...coordinating].some((x) => sameUnit(x, u))) into.push(u);
    });
  const labels = [...body.matchAll(LABEL)];
  labels.forEach((m, i) => {
    const from = span.start + (m.index ?? 0) + m[0].length;
    const next = labels[i + 1];
    const limit = next ? span.start + (next.index ?? 0) : span.end;
    // The list runs to the next label or the end of the sentence; reading stops at the first non-unit.
    const rest = text.slice(from, limit);
    const stop = /\.(?:\s|$)|\n/u.exec(rest);
    const end = stop ? from + stop.index : limit;
    const units = readUnitList(text, { start: from, end }, matcher);
    assign(units, listRoles(text, units, end, m[1].toLowerCase() === "phối hợp" ? "coordinating" : "lead"));
  });
  // "Giao Thanh tra Sở chủ trì, phối hợp với Văn phòng Sở …", "Phòng X chủ trì, phối hợp với Phòng Y …"
  if (lead.length === 0) {
    for (const m of body.matchAll(/(?:^|[.:;,]\s+|\n)(?:Giao\s+)?|(?<![\p{L}])giao\s+/gu)) {
      const pos = span.start + (m.index ?? 0) + m[0].length;
      const end = Math.min(span.end, pos + 200);
      const units = readUnitList(text, { start: pos, end }, matcher);
      const says = units.some((u, i) =>
        /^[\s,]*(?:là cơ quan\s+)?chủ trì/iu.test(text.slice(u.span.end, units[i + 1]?.span.start ?? end)),
      );
      if (says) assign(units, listRoles(text, units, end, "lead"));
    }
  }
  if (coordinating.length === 0) {
    for (const m of body.matchAll(/phối hợp (?:chặt chẽ )?với\s+/giu)) {
      const pos = span.start + (m.index ?? 0) + m[0].length;
      const stop = /[;.](?:\s|$)|\n/u.exec(text.slice(pos, span.end));
      for (const u of readUnitList(text, { start: pos, end: stop ? pos + stop.index : span.end }, matcher))
        if (!coordinating.some((c) => sameUnit(c, u)) && !lead.some((l) => sameUnit(l, u)))
          coordinating.push(u);
    }
  }
  let confidence = lead.length > 0 ? 0.9 : 0.5;
  if (lead.length === 0) {
    // No "Chủ trì:": the units that are the subject of a sentence ("Phòng X chịu trách nhiệm …",
    // "Giao Công chức Văn phòng theo dõi …") lead.
    for (const m of body.matchAll(
      /(?:^|[.:;]\s+|\n)(?:Giao\s+)?(?:(?:Thủ trưởng|Lãnh đạo|Người đứng đầu|Trưởng)\s+(?=[Cc]ác|\p{Lu}))?/gu,
    )) {
      const pos = span.start + (m.index ?? 0) + m[0].length;
      // "Thủ trưởng các cơ quan …, Chủ tịch UBND các xã … căn cứ …": the subjects before the verb lead.
      const end = Math.min(span.end, pos + 240);
      const units = readUnitList(text, { start: pos, end }, matcher);
      const last = units[units.length - 1];
      if (last && SUBJECT_VERB.test(text.slice(last.span.end, last.span.end + 40)))
        assign(units, listRoles(text, units, end, "lead"));
    }
    if (lead.length > 0) confidence = 0.7;
  }
  const deadline = findDeadline(text, span, year);
  const first = normalizeText(block[0].text.replace(ITEM, ""));
  // An item line of its own, with its details below it, is the task's title as a whole.
  const ownLine = block.length > 1 && first.length <= 150 && CONTINUATION.test(block[1].text);
  return {
    section: section.number.replace(/\.$/, ""),
    title: ownLine ? first.replace(/[.;:]$/, "") : taskTitle(first),
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

type Role = "lead" | "coordinating";

/**
 * The role of each unit of a labelled list, from the role words written between them:
 * "A chủ trì; B, C phối hợp" (a role word ends the units since the previous one),
 * "A chủ trì, phối hợp với B" (what follows "phối hợp với" coordinates). Otherwise the label's role.
 */
export function listRoles(text: string, units: UnitMention[], end: number, role: Role): Role[] {
  const roles: Role[] = [];
  let pending = 0;
  let current = role;
  units.forEach((u, i) => {
    const gap = text.slice(u.span.end, units[i + 1]?.span.start ?? end);
    const said = /^[\s,]*(chủ trì|phối hợp)(?![\p{L}\p{M}])(?!\s+với)/iu.exec(gap)?.[1]?.toLowerCase();
    roles.push(current);
    if (said) {
      for (let j = pending; j <= i; j++) roles[j] = said === "chủ trì" ? "lead" : "coordinating";
      pending = i + 1;
    }
    if (/phối hợp\s+với/iu.test(gap)) {
      current = "coordinating";
      pending = i + 1;
    }
  });
  return roles;
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
    /[;.]\s*(?:(?:Đơn vị|Cơ quan)\s+)?(?:chủ trì|phối hợp|thời hạn(?: hoàn thành)?|thời gian(?: thực hiện| hoàn thành)?|sản phẩm|chỉ tiêu)\s*:/iu.exec(
      t,
    );
  if (labelled) t = t.slice(0, labelled.index);
  const colon = t.indexOf(":");
  if (colon > 3 && colon <= 120) return t.slice(0, colon).trim();
  const clause = /^[^;.]+/u.exec(t)?.[0] ?? t;
  t = clause.trim();
  if (t.length <= 120) return t;
  const cut = t.slice(0, 117);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}
