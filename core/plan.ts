/**
 * An improvement plan: an overall target, target points per area with the previous cycle's result as
 * baseline, and tasks with lead (Chủ trì) and coordinating (Phối hợp) units and measurable targets.
 */
import { type Centi, percentCenti } from "./decimal.ts";

export type Comparator = ">=" | ">" | "<=" | "<" | "=" | "done_by";

export interface MeasurableTarget {
  /** What is measured, in the plan's words ("Tỷ lệ văn bản đi có chữ ký số"). */
  text: string;
  /** Indicator code the target is checked against, when one is tracked. */
  indicator?: string | null;
  comparator: Comparator;
  /**
   * Number for >=,>,<=,<,=; an ISO date for done_by; null when the target is measured against a
   * named quantity (`reference`) the plan gives no number for.
   */
  value: number | string | null;
  /**
   * A named quantity the plan measures against instead of a number: "tổng biên chế được giao" in
   * "không vượt quá tổng biên chế được giao" (comparator "<=", value null). Exactly one of value and
   * reference is set.
   */
  reference?: string | null;
  /** "%", "báo cáo", "sáng kiến", "đơn vị", "người" … */
  unit?: string | null;
}

export type TaskStatus = "not_started" | "in_progress" | "done" | "cancelled";

export interface AreaTarget {
  areaCode: string;
  target: Centi;
  max: Centi;
  /** The previous cycle's points in this area, when known. */
  baseline: Centi | null;
  /** "giữ vững": keep the previous result. */
  kept: boolean;
}

export interface PlanTargetsSummary<T extends AreaTarget = AreaTarget> {
  target: Centi;
  max: Centi;
  percent: Centi | null;
  baseline: Centi | null;
  baselinePercent: Centi | null;
  areas: (T & { delta: Centi | null })[];
}

export function summariseTargets<T extends AreaTarget>(targets: readonly T[]): PlanTargetsSummary<T> {
  let target = 0;
  let max = 0;
  let baseline: Centi | null = 0;
  for (const t of targets) {
    target += t.target;
    max += t.max;
    baseline = baseline === null || t.baseline === null ? null : baseline + t.baseline;
  }
  return {
    target,
    max,
    percent: percentCenti(target, max),
    baseline,
    baselinePercent: baseline === null ? null : percentCenti(baseline, max),
    areas: targets.map((t) => ({ ...t, delta: t.baseline === null ? null : t.target - t.baseline })),
  };
}

/**
 * Is a measured value meeting the target? null when the target cannot be checked against a value —
 * among them a named quantity (`reference`): the plan does not say how large "tổng biên chế được
 * giao" is, so no number reported against it can be judged met or not (nor turned into a percentage).
 */
export function targetMet(t: MeasurableTarget, value: number | string | null | undefined): boolean | null {
  if (value === null || value === undefined || t.value === null) return null;
  if (t.comparator === "done_by") {
    return typeof value === "string" && typeof t.value === "string" ? value <= t.value : null;
  }
  if (typeof value !== "number" || typeof t.value !== "number") return null;
  switch (t.comparator) {
    case ">=":
      return value >= t.value;
    case ">":
      return value > t.value;
    case "<=":
      return value <= t.value;
    case "<":
      return value < t.value;
    case "=":
      return value === t.value;
  }
}

/** Overdue: not done and the due date has passed (dates are ISO strings, compared as such). */
export function isOverdue(task: { status: TaskStatus; due: string | null }, today: string): boolean {
  return task.due !== null && task.status !== "done" && task.status !== "cancelled" && task.due < today;
}
