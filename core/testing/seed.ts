// Test data shared by core's tests: the seed's eight areas (domain.md §3) and a node builder.
import type { Centi } from "../decimal.ts";
import type { FrameworkNode } from "../framework.ts";

/** Area code, max points, the Office's 2018 result and its 2019 target, as the seed states them. */
export const SEED: [code: string, max: string, r2018: string, t2019: string][] = [
  ["1", "12", "7", "10"],
  ["2", "5", "5", "5"],
  ["3", "14", "13", "14"],
  ["4", "3,5", "3,5", "3,5"],
  ["5", "10", "7,5", "9"],
  ["6", "2", "2", "2"],
  ["7", "8,5", "5,72", "8"],
  ["8", "38", "31,68", "35"],
];

export const node = (
  code: string,
  parentCode: string | null,
  kind: FrameworkNode["kind"],
  max: Centi,
  position = 0,
): FrameworkNode => ({ code, parentCode, kind, title: `T${code}`, max, position });
