/**
 * Who leads and who coordinates a task, from what its text says: labelled lists ("Chủ trì: A;
 * Phối hợp: B", "Đơn vị thực hiện: A chủ trì; B, C phối hợp"), assignments ("Giao A chủ trì, phối
 * hợp với B …"), and the subjects of its sentences ("Phòng X chịu trách nhiệm …" leads, "Các ban,
 * ngành phối hợp …" coordinates).
 */
import { normalizeText } from "../locale.ts";
import type { Span, UnitMention } from "./types.ts";
import { readUnitList, type UnitMatcher } from "./units.ts";

export type Role = "lead" | "coordinating";

export interface Roles {
  lead: UnitMention[];
  coordinating: UnitMention[];
  /** 0.9 when the text says who leads, 0.7 when read from a sentence's subject, 0.5 when unknown. */
  confidence: number;
}

// "Chủ trì: …", "Đơn vị thực hiện: …", and "Giao: X chủ trì; phối hợp: Y" (who is given the task leads it).
const LABEL =
  /(?:(?:Đơn vị|Cơ quan)\s+)?(chủ trì|phối hợp|(?<=(?:Đơn vị|Cơ quan|Người)\s+)thực hiện|(?<![\p{L}])giao)\s*(?:thực hiện\s*)?:/giu;
/** The verbs after which the units before them lead the task. */
const SUBJECT_VERB =
  /^\s*(?:là (?:cơ quan |đơn vị )?(?:thường trực|đầu mối|chủ trì)|chịu trách nhiệm|có trách nhiệm|báo cáo|chủ trì|căn cứ|chủ động|thực hiện|tham mưu|theo dõi|phụ trách|triển khai|xây dựng|tổ chức (?:triển khai|thực hiện))/iu;
/** One of those verbs somewhere ahead: worth reading the units before it. */
const SUBJECT_VERB_AHEAD =
  /là (?:cơ quan |đơn vị )?(?:thường trực|đầu mối|chủ trì)|chịu trách nhiệm|có trách nhiệm|báo cáo|chủ trì|căn cứ|chủ động|thực hiện|tham mưu|theo dõi|phụ trách|triển khai|xây dựng/iu;
/** An item's mark before its text: "- ", "a) ", "1.2. ", "Nhiệm vụ 3. ". */
const MARK = "(?:(?:[-+•*–—]|[a-zđ]\\)|\\d+(?:\\.\\d+)*\\.|Nhiệm vụ \\d+[.:])\\s+)?";
/** Where an assignment may start: a clause, or "giao" inside one. */
const ASSIGNMENT = new RegExp(`(?:^|[.:;,]\\s+|\\n)${MARK}(?:Giao\\s+)?|(?<![\\p{L}])giao\\s+`, "gu");
/** Where a phrase starts, commas included. */
const PHRASE = new RegExp(`(?:^|[.:;,]\\s+|\\n)${MARK}`, "gu");
/** Where a clause starts, with an item's mark and "Giao" skipped. */
const CLAUSE = new RegExp(`(?:^|[.:;]\\s+|\\n)${MARK}(?:Giao\\s+)?`, "gu");
/** A title before a unit: "Thủ trưởng các cơ quan …", "Lãnh đạo Phòng …". */
const TITLE = /^(?:Thủ trưởng|Lãnh đạo|Người đứng đầu|Trưởng)\s+(?=[Cc]ác|\p{Lu})/u;

