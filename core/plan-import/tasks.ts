/**
 * Sections and tasks. A plan numbers its sections ("4.1. Chỉ số thành phần “…”", "5. Tổ chức thực
 * hiện", "II.", "a)"); a task is a paragraph of a task section, or a bullet, together with the
 * labelled lines that follow it ("- Đơn vị chủ trì: …", "- Thời hạn hoàn thành: …").
 */
import { normalizeText } from "../locale.ts";
import { bestArea } from "./areas.ts";
import { taskDeadline } from "./deadlines.ts";
import { findTargets } from "./measures.ts";
import { readRoles, sameUnit } from "./roles.ts";
import { isSectionTarget } from "./targets.ts";
import type { Paragraph } from "./text.ts";
import type { ImportedTask, Span, UnitMention } from "./types.ts";
import { readUnitAt, type UnitMatcher } from "./units.ts";

export interface Section {
  number: string;
  title: string;
  heading: Paragraph;
  paragraphs: Paragraph[];
  children: Section[];
}

// "1.", "1.2.", "II." and a part lettered "A. CẢI CÁCH THỂ CHẾ" (between the Roman and the Arabic levels).
const HEADING = /^(?:(\d{1,3}(?:\.\d{1,3})*)\.?|([IVX]+)\.|([A-ZĐ])\.)\s+(.+)$/u;
/** The number of a numbered heading or task, before its title. */
const NUMBERED = /^(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-ZĐ]\.|Nhiệm vụ \d+[.:])\s+/u;
/** A new item of a list: "- …", "+ …", "• …", "a) …", and a numbered one too long to be a heading ("1.2. …"). */
const ITEM = /^(?:[-+•*–—]|[a-zđ]\)|\d+(?:\.\d+)+\.?)\s+/u;
const CONTINUATION =
  /^[-+•*–—]?\s*(?:(?:Đơn vị|Cơ quan)\s+)?(?:chủ trì|phối hợp|thời gian(?: thực hiện| hoàn thành)?|thời hạn(?: hoàn thành)?|hoàn thành|sản phẩm|kết quả(?: đầu ra)?|chỉ tiêu|phân công trách nhiệm|(?:đơn vị|cơ quan|người) thực hiện|nội dung)\s*:/iu;

/** Splits body paragraphs into numbered sections (nested by their numbers). */
export function sections(paras: Paragraph[]): { preamble: Paragraph[]; roots: Section[] } {
  const roots: Section[] = [];
  const preamble: Paragraph[] = [];
  const stack: Section[] = [];
  paras.forEach((p, i) => {
    const h = HEADING.exec(p.text);
    const number = h ? (h[1] ?? h[2] ?? h[3]) : null;
    if (
      h &&
      number &&
      isHeading(h[4], p.text, paras[i + 1]?.text) &&
      !bareTask(number, p.text, paras[i + 1])
    ) {
      const s: Section = { number, title: h[4], heading: p, paragraphs: [], children: [] };
      const depth = sectionDepth(s);
      while (stack.length > 0 && sectionDepth(stack[stack.length - 1]) >= depth) stack.pop();
      if (stack.length === 0) roots.push(s);
      else stack[stack.length - 1].children.push(s);
      stack.push(s);
      return;
    }
    // A numbered task ("3. Theo dõi …" after the heading "2. Rà soát …") belongs to its level's parent.
    if (h?.[1])
      while (stack.length > 0 && sectionDepth(stack[stack.length - 1]) >= depthOf(h[1])) stack.pop();
    // A directive's numbered assignment ("4. Giao Sở Tài chính chủ trì …") is a task section of its own.
    if (h?.[1] && number && /^Giao\s/u.test(h[4])) {
      const s: Section = { number, title: h[4], heading: p, paragraphs: [p], children: [] };
      if (stack.length === 0) roots.push(s);
      else stack[stack.length - 1].children.push(s);
      return;
    }
    if (stack.length === 0) preamble.push(p);
    else stack[stack.length - 1].paragraphs.push(p);
  });
  return { preamble, roots };
}

/**
 * "4. Gắn kết quả … (thời hạn: thường xuyên)." followed by "5. …" or "B. …": a sentence with nothing
 * under it is a task, not a heading.
 */
function bareTask(number: string, line: string, next: Paragraph | undefined): boolean {
  if (!/^\d/.test(number) || !/\.$/u.test(line)) return false;
  const h = next ? HEADING.exec(next.text) : null;
  const nextNumber = h ? (h[1] ?? h[2] ?? h[3]) : null;
  if (next && !nextNumber) return false;
  return nextNumber === null || depthOf(nextNumber) <= depthOf(number);
}

const depthOf = (n: string) => sectionDepth({ number: n } as Section);

