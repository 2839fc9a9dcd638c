/**
 * An improvement plan as an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I): header block,
 * number and code, place-and-date line, title and subject, the text in numbered parts, signature
 * block and "Nơi nhận". One model, rendered as DOCX, PDF or plain text; the text reads back into
 * the same plan through the importer (the round trip is property-tested).
 */
import { documentDateLine, formatDateShort, formatNumber, romanNumeral } from "./locale.ts";
import type { Comparator } from "./plan.ts";
import { documentNumber } from "./plan-import/refs.ts";

export interface DocumentPlan {
  parentIssuer: string | null;
  issuer: string;
  number: string | null;
  code: string | null;
  place: string | null;
  /** ISO date of signature. */
  date: string | null;
  year: number;
  /** The subject line: "Cải thiện Chỉ số cải cách hành chính năm 2019 của Văn phòng". */
  title: string;
  references: {
    kind: string | null;
    number: string;
    code: string | null;
    date: string | null;
    issuer: string | null;
  }[];
  purpose?: string | null;
  requirements?: string | null;
  overallTarget: {
    percentAtLeast: number | null;
    rankGainMin: number | null;
    rankGainMax: number | null;
  } | null;
  areaTargets: {
    area: string;
    title: string;
    target: number;
    max: number;
    delta: number | null;
    baselineYear: number | null;
    kept: boolean;
  }[];
  tasks: {
    area: string | null;
    title: string;
    text?: string | null;
    leadUnits: string[];
    coordinatingUnits: string[];
    due: string | null;
    period: string | null;
    /** value: a number (an ISO date for done_by), or null with `reference` naming the quantity ("tổng biên chế được giao"). */
    targets: {
      comparator: Comparator;
      value: number | string | null;
      reference?: string | null;
      unit: string | null;
      text?: string;
    }[];
  }[];
  signer: { authority: string | null; position: string; name: string } | null;
  recipients: string[];
}

export type Block =
  | { kind: "part"; text: string }
  | { kind: "section"; text: string }
  | { kind: "paragraph"; text: string; runs?: { text: string; bold?: boolean }[] }
  | { kind: "item"; text: string };

export interface PlanDocumentModel {
  header: {
    parentIssuer: string | null;
    issuer: string;
    numberLine: string;
    motto: [string, string];
    placeDate: string | null;
  };
  kind: string;
  subject: string;
  blocks: Block[];
  signature: { authority: string | null; position: string; name: string } | null;
  recipients: string[];
}

const n = (x: number) => formatNumber(x, { maxDecimals: 2 });
const upper = (s: string) => s.toLocaleUpperCase("vi-VN");

/**
 * A target as the plan states it: its own words when it has them ("Tỷ lệ văn bản đi được ký số đạt từ
 * 95% trở lên"), else a phrase built from comparator, value and unit. Counts are written as plans
 * write them ("04 báo cáo"); none is "không có …", never "00".
 */
export function targetPhrase(t: DocumentPlan["tasks"][number]["targets"][number]): string {
  if (t.text?.trim()) return t.text.trim().replace(/[.;:\s]+$/u, "");
  // A named quantity is printed whole ("không vượt quá tổng biên chế được giao"), never as a number.
  if (t.value === null) return `${comparatorWords(t.comparator)} ${t.reference ?? ""}`.trim();
  if (typeof t.value === "string") return `${comparatorWords(t.comparator)} ${t.value}`.trim();
  if (t.value === 0 && (t.comparator === "<=" || t.comparator === "="))
    return `không có ${t.unit ?? ""}`.trim();
  const count = t.value >= 1 && t.value <= 9 && Number.isInteger(t.value) ? `0${t.value}` : n(t.value);
  const v = t.unit === "%" ? `${n(t.value)}%` : `${count} ${t.unit ?? ""}`.trim();
  switch (t.comparator) {
    case ">=":
      return t.unit === "%" ? `đạt từ ${v} trở lên` : `ít nhất ${v}`;
    case ">":
      return `trên ${v}`;
    case "<=":
      return `không quá ${v}`;
    case "<":
      return `dưới ${v}`;
    default:
      return t.unit === "%" ? `đạt ${v}` : v;
  }
}

