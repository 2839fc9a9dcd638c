// Shapes for responses: points as JSON numbers with at most two decimals (75.4), computed exactly.
import { type Centi, fromCenti } from "../core/decimal.ts";
import type { FrameworkNode } from "../core/framework.ts";

export const pts = (c: Centi | null | undefined): number | null =>
  c === null || c === undefined ? null : fromCenti(c);

export function presentNode(n: FrameworkNode) {
  return {
    code: n.code,
    parentCode: n.parentCode,
    kind: n.kind,
    title: n.title,
    max: fromCenti(n.max),
    position: n.position,
    rule: n.rule ?? null,
    illustrative: n.illustrative ?? false,
  };
}
