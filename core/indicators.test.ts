import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultYes, type RegisterRow, ratioPercent, shareOfRegister } from "./indicators.ts";

describe("ratioPercent", () => {
  it("gives hundredths of a percent, rounded half up", () => {
    expect(ratioPercent(3, 4)).toBe(7500);
    expect(ratioPercent(2, 3)).toBe(6667);
    expect(ratioPercent(1, 3)).toBe(3333);
    expect(ratioPercent(49, 96)).toBe(5104); // 51,041… % of the Office's 96 staff
    expect(ratioPercent(1, 16000)).toBe(1); // 0,00625 % → 0,01 %
    expect(ratioPercent(0, 5)).toBe(0);
    expect(ratioPercent(5, 5)).toBe(10000);
    expect(ratioPercent(6, 5)).toBe(12000);
  });

  it("null for a zero or negative denominator, a negative numerator, or non-integers", () => {
    expect(ratioPercent(1, 0)).toBeNull();
    expect(ratioPercent(1, -3)).toBeNull();
    expect(ratioPercent(-1, 3)).toBeNull();
    expect(ratioPercent(1.5, 3)).toBeNull();
    expect(ratioPercent(1, 2.5)).toBeNull();
    expect(ratioPercent(Number.NaN, 3)).toBeNull();
  });

  it("property: equals the BigInt round-half-up reference", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (n, d) => {
        const num = BigInt(n) * 10000n;
        const den = BigInt(d);
        const q = num / den;
        expect(BigInt(ratioPercent(n, d)!)).toBe(2n * (num % den) >= den ? q + 1n : q);
      }),
    );
  });
});

const rows = (values: string[], column = "ky_so"): RegisterRow[] =>
  values.map((v, i) => ({ line: i + 2, values: { so: `${i + 1}/VP`, [column]: v } }));

describe("shareOfRegister", () => {
  it("counts the rows marked yes in a column", () => {
    const r = shareOfRegister(rows(["x", "", "Có", "không", "x"]), "ky_so");
    expect(r).toEqual({ count: 3, total: 5, percent: 6000 });
  });

  it("rows without the column count as no", () => {
    const r = shareOfRegister([...rows(["x"]), { line: 9, values: {} }], "ky_so");
    expect(r).toEqual({ count: 1, total: 2, percent: 5000 });
  });

  it("an empty register has no percentage", () => {
    expect(shareOfRegister([], "ky_so")).toEqual({ count: 0, total: 0, percent: null });
  });

  it("takes a custom yes test", () => {
    const r = shareOfRegister(rows(["2019-10-01", "", "2019-10-05"]), "ky_so", (v) => v !== "");
    expect(r).toEqual({ count: 2, total: 3, percent: 6667 });
  });

  it("property: count ≤ total and percent = ratioPercent(count, total)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("x", "", "có", "no", "1", "0")), (vs) => {
        const r = shareOfRegister(rows(vs), "ky_so");
        expect(r.total).toBe(vs.length);
        expect(r.count).toBe(vs.filter((v) => ["x", "có", "1"].includes(v)).length);
        expect(r.percent).toBe(vs.length === 0 ? null : ratioPercent(r.count, vs.length));
      }),
    );
  });
});

describe("defaultYes", () => {
  it("accepts the usual marks, in any case, NFC or NFD, with spaces", () => {
    for (const v of [
      "x",
      "X",
      "có",
      "Có",
      "CÓ",
      "co",
      "yes",
      "Y",
      "1",
      "true",
      "Đã ký",
      "đã ký",
      "da ky",
      "Ký số",
      "ky so",
      " x ",
      "Có".normalize("NFD"),
      "Đã ký".normalize("NFD"),
    ])
      expect(defaultYes(v), v).toBe(true);
  });
  it("rejects everything else", () => {
    for (const v of ["", " ", "không", "khong", "no", "0", "false", "chưa ký", "xx", "n"])
      expect(defaultYes(v), v).toBe(false);
  });
});
