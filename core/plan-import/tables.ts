/**
 * Tables in a plan, whether HTML, Word, tab-separated or drawn with "|": a table of tasks ("Nội
 * dung | Chủ trì | Phối hợp | Thời hạn") becomes one labelled paragraph per row, and a table of area
 * scores ("Lĩnh vực | Điểm tối đa | Điểm năm 2023 | Mục tiêu năm 2024") one target line per area,
 * so both read the same way as a plan written in prose.
 */
import { fromCenti } from "../decimal.ts";
import { centi, NUM } from "./numbers.ts";

const LABELS: [RegExp, string][] = [
  [/chủ trì/iu, "Chủ trì"],
  [/phối hợp/iu, "Phối hợp"],
  [/thời (?:hạn|gian)|tiến độ/iu, "Thời hạn hoàn thành"],
  [/sản phẩm|kết quả/iu, "Sản phẩm"],
  [/chỉ tiêu/iu, "Chỉ tiêu"],
];

/** The rows of a table as paragraphs of prose, or null when it is neither tasks nor area scores. */
export function tableLines(rows: string[][]): string[] | null {
  return taskRows(rows) ?? scoreRows(rows);
}

function taskRows(rows: string[][]): string[] | null {
  const headerIndex = rows.findIndex((r) => r.some((c) => /chủ trì/iu.test(c)));
  if (headerIndex < 0) return null;
  const header = rows[headerIndex];
  const roles = header.map(
    (h) => LABELS.find(([re]) => re.test(h))?.[1] ?? (/^(?:stt|tt|số tt)$/iu.test(h) ? "#" : "content"),
  );
  const out: string[] = [];
  for (const r of rows.slice(headerIndex + 1)) {
    const filled = r.filter((c) => c !== "");
    if (filled.length === 0) continue;
    // A section row: "I | Cải cách thể chế" with the other cells empty or merged (colspan).
    if (filled.length <= 2 && (r.length < header.length || r.slice(2).every((c) => c === ""))) {
      out.push(filled.join(". ").replace(/^([IVX]+|[A-ZĐ]|\d+(?:\.\d+)*)\.?\.\s*/u, "$1. "));
      continue;
    }
    const content = r.filter((_, i) => roles[i] === "content" && r[i]).join(". ");
    const fields = r
      .map((c, i) => (roles[i] !== "content" && roles[i] !== "#" && c ? `${roles[i]}: ${c}` : null))
      .filter(Boolean);
    out.push(`- ${[content.replace(/[.;:]$/, ""), ...fields].join("; ")}.`);
  }
  return out;
}

const NUMBER = new RegExp(`^${NUM}$`, "u");
const vi = (c: number) => String(fromCenti(c)).replace(".", ",");

/** "1 | Công tác chỉ đạo, điều hành | 9 | 7,85 | 8,5" → "- Chỉ số thành phần “…”: 8,5/9 điểm (…)". */
function scoreRows(rows: string[][]): string[] | null {
  const headerIndex = rows.findIndex(
    (r) =>
      r.some((c) => /lĩnh vực|chỉ số thành phần|tiêu chí/iu.test(c)) &&
      r.some((c) => /tối đa/iu.test(c)) &&
      r.some((c) => /mục tiêu|phấn đấu|kế hoạch|dự kiến|chỉ tiêu/iu.test(c)),
  );
  if (headerIndex < 0) return null;
  const header = rows[headerIndex];
  const col = (re: RegExp, not: number[] = []) => header.findIndex((c, i) => !not.includes(i) && re.test(c));
  const title = col(/lĩnh vực|chỉ số thành phần|tiêu chí/iu);
  const max = col(/tối đa/iu, [title]);
  const target = col(/mục tiêu|phấn đấu|kế hoạch|dự kiến|chỉ tiêu/iu, [title, max]);
  // "So với năm 2019" / "Tăng (+)": the change the plan states, when it gives no earlier result.
  const change = col(/so với|tăng|giảm|chênh/iu, [title, max, target]);
  const base = col(/năm\s*\d{4}|kết quả|điểm đạt/iu, [title, max, target, change]);
  const yearOf = (c: number) => (c >= 0 ? /(?:năm\s*)?(\d{4})/u.exec(header[c])?.[1] : undefined);
  const year = yearOf(base) ?? yearOf(change);
  const out: string[] = [];
  for (const r of rows.slice(headerIndex + 1)) {
    const name = r[title] ?? "";
    if (name === "" || /^tổng/iu.test(name) || !NUMBER.test(r[max] ?? "") || !NUMBER.test(r[target] ?? "")) {
      out.push(r.filter((c) => c !== "").join(" | "));
      continue;
    }
    let note = "";
    // Under "Tăng so với năm 2023" a bare number is an increase.
    const cell = r[change] ?? "";
    const rises = change >= 0 && /tăng/iu.test(header[change]) && !/giảm/iu.test(header[change]);
    const stated =
      change >= 0 ? statedChange(rises && NUMBER.test(cell.trim()) ? `+${cell.trim()}` : cell) : null;
    if (stated) note = ` (${stated}${year && stated !== "giữ vững" ? ` so với năm ${year}` : ""})`;
    if (base >= 0 && NUMBER.test(r[base] ?? "")) {
      const delta = centi(r[target]) - centi(r[base]);
      const since = year ? ` so với năm ${year}` : "";
      const change =
        delta === 0 ? "giữ vững" : `${delta > 0 ? "tăng" : "giảm"} ${vi(Math.abs(delta))} điểm${since}`;
      note = ` (${year ? `năm ${year} ` : ""}đạt ${r[base]} điểm; ${change})`;
    }
    out.push(`- Chỉ số thành phần “${name}”: ${r[target]}/${r[max]} điểm${note}`);
  }
  return out;
}

/** "+1,25", "Tăng 1,5 điểm", "-0,5", "Giữ vững" as the prose an area target is read from, or null. */
function statedChange(cell: string): string | null {
  if (/giữ vững|giữ nguyên/iu.test(cell)) return "giữ vững";
  const m = new RegExp(`^(?:(tăng|giảm)\\s*|([+\\-−]))?\\s*(${NUM})\\s*(?:điểm)?$`, "iu").exec(cell.trim());
  if (!m || (!m[1] && !m[2])) return null;
  const down = m[1]?.toLowerCase() === "giảm" || m[2] === "-" || m[2] === "−";
  return `${down ? "giảm" : "tăng"} ${m[3]} điểm`;
}

/**
 * The cells of a line drawn as a table row ("1 | Cải cách thể chế | 8"; tab-separated) with at least
 * `separators` separators, or null. Under a header, a row of two cells is enough: Word drops the
 * empty cells at a row's end ("I\tCÔNG TÁC CHỈ ĐẠO").
 */
export function rowCells(line: string, separators = 2): string[] | null {
  // Tabs are kept: "I\tCẢI CÁCH THỂ CHẾ\t\t\t" is a row whose other cells are empty.
  const trimmed = line.replace(/^ +| +$/g, "").replace(/\r$/, "");
  if ((trimmed.match(/\|/g) ?? []).length >= separators) {
    const cells = trimmed.split("|").map((c) => c.trim());
    return trimmed.startsWith("|") && trimmed.endsWith("|") ? cells.slice(1, -1) : cells;
  }
  if ((trimmed.match(/\t/g) ?? []).length >= separators) return trimmed.split("\t").map((c) => c.trim());
  return null;
}
