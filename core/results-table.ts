/**
 * Results tables kept in spreadsheets by provinces that do not run the full workflow: one row per
 * agency, one column per area with the area's max in the header ("Cải cách thể chế (5)"). Parsing
 * is all-or-nothing: a published league table computed from a half-read file is worse than none,
 * so the first fault stops everything and names the line and column to fix. Pure: no I/O.
 */
import { type Centi, parseCenti, sumCenti } from "./decimal.ts";
import { DEFAULT_GRADE_BANDS, gradeFor, rank } from "./ranking.ts";

export class TableError extends Error {
  /** 1-based line of the file (line 1 = header); 0 when the fault is the file as a whole. */
  line: number;
  /** 1-based column, or null when the fault is a whole line or the whole file. */
  column: number | null;
  code: string;

  constructor(code: string, message: string, line: number, column: number | null = null) {
    super(message);
    this.name = "TableError";
    this.code = code;
    this.line = line;
    this.column = column;
  }
}

export interface AreaColumn {
  /** 1-based column number in the file. */
  column: number;
  /** The header exactly as written, for messages. */
  header: string;
  /** The header without the "(max)" suffix. */
  name: string;
  max: Centi;
}

export interface ResultsRow {
  line: number;
  agency: string;
  group: string | null;
  /** Points per area, in the order of `ResultsTable.areas`; null = not applicable. */
  cells: (Centi | null)[];
}

export interface ResultsTable {
  agencyHeader: string;
  /** 1-based column of the group column, or null when the file has none. */
  groupColumn: number | null;
  areas: AreaColumn[];
  rows: ResultsRow[];
}

export interface ScoreRow {
  agency: string;
  group: string | null;
  points: Centi;
  max: Centi;
  percent: Centi;
  grade: string | null;
  rank: number;
}

export interface ScoreOptions {
  /** Decimals of the percentage compared when ranking (see core/ranking.ts); default 2. */
  decimals?: 0 | 1 | 2 | null;
}

// ---------------------------------------------------------------------------------------------

// Takes the last parenthesised part, so "Cải cách (TTHC) (14)" keeps "(TTHC)" in the name.
const HEADER_WITH_MAX = /^(.*?)\s*\(([^()]*)\)\s*$/s;
// "-" and the dashes that word processors substitute for it all mean "not applicable".
const NOT_APPLICABLE = /^[-\u2010-\u2015\u2212]$/;
const LOOKS_DECIMAL = /^[+-]?\d+[.,]\d+$/;

