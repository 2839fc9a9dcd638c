/**
 * Is a plan task slipping on a given day? Overdue: past its deadline and not done (core's rule).
 * Behind: still within its time, but with less progress than the share of that time already passed
 * (a task from 1/9 to 30/11 at 10 % on 15/10 is behind; at 50 % it is on track). Pure, so the
 * dashboard's "points at risk" is unit-tested without a clock or a database.
 */
import { isOverdue, type TaskStatus } from "../../../core/plan.ts";

const day = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

/** The progress (0..100, whole percent) a task should have on `today`; null without both dates. */
export function expectedProgress(start: string | null, due: string | null, today: string): number | null {
  if (!start || !due || due <= start) return null;
  if (today <= start) return 0;
  if (today >= due) return 100;
  return Math.floor(((day(today) - day(start)) * 100) / (day(due) - day(start)));
}

export interface TaskTiming {
  status: TaskStatus;
  progress: number;
  startsOn: string | null;
  due: string | null;
}

/** A task without its own start is timed from the plan's issue date. */
export function slipping(task: TaskTiming, planIssuedOn: string | null, today: string) {
  const overdue = isOverdue({ status: task.status, due: task.due }, today);
  const open = task.status !== "done" && task.status !== "cancelled";
  const expected = open ? expectedProgress(task.startsOn ?? planIssuedOn, task.due, today) : null;
  const behind = open && !overdue && expected !== null && task.progress < expected;
  return { overdue, behind, expected };
}
