import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  centiToDecimalString,
  divRound,
  fromCenti,
  parseCenti,
  percentCenti,
  roundHalfUp,
  SCALE,
  sumCenti,
  toCenti,
} from "./decimal.ts";

// ---------------------------------------------------------------------------------------------------
// BigInt references: exact decimal arithmetic independent of the module under test.
// ---------------------------------------------------------------------------------------------------

/** "-12.5" / "3,05" → hundredths as BigInt, written without any float. */
function refHundredths(s: string): bigint {
  const m = /^([+-]?)(\d+)(?:[.,](\d{1,2}))?$/.exec(s.trim());
  if (!m) throw new Error(`bad reference input ${s}`);
  const v = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0") || "0");
  return m[1] === "-" ? -v : v;
}

/** Hundredths → "75.40" using BigInt only. */
function refDecimalString(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? "-" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
}

/** round(n / d), halves away from zero, in BigInt. */
function refDivRound(n: bigint, d: bigint): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = a / d;
  const r = a % d;
  const res = 2n * r >= d ? q + 1n : q;
  return neg ? -res : res;
}

/** A decimal literal as a user would type it: 0–2 decimals, comma or dot, optional sign. */
const decimalLiteral = fc
  .record({
    neg: fc.boolean(),
    whole: fc.bigInt({ min: 0n, max: 10_000_000n }),
    decimals: fc.constantFrom(0, 1, 2),
    frac: fc.integer({ min: 0, max: 99 }),
    sep: fc.constantFrom(",", "."),
  })
  .map(({ neg, whole, decimals, frac, sep }) => {
    const f = decimals === 0 ? "" : String(decimals === 1 ? frac % 10 : frac).padStart(decimals, "0");
    return `${neg ? "-" : ""}${whole}${decimals === 0 ? "" : sep + f}`;
  });

describe("parseCenti", () => {
  it("reads the seed's amounts with decimal comma or dot", () => {
    expect(parseCenti("3,5")).toBe(350);
    expect(parseCenti("3.5")).toBe(350);
    expect(parseCenti("5,72")).toBe(572);
    expect(parseCenti("31,68")).toBe(3168);
    expect(parseCenti("12")).toBe(1200);
    expect(parseCenti(" 8,50 ")).toBe(850);
    expect(parseCenti("0,05")).toBe(5);
    expect(parseCenti("-2,25")).toBe(-225);
    expect(parseCenti("+1,5")).toBe(150);
  });

  it("reads numbers that carry at most two decimals", () => {
    expect(parseCenti(3.5)).toBe(350);
    expect(parseCenti(5.72)).toBe(572);
    expect(parseCenti(0.29)).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(parseCenti(1.15)).toBe(115); // 1.15 * 100 = 114.99999999999999
    expect(parseCenti(-0.07)).toBe(-7);
    expect(parseCenti(0)).toBe(0);
  });

  it("rejects more than two decimals, garbage and non-finite numbers", () => {
    expect(parseCenti("1,234")).toBeNull();
    expect(parseCenti("1.005")).toBeNull();
    expect(parseCenti(1.005)).toBeNull();
    expect(parseCenti(1.234)).toBeNull();
    expect(parseCenti("")).toBeNull();
    expect(parseCenti("   ")).toBeNull();
    expect(parseCenti("abc")).toBeNull();
    expect(parseCenti("3,")).toBeNull();
    expect(parseCenti(",5")).toBeNull();
    expect(parseCenti("1,2,3")).toBeNull();
    expect(parseCenti("1e2")).toBeNull();
    expect(parseCenti(Number.NaN)).toBeNull();
    expect(parseCenti(Number.POSITIVE_INFINITY)).toBeNull();
    expect(parseCenti(Number.NEGATIVE_INFINITY)).toBeNull();
  });

  it("rejects amounts too large to be held exactly", () => {
    expect(parseCenti("900719925474099300")).toBeNull();
  });

  it("property: equals the BigInt reading of any 0–2 decimal literal", () => {
    fc.assert(
      fc.property(decimalLiteral, (s) => {
        const c = parseCenti(s);
        expect(c).not.toBeNull();
        expect(BigInt(c!)).toBe(refHundredths(s));
      }),
    );
  });

  it("property: a number with ≤ 2 decimals maps to its hundredths exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (c) => {
        expect(parseCenti(c / 100)).toBe(c === 0 ? 0 : c);
      }),
    );
  });
});

describe("sums of centi values", () => {
  it("7 + 5 + 13 + 3,5 + 7,5 + 2 + 5,72 + 31,68 is exactly 75,40", () => {
    const parts = ["7", "5", "13", "3,5", "7,5", "2", "5,72", "31,68"].map((s) => parseCenti(s)!);
    const total = sumCenti(parts);
    expect(total).toBe(7540);
    expect(centiToDecimalString(total)).toBe("75.40");
  });

  it("5,72 + 31,68 is 37,40 and never 37,400000000000006", () => {
    expect(centiToDecimalString(sumCenti([parseCenti("5,72")!, parseCenti("31,68")!]))).toBe("37.40");
  });

  it("sum of nothing is 0", () => {
    expect(sumCenti([])).toBe(0);
  });

  it("property: the sum of parsed values equals the exact decimal sum (BigInt reference)", () => {
    fc.assert(
      fc.property(fc.array(decimalLiteral, { maxLength: 40 }), (literals) => {
        const total = sumCenti(literals.map((s) => parseCenti(s)!));
        const ref = literals.reduce((acc, s) => acc + refHundredths(s), 0n);
        expect(BigInt(total)).toBe(ref);
        expect(centiToDecimalString(total)).toBe(refDecimalString(ref));
      }),
    );
  });
});

