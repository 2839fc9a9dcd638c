import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseResultsTable, type ScoreRow, scoreResultsTable, TableError } from "./results-table.ts";

/** One string per line, cells separated by ";" (area names may contain commas, as in the seed). */
function grid(...lines: string[]): string[][] {
  return lines.map((l) => (l === "" ? [] : l.split(";")));
}

function score(...lines: string[]): ScoreRow[] {
  return scoreResultsTable(parseResultsTable(grid(...lines)));
}

function tableError(fn: () => unknown): TableError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TableError);
    return e as TableError;
  }
  throw new Error("expected a TableError");
}

function parseError(...lines: string[]): TableError {
  return tableError(() => parseResultsTable(grid(...lines)));
}

// The seed's eight areas (Quảng Nam, 2018 framework for departments): 93 points in all.
const SEED_HEADER =
  "Cơ quan;Chỉ đạo, điều hành CCHC (12);Cải cách thể chế (5);Cải cách thủ tục hành chính (14);" +
  "Cải cách tổ chức bộ máy hành chính nhà nước (3,5);Xây dựng và nâng cao chất lượng đội ngũ CBCCVC (10);" +
  "Cải cách tài chính công (2);Hiện đại hóa hành chính (8,5);Tác động của CCHC (38)";

describe("parseResultsTable", () => {
  it("reads area names and maxes from the headers, decimal comma or point", () => {
    const t = parseResultsTable(grid(SEED_HEADER, "Văn phòng UBND tỉnh;7;5;13;3,5;7,5;2;5,72;31,68"));
    expect(t.agencyHeader).toBe("Cơ quan");
    expect(t.groupColumn).toBeNull();
    expect(t.areas.map((a) => a.max)).toEqual([1200, 500, 1400, 350, 1000, 200, 850, 3800]);
    expect(t.areas[0]).toEqual({
      column: 2,
      header: "Chỉ đạo, điều hành CCHC (12)",
      name: "Chỉ đạo, điều hành CCHC",
      max: 1200,
    });
    expect(t.rows).toEqual([
      {
        line: 2,
        agency: "Văn phòng UBND tỉnh",
        group: null,
        cells: [700, 500, 1300, 350, 750, 200, 572, 3168],
      },
    ]);
    expect(parseResultsTable(grid("Cơ quan;A (8.5)", "X;3.5")).areas[0].max).toBe(850);
  });

  it("recognises the group column as 'group' or 'nhóm' in any case or accent, anywhere after the agency", () => {
    for (const h of ["group", "Group", "Nhóm", "NHÓM", "nhom", " nhóm "]) {
      const t = parseResultsTable(grid(`Cơ quan;A (10);${h};B (5)`, "X;1;Sở;2"));
      expect(t.groupColumn).toBe(3);
      expect(t.areas.map((a) => a.column)).toEqual([2, 4]);
      expect(t.rows[0].group).toBe("Sở");
    }
  });

  it("normalises text to NFC", () => {
    const t = parseResultsTable([
      ["Cơ quan", "A (10)"],
      ["Sở Nội vụ".normalize("NFD"), "1"],
    ]);
    expect(t.rows[0].agency).toBe("Sở Nội vụ".normalize("NFC"));
  });

  it("ignores blank lines but keeps the file's line numbers", () => {
    const t = parseResultsTable([[], ["Cơ quan", "A (10)"], [], ["", " "], ["X", "1"], ["Y", "2"]]);
    expect(t.rows.map((r) => [r.agency, r.line])).toEqual([
      ["X", 5],
      ["Y", 6],
    ]);
  });

  it("ignores a column that has neither header nor data (a trailing delimiter)", () => {
    const t = parseResultsTable(grid("Cơ quan;A (10);", "X;1;", "Y;2"));
    expect(t.areas).toHaveLength(1);
  });
});

