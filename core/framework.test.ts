import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCenti } from "./decimal.ts";
import {
  areaOf,
  buildTree,
  type FrameworkNode,
  isLeaf,
  subtreeCodes,
  totalMax,
  validateFramework,
} from "./framework.ts";

/** The seed's eight areas (domain.md §3): 12, 5, 14, 3,5, 10, 2, 8,5, 38 = 93. */
const SEED_AREAS: [string, string, string][] = [
  ["1", "Chỉ đạo, điều hành CCHC", "12"],
  ["2", "Cải cách thể chế", "5"],
  ["3", "Cải cách thủ tục hành chính", "14"],
  ["4", "Cải cách tổ chức bộ máy hành chính nhà nước", "3,5"],
  ["5", "Xây dựng và nâng cao chất lượng đội ngũ CBCCVC", "10"],
  ["6", "Cải cách tài chính công", "2"],
  ["7", "Hiện đại hóa hành chính", "8,5"],
  ["8", "Tác động của CCHC", "38"],
];

const area = (code: string, max: number, position = Number(code) || 0): FrameworkNode => ({
  code,
  parentCode: null,
  kind: "area",
  title: `Area ${code}`,
  max,
  position,
});
const crit = (code: string, parent: string, max: number, position = 0): FrameworkNode => ({
  code,
  parentCode: parent,
  kind: "criterion",
  title: `Criterion ${code}`,
  max,
  position,
});
const sub = (code: string, parent: string, max: number, position = 0): FrameworkNode => ({
  code,
  parentCode: parent,
  kind: "subcriterion",
  title: `Sub-criterion ${code}`,
  max,
  position,
});

function seedFramework(): FrameworkNode[] {
  return [
    ...SEED_AREAS.map(([code, title, max], i) => ({ ...area(code, parseCenti(max)!, i + 1), title })),
    crit("1.1", "1", 300, 1),
    crit("1.2", "1", 200, 2),
    sub("1.1.1", "1.1", 150, 1),
    sub("1.1.2", "1.1", 150, 2),
    crit("7.1", "7", 400, 1),
    crit("7.2", "7", 450, 2),
  ];
}

const issueKeys = (nodes: FrameworkNode[]) => validateFramework(nodes).map((i) => `${i.code}@${i.nodeCode}`);

describe("validateFramework", () => {
  it("accepts the seed framework (8 areas, 93 points)", () => {
    const nodes = seedFramework();
    expect(validateFramework(nodes)).toEqual([]);
    expect(totalMax(buildTree(nodes))).toBe(9300);
  });

  it("accepts an empty framework", () => {
    expect(validateFramework([])).toEqual([]);
  });

  it("accepts children adding up exactly to the parent, and zero max", () => {
    expect(validateFramework([area("1", 500), crit("1.1", "1", 500), crit("1.2", "1", 0)])).toEqual([]);
  });

  it("reports a duplicate code on the node that repeats it", () => {
    const issues = validateFramework([...seedFramework(), crit("1.2", "1", 100)]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "framework.duplicate_code", nodeCode: "1.2", field: "code" });
  });

  it("reports children exceeding their parent on the parent", () => {
    const nodes = [area("1", 1200), crit("1.1", "1", 700), crit("1.2", "1", 600)];
    const issues = validateFramework(nodes);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "framework.children_exceed_parent",
      nodeCode: "1",
      field: "max",
    });
  });

  it("reports children exceeding a criterion on the criterion, not the area", () => {
    const nodes = [
      area("1", 1200),
      crit("1.1", "1", 300),
      sub("1.1.1", "1.1", 200),
      sub("1.1.2", "1.1", 101),
    ];
    expect(issueKeys(nodes)).toEqual(["framework.children_exceed_parent@1.1"]);
  });

  it("reports negative and non-integer max points on the node", () => {
    expect(issueKeys([area("1", -100)])).toEqual(["framework.negative_max@1"]);
    expect(issueKeys([area("1", 100), crit("1.1", "1", 12.5)])).toEqual(["framework.negative_max@1.1"]);
    const [issue] = validateFramework([area("2", -1)]);
    expect(issue.field).toBe("max");
  });

  it("reports an unknown parent on the child", () => {
    const issues = validateFramework([area("1", 1200), crit("9.1", "9", 100)]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "framework.unknown_parent",
      nodeCode: "9.1",
      field: "parentCode",
    });
  });

  it("reports a node at the wrong level", () => {
    // sub-criterion directly under an area
    expect(issueKeys([area("1", 1200), sub("1.1", "1", 100)])).toEqual(["framework.wrong_level@1.1"]);
    // criterion under a criterion
    expect(issueKeys([area("1", 1200), crit("1.1", "1", 300), crit("1.1.1", "1.1", 100)])).toEqual([
      "framework.wrong_level@1.1.1",
    ]);
    // anything under a sub-criterion
    expect(
      issueKeys([
        area("1", 1200),
        crit("1.1", "1", 300),
        sub("1.1.1", "1.1", 100),
        sub("1.1.1.1", "1.1.1", 50),
      ]),
    ).toEqual(["framework.wrong_level@1.1.1.1"]);
    // area under an area
    expect(issueKeys([area("1", 1200), { ...area("2", 100), parentCode: "1" }])).toEqual([
      "framework.wrong_level@2",
    ]);
    const [issue] = validateFramework([area("1", 1200), sub("1.1", "1", 100)]);
    expect(issue.field).toBe("kind");
  });

  it("reports a top-level node that is not an area", () => {
    expect(issueKeys([area("1", 1200), crit("X", null as unknown as string, 100)])).toEqual([
      "framework.orphan@X",
    ]);
  });

  it("reports an empty code", () => {
    expect(issueKeys([area("1", 1200), crit("  ", "1", 100)])).toEqual(["framework.empty_code@  "]);
  });

  it("reports an empty title and max points beyond numeric(7,2) on the node", () => {
    expect(issueKeys([{ ...area("1", 1200), title: "  " }])).toEqual(["framework.empty_title@1"]);
    expect(issueKeys([area("1", 9_999_999)])).toEqual([]);
    expect(issueKeys([area("1", 10_000_000)])).toEqual(["framework.max_too_large@1"]);
    const big = validateFramework([area("1", 10_000_000)])[0];
    expect(big.field).toBe("max");
  });

  it("reports a self-parent as a cycle", () => {
    const nodes = [area("1", 1200), crit("C", "C", 100)];
    const cycles = validateFramework(nodes).filter((i) => i.code === "framework.cycle");
    expect(cycles.map((i) => i.nodeCode)).toEqual(["C"]);
    expect(cycles[0].field).toBe("parentCode");
  });

  it("reports every node of a two-node cycle", () => {
    const nodes = [area("1", 1200), crit("X", "Y", 100), crit("Y", "X", 100)];
    const cycles = validateFramework(nodes).filter((i) => i.code === "framework.cycle");
    expect(cycles.map((i) => i.nodeCode).sort()).toEqual(["X", "Y"]);
  });

  it("reports a cycle only on the nodes in it, not on a node hanging below it", () => {
    // Z is a child of X; X ↔ Y form the cycle. Z is not its own ancestor.
    const nodes = [crit("X", "Y", 100), crit("Y", "X", 100), sub("Z", "X", 0)];
    const cycles = validateFramework(nodes).filter((i) => i.code === "framework.cycle");
    expect(cycles.map((i) => i.nodeCode).sort()).toEqual(["X", "Y"]);
  });

  it("terminates and reports a cycle of any length", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (len) => {
        const nodes: FrameworkNode[] = [area("A", 100)];
        for (let i = 0; i < len; i++) nodes.push(crit(`N${i}`, `N${(i + 1) % len}`, 1));
        const cycles = validateFramework(nodes).filter((i) => i.code === "framework.cycle");
        expect(new Set(cycles.map((c) => c.nodeCode))).toEqual(new Set(nodes.slice(1).map((n) => n.code)));
      }),
    );
  });

  it("reports several problems at once", () => {
    const nodes = [area("1", 1200), crit("1.1", "1", -1), crit("1.1", "1", 1), crit("2.1", "2", 1)];
    expect(issueKeys(nodes).sort()).toEqual(
      ["framework.duplicate_code@1.1", "framework.negative_max@1.1", "framework.unknown_parent@2.1"].sort(),
    );
  });
});