/** Case-, diacritic- and spacing-insensitive key: "Sở Nội Vụ" and "sở nội vụ " are one agency. */
function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .replace(/[\u200B\u00AD]/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function clean(s: string | undefined): string {
  return (s ?? "").normalize("NFC").trim();
}

/** "8,5" for 850: messages quote numbers the way the spreadsheet's users write them. */
function centiText(c: Centi): string {
  const sign = c < 0 ? "-" : "";
  const a = Math.abs(c);
  const frac = a % 100;
  const whole = String(Math.trunc(a / 100));
  if (frac === 0) return sign + whole;
  return `${sign}${whole},${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

function at(line: number, column: number | null, header?: string): string {
  if (column === null) return `line ${line}`;
  return header === undefined || header === ""
    ? `line ${line}, column ${column}`
    : `line ${line}, column ${column} ("${header}")`;
}

function isGroupHeader(h: string): boolean {
  const f = fold(h);
  return f === "group" || f === "nhom";
}

/**
 * Reads a grid of cells (grid[i] is line i + 1 of the file; blank lines may be empty arrays) into a
 * validated table. Throws TableError at the first fault.
 */
export function parseResultsTable(grid: string[][]): ResultsTable {
  const isBlank = (row: string[] | undefined) => !row || row.every((c) => clean(c) === "");

  const headerIndex = grid.findIndex((row) => !isBlank(row));
  if (headerIndex < 0) throw new TableError("empty_file", "The file is empty: no header line found", 1);
  const headerLine = headerIndex + 1;
  const header = grid[headerIndex].map(clean);
  const dataIndexes: number[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) if (!isBlank(grid[i])) dataIndexes.push(i);

  // A column with neither header nor data is spreadsheet residue (a stray formatted column or a
  // trailing delimiter), not a mistake worth stopping for.
  let width = header.length;
  for (const i of dataIndexes) width = Math.max(width, grid[i].length);
  const ignored = new Set<number>();
  const firstDataLine = new Map<number, number>();
  for (let c = 1; c < width; c++) {
    if ((header[c] ?? "") !== "") continue;
    const i = dataIndexes.find((i) => clean(grid[i][c]) !== "");
    if (i === undefined) ignored.add(c);
    else firstDataLine.set(c, i + 1);
  }

  const agencyHeader = header[0] ?? "";
  let groupColumn: number | null = null;
  const areas: AreaColumn[] = [];
  const areaByKey = new Map<string, AreaColumn>();
  for (let c = 1; c < width; c++) {
    if (ignored.has(c)) continue;
    const h = header[c] ?? "";
    const col = c + 1;
    if (h === "") {
      throw new TableError(
        "missing_header",
        `${at(headerLine, col)}: the column has no header but holds data (line ${firstDataLine.get(c)}); ` +
          `name the area and its max, e.g. "Cải cách thể chế (5)"`,
        headerLine,
        col,
      );
    }
    if (isGroupHeader(h)) {
      if (groupColumn !== null) {
        throw new TableError(
          "duplicate_group_column",
          `${at(headerLine, col, h)}: a second group column (the first is column ${groupColumn})`,
          headerLine,
          col,
        );
      }
      groupColumn = col;
      continue;
    }
    const m = HEADER_WITH_MAX.exec(h);
    if (!m) {
      throw new TableError(
        "missing_max",
        `${at(headerLine, col, h)}: the header does not end with the area's max points in parentheses, ` +
          `e.g. "Cải cách thể chế (5)" (a group column must be headed "group" or "nhóm")`,
        headerLine,
        col,
      );
    }
    const name = m[1].trim();
    const maxText = m[2].trim();
    const max = parseCenti(maxText);
    if (max === null) {
      const why = LOOKS_DECIMAL.test(maxText) ? "has more than 2 decimals" : "is not a number";
      throw new TableError(
        "max_not_a_number",
        `${at(headerLine, col, h)}: the max "${maxText}" ${why}`,
        headerLine,
        col,
      );
    }
    if (max < 0) {
      throw new TableError(
        "max_negative",
        `${at(headerLine, col, h)}: the max "${maxText}" is negative`,
        headerLine,
        col,
      );
    }
    if (name === "") {
      throw new TableError(
        "missing_area_name",
        `${at(headerLine, col, h)}: the area has no name`,
        headerLine,
        col,
      );
    }
    const key = fold(name);
    const earlier = areaByKey.get(key);
    if (earlier) {
      throw new TableError(
        "duplicate_area",
        `${at(headerLine, col, h)}: the same area as column ${earlier.column} ("${earlier.header}")`,
        headerLine,
        col,
      );
    }
    const area: AreaColumn = { column: col, header: h, name, max };
    areaByKey.set(key, area);
    areas.push(area);
  }
  if (areas.length === 0) {
    throw new TableError(
      "no_area_columns",
      `${at(headerLine, null)}: no area columns; after the agency column each area needs a header with its max, e.g. "Cải cách thể chế (5)"`,
      headerLine,
    );
  }
  if (dataIndexes.length === 0) {
    throw new TableError(
      "no_data_rows",
      `The file has a header (line ${headerLine}) but no agency rows`,
      headerLine,
    );
  }

  const rows: ResultsRow[] = [];
  const lineByAgency = new Map<string, number>();
  const groupSpelling = new Map<string, string>();
  for (const i of dataIndexes) {
    const line = i + 1;
    const raw = grid[i];
    const agency = clean(raw[0]);
    if (agency === "") {
      throw new TableError("empty_agency", `${at(line, 1, agencyHeader)}: the agency name is empty`, line, 1);
    }
    const key = fold(agency);
    const firstLine = lineByAgency.get(key);
    if (firstLine !== undefined) {
      throw new TableError(
        "duplicate_agency",
        `${at(line, 1, agencyHeader)}: "${agency}" appears twice, on lines ${firstLine} and ${line}`,
        line,
        1,
      );
    }
    lineByAgency.set(key, line);

    let group: string | null = null;
    if (groupColumn !== null) {
      const g = clean(raw[groupColumn - 1]).replace(/\s+/g, " ");
      if (g !== "") {
        // One group however its spelling varies in case; the first spelling is the one shown.
        const gk = g.toLocaleLowerCase("vi");
        if (!groupSpelling.has(gk)) groupSpelling.set(gk, g);
        group = groupSpelling.get(gk)!;
      }
    }

    const cells: (Centi | null)[] = [];
    for (const area of areas) {
      const text = clean(raw[area.column - 1]);
      if (text === "" || NOT_APPLICABLE.test(text)) {
        cells.push(null);
        continue;
      }
      const where = at(line, area.column, area.header);
      const v = parseCenti(text);
      if (v === null) {
        if (LOOKS_DECIMAL.test(text.replace(/\s/g, ""))) {
          throw new TableError(
            "too_many_decimals",
            `${where}: "${text}" has more than 2 decimals`,
            line,
            area.column,
          );
        }
        throw new TableError("not_a_number", `${where}: "${text}" is not a number`, line, area.column);
      }
      if (v < 0)
        throw new TableError("negative_points", `${where}: "${text}" is negative`, line, area.column);
      if (v > area.max) {
        throw new TableError(
          "above_max",
          `${where}: "${text}" is above the area's max ${centiText(area.max)}`,
          line,
          area.column,
        );
      }
      cells.push(v);
    }
    const applicableMax = sumCenti(areas.filter((_, k) => cells[k] !== null).map((a) => a.max));
    if (applicableMax <= 0) {
      throw new TableError(
        "no_applicable_area",
        `${at(line, null)}: "${agency}" has no applicable area (every area cell is empty or "-", or worth 0 points), so it has no index`,
        line,
      );
    }
    rows.push({ line, agency, group, cells });
  }

  return { agencyHeader, groupColumn, areas, rows };
}

