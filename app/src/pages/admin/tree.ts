/**
 * The framework editor's model: nodes with stable ids (so a code can be retyped without losing
 * focus), kept as a flat list in display order. Validation is core's validateFramework on exactly
 * what the server would receive (codes and titles normalised the same way), so every problem the
 * server would refuse is shown on its node while the person types.
 */
import { frameworkFileSchema } from "../../../../core/contracts/frameworks.ts";
import { type Centi, parseCenti } from "../../../../core/decimal.ts";
import {
  CHILD_KIND,
  type FrameworkIssue,
  type FrameworkNode,
  type NodeKind,
  validateFramework,
} from "../../../../core/framework.ts";
import { nfc } from "../../../../core/locale.ts";

export interface EditNode {
  uid: string;
  parentUid: string | null;
  code: string;
  title: string;
  /** As typed: "3,5" or "3.5". */
  max: string;
  kind: NodeKind;
  rule?: unknown;
  illustrative?: boolean;
}

export interface NodeIssue {
  code: string;
  field: "code" | "title" | "max" | "kind" | "parentCode";
  /** The node the problem is about (for children_exceed_parent: the parent). */
  nodeCode: string | null;
}

let counter = 0;
const newUid = () => `n${++counter}`;

const clean = (s: string) => nfc(s).trim();

/** Children of a node (or the areas for null), in display order. */
export function childrenOf(nodes: readonly EditNode[], parentUid: string | null): EditNode[] {
  return nodes.filter((n) => n.parentUid === parentUid);
}

/** Depth-first display order: each node followed by its subtree. */
export function ordered(nodes: readonly EditNode[]): { node: EditNode; depth: number }[] {
  const out: { node: EditNode; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const n of childrenOf(nodes, parent)) {
      out.push({ node: n, depth });
      walk(n.uid, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** What the server receives: codes and titles as it normalises them, positions among siblings. */
export function toFrameworkNodes(nodes: readonly EditNode[]): FrameworkNode[] {
  const byUid = new Map(nodes.map((n) => [n.uid, n]));
  const position = new Map<string, number>();
  const seen = new Map<string | null, number>();
  for (const n of nodes) {
    const i = seen.get(n.parentUid) ?? 0;
    position.set(n.uid, i);
    seen.set(n.parentUid, i + 1);
  }
  return ordered(nodes).map(({ node: n }) => ({
    code: clean(n.code),
    parentCode: n.parentUid === null ? null : clean(byUid.get(n.parentUid)?.code ?? ""),
    kind: n.kind,
    title: clean(n.title),
    max: parseCenti(n.max) ?? 0,
    position: position.get(n.uid) ?? 0,
    ...(n.rule !== undefined && n.rule !== null ? { rule: n.rule } : {}),
    ...(n.illustrative ? { illustrative: true } : {}),
  }));
}

/** Every problem, placed on the editor nodes it concerns (by uid). */
export function issuesByNode(nodes: readonly EditNode[]): Map<string, NodeIssue[]> {
  const out = new Map<string, NodeIssue[]>();
  const add = (uid: string, i: NodeIssue) => out.set(uid, [...(out.get(uid) ?? []), i]);
  for (const n of nodes)
    if (parseCenti(n.max) === null)
      add(n.uid, { code: "framework.bad_number", field: "max", nodeCode: clean(n.code) });
  const flat = toFrameworkNodes(nodes);
  const issues: FrameworkIssue[] = validateFramework(flat);
  for (const issue of issues) {
    const targets =
      issue.code === "framework.empty_code"
        ? nodes.filter((n) => clean(n.code) === "")
        : nodes.filter((n) => clean(n.code) === issue.nodeCode);
    // A duplicate is shown on every node sharing the code except the first.
    const list = issue.code === "framework.duplicate_code" ? targets.slice(1) : targets;
    for (const n of list)
      add(n.uid, { code: issue.code, field: issue.field as NodeIssue["field"], nodeCode: issue.nodeCode });
  }
  // Deduplicate (an empty code is reported once per empty node already).
  for (const [uid, list] of out)
    out.set(
      uid,
      list.filter((x, i) => list.findIndex((y) => y.code === x.code && y.field === x.field) === i),
    );
  return out;
}

export function totalOf(nodes: readonly EditNode[]): Centi {
  let s = 0;
  for (const n of nodes) if (n.parentUid === null) s += parseCenti(n.max) ?? 0;
  return s;
}

/** Hundredths as the editor shows them: 350 → "3,5", 572 → "5,72". */
export const maxText = (c: Centi) => {
  const sign = c < 0 ? "-" : "";
  const a = Math.abs(c);
  const whole = Math.trunc(a / 100);
  const frac = a % 100;
  return frac === 0
    ? `${sign}${whole}`
    : `${sign}${whole},${String(frac).padStart(2, "0").replace(/0$/, "")}`;
};

/** Editor nodes from API/file nodes (points as numbers), children placed under their parents. */
export function fromApiNodes(
  nodes: readonly {
    code: string;
    parentCode: string | null;
    kind: NodeKind;
    title: string;
    max: number | string;
    position?: number;
    rule?: unknown;
    illustrative?: boolean;
  }[],
): EditNode[] {
  const uidOf = new Map<string, string>();
  for (const n of nodes) if (!uidOf.has(n.code)) uidOf.set(n.code, newUid());
  const sorted = [...nodes].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const flat = sorted.map((n) => ({
    uid: uidOf.get(n.code)!,
    parentUid: n.parentCode === null ? null : (uidOf.get(n.parentCode) ?? null),
    code: n.code,
    title: n.title,
    max: typeof n.max === "number" ? maxText(Math.round(n.max * 100)) : n.max,
    kind: n.kind,
    rule: n.rule ?? undefined,
    illustrative: n.illustrative ?? false,
  }));
  return ordered(flat).map((x) => x.node);
}

export type ImportResult =
  | {
      ok: true;
      meta: { code: string; title: string; year: number; agencyType: string };
      nodes: EditNode[];
      rest: {
        gradeBands?: { grade: string; atLeast: number }[];
        rankDecimals?: 0 | 1 | 2 | null;
      };
    }
  | { ok: false; reason: "json" | "schema" | "structure"; detail: string };

/**
 * Reads an exported framework file. The file must match the API's schema; a tree the editor cannot
 * show (unknown parents, loops) is refused with the problem named; anything else loads and is shown
 * on its node.
 */
export function importFramework(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: "json", detail: e instanceof Error ? e.message : String(e) };
  }
  const parsed = frameworkFileSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, reason: "schema", detail: `${i?.path.join(".") || "(file)"}: ${i?.message}` };
  }
  const f = parsed.data;
  const structural = validateFramework(
    f.nodes.map((n, i) => ({ ...n, position: n.position ?? i, max: n.max })),
  ).filter((i) => ["framework.unknown_parent", "framework.cycle"].includes(i.code));
  if (structural.length)
    return { ok: false, reason: "structure", detail: structural.map((i) => i.message).join("; ") };
  const nodes = fromApiNodes(
    f.nodes.map((n, i) => ({ ...n, max: maxText(n.max), position: n.position ?? i })),
  );
  return {
    ok: true,
    meta: { code: f.code, title: f.title, year: f.year, agencyType: f.agencyType },
    nodes,
    rest: { gradeBands: f.gradeBands, rankDecimals: f.rankDecimals },
  };
}

