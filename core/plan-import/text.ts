/**
 * From bytes to the normalised text every span points into: Unicode decoding (UTF-8, UTF-16 with a
 * byte-order mark), detection of the legacy 8-bit Vietnamese encodings TCVN3 (ABC) and VNI, NFC,
 * one paragraph per line, and the page furniture of a web page (menus, counters, the spokesperson
 * box, birthdays) told apart from the document's own text.
 */
import { nfc } from "../locale.ts";
import { rowCells, tableLines } from "./tables.ts";
import type { Span } from "./types.ts";

export class ImportError extends Error {
  constructor(
    readonly code: "empty" | "binary" | "legacy_encoding" | "not_a_plan" | "bad_docx",
    readonly messageVi: string,
    messageEn: string,
  ) {
    super(messageEn);
  }
}

// Characters that TCVN3 (ABC) fonts put in place of Vietnamese letters, seen through a Latin-1 or
// Windows-1252 decoding: "Céng hßa x· héi chñ nghÜa ViÖt Nam".
const TCVN3_MARKS = /[¸µ¶·¹¨©ª«¬®¯°±²³´½¾ÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖ×ØÙÚÛÜÝÞßãåæçèéêëìíîïñòóôõö÷øùúûüýþ]/g;
// VNI writes a base letter followed by a tone/shape byte: "Coäng hoøa xaõ hoäi", "ñoäc laäp".
const VNI_PAIRS = /[aeiouyAEIOUY][øùûõïòóôöäåæëéèêáàâ]|ñ[aeiouoä]/g;

/** Which legacy encoding a text decoded as Latin-1/Windows-1252 looks like, if any. */
export function detectLegacyEncoding(s: string): "tcvn3" | "vni" | null {
  const letters = (s.match(/\p{L}/gu) ?? []).length;
  if (letters < 20) return null;
  // Real Vietnamese in Unicode has letters outside Latin-1 (ă, ơ, ư, ạ, ế …); legacy text has none.
  const beyondLatin1 = (s.match(/[\u0100-\u024F\u1E00-\u1EFF]/g) ?? []).length;
  if (beyondLatin1 > letters * 0.02) return null;
  const vni = (s.match(VNI_PAIRS) ?? []).length;
  const tcvn = (s.match(TCVN3_MARKS) ?? []).length;
  if (vni > letters * 0.03 && vni >= tcvn * 0.5) return "vni";
  if (tcvn > letters * 0.03) return "tcvn3";
  return null;
}

const ENCODING_NAMES = { tcvn3: "TCVN3 (ABC, phông .VnTime)", vni: "VNI (phông VNI-Times)" } as const;

/**
 * Decodes a file's bytes. UTF-8 (with or without BOM) and UTF-16 with a BOM are read; a text in a
 * legacy Vietnamese encoding is refused with the encoding's name; binary data is refused.
 */
export function decodeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ImportError("empty", "Tệp rỗng", "The file is empty");
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff)
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder("windows-1252").decode(bytes);
    }
  }
  text = text.replace(/^\uFEFF/, "");
  const controls = countControls(text);
  if (controls > Math.max(8, text.length * 0.01))
    throw new ImportError(
      "binary",
      "Tệp không phải văn bản (dữ liệu nhị phân). Hãy chọn tệp .txt, .docx hoặc .html.",
      "The file is not text (binary data). Choose a .txt, .docx or .html file.",
    );
  refuseLegacy(text);
  return text;
}

/** Control characters (other than tab, newline, carriage return, form feed) and U+FFFD: the mark of binary data. */
function countControls(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) n++;
  }
  return n;
}

/** Refuses a text (already decoded) that is in a legacy encoding, naming the encoding found. */
export function refuseLegacy(text: string): void {
  const legacy = detectLegacyEncoding(text.slice(0, 200_000));
  if (legacy)
    throw new ImportError(
      "legacy_encoding",
      `Văn bản dùng bảng mã cũ ${ENCODING_NAMES[legacy]}, không phải Unicode. Hãy chuyển sang Unicode (ví dụ Unikey → Công cụ chuyển mã) rồi nhập lại.`,
      `The text uses the legacy ${legacy === "tcvn3" ? "TCVN3 (ABC)" : "VNI"} encoding, not Unicode. Convert it to Unicode (e.g. Unikey's converter) and import again.`,
    );
}

/** Drops control characters other than tab and line break (an ESC from a converter, a NUL): the
 * text is shown and stored, and the API refuses them in anything stored. */