describe("scoreResultsTable", () => {
  it("scores the 2018 Quảng Nam office row: 75,40 of 93 = 81,08 %", () => {
    expect(score(SEED_HEADER, "Văn phòng UBND tỉnh;7;5;13;3,5;7,5;2;5,72;31,68")).toEqual([
      {
        agency: "Văn phòng UBND tỉnh",
        group: null,
        points: 7540,
        max: 9300,
        percent: 8108,
        grade: "A",
        rank: 1,
      },
    ]);
  });

  it("gives equal percentages equal rank and skips the next (1, 2, 2, 4), ties ordered by name", () => {
    const rows = score("Cơ quan;A (10)", "Sở Y tế;8", "Sở Nội vụ;9", "Sở Xây dựng;7", "Sở Công Thương;8");
    expect(rows.map((r) => [r.rank, r.agency, r.percent])).toEqual([
      [1, "Sở Nội vụ", 9000],
      [2, "Sở Công Thương", 8000],
      [2, "Sở Y tế", 8000],
      [4, "Sở Xây dựng", 7000],
    ]);
  });

  it("drops a not-applicable area from the agency's denominator ('', '-' or a dash)", () => {
    const rows = score("Cơ quan;A (10);B (10)", "Đủ;8;0", "Trống;8;", "Gạch;8;-", "Gạch dài;8;–");
    const by = new Map(rows.map((r) => [r.agency, r]));
    expect(by.get("Đủ")).toMatchObject({ points: 800, max: 2000, percent: 4000, grade: "D", rank: 4 });
    for (const a of ["Trống", "Gạch", "Gạch dài"]) {
      expect(by.get(a)).toMatchObject({ points: 800, max: 1000, percent: 8000, grade: "A", rank: 1 });
    }
  });

  it("ties percentages that differ only in the third decimal (default 2-decimal rounding)", () => {
    // P: 75,40 / 93 = 81,0752… %; Q: 81,08 / 100 = 81,0800 %; both publish as 81,08 %.
    const lines = ["Cơ quan;A (93);B (7)", "P;75,4;-", "Q;74,08;7", "R;70;7"];
    const rows = score(...lines);
    expect(rows.map((r) => [r.agency, r.percent, r.rank])).toEqual([
      ["P", 8108, 1],
      ["Q", 8108, 1],
      ["R", 7700, 3],
    ]);
    const exact = scoreResultsTable(parseResultsTable(grid(...lines)), { decimals: null });
    expect(exact.map((r) => [r.agency, r.rank])).toEqual([
      ["Q", 1],
      ["P", 2],
      ["R", 3],
    ]);
    const whole = scoreResultsTable(parseResultsTable(grid("Cơ quan;A (100)", "X;80,4", "Y;79,6")), {
      decimals: 0,
    });
    expect(whole.map((r) => r.rank)).toEqual([1, 1]);
  });

  it("ranks each group separately; groups by name, agencies without a group last", () => {
    const rows = score(
      "Đơn vị;A (10);Nhóm",
      "Sở Tư pháp;9;Sở, ban, ngành",
      "Huyện Duy Xuyên;7;UBND cấp huyện",
      "Sở Nội vụ;6;Sở, ban, ngành",
      "Huyện Núi Thành;8;ubnd cấp huyện",
      "Ban Dân tộc;5;",
    );
    expect(rows.map((r) => [r.group, r.rank, r.agency])).toEqual([
      ["Sở, ban, ngành", 1, "Sở Tư pháp"],
      ["Sở, ban, ngành", 2, "Sở Nội vụ"],
      // Group names match case-insensitively; the first spelling is shown.
      ["UBND cấp huyện", 1, "Huyện Núi Thành"],
      ["UBND cấp huyện", 2, "Huyện Duy Xuyên"],
      [null, 1, "Ban Dân tộc"],
    ]);
  });

  it("grades with the national 2018 bands", () => {
    const rows = score("Cơ quan;A (100)", "A;80", "B;79,99", "C;70", "D;69,99");
    expect(rows.map((r) => [r.agency, r.grade])).toEqual([
      ["A", "A"],
      ["B", "B"],
      ["C", "C"],
      ["D", "D"],
    ]);
  });

  it("shuffling the data rows changes no agency's rank, points or index", () => {
    const tableArb = fc
      .record({
        maxes: fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 4 }),
        n: fc.integer({ min: 1, max: 12 }),
        seed: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), fc.boolean()), {
          minLength: 48,
          maxLength: 48,
        }),
        groups: fc.array(fc.constantFrom("Sở", "Huyện", ""), { minLength: 12, maxLength: 12 }),
      })
      .map(({ maxes, n, seed, groups }) => {
        const header = [
          "Cơ quan",
          "Nhóm",
          ...maxes.map((m, k) => `Lĩnh vực ${k + 1} (${centiString(m, ",")})`),
        ];
        const rows = Array.from({ length: n }, (_, i) => {
          const cells = maxes.map((m, k) => {
            const [u, na, comma] = seed[(i * 4 + k) % seed.length];
            if (na && k > 0) return "-";
            return centiString(Math.floor(u * m), comma ? "," : ".");
          });
          return [`Cơ quan ${i + 1}`, groups[i], ...cells];
        });
        return { header, rows };
      })
      .chain(({ header, rows }) =>
        fc.tuple(
          fc.constant({ header, rows }),
          fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
        ),
      );

    fc.assert(
      fc.property(tableArb, ([{ header, rows }, shuffled]) => {
        const a = scoreResultsTable(parseResultsTable([header, ...rows]));
        const b = scoreResultsTable(parseResultsTable([header, ...shuffled]));
        expect(b).toEqual(a);
      }),
    );
  });
});

function centiString(c: number, sep: string): string {
  return `${Math.trunc(c / 100)}${sep}${String(c % 100).padStart(2, "0")}`;
}