/**
 * A numbered line is a heading when it is short, or starts with a label ("1. Mục đích: …"). A short
 * line of several clauses ("6.1. Ký số 95% văn bản; … Giao Văn phòng thực hiện.") or one followed by
 * its "Cơ quan chủ trì: …" is a task.
 */
function isHeading(title: string, line: string, next: string | undefined): boolean {
  if ((line.match(/\|/g) ?? []).length >= 2) return false; // a table's row: "8 | Tác động … | 24,5 | 22,47"
  if (/^[^:.;]{2,60}:/.test(title)) return true;
  // Clauses outside brackets: "“Cải cách thể chế” (điểm tối đa: 7; năm 2024 đạt 6,5 điểm)" is a heading.
  if (line.length >= 200 || /[;.]\s+\S/u.test(title.replace(/\([^)]*\)/gu, ""))) return false;
  return next === undefined || !CONTINUATION.test(next);
}

function sectionDepth(s: Section): number {
  if (/^\d/.test(s.number)) return s.number.split(".").length;
  return /^[IVX]+$/.test(s.number) ? 0 : 0.5;
}

export function flatten(roots: Section[]): Section[] {
  return roots.flatMap((s) => [s, ...flatten(s.children)]);
}

/** A section titled by an agency alone: "Sở Nội vụ:", "Văn phòng UBND tỉnh", "Ủy ban nhân dân các huyện, thị xã". */
const AGENCY_TITLE =
  /^(?:Sở|Ban|Văn phòng|Phòng|Thanh tra|Công an|Bộ|Ủy ban nhân dân|UBND|Trung tâm|Cục|Chi cục|Kho bạc|Bảo hiểm|Đài|Báo|Các sở|Các cơ quan)\s[^:;.]{2,80}:?$/u;
const TASK_SECTION = /chỉ số thành phần|lĩnh vực|nhiệm vụ|giải pháp|tổ chức thực hiện|tiêu chí/iu;
const NOT_TASKS =
  /^(?:mục đích|yêu cầu|chỉ tiêu|mục tiêu|căn cứ|kinh phí|quan điểm|kết quả|đánh giá|thực trạng)/iu;

/** A section with the area title it falls under: its own, or its parent's ("1.1" under "1. Cải cách thể chế"). */
export interface TaskSection {
  section: Section;
  /** The titles to match against areas, nearest first. */
  titles: string[];
  organisational: boolean;
  /** The section's own title names an area ("2. Cải cách thể chế"), rather than a task. */
  area: boolean;
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
    // "5. Tổ chức thực hiện", not "II. Xây dựng và tổ chức thực hiện thể chế".
    const organisational = /^tổ chức thực hiện/iu.test(s.title);
    const own = [s.title, ...(organisational ? [] : titles)];
    const area = bestArea(s.title, areaTitles) >= 0;
    // A directive's tasks per agency: "1. Sở Nội vụ:" over its items; "4. Giao Sở Tư pháp …".
    const named =
      TASK_SECTION.test(s.title) || area || AGENCY_TITLE.test(s.title) || /^Giao\s/u.test(s.title);
    const assigns = s.paragraphs.some((p) => /chủ trì|thực hiện\s*:/iu.test(p.text));
    if (s.paragraphs.length > 0 && (underTasks || named || assigns))
      out.push({ section: s, titles: own, organisational, area });
    for (const c of s.children) walk(c, own, underTasks || TASK_SECTION.test(s.title));
  };
  for (const r of roots) walk(r, [], false);
  return out;
}

const BOILERPLATE =
  /^(?:Trong quá trình (?:tổ chức )?(?:triển khai )?thực hiện|Kế hoạch (?:này )?(?:phân công|gồm)|Trên đây là|(?:Tồn tại|Hạn chế|Nguyên nhân)[^:]{0,40}:)/iu;
const ASSIGNS = /chủ trì|(?:thực hiện|thời hạn|thời gian)[^:]{0,20}:/iu;

const marker = (text: string) => {
  const m = /^(?:([-+•*–—])|[a-zđ]\)|\d+(?:\.\d+)+\.?)\s/u.exec(text);
  return m ? (m[1] ?? (/^\d/.test(text) ? "1.1" : "a)")) : null;
};

/**
 * The task paragraphs of a section. A heading that is itself a task ("1. Kiểm tra cải cách hành
 * chính", its items a), b) and then one "Cơ quan chủ trì: …" for all of them) is one task; so is an
 * item ending in ":" with its sub-items ("- Số hóa hồ sơ:" / "+ …" / "+ …").
 */