describe("centiToDecimalString / fromCenti / toCenti", () => {
  it("formats hundredths as a canonical decimal string", () => {
    expect(centiToDecimalString(7540)).toBe("75.40");
    expect(centiToDecimalString(350)).toBe("3.50");
    expect(centiToDecimalString(5)).toBe("0.05");
    expect(centiToDecimalString(0)).toBe("0.00");
    expect(centiToDecimalString(-5)).toBe("-0.05");
    expect(centiToDecimalString(-225)).toBe("-2.25");
    expect(centiToDecimalString(9300)).toBe("93.00");
  });

  it("property: round-trips through parseCenti", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => {
        const s = centiToDecimalString(c);
        expect(s).toBe(refDecimalString(BigInt(c)));
        expect(parseCenti(s)).toBe(c === 0 ? 0 : c);
      }),
    );
  });

  it("fromCenti and toCenti convert between points and hundredths", () => {
    expect(fromCenti(572)).toBe(5.72);
    expect(toCenti(5.72)).toBe(572);
    expect(toCenti(1.005)).toBe(101); // 1.005 * 100 = 100.49999999999999 by float
    expect(toCenti(-0.125)).toBe(-13);
    expect(SCALE).toBe(100);
  });
});

describe("roundHalfUp", () => {
  it("rounds halves away from zero", () => {
    expect(roundHalfUp(2.5)).toBe(3);
    expect(roundHalfUp(-2.5)).toBe(-3);
    expect(roundHalfUp(0.5)).toBe(1);
    expect(roundHalfUp(-0.5)).toBe(-1);
    expect(roundHalfUp(2.4)).toBe(2);
    expect(roundHalfUp(-2.4)).toBe(-2);
    expect(roundHalfUp(2.6)).toBe(3);
    expect(roundHalfUp(7)).toBe(7);
  });

  it("is not fooled by representation error", () => {
    expect(roundHalfUp(1.005 * 100)).toBe(101);
    expect(roundHalfUp(8.345 * 100)).toBe(835);
  });
});

describe("divRound", () => {
  it("rounds the exact quotient half up", () => {
    expect(divRound(7, 2)).toBe(4);
    expect(divRound(5, 10)).toBe(1);
    expect(divRound(4, 10)).toBe(0);
    expect(divRound(1, 3)).toBe(0);
    expect(divRound(2, 3)).toBe(1);
    expect(divRound(6, 3)).toBe(2);
    expect(divRound(0, 7)).toBe(0);
  });

  it("rounds negatives away from zero, whichever operand carries the sign", () => {
    expect(divRound(-7, 2)).toBe(-4);
    expect(divRound(7, -2)).toBe(-4);
    expect(divRound(-7, -2)).toBe(4);
    expect(divRound(-1, 3) + 0).toBe(0); // -0 and 0 are the same amount
    expect(divRound(-2, 3)).toBe(-1);
  });

  it("throws on division by zero", () => {
    expect(() => divRound(1, 0)).toThrow(RangeError);
  });

  it("property: equals the BigInt reference", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.integer({ min: -1e9, max: 1e9 }).filter((d) => d !== 0),
        (n, d) => {
          expect(BigInt(divRound(n, d))).toBe(refDivRound(BigInt(n), BigInt(d)));
        },
      ),
    );
  });
});

describe("percentCenti", () => {
  it("gives the seed's percentages", () => {
    expect(percentCenti(7540, 9300)).toBe(8108); // 75,40 / 93 = 81,0752… %
    expect(percentCenti(8650, 9300)).toBe(9301); // 86,5 / 93 = 93,0107… %
    expect(percentCenti(9300, 9300)).toBe(10000);
    expect(percentCenti(0, 9300)).toBe(0);
  });

  it("rounds a half hundredth of a percent up", () => {
    // 1 / 8 = 12,5 % exactly; 1 / 16 = 6,25 %; 1 / 160 = 0,625 % → 0,63 %
    expect(percentCenti(100, 800)).toBe(1250);
    expect(percentCenti(100, 1600)).toBe(625);
    expect(percentCenti(100, 16000)).toBe(63);
  });

  it("is null when nothing applies", () => {
    expect(percentCenti(0, 0)).toBeNull();
    expect(percentCenti(100, 0)).toBeNull();
    expect(percentCenti(100, -100)).toBeNull();
  });

  it("property: equals a BigInt reference of round-half-up", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 1, max: 100_000_000 }),
        (achieved, max) => {
          const ref = refDivRound(BigInt(achieved) * 10000n, BigInt(max));
          expect(BigInt(percentCenti(achieved, max)!)).toBe(ref);
        },
      ),
    );
  });
});