describe("buildTree and walks", () => {
  it("lists areas in position order and children under their parent", () => {
    const nodes = seedFramework().reverse();
    const tree = buildTree(nodes);
    expect(tree.areas.map((a) => a.code)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(tree.children.get("1")!.map((n) => n.code)).toEqual(["1.1", "1.2"]);
    expect(tree.children.get("1.1")!.map((n) => n.code)).toEqual(["1.1.1", "1.1.2"]);
    expect(tree.nodes.size).toBe(nodes.length);
    expect(tree.nodes.get("7.2")!.max).toBe(450);
  });

  it("breaks position ties by code", () => {
    const tree = buildTree([area("B", 1, 0), area("A", 1, 0), area("C", 1, -1)]);
    expect(tree.areas.map((a) => a.code)).toEqual(["C", "A", "B"]);
  });

  it("totalMax sums the areas only (93 for the seed)", () => {
    const tree = buildTree(seedFramework());
    expect(totalMax(tree)).toBe(9300);
    expect(totalMax(buildTree([]))).toBe(0);
  });

  it("isLeaf", () => {
    const tree = buildTree(seedFramework());
    expect(isLeaf(tree, "1")).toBe(false);
    expect(isLeaf(tree, "1.1")).toBe(false);
    expect(isLeaf(tree, "1.1.1")).toBe(true);
    expect(isLeaf(tree, "1.2")).toBe(true);
    expect(isLeaf(tree, "3")).toBe(true);
  });

  it("areaOf finds the area of any node, the area itself for an area", () => {
    const tree = buildTree(seedFramework());
    expect(areaOf(tree, "1.1.2")?.code).toBe("1");
    expect(areaOf(tree, "1.1")?.code).toBe("1");
    expect(areaOf(tree, "7.2")?.code).toBe("7");
    expect(areaOf(tree, "8")?.code).toBe("8");
    expect(areaOf(tree, "nope")).toBeUndefined();
  });

  it("subtreeCodes lists the node and every descendant", () => {
    const tree = buildTree(seedFramework());
    expect(subtreeCodes(tree, "1").sort()).toEqual(["1", "1.1", "1.1.1", "1.1.2", "1.2"]);
    expect(subtreeCodes(tree, "1.1").sort()).toEqual(["1.1", "1.1.1", "1.1.2"]);
    expect(subtreeCodes(tree, "3")).toEqual(["3"]);
  });

  it("property: the subtrees of the areas partition the nodes", () => {
    const tree = buildTree(seedFramework());
    const all = tree.areas.flatMap((a) => subtreeCodes(tree, a.code));
    expect(all.length).toBe(tree.nodes.size);
    expect(new Set(all)).toEqual(new Set(tree.nodes.keys()));
    for (const a of tree.areas)
      for (const c of subtreeCodes(tree, a.code)) expect(areaOf(tree, c)?.code).toBe(a.code);
  });
});