export function taskBlocks(s: Section, area = false): Paragraph[][] {
  const ps = s.paragraphs;
  const firstLabel = ps.findIndex((p) => CONTINUATION.test(p.text));
  const itemsThenLabels =
    firstLabel >= 0 &&
    ps.slice(firstLabel).every((p) => CONTINUATION.test(p.text)) &&
    ps.slice(0, firstLabel).every((p) => marker(p.text) !== null) &&
    (firstLabel === 0 || (firstLabel >= 2 && !area));
  if (s.children.length === 0 && itemsThenLabels) return [[s.heading, ...ps]];
  const blocks: Paragraph[][] = [];
  const isList = ps.some((p) => ITEM.test(p.text) && !CONTINUATION.test(p.text));
  let parent: string | null = null;
  for (const p of ps) {
    const m = marker(p.text);
    // A sub-item with its own lead unit or deadline is a task of its own, not part of its lead-in.
    const sub = parent !== null && m !== null && m !== parent && !ASSIGNS.test(p.text);
    const joins =
      sub || CONTINUATION.test(p.text) || (isList && !ITEM.test(p.text) && !BOILERPLATE.test(p.text));
    if (joins && blocks.length > 0) blocks[blocks.length - 1].push(p);
    else {
      blocks.push([p]);
      parent = m !== null && /:$/u.test(p.text) ? m : null;
    }
  }
  return blocks.filter(
    (b) =>
      !BOILERPLATE.test(b[0].text.replace(ITEM, "")) &&
      // A lead-in: "…, tập trung thực hiện các nhiệm vụ trọng tâm sau:", "- Nhiệm vụ, giải pháp:".
      !(
        b.length === 1 &&
        /:$/u.test(b[0].text) &&
        (b[0].text.length < 80 || /\s(?:sau|dưới|sau đây|dưới đây)\s*:$/u.test(b[0].text))
      ) &&
      !isSectionTarget(b[0].text),
  );
}

export function readTask(
  text: string,
  block: Paragraph[],
  section: Section,
  matcher: UnitMatcher,
  year: number | null = null,
): Omit<ImportedTask, "area"> {
  const span: Span = { start: block[0].start, end: block[block.length - 1].end };
  const body = text.slice(span.start, span.end);
  const roles = readRoles(text, span, matcher);
  const { lead, coordinating } = roles;
  // Tasks grouped under their lead unit ("1. Phòng Nội vụ" / "- Về …: tham mưu …"): the group's unit leads.
  const owner = lead.length === 0 ? sectionUnit(text, section, matcher) : null;
  if (owner && !coordinating.some((c) => sameUnit(c, owner))) lead.push(owner);
  const confidence = owner ? 0.7 : roles.confidence;
  const { deadline, windows } = taskDeadline(text, span, year);
  const first = normalizeText(block[0].text.replace(ITEM, "").replace(NUMBERED, ""));
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
    // Only when a sentence states its own window (docs/plan-import.md, "Deadlines").
    ...(windows.length ? { windows } : {}),
    targets: findTargets(text, span),
    span,
    confidence,
    units: [...lead, ...coordinating],
  };
}

/** The unit a section's title names, when the title is nothing but that unit ("2. Văn phòng HĐND và UBND huyện"). */
function sectionUnit(text: string, section: Section, matcher: UnitMatcher): UnitMention | null {
  const { heading, title } = section;
  const u = readUnitAt(text, heading.end - title.length, heading.end, matcher);
  const rest = text
    .slice(u?.span.end ?? heading.end, heading.end)
    .replace(/:\s*$/u, "")
    .trim();
  return u && (u.unit || u.match === "unchecked") && rest === "" ? u : null;
}

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
    /[;.]\s*(?:(?:Đơn vị|Cơ quan)\s+)?(?:chủ trì|phối hợp|(?<=(?:Đơn vị|Cơ quan|Người)\s+)thực hiện|thời hạn(?: hoàn thành)?|thời gian(?: thực hiện| hoàn thành)?|sản phẩm|chỉ tiêu)\s*:/iu.exec(
      t,
    );
  if (labelled) t = t.slice(0, labelled.index);
  const colon = t.indexOf(":");
  if (colon > 3 && colon <= 120) return t.slice(0, colon).trim();
  // The first sentence or clause, whole: a full stop inside brackets ("(…, v.v.)") does not end it.
  const clause = /^(?:[^;.(]|\([^)]*\))+/u.exec(t)?.[0] ?? t;
  t = clause.trim();
  // A long title ends before its bracketed remark ("(đảm bảo số lượng người dự thi …)"), never inside a word.
  if (t.length > 120) {
    const bare = t.slice(0, t.indexOf("(")).trim();
    if (t.includes("(") && bare.length >= 15) t = bare;
  }
  // Stored titles hold at most 500 characters: beyond that, whole words and "…".
  if (t.length <= 500) return t;
  const cut = t.slice(0, 499);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}
