import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TableError } from "../core/results-table.ts";
import { detectDelimiter, readGrid } from "../server/spreadsheet.ts";
import { formatScoreJson, formatScoreTable, runScore, scoreFile } from "./score.ts";

const FIXTURE = fileURLToPath(new URL("../test/fixtures/score/so-ban-nganh-2018.csv", import.meta.url));

const AREAS = [
  "Chỉ đạo, điều hành CCHC (12)",
  "Cải cách thể chế (5)",
  "Cải cách thủ tục hành chính (14)",
  "Cải cách tổ chức bộ máy hành chính nhà nước (3,5)",
  "Xây dựng và nâng cao chất lượng đội ngũ CBCCVC (10)",
  "Cải cách tài chính công (2)",
  "Hiện đại hóa hành chính (8,5)",
  "Tác động của CCHC (38)",
];

// Hand-computed: office 75,40 / 93 = 81,08 %; Sở Nội vụ 86 / 93 = 92,47 %; Sở Tư pháp has area 6
// not applicable, 80 / 91 = 87,91 %.
const EXPECTED = [
  { agency: "Sở Nội vụ", group: null, points: 8600, max: 9300, percent: 9247, grade: "A", rank: 1 },
  { agency: "Sở Tư pháp", group: null, points: 8000, max: 9100, percent: 8791, grade: "A", rank: 2 },
  { agency: "Văn phòng UBND tỉnh", group: null, points: 7540, max: 9300, percent: 8108, grade: "A", rank: 3 },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parindex-score-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Buffer): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, content);
  return p;
}

async function writeXlsx(name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Kết quả");
  for (const [i, r] of rows.entries()) ws.getRow(i + 1).values = r as ExcelJS.CellValue[];
  const p = join(dir, name);
  await wb.xlsx.writeFile(p);
  return p;
}

async function rejection(p: Promise<unknown>): Promise<TableError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TableError);
    return e as TableError;
  }
  throw new Error("expected a TableError");
}