const collator = new Intl.Collator("vi");

/**
 * Points, max over the applicable areas, index, grade and rank within the group. Ordered by group
 * (by name, agencies without a group last), then rank, then agency name.
 */
export function scoreResultsTable(table: ResultsTable, opts: ScoreOptions = {}): ScoreRow[] {
  const byGroup = new Map<string | null, { agency: string; achieved: Centi; max: Centi }[]>();
  for (const row of table.rows) {
    const achieved = sumCenti(row.cells.filter((c): c is Centi => c !== null));
    const max = sumCenti(table.areas.filter((_, k) => row.cells[k] !== null).map((a) => a.max));
    const list = byGroup.get(row.group) ?? [];
    list.push({ agency: row.agency, achieved, max });
    byGroup.set(row.group, list);
  }

  const out: ScoreRow[] = [];
  for (const [group, list] of byGroup) {
    const ranked = rank(
      list.map((e) => ({ key: e.agency, achieved: e.achieved, max: e.max })),
      { decimals: opts.decimals === undefined ? 2 : opts.decimals },
    );
    for (const r of ranked) {
      out.push({
        agency: r.key,
        group,
        points: r.achieved,
        max: r.max,
        percent: r.percent,
        grade: gradeFor(r.percent, DEFAULT_GRADE_BANDS),
        rank: r.rank,
      });
    }
  }
  // rank() leaves out max-0 entries; parseResultsTable rejects those, so nothing is lost here.
  if (out.length !== table.rows.length) {
    throw new Error("scoreResultsTable: an agency has no applicable area (the table was not parsed)");
  }

  out.sort((a, b) => {
    if (a.group !== b.group) {
      if (a.group === null) return 1;
      if (b.group === null) return -1;
      const g = collator.compare(a.group, b.group);
      if (g !== 0) return g;
    }
    return a.rank - b.rank || collator.compare(a.agency, b.agency);
  });
  return out;
}
