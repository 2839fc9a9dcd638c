/**
 * A PAR INDEX framework: a versioned tree area → criterion → sub-criterion, each node with max points.
 * Nothing here is specific to the PAR INDEX's eight areas, so PAPI or SIPAS trees fit the same model.
 */
import type { Centi } from "./decimal.ts";

export type NodeKind = "area" | "criterion" | "subcriterion";

export interface FrameworkNode {
  code: string;
  parentCode: string | null;
  kind: NodeKind;
  title: string;
  max: Centi;
  position: number;
  /** Serialised ScoringRule (see rules.ts); leaves only. */
  rule?: unknown;
  /** True when the node was reconstructed for illustration rather than taken from an official framework. */
  illustrative?: boolean;
}

export interface FrameworkIssue {
  code: string;
  nodeCode: string | null;
  field: string;
  message: string;
}

/** Points are stored as numeric(7,2): at most 99 999,99. */
export const MAX_POINTS: Centi = 9_999_999;

/** The kind a child of each kind must have. */
export const CHILD_KIND: Record<NodeKind, NodeKind | null> = {
  area: "criterion",
  criterion: "subcriterion",
  subcriterion: null,
};

/** Checks a flat list of nodes for the problems that make a framework unusable. Empty list = valid. */
export function validateFramework(nodes: readonly FrameworkNode[]): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const byCode = new Map<string, FrameworkNode>();
  for (const n of nodes) {
    if (!n.code.trim()) {
      issues.push({
        code: "framework.empty_code",
        nodeCode: n.code,
        field: "code",
        message: "A node has an empty code",
      });
      continue;
    }
    if (byCode.has(n.code)) {
      issues.push({
        code: "framework.duplicate_code",
        nodeCode: n.code,
        field: "code",
        message: `Code ${n.code} is used more than once`,
      });
      continue;
    }
    byCode.set(n.code, n);
    if (!Number.isInteger(n.max) || n.max < 0) {
      issues.push({
        code: "framework.negative_max",
        nodeCode: n.code,
        field: "max",
        message: `Node ${n.code} has negative or non-decimal max points`,
      });
    } else if (n.max > MAX_POINTS) {
      issues.push({
        code: "framework.max_too_large",
        nodeCode: n.code,
        field: "max",
        message: `Node ${n.code} has more than 99999,99 max points`,
      });
    }
    if (!n.title.trim()) {
      issues.push({
        code: "framework.empty_title",
        nodeCode: n.code,
        field: "title",
        message: `Node ${n.code} has an empty title`,
      });
    }
  }
  const childSum = new Map<string, Centi>();
  for (const n of byCode.values()) {
    if (n.parentCode === null) {
      if (n.kind !== "area") {
        issues.push({
          code: "framework.orphan",
          nodeCode: n.code,
          field: "parentCode",
          message: `Top-level node ${n.code} must be an area`,
        });
      }
      continue;
    }
    const parent = byCode.get(n.parentCode);
    if (!parent) {
      issues.push({
        code: "framework.unknown_parent",
        nodeCode: n.code,
        field: "parentCode",
        message: `Node ${n.code} names unknown parent ${n.parentCode}`,
      });
      continue;
    }
    if (CHILD_KIND[parent.kind] !== n.kind) {
      issues.push({
        code: "framework.wrong_level",
        nodeCode: n.code,
        field: "kind",
        message: `Node ${n.code} (${n.kind}) cannot sit under ${parent.code} (${parent.kind})`,
      });
    }
    childSum.set(parent.code, (childSum.get(parent.code) ?? 0) + n.max);
  }
  for (const [code, sum] of childSum) {
    const parent = byCode.get(code)!;
    if (sum > parent.max) {
      issues.push({
        code: "framework.children_exceed_parent",
        nodeCode: code,
        field: "max",
        message: `The children of ${code} add up to more than its max points`,
      });
    }
  }
  // A cycle through parentCode would make every tree walk loop forever.
  for (const n of byCode.values()) {
    const seen = new Set<string>();
    let cur: FrameworkNode | undefined = n;
    while (cur?.parentCode) {
      if (seen.has(cur.code)) {
        // Only nodes on the loop are their own ancestors; a node hanging below it is not reported.
        if (cur.code === n.code)
          issues.push({
            code: "framework.cycle",
            nodeCode: n.code,
            field: "parentCode",
            message: `Node ${n.code} is its own ancestor`,
          });
        break;
      }
      seen.add(cur.code);
      cur = byCode.get(cur.parentCode);
    }
  }
  return issues;
}

export interface FrameworkTree {
  nodes: ReadonlyMap<string, FrameworkNode>;
  children: ReadonlyMap<string | null, readonly FrameworkNode[]>;
  areas: readonly FrameworkNode[];
}

export function buildTree(nodes: readonly FrameworkNode[]): FrameworkTree {
  const map = new Map<string, FrameworkNode>();
  const children = new Map<string | null, FrameworkNode[]>();
  for (const n of nodes) map.set(n.code, n);
  for (const n of nodes) {
    const list = children.get(n.parentCode) ?? [];
    list.push(n);
    children.set(n.parentCode, list);
  }
  for (const list of children.values())
    list.sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));
  return { nodes: map, children, areas: children.get(null) ?? [] };
}

export function isLeaf(tree: FrameworkTree, code: string): boolean {
  return (tree.children.get(code)?.length ?? 0) === 0;
}

/** The area a node belongs to (the node itself for an area). */
export function areaOf(tree: FrameworkTree, code: string): FrameworkNode | undefined {
  let cur = tree.nodes.get(code);
  while (cur?.parentCode) cur = tree.nodes.get(cur.parentCode);
  return cur;
}

/** Every descendant code of a node, the node included. */
export function subtreeCodes(tree: FrameworkTree, code: string): string[] {
  const out: string[] = [];
  const stack = [code];
  while (stack.length) {
    const c = stack.pop()!;
    out.push(c);
    for (const ch of tree.children.get(c) ?? []) stack.push(ch.code);
  }
  return out;
}

export function totalMax(tree: FrameworkTree): Centi {
  let s = 0;
  for (const a of tree.areas) s += a.max;
  return s;
}
