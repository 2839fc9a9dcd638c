/**
 * `parindex score FILE`: scores and ranks a results table kept in a spreadsheet (CSV or XLSX).
 * Reading the file is server/spreadsheet.ts's, the rules are core/results-table.ts's; this file
 * is the presentation and the command.
 */
import { pathToFileURL } from "node:url";
import { fromCenti } from "../core/decimal.ts";
import { formatPercentCenti, formatPoints } from "../core/locale.ts";
import {
  parseResultsTable,
  type ScoreOptions,
  type ScoreRow,
  scoreResultsTable,
  TableError,
} from "../core/results-table.ts";
import { readGrid } from "../server/spreadsheet.ts";

export async function scoreFile(path: string, opts: ScoreOptions = {}): Promise<ScoreRow[]> {
  return scoreResultsTable(parseResultsTable(await readGrid(path)), opts);
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

export interface ScoreJsonRow {
  agency: string;
  group: string | null;
  points: number;
  max: number;
  percent: number;
  grade: string | null;
  rank: number;
}

export function formatScoreJson(rows: readonly ScoreRow[]): ScoreJsonRow[] {
  return rows.map((r) => ({
    agency: r.agency,
    group: r.group,
    points: fromCenti(r.points),
    max: fromCenti(r.max),
    percent: fromCenti(r.percent),
    grade: r.grade,
    rank: r.rank,
  }));
}

const HEADERS = ["Hạng", "Cơ quan", "Nhóm", "Điểm", "Tối đa", "Chỉ số", "Xếp loại"] as const;
const RIGHT = [true, false, false, true, true, true, false];

function width(s: string): number {
  return [...s.normalize("NFC")].length;
}

/** A plain text league table for the terminal, numbers in Vietnamese notation ("81,08%"). */
export function formatScoreTable(rows: readonly ScoreRow[]): string {
  const body = rows.map((r) => [
    String(r.rank),
    r.agency,
    r.group ?? "",
    formatPoints(r.points),
    formatPoints(r.max),
    formatPercentCenti(r.percent),
    r.grade ?? "",
  ]);
  const widths = HEADERS.map((h, k) => Math.max(width(h), ...body.map((cells) => width(cells[k]))));
  const line = (cells: readonly string[]) =>
    cells
      .map((t, k) => {
        const pad = " ".repeat(widths[k] - width(t));
        return RIGHT[k] ? pad + t : t + pad;
      })
      .join(" | ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  return [line(HEADERS), rule, ...body.map(line)].join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// Command
// ---------------------------------------------------------------------------------------------

export interface ScoreIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = "usage: parindex score FILE.csv|FILE.xlsx [--json] [--decimals 0|1|2|exact]\n";

/** Runs `parindex score ARGS`; returns the exit code (0 ok, 1 bad file, 2 bad usage). */
export async function runScore(args: readonly string[], io: ScoreIo): Promise<number> {
  let file: string | null = null;
  let json = false;
  let decimals: ScoreOptions["decimals"];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") json = true;
    else if (a === "--decimals" || a.startsWith("--decimals=")) {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i];
      if (v === "0" || v === "1" || v === "2") decimals = Number(v) as 0 | 1 | 2;
      else if (v === "exact") decimals = null;
      else {
        io.stderr(`--decimals must be 0, 1, 2 or exact\n${USAGE}`);
        return 2;
      }
    } else if (a === "-h" || a === "--help") {
      io.stdout(USAGE);
      return 0;
    } else if (a.startsWith("-") || file !== null) {
      io.stderr(`unexpected argument "${a}"\n${USAGE}`);
      return 2;
    } else file = a;
  }
  if (file === null) {
    io.stderr(USAGE);
    return 2;
  }
  try {
    const rows = await scoreFile(file, { decimals });
    io.stdout(json ? `${JSON.stringify(formatScoreJson(rows), null, 2)}\n` : formatScoreTable(rows));
    return 0;
  } catch (e) {
    const msg = e instanceof TableError && e.line > 0 ? `${file}: ${e.message}` : (e as Error).message;
    io.stderr(`${msg}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runScore(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  }).then((code) => {
    process.exitCode = code;
  });
}