const comparatorWords = (c: Comparator) =>
  ({
    ">=": "không thấp hơn",
    ">": "trên",
    "<=": "không vượt quá",
    "<": "dưới",
    "=": "bằng",
    done_by: "trước",
  })[c];

function deadline(t: DocumentPlan["tasks"][number]): string | null {
  if (t.due) return `Thời hạn hoàn thành: ${formatDateShort(t.due)}.`;
  if (t.period) return `Thời gian thực hiện: ${t.period}.`;
  return null;
}

/**
 * A document cited as Nghị định 30/2020 writes it: "Kế hoạch số 4183/KH-UBND ngày 17/7/2019 của
 * UBND tỉnh", a Party document with its hyphen ("Đề án số 02-ĐA/TU"). One wording for the exported
 * plan, the import screen and the command line.
 */
export function referenceLine(r: DocumentPlan["references"][number]): string {
  const date = r.date ? ` ngày ${formatDateShort(r.date)}` : "";
  return `${r.kind ?? "Văn bản"} số ${documentNumber(r.number, r.code)}${date}${r.issuer ? ` của ${r.issuer}` : ""}`;
}

export function planDocument(p: DocumentPlan): PlanDocumentModel {
  const blocks: Block[] = [];
  const refs = p.references.map(referenceLine);
  blocks.push({
    kind: "paragraph",
    text: `${refs.length ? `Căn cứ ${refs.join("; ")}, ` : ""}${p.issuer} ban hành Kế hoạch ${lowerFirst(p.title)} như sau:`,
  });
  let part = 1;
  if (p.purpose || p.requirements) {
    blocks.push({ kind: "part", text: `${romanNumeral(part++)}. MỤC ĐÍCH, YÊU CẦU` });
    if (p.purpose) blocks.push({ kind: "paragraph", text: `1. Mục đích: ${p.purpose}` });
    if (p.requirements) blocks.push({ kind: "paragraph", text: `2. Yêu cầu: ${p.requirements}` });
  }
  if (p.overallTarget || p.areaTargets.length) {
    blocks.push({ kind: "part", text: `${romanNumeral(part++)}. MỤC TIÊU` });
    const o = p.overallTarget;
    if (o && (o.percentAtLeast !== null || o.rankGainMin !== null)) {
      const pct = o.percentAtLeast !== null ? ` đạt từ ${n(o.percentAtLeast)}% trở lên` : "";
      const gain =
        o.rankGainMin === null
          ? ""
          : o.rankGainMax === null
            ? `, tăng ít nhất ${o.rankGainMin} bậc`
            : o.rankGainMax === o.rankGainMin
              ? `, tăng ${o.rankGainMin} bậc`
              : `, tăng từ ${o.rankGainMin}-${o.rankGainMax} bậc`;
      blocks.push({
        kind: "paragraph",
        text: `Phấn đấu năm ${p.year}, Chỉ số cải cách hành chính${pct}${gain}.`,
      });
    }
    if (p.areaTargets.length) {
      blocks.push({
        kind: "paragraph",
        text: `Đối với ${p.areaTargets.length} chỉ số thành phần, phấn đấu:`,
      });
      for (const a of p.areaTargets) {
        const year = a.baselineYear ?? p.year - 1;
        const note = a.kept
          ? ` (giữ vững như năm ${year})`
          : a.delta !== null
            ? ` (${a.delta < 0 ? "giảm" : "tăng"} ${n(Math.abs(a.delta))} điểm so với năm ${year})`
            : "";
        blocks.push({
          kind: "item",
          text: `- Chỉ số thành phần “${a.title}”: Đạt ${n(a.target)}/${n(a.max)} điểm tối đa${note}.`,
        });
      }
    }
  }
  const byArea = p.areaTargets.map((a) => ({ a, tasks: p.tasks.filter((t) => t.area === a.area) }));
  const others = p.tasks.filter((t) => t.area === null || !p.areaTargets.some((a) => a.area === t.area));
  if (p.tasks.length) {
    blocks.push({ kind: "part", text: `${romanNumeral(part++)}. NHIỆM VỤ VÀ GIẢI PHÁP` });
    let s = 1;
    for (const { a, tasks } of byArea) {
      if (tasks.length === 0) continue;
      blocks.push({ kind: "section", text: `${s++}. Chỉ số thành phần “${a.title}”` });
      blocks.push(...tasks.flatMap(taskBlocks));
    }
  }
  blocks.push({ kind: "part", text: `${romanNumeral(part++)}. TỔ CHỨC THỰC HIỆN` });
  blocks.push(...others.flatMap(taskBlocks));
  blocks.push({
    kind: "paragraph",
    text: `Trên đây là Kế hoạch ${lowerFirst(p.title)}; các đơn vị căn cứ Kế hoạch tổ chức thực hiện./.`,
  });
  return {
    header: {
      parentIssuer: p.parentIssuer ? upper(p.parentIssuer) : null,
      issuer: upper(p.issuer),
      numberLine: `Số: ${p.number ?? "     "}/${p.code ?? ""}`,
      motto: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
      // Without a known place the line still carries the date ("ngày 03 tháng 9 năm 2019").
      placeDate: p.date
        ? p.place
          ? documentDateLine(p.place, p.date)
          : documentDateLine("", p.date).replace(/^,\s*/, "")
        : null,
    },
    kind: "KẾ HOẠCH",
    subject: p.title,
    blocks,
    signature: p.signer,
    recipients: p.recipients.length ? p.recipients : ["Như trên", "Lưu: VT"],
  };
}