// ---- edits (each returns a new list) ----

export function updateNode(nodes: readonly EditNode[], uid: string, patch: Partial<EditNode>): EditNode[] {
  return nodes.map((n) => (n.uid === uid ? { ...n, ...patch } : n));
}

/** Adds a child (or an area when parentUid is null) after the parent's last descendant. */
export function addChild(nodes: readonly EditNode[], parentUid: string | null, code: string): EditNode[] {
  const parent = parentUid === null ? null : nodes.find((n) => n.uid === parentUid);
  const kind: NodeKind = parent ? (CHILD_KIND[parent.kind] ?? "subcriterion") : "area";
  const node: EditNode = { uid: newUid(), parentUid, code, title: "", max: "0", kind };
  const list = ordered(nodes).map((x) => x.node);
  if (parentUid === null) return [...list, node];
  const subtree = new Set(descendants(list, parentUid));
  let at = list.findIndex((n) => n.uid === parentUid);
  while (at + 1 < list.length && subtree.has(list[at + 1].uid)) at++;
  return [...list.slice(0, at + 1), node, ...list.slice(at + 1)];
}

/** The uids under a node (not including it). */
export function descendants(nodes: readonly EditNode[], uid: string): string[] {
  const out: string[] = [];
  const stack = [uid];
  while (stack.length) {
    const u = stack.pop()!;
    for (const c of childrenOf(nodes, u)) {
      out.push(c.uid);
      stack.push(c.uid);
    }
  }
  return out;
}

export function removeNode(nodes: readonly EditNode[], uid: string): EditNode[] {
  const gone = new Set([uid, ...descendants(nodes, uid)]);
  return nodes.filter((n) => !gone.has(n.uid));
}

/** Swaps a node with its previous (-1) or next (+1) sibling, subtrees and all. */
export function moveNode(nodes: readonly EditNode[], uid: string, dir: -1 | 1): EditNode[] {
  const node = nodes.find((n) => n.uid === uid);
  if (!node) return [...nodes];
  const siblings = childrenOf(nodes, node.parentUid);
  const i = siblings.findIndex((s) => s.uid === uid);
  const j = i + dir;
  if (j < 0 || j >= siblings.length) return [...nodes];
  const swapped = [...siblings];
  [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
  // Rebuild the flat list with this parent's children in the new order.
  const rank = new Map(swapped.map((s, k) => [s.uid, k]));
  const others = nodes.filter((n) => n.parentUid !== node.parentUid);
  const reordered = [...siblings].sort((a, b) => rank.get(a.uid)! - rank.get(b.uid)!);
  return ordered([...others, ...reordered]).map((x) => x.node);
}

/** A code not used yet for a new child: parent "1" with children 1.1, 1.2 → "1.3". */
export function nextCode(nodes: readonly EditNode[], parentUid: string | null): string {
  const parent = parentUid === null ? null : nodes.find((n) => n.uid === parentUid);
  const used = new Set(nodes.map((n) => clean(n.code)));
  const prefix = parent ? `${clean(parent.code)}.` : "";
  for (let k = childrenOf(nodes, parentUid).length + 1; ; k++) {
    const code = `${prefix}${k}`;
    if (!used.has(code)) return code;
  }
}