/** A minimal stored (uncompressed) zip: enough to fake a .docx. */
function zip(files: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const n = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    parts.push(local, n, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

describe("scoreFile on CSV", () => {
  it("reads a comma-separated file (decimal commas quoted)", async () => {
    const p = await write(
      "comma.csv",
      [
        ["Cơ quan", ...AREAS].map((h) => `"${h}"`).join(","),
        'Văn phòng UBND tỉnh,7,5,13,"3,5","7,5",2,"5,72","31,68"',
        "Sở Nội vụ,11,5,13.5,3.5,9.5,2,8,33.5",
        'Sở Tư pháp,10,5,13,3,9,-,"7,5",32,5',
      ]
        .join("\n")
        .replace(",32,5", ',"32,5"'),
    );
    expect(await scoreFile(p)).toEqual(EXPECTED);
  });

  it("reads a semicolon-separated file with a BOM and CRLF line ends", async () => {
    const p = await write(
      "semicolon.csv",
      "\uFEFF" +
        [
          ["Cơ quan", ...AREAS].join(";"),
          "Văn phòng UBND tỉnh;7;5;13;3,5;7,5;2;5,72;31,68",
          "",
          "Sở Nội vụ;11;5;13,5;3,5;9,5;2;8;33,5",
          "Sở Tư pháp;10;5;13;3;9;;7,5;32,5",
          "",
        ].join("\r\n"),
    );
    expect(await scoreFile(p)).toEqual(EXPECTED);
  });

  it("reads a tab-separated file with an uppercase extension", async () => {
    const p = await write(
      "tab.CSV",
      [["Cơ quan", ...AREAS].join("\t"), "Văn phòng UBND tỉnh\t7\t5\t13\t3,5\t7,5\t2\t5,72\t31,68"].join(
        "\n",
      ),
    );
    expect(await scoreFile(p)).toEqual([{ ...EXPECTED[2], rank: 1 }]);
  });

  it("detects the delimiter from the header's shape, not from counting characters", () => {
    expect(detectDelimiter("Cơ quan;Chỉ đạo, điều hành, kiểm tra CCHC (12);B (8,5)\n")).toBe(";");
    expect(detectDelimiter('Cơ quan,"Chỉ đạo; điều hành (12)","B (8,5)"\n')).toBe(",");
    expect(detectDelimiter("Cơ quan\tA (12)\tB (8,5)\n")).toBe("\t");
  });

  it("keeps file line numbers across blank lines and quoted multi-line cells", async () => {
    const p = await write(
      "lines.csv",
      ['Cơ quan,"A (10)","B (5)"', "", '"Ban Quản lý\ndự án",1,2', "", "Sở Y tế,1,x"].join("\n"),
    );
    const grid = await readGrid(p);
    expect(grid[0]).toEqual(["Cơ quan", "A (10)", "B (5)"]);
    expect(grid[2]).toEqual(["Ban Quản lý\ndự án", "1", "2"]);
    expect(grid[5]).toEqual(["Sở Y tế", "1", "x"]);
    const e = await rejection(scoreFile(p));
    expect(e).toMatchObject({ line: 6, column: 3, code: "not_a_number" });
    expect(e.message).toBe('line 6, column 3 ("B (5)"): "x" is not a number');
  });

  it("rejects a row with the wrong number of columns, naming the line", async () => {
    const p = await write("count.csv", ["Cơ quan,A (10),B (5)", "X,1,2", "", "Y,1,2,5", "Z,1"].join("\n"));
    const e = await rejection(scoreFile(p));
    expect(e).toMatchObject({ line: 4, column: null, code: "column_count" });
    expect(e.message).toMatch(/^line 4: 4 columns where the header has 3/);
    // The classic mistake: an unquoted decimal comma in a comma-separated file.
    const p2 = await write("comma-decimal.csv", ["Cơ quan,A (10)", "X,3,5"].join("\n"));
    expect(await rejection(scoreFile(p2))).toMatchObject({ line: 2, code: "column_count" });
  });

  it("rejects broken quoting and reports the line", async () => {
    const p = await write("quote.csv", ["Cơ quan,A (10)", "X,1", '"Y,2'].join("\n"));
    const e = await rejection(scoreFile(p));
    expect(e.code).toBe("csv_syntax");
    expect(e.line).toBeGreaterThanOrEqual(3);
    expect(e.message).toMatch(/^line \d+: /);
  });

  it("rejects a file that is not UTF-8, naming the first bad line", async () => {
    const p = await write(
      "latin.csv",
      Buffer.concat([Buffer.from("Cơ quan,A (10)\nX,1\n"), Buffer.from([0x53, 0xf5, 0x2c, 0x31, 0x0a])]),
    );
    expect(await rejection(scoreFile(p))).toMatchObject({ line: 3, code: "encoding" });
  });

  it("rejects an empty file", async () => {
    const p = await write("empty.csv", "");
    expect(await rejection(scoreFile(p))).toMatchObject({ line: 1, code: "empty_file" });
    const p2 = await write("blank.csv", "\n\n  \n");
    expect(await rejection(scoreFile(p2))).toMatchObject({ line: 1, code: "empty_file" });
  });
});

describe("scoreFile on XLSX", () => {
  it("reads numbers, formulas, rich text and '-' from the first worksheet", async () => {
    const p = await writeXlsx("ket-qua.xlsx", [
      ["Cơ quan", ...AREAS],
      ["Văn phòng UBND tỉnh", 7, 5, 13, 3.5, 7.5, 2, 5.72, 31.68],
      [],
      [
        { richText: [{ text: "Sở " }, { text: "Nội vụ", font: { bold: true } }] },
        11,
        5,
        13.5,
        3.5,
        9.5,
        2,
        8,
        // A sum whose float result carries binary noise, as Excel formulas do.
        { formula: "SUM(0.01,32.01,1.48)", result: 0.01 + 32.01 + 1.48 },
      ],
      ["Sở Tư pháp", 10, 5, 13, 3, 9, "-", "7,5", { formula: "32.5", result: 32.5 }],
    ]);
    expect(0.01 + 32.01 + 1.48).not.toBe(33.5);
    expect(await scoreFile(p)).toEqual(EXPECTED);
    const grid = await readGrid(p);
    expect(grid[1]).toEqual(["Văn phòng UBND tỉnh", "7", "5", "13", "3.5", "7.5", "2", "5.72", "31.68"]);
    expect(grid[2]).toEqual([]);
    expect(grid[3][0]).toBe("Sở Nội vụ");
    expect(grid[3][8]).toBe("33.5");
  });

  it("rejects a bad cell with its sheet row and column", async () => {
    const p = await writeXlsx("bad.xlsx", [
      ["Cơ quan", "Chỉ đạo (12)", "Cải cách thể chế (5)"],
      ["Sở Nội vụ", 10, 5],
      ["Sở Tư pháp", 9, 5.125],
    ]);
    const e = await rejection(scoreFile(p));
    expect(e).toMatchObject({ line: 3, column: 3, code: "too_many_decimals" });
    expect(e.message).toBe('line 3, column 3 ("Cải cách thể chế (5)"): "5.125" has more than 2 decimals');
    const p2 = await writeXlsx("above.xlsx", [
      ["Cơ quan", "Chỉ đạo (12)"],
      ["Sở Nội vụ", 12.5],
    ]);
    expect(await rejection(scoreFile(p2))).toMatchObject({ line: 2, column: 2, code: "above_max" });
  });

  it("rejects a formula that has no computed value instead of reading it as not applicable", async () => {
    const p = await writeXlsx("formula.xlsx", [
      ["Cơ quan", "Chỉ đạo (12)"],
      ["Sở Nội vụ", { formula: "B5*2" }],
    ]);
    expect(await rejection(scoreFile(p))).toMatchObject({
      line: 2,
      column: 2,
      code: "formula_without_result",
    });
  });

  it("rejects a .docx renamed .xlsx, and a file that is not a zip at all", async () => {
    const docx = zip({
      "[Content_Types].xml":
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      "word/document.xml":
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        "<w:body><w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p></w:body></w:document>",
    });
    const p = await write("bao-cao.xlsx", docx);
    const e = await rejection(scoreFile(p));
    expect(e.code).toBe("invalid_xlsx");
    expect(e.message).toContain("is not an Excel workbook");
    const p2 = await write("text.xlsx", "Cơ quan,A (10)\nX,1\n");
    const e2 = await rejection(scoreFile(p2));
    expect(e2.code).toBe("invalid_xlsx");
    expect(e2.message).toContain("is not a valid Excel workbook");
  });
});

describe("readGrid", () => {
  it("rejects an unsupported extension and a missing file clearly", async () => {
    const p = await write("ket-qua.docx", "x");
    expect(await rejection(readGrid(p))).toMatchObject({ code: "unsupported_format" });
    await expect(readGrid(join(dir, "khong-co.csv"))).rejects.toThrow(/^File not found: .*khong-co\.csv$/);
  });
});

describe("output", () => {
  it("JSON carries plain numbers", () => {
    const json = formatScoreJson(EXPECTED);
    expect(json[2]).toEqual({
      agency: "Văn phòng UBND tỉnh",
      group: null,
      points: 75.4,
      max: 93,
      percent: 81.08,
      grade: "A",
      rank: 3,
    });
    expect(JSON.stringify(json[2])).toBe(
      '{"agency":"Văn phòng UBND tỉnh","group":null,"points":75.4,"max":93,"percent":81.08,"grade":"A","rank":3}',
    );
  });

  it("the text table is aligned and in Vietnamese notation", () => {
    const text = formatScoreTable([
      ...EXPECTED,
      {
        agency: "Huyện Duy Xuyên",
        group: "UBND cấp huyện",
        points: 123450,
        max: 150000,
        percent: 8230,
        grade: "A",
        rank: 1,
      },
    ]);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Hạng \| Cơ quan +\| Nhóm +\| +Điểm \| +Tối đa \| +Chỉ số \| Xếp loại$/);
    expect(text).toContain("81,08%");
    expect(text).toContain("75,4");
    expect(text).toContain("1.234,5");
    expect(text).toContain("82,30%");
    expect(text).not.toMatch(/\d\.\d{2}%/);
    // Every row's separators line up with the header's.
    const bars = (l: string) => [...l].flatMap((ch, i) => (ch === "|" ? [i] : []));
    for (const l of lines.slice(2)) expect(bars(l)).toEqual(bars(lines[0]));
  });
});

describe("the example file test/fixtures/score/so-ban-nganh-2018.csv", () => {
  it("ranks the ten departments, with one tie and one area not applicable", async () => {
    const rows = await scoreFile(FIXTURE);
    expect(rows.map((r) => [r.rank, r.agency, r.percent, r.grade])).toEqual([
      [1, "Sở Nội vụ", 9247, "A"],
      [2, "Sở Tư pháp", 8844, "A"],
      [3, "Sở Kế hoạch và Đầu tư", 8602, "A"],
      [3, "Sở Tài chính", 8602, "A"],
      [5, "Văn phòng UBND tỉnh", 8108, "A"],
      [6, "Sở Công Thương", 8038, "A"],
      [7, "Ban Quản lý các khu công nghiệp tỉnh", 7802, "B"],
      [8, "Sở Xây dựng", 7796, "B"],
      [9, "Sở Giao thông vận tải", 7769, "B"],
      [10, "Sở Y tế", 7097, "C"],
    ]);
    const bql = rows.find((r) => r.agency.startsWith("Ban Quản lý"))!;
    expect([bql.points, bql.max]).toEqual([7100, 9100]);
    const office = rows.find((r) => r.agency === "Văn phòng UBND tỉnh")!;
    expect([office.points, office.max]).toEqual([7540, 9300]);
  });
});

describe("runScore", () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) } };
  }

  it("prints the table, or JSON with --json", async () => {
    const t = io();
    expect(await runScore([FIXTURE], t.io)).toBe(0);
    expect(t.out.join("")).toContain("81,08%");
    const j = io();
    expect(await runScore([FIXTURE, "--json", "--decimals", "exact"], j.io)).toBe(0);
    const rows = JSON.parse(j.out.join(""));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({
      agency: "Sở Nội vụ",
      group: null,
      points: 86,
      max: 93,
      percent: 92.47,
      grade: "A",
      rank: 1,
    });
  });

  it("exits 1 with the file, line and column on a bad file, 2 on bad usage", async () => {
    const p = await write("cli-bad.csv", "Cơ quan;A (10)\nX;11\n");
    const t = io();
    expect(await runScore([p], t.io)).toBe(1);
    expect(t.err.join("")).toContain(`${p}: line 2, column 2 ("A (10)"): "11" is above the area's max 10`);
    expect(await runScore([], io().io)).toBe(2);
    expect(await runScore([p, "--decimals", "3"], io().io)).toBe(2);
  });
});