/** A task: its title on a line of its own (titles may hold a colon), then its content, targets, units and deadline. */
function taskBlocks(t: DocumentPlan["tasks"][number], i: number): Block[] {
  const letter = "abcdefghiklmnopqrstuvxy"[i] ?? `${i + 1}`;
  const parts: string[] = [];
  if (t.text) parts.push(`Nội dung: ${t.text.replace(/[.;:\s]+$/, "")}.`);
  if (t.targets.length) parts.push(`Chỉ tiêu: ${t.targets.map(targetPhrase).join("; ")}.`);
  const units = [
    t.leadUnits.length ? `Chủ trì: ${t.leadUnits.join(", ")}` : null,
    t.coordinatingUnits.length ? `Phối hợp: ${t.coordinatingUnits.join(", ")}` : null,
  ].filter(Boolean);
  if (units.length) parts.push(`${units.join("; ")}.`);
  const d = deadline(t);
  if (d) parts.push(d);
  const title: Block = { kind: "item", text: `${letter}) ${t.title}` };
  return parts.length ? [title, { kind: "paragraph", text: parts.join(" ") }] : [title];
}

const lowerFirst = (s: string) =>
  /^[\p{Lu}][\p{Ll}]/u.test(s) ? s.charAt(0).toLocaleLowerCase("vi-VN") + s.slice(1) : s;

/** The document as plain text, one paragraph per line: what a person would paste, and what the importer reads. */
export function planDocumentText(d: PlanDocumentModel): string {
  const lines: string[] = [];
  if (d.header.parentIssuer) lines.push(d.header.parentIssuer);
  lines.push(d.header.issuer, d.header.numberLine, ...d.header.motto);
  if (d.header.placeDate) lines.push(d.header.placeDate);
  lines.push("", d.kind, d.subject, "");
  for (const b of d.blocks) lines.push(b.text);
  lines.push("");
  if (d.signature) {
    if (d.signature.authority) lines.push(d.signature.authority);
    lines.push(d.signature.position, "", d.signature.name);
  }
  lines.push(
    "",
    "Nơi nhận:",
    ...d.recipients.map((r, i) => `- ${r}${i === d.recipients.length - 1 ? "." : ";"}`),
  );
  return lines.join("\n");
}
