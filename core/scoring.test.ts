import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Centi, parseCenti, percentCenti } from "./decimal.ts";
import { buildTree, type FrameworkNode, type FrameworkTree, validateFramework } from "./framework.ts";
import { checkPoints, computeIndex, type IndexResult } from "./scoring.ts";
import { node, SEED } from "./testing/seed.ts";

function seedTree(withCriteria = false): FrameworkTree {
  const nodes = SEED.map(([code, max], i) => node(code, null, "area", parseCenti(max)!, i + 1));
  if (withCriteria)
    nodes.push(
      node("1.1", "1", "criterion", 300, 1),
      node("1.2", "1", "criterion", 900, 2),
      node("1.1.1", "1.1", "subcriterion", 150, 1),
      node("1.1.2", "1.1", "subcriterion", 150, 2),
    );
  expect(validateFramework(nodes)).toEqual([]);
  return buildTree(nodes);
}

const scoresOf = (col: 2 | 3) => new Map(SEED.map((row) => [row[0], parseCenti(row[col])!]));

describe("computeIndex on the seed", () => {
  it("2018: 75,40 of 93 points = 81,08 %", () => {
    const r = computeIndex(seedTree(), scoresOf(2));
    expect(r.achieved).toBe(7540);
    expect(r.max).toBe(9300);
    expect(r.percent).toBe(8108);
    expect(r.missing).toBe(0);
    expect(r.nodes.get("7")).toMatchObject({ achieved: 572, max: 850, percent: 6729, applicable: true });
    expect(r.nodes.get("8")).toMatchObject({ achieved: 3168, max: 3800, percent: 8337 });
  });

  it("2019 targets: 86,5 of 93 points = 93,01 %", () => {
    const r = computeIndex(seedTree(), scoresOf(3));
    expect(r.achieved).toBe(8650);
    expect(r.max).toBe(9300);
    expect(r.percent).toBe(9301);
  });

  it("area results count for the area as a whole even when it has criteria", () => {
    const r = computeIndex(seedTree(true), scoresOf(2));
    expect(r.achieved).toBe(7540);
    expect(r.max).toBe(9300);
    expect(r.missing).toBe(0);
    expect(r.nodes.get("1")).toMatchObject({ achieved: 700, max: 1200, missing: 0 });
    // The criteria below still get a row.
    expect(r.nodes.has("1.1")).toBe(true);
    expect(r.nodes.has("1.1.1")).toBe(true);
    expect(r.nodes.has("1.2")).toBe(true);
  });

  it("a not-applicable area leaves the denominator", () => {
    const r = computeIndex(seedTree(), scoresOf(2), new Set(["6"]));
    expect(r.max).toBe(9100);
    expect(r.achieved).toBe(7340);
    expect(r.percent).toBe(8066); // 73,40 / 91 = 80,659… %
    expect(r.nodes.get("6")).toEqual({
      code: "6",
      achieved: 0,
      max: 0,
      percent: null,
      applicable: false,
      missing: 0,
    });
  });

  it("100 points with a 7-point area not applicable is 93 points", () => {
    const nodes = [
      node("A", null, "area", 9300, 1),
      node("B", null, "area", 700, 2),
      node("B.1", "B", "criterion", 700, 1),
    ];
    const r = computeIndex(buildTree(nodes), new Map([["A", 9300]]), new Set(["B"]));
    expect(r.max).toBe(9300);
    expect(r.percent).toBe(10000);
    expect(r.missing).toBe(0);
    expect(r.nodes.get("B.1")).toMatchObject({ applicable: false, max: 0, achieved: 0, percent: null });
  });
});