export function readRoles(text: string, span: Span, matcher: UnitMatcher): Roles {
  const body = text.slice(span.start, span.end);
  const lead: UnitMention[] = [];
  const coordinating: UnitMention[] = [];
  const assign = (units: UnitMention[], roles: Role[]) =>
    units.forEach((u, j) => {
      const into = roles[j] === "lead" ? lead : coordinating;
      if (![...lead, ...coordinating].some((x) => sameUnit(x, u))) into.push(u);
    });
  const at = (m: RegExpMatchArray) => span.start + (m.index ?? 0) + m[0].length;

  const labels = [...body.matchAll(LABEL)];
  labels.forEach((m, i) => {
    const from = at(m);
    const limit = labels[i + 1] ? span.start + (labels[i + 1].index ?? 0) : span.end;
    // The list runs to the next label or the end of the sentence; reading stops at the first non-unit.
    const stop = /\.(?:\s|$)|\n/u.exec(text.slice(from, limit));
    const end = stop ? from + stop.index : limit;
    const units = readUnitList(text, { start: from, end }, matcher);
    assign(units, listRoles(text, units, end, m[1].toLowerCase() === "phối hợp" ? "coordinating" : "lead"));
  });
  // "Giao Thanh tra Sở chủ trì, phối hợp với Văn phòng Sở …", "Phòng X chủ trì, phối hợp với Phòng Y …"
  if (lead.length === 0)
    for (const m of body.matchAll(ASSIGNMENT)) {
      const pos = at(m);
      const end = Math.min(span.end, pos + 200);
      const units = readUnitList(text, { start: pos, end }, matcher);
      const says = units.some((u, i) =>
        /^[\s,]*(?:là cơ quan\s+)?chủ trì/iu.test(text.slice(u.span.end, units[i + 1]?.span.start ?? end)),
      );
      if (says) assign(units, listRoles(text, units, end, "lead"));
    }
  if (coordinating.length === 0)
    // "phối hợp với Văn phòng Sở", "chủ trì, phối hợp Phòng Văn hóa và Thông tin …".
    for (const m of body.matchAll(/phối hợp (?:chặt chẽ )?(?:với\s+)?/giu)) {
      const pos = at(m);
      const stop = /[;.](?:\s|$)|\n/u.exec(text.slice(pos, span.end));
      const units = readUnitList(text, { start: pos, end: stop ? pos + stop.index : span.end }, matcher);
      assign(
        units,
        units.map(() => "coordinating"),
      );
    }
  let confidence = lead.length > 0 ? 0.9 : 0.5;
  // The subjects of the task's sentences lead it: "Phòng X chịu trách nhiệm …", "Giao Công chức
  // Văn phòng theo dõi …", "Thủ trưởng các cơ quan …, Chủ tịch UBND các xã … căn cứ …".
  if (lead.length === 0) {
    for (const m of body.matchAll(CLAUSE)) {
      if (!SUBJECT_VERB_AHEAD.test(text.slice(at(m), Math.min(span.end, at(m) + 280)))) continue;
      const units = subjects(text, at(m), Math.min(span.end, at(m) + 240), matcher);
      const last = units[units.length - 1];
      if (last && SUBJECT_VERB.test(text.slice(last.span.end, last.span.end + 40)))
        assign(units, listRoles(text, units, last.span.end, "lead"));
    }
    if (lead.length > 0) confidence = 0.7;
  }
  // The subjects of "phối hợp" coordinate: "Các ban, ngành xã phối hợp lồng ghép …", "Giao Bộ phận
  // Một cửa thực hiện, Công chức Tư pháp phối hợp".
  if (/phối hợp/iu.test(body))
    for (const m of body.matchAll(PHRASE)) {
      if (!/phối hợp/iu.test(text.slice(at(m), Math.min(span.end, at(m) + 260)))) continue;
      const units = subjects(text, at(m), Math.min(span.end, at(m) + 240), matcher);
      const last = units[units.length - 1];
      if (
        last &&
        /^\s*phối hợp(?![\p{L}\p{M}])(?!\s+với)/iu.test(text.slice(last.span.end, last.span.end + 20))
      )
        assign(
          units,
          units.map(() => "coordinating"),
        );
    }
  return { lead, coordinating, confidence };
}

/** The units at `pos`, or after a title there ("Trưởng các thôn" is a unit; "Thủ trưởng các Sở" names one). */
function subjects(text: string, pos: number, end: number, matcher: UnitMatcher): UnitMention[] {
  const units = readUnitList(text, { start: pos, end }, matcher);
  if (units.length > 0) return units;
  const title = TITLE.exec(text.slice(pos, end));
  return title ? readUnitList(text, { start: pos + title[0].length, end }, matcher) : [];
}

/**
 * The role of each unit of a list, from the role words written between them: "A chủ trì; B, C
 * phối hợp" (a role word ends the units since the previous one), "A chủ trì, phối hợp (với) B"
 * (what follows coordinates). Otherwise `role`, the label's.
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
    if (/phối hợp(?:\s+với)?\s*$/iu.test(gap)) {
      current = "coordinating";
      pending = i + 1;
    }
  });
  return roles;
}

export const sameUnit = (a: UnitMention, b: UnitMention) =>
  (a.unit ?? normalizeText(a.text).toLowerCase()) === (b.unit ?? normalizeText(b.text).toLowerCase());
