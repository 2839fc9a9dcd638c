import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Centi, parseCenti, percentCenti } from "./decimal.ts";
import { buildTree, type FrameworkNode, type FrameworkTree } from "./framework.ts";
import { gapAnalysis, whatIf } from "./gap.ts";
import type { RankInput } from "./ranking.ts";
import { computeIndex } from "./scoring.ts";
import { node, SEED } from "./testing/seed.ts";

const seedTree = (): FrameworkTree =>
  buildTree(SEED.map(([code, max], i) => node(code, null, "area", parseCenti(max)!, i + 1)));
const col = (c: 2 | 3) => new Map(SEED.map((row) => [row[0], parseCenti(row[c])!]));

describe("gapAnalysis", () => {
  it("lists the seed's 2018 lost points per area, biggest first", () => {
    const tree = seedTree();
    const gaps = gapAnalysis(tree, computeIndex(tree, col(2)));
    expect(gaps.map((g) => [g.code, g.lost])).toEqual([
      ["8", 632],
      ["1", 500],
      ["7", 278],
      ["5", 250],
      ["3", 100],
      ["2", 0],
      ["4", 0],
      ["6", 0],
    ]);
    expect(gaps[0]).toEqual({
      code: "8",
      title: "T8",
      kind: "area",
      achieved: 3168,
      max: 3800,
      lost: 632,
      percent: 8337,
    });
    expect(gaps.reduce((s, g) => s + g.lost, 0)).toBe(9300 - 7540);
  });

  it("leaves out not-applicable areas", () => {
    const tree = seedTree();
    const gaps = gapAnalysis(tree, computeIndex(tree, col(2), new Set(["8", "2"])));
    expect(gaps.map((g) => g.code)).toEqual(["1", "7", "5", "3", "4", "6"]);
  });

  it("orders equal losses by code, numerically (9 before 10)", () => {
    const nodes = [node("10", null, "area", 100), node("9", null, "area", 100), node("2", null, "area", 100)];
    const tree = buildTree(nodes);
    const gaps = gapAnalysis(tree, computeIndex(tree, new Map()));
    expect(gaps.map((g) => g.code)).toEqual(["2", "9", "10"]);
  });

  it("at leaf level lists the leaves, not the inner nodes", () => {
    const nodes = [
      node("1", null, "area", 1200, 1),
      node("1.1", "1", "criterion", 300, 1),
      node("1.1.1", "1.1", "subcriterion", 150, 1),
      node("1.1.2", "1.1", "subcriterion", 150, 2),
      node("1.2", "1", "criterion", 900, 2),
      node("2", null, "area", 500, 2),
    ];
    const tree = buildTree(nodes);
    const r = computeIndex(
      tree,
      new Map([
        ["1.1.1", 50],
        ["1.1.2", 150],
        ["1.2", 600],
        ["2", 400],
      ]),
    );
    expect(gapAnalysis(tree, r, "leaf").map((g) => [g.code, g.lost, g.kind])).toEqual([
      ["1.2", 300, "criterion"],
      ["1.1.1", 100, "subcriterion"],
      ["2", 100, "area"],
      ["1.1.2", 0, "subcriterion"],
    ]);
  });

  it("an empty result gives no gaps", () => {
    const tree = buildTree([]);
    expect(gapAnalysis(tree, computeIndex(tree, new Map()))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------

const frameworkWithScores = fc
  .array(
    fc.record({
      extra: fc.integer({ min: 0, max: 1000 }),
      na: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
      p: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      kids: fc.array(
        fc.record({
          max: fc.integer({ min: 0, max: 1000 }),
          na: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
          p: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        }),
        { maxLength: 4 },
      ),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((areas) => {
    const nodes: FrameworkNode[] = [];
    const scores = new Map<string, Centi>();
    const na = new Set<string>();
    areas.forEach((a, i) => {
      const code = `${i + 1}`;
      const max = a.extra + a.kids.reduce((s, k) => s + k.max, 0);
      nodes.push(node(code, null, "area", max, i));
      if (a.na) na.add(code);
      if (a.p !== undefined && a.kids.length === 0) scores.set(code, Math.floor((max * a.p) / 100));
      a.kids.forEach((k, j) => {
        const kc = `${code}.${j + 1}`;
        nodes.push(node(kc, code, "criterion", k.max, j));
        if (k.na) na.add(kc);
        if (k.p !== undefined) scores.set(kc, Math.floor((k.max * k.p) / 100));
      });
    });
    const tree = buildTree(nodes);
    return { tree, result: computeIndex(tree, scores, na) };
  });

describe("gapAnalysis properties", () => {
  for (const level of ["area", "leaf"] as const) {
    it(`${level}: lost = max − achieved, sorted descending, one row per applicable node`, () => {
      fc.assert(
        fc.property(frameworkWithScores, ({ tree, result }) => {
          const gaps = gapAnalysis(tree, result, level);
          for (const g of gaps) {
            const nr = result.nodes.get(g.code)!;
            expect(nr.applicable).toBe(true);
            expect(g.lost).toBe(g.max - g.achieved);
            expect(g.max).toBe(nr.max);
            expect(g.achieved).toBe(nr.achieved);
            expect(g.percent).toBe(nr.percent);
          }
          for (let i = 1; i < gaps.length; i++) expect(gaps[i - 1].lost).toBeGreaterThanOrEqual(gaps[i].lost);
          const expected = [...tree.nodes.values()]
            .filter((n) =>
              level === "area" ? n.parentCode === null : (tree.children.get(n.code)?.length ?? 0) === 0,
            )
            .filter((n) => result.nodes.get(n.code)!.applicable)
            .map((n) => n.code)
            .sort();
          expect(gaps.map((g) => g.code).sort()).toEqual(expected);
        }),
      );
    });
  }

  it("area: the lost points add up to the total lost", () => {
    fc.assert(
      fc.property(frameworkWithScores, ({ tree, result }) => {
        const lost = gapAnalysis(tree, result).reduce((s, g) => s + g.lost, 0);
        expect(lost).toBe(result.max - result.achieved);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------

describe("whatIf", () => {
  const byArea = new Map(
    SEED.map(([code, max, r2018]) => [code, { achieved: parseCenti(r2018)!, max: parseCenti(max)! }]),
  );
  // Sample results of other departments (not from the seed).
  const others: RankInput[] = [
    { key: "SNV", achieved: 8000, max: 9300 }, // 86,02 %
    { key: "STP", achieved: 7800, max: 9300 }, // 83,87 %
    { key: "SKHDT", achieved: 7600, max: 9300 }, // 81,72 %
    { key: "STC", achieved: 7000, max: 9300 }, // 75,27 %
    { key: "VPUBND", achieved: 1, max: 9300 }, // a stale row of the agency itself: ignored
  ];

  it("the seed's targets met: 86,5 of 93 = 93,01 %, from 4th to 1st", () => {
    const r = whatIf("VPUBND", { byArea }, col(3), others);
    expect(r).toEqual({ achieved: 8650, max: 9300, percent: 9301, rank: 1, of: 5, currentRank: 4 });
  });

  it("with no targets the prediction is the current result", () => {
    const r = whatIf("VPUBND", { byArea }, new Map(), others);
    expect(r).toMatchObject({ achieved: 7540, max: 9300, percent: 8108, rank: 4, currentRank: 4, of: 5 });
  });

  it("targets for some areas only replace those areas", () => {
    const r = whatIf("VPUBND", { byArea }, new Map([["1", 1000]]), others);
    expect(r.achieved).toBe(7540 + 300);
    expect(r.percent).toBe(percentCenti(7840, 9300));
    expect(r.rank).toBe(2); // 84,30 % is between 86,02 and 83,87
  });

  it("a target above an area's max is capped at the max", () => {
    const r = whatIf("VPUBND", { byArea }, new Map([["1", 5000]]), others);
    expect(r.achieved).toBe(7540 + 500);
  });

  it("a target below the current result lowers the prediction", () => {
    const r = whatIf("VPUBND", { byArea }, new Map([["8", 0]]), others);
    expect(r.achieved).toBe(7540 - 3168);
    expect(r.rank).toBe(5);
  });

  it("ties with another agency share the rank", () => {
    const r = whatIf("VPUBND", { byArea }, col(3), [{ key: "X", achieved: 8650, max: 9300 }]);
    expect(r).toMatchObject({ rank: 1, of: 2, currentRank: 2 });
  });

  it("without others the agency is first of one", () => {
    const r = whatIf("VPUBND", { byArea }, col(3), []);
    expect(r).toMatchObject({ rank: 1, of: 1, currentRank: 1 });
  });
});

describe("gapAnalysis at leaf level under an area scored as a whole", () => {
  it("does not count the leaves of a whole-scored area as lost", () => {
    const tree = buildTree([
      { code: "1", parentCode: null, kind: "area", title: "A", max: 1000, position: 0 },
      { code: "1.1", parentCode: "1", kind: "criterion", title: "a", max: 500, position: 0 },
      { code: "1.2", parentCode: "1", kind: "criterion", title: "b", max: 500, position: 1 },
      { code: "2", parentCode: null, kind: "area", title: "B", max: 1000, position: 1 },
      { code: "2.1", parentCode: "2", kind: "criterion", title: "c", max: 1000, position: 0 },
    ]);
    const result = computeIndex(
      tree,
      new Map([
        ["1", 800],
        ["2.1", 400],
      ]),
    );
    const gaps = gapAnalysis(tree, result, "leaf");
    expect(gaps.map((g) => [g.code, g.lost])).toEqual([["2.1", 600]]);
  });
});