function withoutControls(s: string): string {
  let out = "";
  for (const c of s) {
    const k = c.charCodeAt(0);
    if ((k < 32 && k !== 9 && k !== 10) || k === 127) continue;
    out += c;
  }
  return out;
}

/**
 * The normalised text: NFC, one line per paragraph, no leading or trailing blanks on a line, runs
 * of blanks made one space, invisible characters removed, at most one empty line in a row.
 */
export function normaliseDocumentText(raw: string): string {
  const lines = withTables(
    withoutPageNumbers(
      withoutControls(
        nfc(raw)
          .replace(/\r\n?/g, "\n")
          .replace(/\f/g, "\n\n")
          .replace(/\v/g, "\n")
          .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, ""),
      ).split("\n"),
    ),
  )
    // A header or signature laid out in two columns ("SỞ …      CỘNG HÒA …", or a tab between
    // them) becomes two lines.
    .flatMap((l) => columns(l.trim()))
    .map((l) =>
      l
        .replace(/[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " ")
        .replace(/ {2,}/g, " ")
        .trim(),
    );
  const width = wrapWidth(lines);
  const out: string[] = [];
  let prevRaw = "";
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (prev && l !== "" && continues(prev, prevRaw, l, width)) out[out.length - 1] = `${prev} ${l}`;
    else if (l !== "" || (prev !== undefined && prev !== "")) out.push(l);
    prevRaw = l;
  }
  return out.join("\n").trim();
}

/**
 * A page number on a line of its own between blank lines ("năm" / "" / "2" / "" / "2025 của Sở"), in
 * text from a PDF, goes with the page break around it, so the sentence it cut reads on.
 */
function withoutPageNumbers(lines: string[]): string[] {
  const blank = (i: number) => i < 0 || i >= lines.length || lines[i].trim() === "";
  const page = (l: string) => /^(?:-\s*)?\d{1,3}(?:\s*-)?$|^Trang \d{1,3}$/u.test(l.trim());
  // A table pasted one cell per paragraph ("Cải cách thể chế" / "9" / "8,5") has numbers around it.
  const numeric = (i: number, step: number) => {
    let j = i + step;
    while (j >= 0 && j < lines.length && lines[j].trim() === "") j += step;
    return j >= 0 && j < lines.length && /^[-+]?\d+(?:[,.]\d+)?\s*%?$/u.test(lines[j].trim());
  };
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (
      page(lines[i]) &&
      blank(i - 1) &&
      blank(i + 1) &&
      i > 0 &&
      i < lines.length - 1 &&
      !numeric(i, -1) &&
      !numeric(i, 1)
    ) {
      while (out.length > 0 && out[out.length - 1].trim() === "") out.pop();
      while (i + 1 < lines.length && lines[i + 1].trim() === "") i++;
      continue;
    }
    out.push(lines[i]);
  }
  return out;
}

/** Runs of two or more table rows ("a | b | c", tab-separated) rewritten as prose (see tables.ts). */
function withTables(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const rows: string[][] = [];
    for (
      let cells = rowCells(lines[i]);
      cells;
      cells = i + rows.length < lines.length ? rowCells(lines[i + rows.length], 1) : null
    )
      rows.push(cells);
    // A table has a header of three cells or more and a row under it (not a header block's two columns).
    if (rows.length < 2 || rows[0].filter((c) => c !== "").length < 3) {
      out.push(lines[i]);
      i++;
      continue;
    }
    out.push(...(tableLines(rows) ?? rows.map((r) => r.filter((c) => c !== "").join(" | "))));
    i += rows.length;
  }
  return out;
}

/** A line's columns; a list marker set off by a tab ("1.\tKiểm tra …", "a)\t…") stays with its text. */
function columns(line: string): string[] {
  const out: string[] = [];
  for (const part of line.split(/ {4,}|\t+/)) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-ZĐ]\.|[a-zđ]\)|[-+•*–—])$/u.test(prev))
      out[out.length - 1] = `${prev} ${part}`;
    else out.push(part);
  }
  return out;
}

/**
 * Whether `line` goes on with the paragraph `prev` (text from a PDF, a fixed-width page, or a Word
 * file whose lines were broken by hand): its last raw line was `prevRaw`; `width` is the text's wrap
 * width, or 0.
 */
