import { describe, expect, it } from "vitest";
import { expectedProgress, slipping } from "./slipping.ts";

describe("expected progress", () => {
  it("is the share of the task's days already passed, in whole percent", () => {
    expect(expectedProgress("2019-09-01", "2019-11-30", "2019-09-01")).toBe(0);
    expect(expectedProgress("2019-09-01", "2019-11-30", "2019-10-16")).toBe(50);
    expect(expectedProgress("2019-09-01", "2019-11-30", "2019-11-30")).toBe(100);
    expect(expectedProgress("2019-09-01", "2019-11-30", "2020-01-01")).toBe(100);
    expect(expectedProgress("2019-09-01", "2019-11-30", "2019-08-01")).toBe(0);
  });

  it("is unknown without a start, without a deadline, or with a deadline before the start", () => {
    expect(expectedProgress(null, "2019-11-30", "2019-10-01")).toBeNull();
    expect(expectedProgress("2019-09-01", null, "2019-10-01")).toBeNull();
    expect(expectedProgress("2019-09-01", "2019-09-01", "2019-10-01")).toBeNull();
  });
});

describe("slipping tasks", () => {
  const task = { status: "in_progress" as const, progress: 10, startsOn: "2019-09-01", due: "2019-11-30" };

  it("calls a task behind when its progress is below the time passed, on track otherwise", () => {
    expect(slipping(task, null, "2019-10-16")).toEqual({ overdue: false, behind: true, expected: 50 });
    expect(slipping({ ...task, progress: 50 }, null, "2019-10-16")).toMatchObject({ behind: false });
  });

  it("calls a task overdue, not behind, once its deadline has passed", () => {
    expect(slipping(task, null, "2019-12-01")).toMatchObject({ overdue: true, behind: false });
    expect(slipping(task, null, "2019-11-30")).toMatchObject({ overdue: false, behind: true });
  });

  it("never flags a done or cancelled task", () => {
    for (const status of ["done", "cancelled"] as const)
      expect(slipping({ ...task, status }, null, "2020-06-01")).toEqual({
        overdue: false,
        behind: false,
        expected: null,
      });
  });

  it("times a task without a start from the plan's issue date; without a deadline it never slips", () => {
    const t = { ...task, startsOn: null };
    expect(slipping(t, "2019-09-03", "2019-10-16").expected).toBe(48);
    expect(slipping(t, null, "2019-10-16")).toEqual({ overdue: false, behind: false, expected: null });
    expect(slipping({ ...task, due: null }, "2019-09-03", "2030-01-01")).toMatchObject({
      overdue: false,
      behind: false,
    });
  });
});
