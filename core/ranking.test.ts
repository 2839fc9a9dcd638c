import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_GRADE_BANDS,
  type GradeBand,
  gradeFor,
  type RankInput,
  type RankOptions,
  rank,
  rankChange,
  validateGradeBands,
} from "./ranking.ts";

const e = (key: string, achieved: number, max = 9300): RankInput => ({ key, achieved, max });
const ranksByKey = <K>(rows: { key: K; rank: number }[]) => new Map(rows.map((r) => [r.key, r.rank]));

describe("rank", () => {
  it("ties share a rank and the next rank is skipped: 1, 2, 2, 4", () => {
    const out = rank([e("C", 7000), e("A", 9000), e("D", 6000), e("B", 7000)]);
    expect(out.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(out[0].key).toBe("A");
    expect(out[3].key).toBe("D");
    expect(new Set([out[1].key, out[2].key])).toEqual(new Set(["B", "C"]));
  });

  it("ranks by percentage, not by points", () => {
    // 75,4 / 93 = 81,08 % beats 80 / 100 = 80 %
    const out = rank([e("big", 8000, 10000), e("seed", 7540, 9300)]);
    expect(out.map((r) => [r.key, r.rank, r.percent])).toEqual([
      ["seed", 1, 8108],
      ["big", 2, 8000],
    ]);
  });

  it("several tie groups: 1, 1, 3, 3, 3, 6", () => {
    const out = rank([e("a", 50), e("b", 90), e("c", 50), e("d", 90), e("e", 10), e("f", 50)]);
    expect(out.map((r) => r.rank)).toEqual([1, 1, 3, 3, 3, 6]);
  });

  it("81,084 % and 81,075 % tie at 2 decimals but not exactly", () => {
    const hi = e("hi", 81084, 100000); // 81,084 %
    const lo = e("lo", 81075, 100000); // 81,075 % → 81,08 % rounded half up
    const rounded = rank([lo, hi]);
    expect(rounded.map((r) => r.rank)).toEqual([1, 1]);
    expect(rounded.map((r) => r.percent)).toEqual([8108, 8108]);

    const exact = rank([lo, hi], { decimals: null });
    expect(ranksByKey(exact)).toEqual(
      new Map([
        ["hi", 1],
        ["lo", 2],
      ]),
    );
  });

  it("81,074 % and 81,075 % do not tie at 2 decimals (half rounds up)", () => {
    const out = rank([e("a", 81074, 100000), e("b", 81075, 100000)]);
    expect(ranksByKey(out)).toEqual(
      new Map([
        ["b", 1],
        ["a", 2],
      ]),
    );
  });

  it("compares at 1 and 0 decimals when configured", () => {
    const a = e("a", 81049, 100000); // 81,049 %
    const b = e("b", 81000, 100000); // 81,000 %
    const c = e("c", 80500, 100000); // 80,5 % → 81 at 0 decimals
    expect(ranksByKey(rank([a, b, c], { decimals: 1 }))).toEqual(
      new Map([
        ["a", 1],
        ["b", 1],
        ["c", 3],
      ]),
    );
    expect(rank([a, b, c], { decimals: 0 }).map((r) => r.rank)).toEqual([1, 1, 1]);
    expect(rank([a, b, c], { decimals: null }).map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it("exact comparison ties equal fractions with different maxima", () => {
    const out = rank([e("x", 4650, 9300), e("y", 5000, 10000)], { decimals: null });
    expect(out.map((r) => r.rank)).toEqual([1, 1]);
  });

  it("leaves out entries with nothing applicable", () => {
    const out = rank([e("a", 100, 0), e("b", 5000, 10000)]);
    expect(out.map((r) => r.key)).toEqual(["b"]);
    expect(out[0].rank).toBe(1);
    expect(rank([])).toEqual([]);
  });

  it("keeps the input fields on each row", () => {
    const [row] = rank([{ key: 42, achieved: 7540, max: 9300 }]);
    expect(row).toEqual({ key: 42, achieved: 7540, max: 9300, percent: 8108, rank: 1 });
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------

/** Entries with unique keys; small ranges so ties are common. */
const entries = fc
  .array(
    fc.record({
      achieved: fc.integer({ min: 0, max: 400 }),
      max: fc.integer({ min: 1, max: 400 }),
    }),
    { maxLength: 25 },
  )
  .map((rows) => rows.map((r, i) => ({ key: `k${i}`, achieved: Math.min(r.achieved, r.max), max: r.max })));

const decimalsArb = fc.constantFrom<RankOptions["decimals"]>(0, 1, 2, null, undefined);

/** The compared key as an exact rational a/b (decimals null) or the rounded percentage. */
function cmpKey(r: RankInput, decimals: RankOptions["decimals"]): [bigint, bigint] {
  if (decimals === null) return [BigInt(r.achieved), BigInt(r.max)];
  const d = decimals === undefined ? 2 : decimals;
  const n = BigInt(r.achieved) * 100n * 10n ** BigInt(d);
  const m = BigInt(r.max);
  const q = n / m;
  return [2n * (n % m) >= m ? q + 1n : q, 1n];
}
const compare = (a: [bigint, bigint], b: [bigint, bigint]) => {
  const l = a[0] * b[1];
  const r = b[0] * a[1];
  return l < r ? -1 : l > r ? 1 : 0;
};

describe("rank properties", () => {
  it("is invariant under permutation of the input", () => {
    fc.assert(
      fc.property(
        entries.chain((es) =>
          fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length, maxLength: es.length })),
        ),
        decimalsArb,
        ([es, shuffled], decimals) => {
          expect(ranksByKey(rank(shuffled, { decimals }))).toEqual(ranksByKey(rank(es, { decimals })));
        },
      ),
    );
  });

  it("ranks are in 1..n, rank = 1 + number strictly better, and rank r is held by exactly its tie group", () => {
    fc.assert(
      fc.property(entries, decimalsArb, (es, decimals) => {
        const out = rank(es, { decimals });
        const n = out.length;
        expect(n).toBe(es.filter((x) => x.max > 0).length);
        for (const row of out) {
          expect(row.rank).toBeGreaterThanOrEqual(1);
          expect(row.rank).toBeLessThanOrEqual(n);
          const k = cmpKey(row, decimals);
          const better = out.filter((o) => compare(cmpKey(o, decimals), k) > 0).length;
          const tie = out.filter((o) => compare(cmpKey(o, decimals), k) === 0).length;
          // competition ranking: 1 + number strictly better
          expect(row.rank).toBe(better + 1);
          // the number of entries with this rank equals the tie group size
          expect(out.filter((o) => o.rank === row.rank).length).toBe(tie);
        }
      }),
    );
  });

  it("a strictly higher percentage never gets a worse rank", () => {
    fc.assert(
      fc.property(entries, decimalsArb, (es, decimals) => {
        const out = rank(es, { decimals });
        for (const a of out)
          for (const b of out) {
            // exact fractions
            if (a.achieved * b.max > b.achieved * a.max) expect(a.rank).toBeLessThanOrEqual(b.rank);
            // compared key strictly higher → strictly better rank
            if (compare(cmpKey(a, decimals), cmpKey(b, decimals)) > 0) expect(a.rank).toBeLessThan(b.rank);
          }
      }),
    );
  });

  it("the output is sorted by rank and carries percentCenti", () => {
    fc.assert(
      fc.property(entries, decimalsArb, (es, decimals) => {
        const out = rank(es, { decimals });
        for (let i = 1; i < out.length; i++) expect(out[i].rank).toBeGreaterThanOrEqual(out[i - 1].rank);
        for (const row of out) {
          const n = BigInt(row.achieved) * 10000n;
          const m = BigInt(row.max);
          const q = n / m;
          expect(BigInt(row.percent)).toBe(2n * (n % m) >= m ? q + 1n : q);
        }
      }),
    );
  });
});

describe("gradeFor", () => {
  it("national 2018 bands: A ≥ 80, B 75–80, C 70–75, D < 70", () => {
    expect(gradeFor(10000)).toBe("A");
    expect(gradeFor(8108)).toBe("A");
    expect(gradeFor(8000)).toBe("A");
    expect(gradeFor(7999)).toBe("B");
    expect(gradeFor(7500)).toBe("B");
    expect(gradeFor(7499)).toBe("C");
    expect(gradeFor(7000)).toBe("C");
    expect(gradeFor(6999)).toBe("D");
    expect(gradeFor(0)).toBe("D");
  });

  it("null percentage has no grade", () => {
    expect(gradeFor(null)).toBeNull();
  });

  it("works with configured bands in any order, and below the lowest band gives null", () => {
    const bands: GradeBand[] = [
      { grade: "Khá", atLeast: 8000 },
      { grade: "Tốt", atLeast: 9000 },
      { grade: "Trung bình", atLeast: 5000 },
    ];
    expect(gradeFor(9500, bands)).toBe("Tốt");
    expect(gradeFor(9000, bands)).toBe("Tốt");
    expect(gradeFor(8999, bands)).toBe("Khá");
    expect(gradeFor(5000, bands)).toBe("Trung bình");
    expect(gradeFor(4999, bands)).toBeNull();
    expect(gradeFor(5000, [])).toBeNull();
  });

  it("property: the grade is the band with the highest threshold not above the percentage", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (p) => {
        const expected = p >= 8000 ? "A" : p >= 7500 ? "B" : p >= 7000 ? "C" : "D";
        expect(gradeFor(p, DEFAULT_GRADE_BANDS)).toBe(expected);
      }),
    );
  });
});

describe("validateGradeBands", () => {
  it("accepts the default bands", () => {
    expect(validateGradeBands(DEFAULT_GRADE_BANDS)).toEqual([]);
  });
  it("reports an unnamed band", () => {
    expect(validateGradeBands([{ grade: " ", atLeast: 0 }])).toHaveLength(1);
  });
  it("reports thresholds outside 0..100 % or not in hundredths", () => {
    expect(validateGradeBands([{ grade: "A", atLeast: 10001 }])).toHaveLength(1);
    expect(validateGradeBands([{ grade: "A", atLeast: -1 }])).toHaveLength(1);
    expect(validateGradeBands([{ grade: "A", atLeast: 80.5 }])).toHaveLength(1);
    expect(validateGradeBands([{ grade: "A", atLeast: 10000 }])).toEqual([]);
  });
  it("reports two bands at the same threshold", () => {
    const problems = validateGradeBands([
      { grade: "A", atLeast: 8000 },
      { grade: "B", atLeast: 8000 },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/same threshold/);
  });
});

describe("rankChange", () => {
  it("positive when moved up, negative when down, null when not ranked before", () => {
    expect(rankChange(3, 5)).toBe(2);
    expect(rankChange(5, 3)).toBe(-2);
    expect(rankChange(4, 4)).toBe(0);
    expect(rankChange(1, undefined)).toBeNull();
    expect(rankChange(1, null)).toBeNull();
  });
});