describe("errors name the line and column", () => {
  const H = "Cơ quan;Chỉ đạo, điều hành CCHC (12);Cải cách thể chế (5)";

  it("a points cell that is not a number", () => {
    const e = parseError(H, "Sở Nội vụ;10;5", "Sở Tư pháp;9;4", "Sở Y tế;8;abc");
    expect(e.message).toBe('line 4, column 3 ("Cải cách thể chế (5)"): "abc" is not a number');
    expect(e).toMatchObject({ line: 4, column: 3, code: "not_a_number" });
  });

  it("a points cell with more than 2 decimals, negative, or above the area's max", () => {
    expect(parseError(H, "X;3,125;1")).toMatchObject({ line: 2, column: 2, code: "too_many_decimals" });
    expect(parseError(H, "X;3,125;1").message).toBe(
      'line 2, column 2 ("Chỉ đạo, điều hành CCHC (12)"): "3,125" has more than 2 decimals',
    );
    expect(parseError(H, "X;3;-1")).toMatchObject({ line: 2, column: 3, code: "negative_points" });
    const above = parseError(H, "X;12;5", "Y;12,5;5");
    expect(above).toMatchObject({ line: 3, column: 2, code: "above_max" });
    expect(above.message).toBe(
      'line 3, column 2 ("Chỉ đạo, điều hành CCHC (12)"): "12,5" is above the area\'s max 12',
    );
    expect(parseError("Cơ quan;A (8,5)", "X;8,51").message).toContain("above the area's max 8,5");
  });

  it("a header without '(max)'", () => {
    const e = parseError("Cơ quan;Chỉ đạo (12);Ghi chú", "X;1;");
    expect(e).toMatchObject({ line: 1, column: 3, code: "missing_max" });
    expect(e.message).toContain('line 1, column 3 ("Ghi chú")');
  });

  it("a max that is not a number or is negative", () => {
    const nan = parseError("Cơ quan;A (12);Ghi chú (nếu có)", "X;1;2");
    expect(nan).toMatchObject({ line: 1, column: 3, code: "max_not_a_number" });
    expect(nan.message).toBe('line 1, column 3 ("Ghi chú (nếu có)"): the max "nếu có" is not a number');
    expect(parseError("Cơ quan;A (-5)", "X;1")).toMatchObject({ line: 1, column: 2, code: "max_negative" });
    expect(parseError("Cơ quan;A (1,255)", "X;1")).toMatchObject({
      line: 1,
      column: 2,
      code: "max_not_a_number",
    });
  });

  it("a column with data but no header", () => {
    const e = parseError("Cơ quan;A (10);;B (5)", "X;1;;2", "Y;1;7;2");
    expect(e).toMatchObject({ line: 1, column: 3, code: "missing_header" });
    expect(e.message).toContain("line 3");
  });

  it("an empty agency name", () => {
    const e = parseError(H, "Sở Nội vụ;10;5", " ;9;4");
    expect(e).toMatchObject({ line: 3, column: 1, code: "empty_agency" });
    expect(e.message).toBe('line 3, column 1 ("Cơ quan"): the agency name is empty');
  });

  it("a duplicate agency name, ignoring case and accents, reporting both lines", () => {
    const e = parseError(H, "Sở Nội vụ;10;5", "", "Sở Tư pháp;9;4", "SO NOI VU;9;4");
    expect(e).toMatchObject({ line: 5, column: 1, code: "duplicate_agency" });
    expect(e.message).toBe('line 5, column 1 ("Cơ quan"): "SO NOI VU" appears twice, on lines 2 and 5');
  });

  it("no area columns", () => {
    const e = parseError("Cơ quan;Nhóm", "X;Sở");
    expect(e).toMatchObject({ line: 1, column: null, code: "no_area_columns" });
    expect(e.message).toMatch(/^line 1: no area columns/);
    expect(parseError("Cơ quan")).toMatchObject({ line: 1, code: "no_area_columns" });
  });

  it("an empty file, or one with a header and no agencies", () => {
    expect(tableError(() => parseResultsTable([]))).toMatchObject({
      line: 1,
      column: null,
      code: "empty_file",
    });
    expect(tableError(() => parseResultsTable([[], [""], [" ", ""]]))).toMatchObject({ code: "empty_file" });
    expect(parseError(H, "")).toMatchObject({ line: 1, column: null, code: "no_data_rows" });
  });

  it("an agency with no applicable area", () => {
    const e = parseError(H, "Sở Nội vụ;10;5", "Sở Tư pháp;-;");
    expect(e).toMatchObject({ line: 3, column: null, code: "no_applicable_area" });
    expect(e.message).toMatch(/^line 3: "Sở Tư pháp" has no applicable area/);
  });

  it("counts lines from the top of the file when it starts with blank lines", () => {
    const e = parseError("", "", H, "X;1;x");
    expect(e).toMatchObject({ line: 4, column: 3 });
    expect(parseError("", "Cơ quan;A (10);Ghi chú", "X;1;2")).toMatchObject({ line: 2, column: 3 });
  });

  it("a second group column or a repeated area", () => {
    expect(parseError("Cơ quan;Nhóm;A (10);group", "X;S;1;S")).toMatchObject({
      line: 1,
      column: 4,
      code: "duplicate_group_column",
    });
    expect(parseError("Cơ quan;Cải cách thể chế (5);CẢI CÁCH THỂ CHẾ (5)", "X;1;1")).toMatchObject({
      line: 1,
      column: 3,
      code: "duplicate_area",
    });
  });
});