describe("computeIndex below area level", () => {
  it("an unscored inner node sums its children and counts missing leaves", () => {
    const tree = seedTree(true);
    const r = computeIndex(tree, new Map([["1.1.1", 100]]));
    expect(r.nodes.get("1.1")).toMatchObject({ achieved: 100, max: 300, missing: 1, percent: 3333 });
    expect(r.nodes.get("1")).toMatchObject({ achieved: 100, max: 1200, missing: 2 });
    // areas 2..8 are unscored leaves
    expect(r.missing).toBe(2 + 7);
    expect(r.achieved).toBe(100);
    expect(r.max).toBe(9300);
    expect(r.nodes.get("1.1.2")).toMatchObject({ achieved: 0, max: 150, missing: 1, percent: 0 });
  });

  it("a not-applicable criterion removes its max from area and total", () => {
    const r = computeIndex(seedTree(true), new Map([["1.2", 900]]), new Set(["1.1"]));
    expect(r.nodes.get("1")).toMatchObject({ achieved: 900, max: 900, percent: 10000, missing: 0 });
    expect(r.nodes.get("1.1.1")!.applicable).toBe(false);
    expect(r.max).toBe(9300 - 300);
  });

  it("a not-applicable sub-criterion removes its max all the way up", () => {
    const r = computeIndex(seedTree(true), new Map([["1.1.2", 150]]), new Set(["1.1.1"]));
    expect(r.nodes.get("1.1")).toMatchObject({ achieved: 150, max: 150, percent: 10000, missing: 0 });
    expect(r.nodes.get("1")).toMatchObject({ achieved: 150, max: 1050, missing: 1 });
    expect(r.max).toBe(9150);
  });

  it("not applicable wins over a score on the same node or below it", () => {
    const r = computeIndex(
      seedTree(true),
      new Map([
        ["1", 1200],
        ["1.1", 300],
      ]),
      new Set(["1"]),
    );
    expect(r.nodes.get("1")).toMatchObject({ achieved: 0, max: 0, applicable: false });
    expect(r.nodes.get("1.1")).toMatchObject({ achieved: 0, max: 0, applicable: false });
    expect(r.max).toBe(8100);
    expect(r.achieved).toBe(0);
  });

  it("a node scored as a whole with a not-applicable child never exceeds its max", () => {
    // Area 1 (12) scored 12 as a whole; criterion 1.1 (3) does not apply. The index of area 1 must not
    // come out above 100 % (it used to report 12 of 9 points = 133,33 %). The whole score was given
    // against the full max, so the area keeps its 12 points of max.
    const tree = seedTree(true);
    expect(checkPoints(tree, "1", 1200)).toBeNull();
    const r = computeIndex(tree, new Map([["1", 1200]]), new Set(["1.1"]));
    const a1 = r.nodes.get("1")!;
    expect(a1.achieved).toBeLessThanOrEqual(a1.max);
    expect(a1.percent!).toBeLessThanOrEqual(10000);
    expect(a1).toMatchObject({ achieved: 1200, max: 1200, percent: 10000, missing: 0 });
    expect(r.nodes.get("1.1")).toMatchObject({ applicable: false, max: 0 });
    expect(r.max).toBe(9300);
  });

  it("nothing applicable gives a null percentage", () => {
    const tree = buildTree([node("A", null, "area", 500)]);
    const r = computeIndex(tree, new Map(), new Set(["A"]));
    expect(r).toMatchObject({ achieved: 0, max: 0, percent: null, missing: 0 });
    expect(computeIndex(buildTree([]), new Map()).percent).toBeNull();
  });
});

describe("checkPoints", () => {
  const tree = seedTree(true);
  it("accepts 0..max in hundredths", () => {
    expect(checkPoints(tree, "4", 0)).toBeNull();
    expect(checkPoints(tree, "4", 350)).toBeNull();
    expect(checkPoints(tree, "1.1.1", 75)).toBeNull();
  });
  it("names the precise reason", () => {
    expect(checkPoints(tree, "9", 100)?.code).toBe("score.unknown_criterion");
    expect(checkPoints(tree, "4", 12.5)?.code).toBe("score.not_decimal");
    expect(checkPoints(tree, "4", -1)?.code).toBe("score.negative");
    expect(checkPoints(tree, "4", 351)?.code).toBe("score.above_max");
    expect(checkPoints(tree, "1.1.1", 151)?.code).toBe("score.above_max");
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties over random frameworks
// ---------------------------------------------------------------------------------------------------

interface Spec {
  extra: number;
  p: number | undefined;
  na: boolean;
  kids: Spec[];
}

const naFlag = fc.integer({ min: 0, max: 6 }).map((x) => x === 0);
const rarely = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 100 }), weight: 1 },
);
const often = fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined, freq: 4 });
const leafSpec: fc.Arbitrary<Spec> = fc.record({
  extra: fc.integer({ min: 0, max: 2000 }),
  p: often,
  na: naFlag,
  kids: fc.constant([]),
});
const critSpec: fc.Arbitrary<Spec> = fc.record({
  extra: fc.integer({ min: 0, max: 500 }),
  p: rarely,
  na: naFlag,
  kids: fc.array(leafSpec, { maxLength: 3 }),
});
const areaSpec: fc.Arbitrary<Spec> = fc.record({
  extra: fc.integer({ min: 0, max: 500 }),
  p: rarely,
  na: naFlag,
  kids: fc.array(critSpec, { maxLength: 3 }),
});

interface Generated {
  tree: FrameworkTree;
  nodes: FrameworkNode[];
  scores: Map<string, Centi>;
  na: Set<string>;
}

const KINDS = ["area", "criterion", "subcriterion"] as const;