function continues(prev: string, prevRaw: string, line: string, width: number): boolean {
  if (NEW_ITEM.test(line)) return false;
  const lower = /^\p{Ll}/u.test(line);
  // A line that does not end a sentence, followed by one in lower case.
  if (lower && !/[.;:!?)”"]$/u.test(prev)) return true;
  // "…; " / "100% kiến nghị …", "…, " / "đồng thời …": a clause goes on.
  if (/[;,]$/u.test(prev) && lower) return true;
  // "… giảm ít nhất" / "50% so với năm 2024": a percentage does not start a paragraph.
  if (/^\d+(?:[,.]\d+)?\s*%/u.test(line) && !/[.!?:]$/u.test(prev)) return true;
  // "Thời gian:" / "thường xuyên.": a label whose value is on the next line.
  if (lower && /(?:thời gian|thời hạn|chủ trì|phối hợp|thực hiện)[^:]{0,20}:$/iu.test(prev)) return true;
  // A date cut after its first word ("quý" / "IV/2023", "từ tháng" / "7/2023"); an open parenthesis.
  if (/(?:^|\s)(?:quý|tháng|ngày|năm|từ|đến|trước)$/iu.test(prev) && /^(?:\d|[IVX]+\/)/u.test(line))
    return true;
  if ((prev.match(/\(/g) ?? []).length > (prev.match(/\)/g) ?? []).length) return true;
  // "… kết quả thực hiện" / "(lồng ghép trong báo cáo CCHC) về Sở NV": a remark in brackets goes on.
  if (/^\(/u.test(line) && !/[.!?:;]$/u.test(prev)) return true;
  // A fixed-width text: a full line not ending a sentence ("… Giao Phòng Quản lý" / "Sở thực hiện").
  return width > 0 && prevRaw.length >= width * 0.8 && !/[.!?]$/u.test(prev);
}

/** A line that starts a heading, an item or a labelled detail, never the rest of a wrapped sentence. */
const NEW_ITEM =
  /^(?:\d{1,3}(?:\.\d+)*[.)]\s|\d{1,3}\s+(?=\p{Lu})|[IVXLC]+\.\s|Nhiệm vụ \d+[.:]\s|[a-zđ]\)\s|[-+•*–—]\s|[A-ZĐ]\.\s|(?:Đơn vị|Cơ quan|Thời gian|Thời hạn|Chủ trì|Phối hợp|Nơi nhận)[^:]{0,30}:)/u;

/**
 * The width a fixed-width text (a PDF's text, a page typed in a terminal) wraps its lines at, or 0
 * when the lines are paragraphs of their own (Word's text): most long lines end near one width.
 */
function wrapWidth(lines: string[]): number {
  const lengths = lines.filter((l) => l.length >= 20).map((l) => l.length);
  if (lengths.length < 10) return 0;
  const sorted = [...lengths].sort((a, b) => a - b);
  const p90 = sorted[Math.floor(sorted.length * 0.9)];
  if (p90 > 140) return 0;
  const near = lengths.filter((n) => n >= p90 * 0.8).length;
  return near >= lengths.length * 0.5 ? p90 : 0;
}

export interface Paragraph extends Span {
  text: string;
}

export function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  for (const line of text.split("\n")) {
    if (line !== "") out.push({ start, end: start + line.length, text: line });
    start += line.length + 1;
  }
  return out;
}

// Lines a web page puts around an article: navigation, counters, login, the spokesperson box.
const CHROME_LINE =
  /^(?:•|Search$|Select the search type|Chi tiết tin|Lượt xem|Tổng số lượt truy cập|Lượt trong ngày|Lượt truy cập|Đang truy cập|Đăng nhập$|Tác giả:|Nguồn:|\[Trở về\]|Trở về|Quay lại|Các tin (?:mới|cũ) hơn|Tin (?:liên quan|khác)|Người phát ngôn|Họ tên:|Chức vụ:|Số điện thoại:|Email:|Liên kết website|Địa chỉ:|ĐT:|Ghi rõ nguồn|Design by|Bản quyền|Copyright|In bài viết|Chia sẻ|Thứ (?:hai|ba|tư|năm|sáu|bảy), \d|Chủ nhật, \d|\d{1,2}\/\d{1,2}\/\d{4} \(\s*\d+ tuổi\s*\)|\d+$)/u;

/** True for a line that belongs to the web page around the document, not to the document. */
export function isChromeLine(line: string): boolean {
  return CHROME_LINE.test(line) || line.length <= 2;
}
