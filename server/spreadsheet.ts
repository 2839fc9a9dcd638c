/**
 * Spreadsheets in, grids of cell texts out: CSV (delimiter and encoding detected) and XLSX (first
 * sheet, formulas by their saved result). Used by `parindex score` and by register imports; errors
 * are TableErrors that name the line the user sees.
 */
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { TableError } from "../core/results-table.ts";

/**
 * Reads FILE into rows of cell texts, grid[i] being line i + 1 of the file (for XLSX: sheet row
 * i + 1), so that errors found later can name the line the user sees. Blank lines stay as [].
 */
export async function readGrid(path: string): Promise<string[][]> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error(`Not a file: ${path}`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`File not found: ${path}`);
    throw e;
  }
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return csvGrid(await readFile(path));
  if (ext === ".xlsx") return xlsxGrid(path);
  throw new TableError(
    "unsupported_format",
    `Unsupported file type "${ext || "(none)"}" (${path}): give a .csv or .xlsx file`,
    0,
  );
}

function decodeText(buf: Buffer): string {
  // Excel's "Unicode Text" export is UTF-16LE with a BOM.
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder("utf-16le").decode(buf.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    // Older Vietnamese Excel saves "CSV" in Windows-1258/TCVN3; guessing would garble names silently.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 0x0a) {
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw new TableError(
      "encoding",
      `line ${line}: the file is not UTF-8 text; save it from Excel as "CSV UTF-8 (Comma delimited)"`,
      line,
    );
  }
}

/** The header's first line, up to the first line break outside quotes. */
function firstLine(text: string): string {
  let inQuotes = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (start < 0) {
      if (ch === "\n" || ch === "\r") continue;
      start = i;
    }
    if (ch === '"') inQuotes = !inQuotes;
    else if ((ch === "\n" || ch === "\r") && !inQuotes) return text.slice(start, i);
  }
  return start < 0 ? "" : text.slice(start);
}

function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cur = "";
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === delimiter && !inQuotes) {
      cells.push(cur);
      cur = "";
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

/**
 * Picks the delimiter under which the header reads best. Counting delimiters alone fails here:
 * a ";" file's headers contain commas ("Chỉ đạo, điều hành CCHC (12)", "(8,5)"), so the header
 * split by each candidate is scored by how many cells look like "area (max)".
 */
export function detectDelimiter(text: string): string {
  const header = firstLine(text);
  let best = ",";
  let bestScore = [-1, -1];
  for (const d of [",", ";", "\t"]) {
    const cells = splitLine(header, d);
    const areas = cells.filter((c) => /\(\s*[+-]?\d+(?:[.,]\d+)?\s*\)\s*$/.test(c)).length;
    const score = [areas, cells.length];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

interface CsvInfo {
  lines: number;
  empty_lines: number;
}

export function csvGrid(input: Buffer | string): string[][] {
  let text = typeof input === "string" ? input : decodeText(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A line of spaces is as blank as an empty one; csv-parse would count it as a one-column row.
  text = text.replace(/^[ \t]+(?=\r?$)/gm, "");
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: CsvInfo }[];
  try {
    records = parseCsv(text, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      bom: true,
      relax_column_count: false,
      relax_quotes: false,
    }) as unknown as { record: string[]; info: CsvInfo }[];
  } catch (e) {
    throw csvError(e, text, delimiter);
  }
  const grid: string[][] = [];
  let prevEnd = 0;
  let prevEmpty = 0;
  for (const { record, info } of records) {
    // info.lines is where the record ends; a quoted cell may span lines, and the line the user
    // looks for is where the record starts.
    const startLine = prevEnd + 1 + (info.empty_lines - prevEmpty);
    while (grid.length < startLine - 1) grid.push([]);
    grid.push(record);
    prevEnd = info.lines;
    prevEmpty = info.empty_lines;
  }
  return grid;
}

function csvError(e: unknown, text: string, delimiter: string): Error {
  const err = e as { code?: string; lines?: number; record?: string[]; message?: string };
  if (typeof err?.code !== "string" || !err.code.startsWith("CSV_")) return e as Error;
  const line = typeof err.lines === "number" ? err.lines : 0;
  if (err.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH") {
    const expected = splitLine(firstLine(text), delimiter).length;
    const got = err.record?.length;
    const sep = delimiter === "\t" ? "tab" : `"${delimiter}"`;
    return new TableError(
      "column_count",
      `line ${line}: ${got ?? "a different number of"} columns where the header has ${expected} ` +
        `(separator ${sep}; a value containing ${sep} must be in double quotes)`,
      line,
    );
  }
  return new TableError("csv_syntax", `line ${line}: ${err.message ?? err.code}`, line);
}

async function xlsxGrid(path: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new TableError(
      "invalid_xlsx",
      `${path} is not a valid Excel workbook (${(e as Error).message}); save it from Excel as "Excel Workbook (.xlsx)"`,
      0,
    );
  }
  const ws = wb.worksheets[0];
  if (!ws) {
    // Any zip opens (a .docx renamed .xlsx does), so a missing worksheet is the tell-tale.
    throw new TableError(
      "invalid_xlsx",
      `${path} is not an Excel workbook: it has no worksheet (is it another document renamed .xlsx?)`,
      0,
    );
  }
  const grid: string[][] = [];
  let header: string[] | null = null;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let c = 1; c < values.length; c++) {
      const v = values[c];
      if (isFormula(v) && v.result === undefined) {
        const h = header?.[c - 1];
        throw new TableError(
          "formula_without_result",
          `line ${rowNumber}, column ${c}${h ? ` ("${h}")` : ""}: the formula "=${formulaText(v)}" has no computed value; ` +
            "open the file in Excel and save it again",
          rowNumber,
          c,
        );
      }
      cells.push(cellText(v));
    }
    while (grid.length < rowNumber - 1) grid.push([]);
    grid[rowNumber - 1] = cells;
    if (header === null && cells.some((t) => t.trim() !== "")) header = cells.map((t) => t.trim());
  });
  return grid;
}

interface FormulaLike {
  formula?: string;
  sharedFormula?: string;
  result?: unknown;
}

function isFormula(v: unknown): v is FormulaLike {
  return typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v);
}

function formulaText(v: FormulaLike): string {
  return v.formula ?? v.sharedFormula ?? "";
}

/** A cell's value as the text a user would type: numbers in plain decimal, formulas as their result. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if ("formula" in o || "sharedFormula" in o) return cellText(o.result);
    if (typeof o.error === "string") return o.error;
    if ("hyperlink" in o || "text" in o) return cellText(o.text);
  }
  return "";
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Formula results carry binary noise (=0.1+0.2 → 0.30000000000000004); Excel itself shows 15
  // significant digits, so that is what the user believes the cell holds.
  const x = Number(n.toPrecision(15));
  const s = String(x);
  if (!/e/i.test(s) || Math.abs(x) >= 1e21) return s;
  return x.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}
