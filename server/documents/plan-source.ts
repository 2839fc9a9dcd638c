/**
 * A plan document's bytes (plain text, a web page's HTML, or Word .docx) turned into the text the
 * importer reads. HTML and Word keep their paragraph structure; a table of tasks ("Nội dung |
 * Chủ trì | Phối hợp | Thời hạn") or of area scores becomes prose (core/plan-import/tables.ts).
 */
import mammoth from "mammoth";
import { type HTMLElement, parse } from "node-html-parser";
import { ImportError } from "../../core/plan-import/index.ts";
import { tableLines } from "../../core/plan-import/tables.ts";
import { decodeBytes, refuseLegacy } from "../../core/plan-import/text.ts";

export type SourceKind = "text" | "html" | "docx";

const ZIP = [0x50, 0x4b, 0x03, 0x04];

export function sniffKind(bytes: Uint8Array, filename = ""): SourceKind {
  if (ZIP.every((b, i) => bytes[i] === b)) return "docx";
  const ext = filename.toLowerCase().split(".").pop();
  if (ext === "docx") return "docx";
  if (ext === "html" || ext === "htm") return "html";
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 2048)).toLowerCase();
  if (/<!doctype html|<html[\s>]|<body[\s>]|<p[\s>]|<div[\s>]|<table[\s>]/.test(head)) return "html";
  return "text";
}

/** Reads a document into plain text with one paragraph per line. Throws ImportError with a clear message. */
export async function documentText(
  bytes: Uint8Array,
  filename = "",
): Promise<{ kind: SourceKind; text: string }> {
  if (bytes.length === 0) throw new ImportError("empty", "Tệp rỗng", "The file is empty");
  const kind = sniffKind(bytes, filename);
  if (kind === "docx") return { kind, text: await docxText(bytes) };
  const decoded = decodeBytes(bytes);
  return { kind, text: kind === "html" ? htmlText(decoded) : decoded };
}

async function docxText(bytes: Uint8Array): Promise<string> {
  let html: string;
  try {
    const r = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    html = r.value;
  } catch {
    throw new ImportError(
      "bad_docx",
      "Tệp không phải văn bản Word (.docx) đọc được: có thể là tệp nén khác hoặc tệp bị hỏng.",
      "The file is not a readable Word document (.docx): it may be another kind of zip file, or damaged.",
    );
  }
  const text = htmlText(html);
  refuseLegacy(text);
  return text;
}

const BLOCK = new Set([
  "p",
  "div",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "br",
  "tr",
  "section",
  "article",
  "blockquote",
  "pre",
  "dd",
  "dt",
]);
const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "head",
  "iframe",
  "select",
  "button",
]);

export function htmlText(html: string): string {
  const root = parse(html.replace(/<!doctype[^>]*>/i, ""), {
    blockTextElements: { script: false, style: false, noscript: false, pre: true },
  });
  return linesOf(root).join("\n");
}

/** The text of an element, one line per block (paragraph, list item, table row or cell). */
function linesOf(node: HTMLElement): string[] {
  const lines: string[] = [];
  let current = "";
  const flush = () => {
    const t = current.replace(/\s+/g, " ").trim();
    if (t && t !== "-") lines.push(t);
    current = "";
  };
  const walk = (el: HTMLElement) => {
    for (const child of el.childNodes) {
      if (child.nodeType === 3) {
        current += decodeEntities(child.rawText);
        continue;
      }
      if (child.nodeType !== 1) continue;
      const c = child as HTMLElement;
      const tag = c.tagName?.toLowerCase() ?? "";
      if (SKIP.has(tag)) continue;
      if (tag === "table") {
        flush();
        lines.push(...tableText(c));
        continue;
      }
      if (tag === "li") {
        flush();
        current = "- ";
      } else if (BLOCK.has(tag)) flush();
      walk(c);
      if (BLOCK.has(tag)) flush();
    }
  };
  walk(node);
  flush();
  return lines;
}

function decodeEntities(s: string): string {
  return parse(`<i>${s}</i>`).text;
}

/** A cell's text; line breaks and paragraphs inside it separate items ("Chi cục A<br>Chi cục B" → "Chi cục A, Chi cục B"). */
function cellText(el: HTMLElement): string {
  const html = el.innerHTML.replace(/<br\s*\/?>|<\/p>\s*<p[^>]*>|<\/div>\s*<div[^>]*>/gi, ", ");
  return parse(`<i>${html}</i>`)
    .text.replace(/\s+/g, " ")
    .replace(/(?:,\s*)+$/u, "")
    .trim();
}

/** A table of tasks or of area scores becomes prose (core/plan-import/tables.ts); any other table one line per cell. */
export function tableText(table: HTMLElement): string[] {
  const rows = table.querySelectorAll("tr").map((tr) => tr.querySelectorAll("th,td").map(cellText));
  if (rows.length === 0) return [];
  // Not a table of tasks or scores (a layout table: the header block, the signature): each cell's lines in turn.
  return (
    tableLines(rows) ??
    table.querySelectorAll("tr").flatMap((tr) => tr.querySelectorAll("th,td").flatMap(linesOf))
  );
}