function generate(areas: Spec[]): Generated {
  const nodes: FrameworkNode[] = [];
  const scores = new Map<string, Centi>();
  const na = new Set<string>();
  const add = (s: Spec, code: string, parent: string | null, depth: number, pos: number): Centi => {
    const n = node(code, parent, KINDS[depth], 0, pos);
    nodes.push(n);
    let max = s.extra;
    s.kids.forEach((k, i) => {
      max += add(k, `${code}.${i + 1}`, code, depth + 1, i);
    });
    n.max = max;
    if (s.p !== undefined) scores.set(code, Math.floor((max * s.p) / 100));
    if (s.na) na.add(code);
    return max;
  };
  areas.forEach((a, i) => {
    add(a, `${i + 1}`, null, 0, i);
  });
  return { tree: buildTree(nodes), nodes, scores, na };
}

const framework = fc.array(areaSpec, { minLength: 1, maxLength: 5 }).map(generate);

function checkConsistent(g: Generated, r: IndexResult) {
  for (const n of g.nodes) {
    const nr = r.nodes.get(n.code);
    expect(nr, n.code).toBeDefined();
    expect(nr!.achieved).toBeGreaterThanOrEqual(0);
    expect(nr!.max).toBeGreaterThanOrEqual(0);
    expect(nr!.max).toBeLessThanOrEqual(n.max);
    expect(nr!.achieved).toBeLessThanOrEqual(nr!.max);
    if (nr!.applicable) expect(nr!.percent).toBe(percentCenti(nr!.achieved, nr!.max));
    else expect(nr).toMatchObject({ achieved: 0, max: 0, percent: null, missing: 0 });
  }
}

describe("computeIndex properties", () => {
  it("generated frameworks are valid", () => {
    fc.assert(
      fc.property(framework, (g) => {
        expect(validateFramework(g.nodes)).toEqual([]);
      }),
    );
  });

  it("achieved ≤ max at every node (scores within checkPoints, not-applicable anywhere)", () => {
    fc.assert(
      fc.property(framework, (g) => {
        for (const [code, pts] of g.scores) expect(checkPoints(g.tree, code, pts)).toBeNull();
        checkConsistent(g, computeIndex(g.tree, g.scores, g.na));
      }),
    );
  });

  it("the total is the sum of the areas", () => {
    fc.assert(
      fc.property(framework, (g) => {
        const r = computeIndex(g.tree, g.scores, g.na);
        let achieved = 0;
        let max = 0;
        let missing = 0;
        for (const a of g.tree.areas) {
          const ar = r.nodes.get(a.code)!;
          achieved += ar.achieved;
          max += ar.max;
          missing += ar.missing;
        }
        expect(r.achieved).toBe(achieved);
        expect(r.max).toBe(max);
        expect(r.missing).toBe(missing);
        expect(r.percent).toBe(percentCenti(achieved, max));
      }),
    );
  });

  it("an unscored inner node is the sum of its children; its max loses exactly the removed max", () => {
    fc.assert(
      fc.property(framework, (g) => {
        const r = computeIndex(g.tree, g.scores, g.na);
        for (const n of g.nodes) {
          const kids = g.tree.children.get(n.code) ?? [];
          if (kids.length === 0 || g.scores.has(n.code) || g.na.has(n.code)) continue;
          const nr = r.nodes.get(n.code)!;
          if (!nr.applicable) continue;
          const krs = kids.map((k) => r.nodes.get(k.code)!);
          expect(nr.achieved).toBe(krs.reduce((s, k) => s + k.achieved, 0));
          expect(nr.missing).toBe(krs.reduce((s, k) => s + k.missing, 0));
          expect(n.max - nr.max).toBe(kids.reduce((s, k, i) => s + k.max - krs[i].max, 0));
        }
      }),
    );
  });

  it("marking one more node not applicable never increases any max", () => {
    fc.assert(
      fc.property(framework, fc.nat(), (g, pick) => {
        const codes = g.nodes.map((n) => n.code);
        const extra = codes[pick % codes.length];
        const before = computeIndex(g.tree, g.scores, g.na);
        const after = computeIndex(g.tree, g.scores, new Set([...g.na, extra]));
        expect(after.max).toBeLessThanOrEqual(before.max);
        for (const c of codes) expect(after.nodes.get(c)!.max).toBeLessThanOrEqual(before.nodes.get(c)!.max);
        expect(after.nodes.get(extra)).toMatchObject({ applicable: false, max: 0 });
      }),
    );
  });

  it("with every area not applicable nothing is left", () => {
    fc.assert(
      fc.property(framework, (g) => {
        const r = computeIndex(g.tree, g.scores, new Set(g.tree.areas.map((a) => a.code)));
        expect(r).toMatchObject({ achieved: 0, max: 0, percent: null, missing: 0 });
      }),
    );
  });
});
