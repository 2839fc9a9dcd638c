/**
 * The review model: a named ceiling left without a number is sent by its name (value null), and a
 * window one sentence states becomes that sentence's dated target, not the task's deadline.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { importPlanText } from "../../../../core/plan-import/index.ts";
import { reviewTasks, toAcceptBody } from "./model.ts";

const fixture = (p: string) =>
  readFileSync(new URL(`../../../../test/fixtures/${p}`, import.meta.url), "utf8");

test("a window of one sentence is that sentence's dated target; the task keeps its own deadline", () => {
  const units = JSON.parse(fixture("plans-layouts9/anlao-xa-windows-2024.expected.json")).units;
  const plan = importPlanText(fixture("plans-layouts9/anlao-xa-windows-2024.txt"), { units });
  const tasks = reviewTasks(plan, new Set(units.map((u: { name: string }) => u.name)));
  expect(tasks[1]).toMatchObject({ due: "2024-09-30", startsOn: null });
  expect(tasks[1].windows).toEqual([
    {
      text: "Việc nhập dữ liệu sổ khai sinh được thực hiện từ tháng 4/2024 đến tháng 6/2024",
      period: "từ tháng 4/2024 đến tháng 6/2024",
      due: "2024-06-30",
    },
  ]);
  expect(tasks[1].targets.at(-1)).toMatchObject({
    comparator: "done_by",
    value: "2024-06-30",
    text: "Việc nhập dữ liệu sổ khai sinh được thực hiện từ tháng 4/2024 đến tháng 6/2024",
  });
  // A window on a task of one sentence is the task's: no extra target.
  expect(tasks[2]).toMatchObject({ startsOn: "2024-05-01", due: "2024-11-30", windows: [] });
  expect(tasks[2].targets.some((x) => x.comparator === "done_by")).toBe(false);
});

test("a named ceiling left empty is accepted by its name, never as a number", () => {
  const plan = importPlanText(fixture("plans/quangnam-1994-kh-vpubnd-2019.txt"));
  const tasks = reviewTasks(plan, new Set());
  const body = toAcceptBody({
    year: 2019,
    number: null,
    code: null,
    issuedOn: null,
    place: null,
    title: "x",
    implements: null,
    signerAuthority: null,
    signerPosition: null,
    signerName: null,
    percentAtLeast: null,
    rankGainMin: null,
    rankGainMax: null,
    areaTargets: [],
    tasks,
  });
  const named = body.tasks.flatMap((t) => t.targets ?? []).filter((x) => x.reference);
  expect(named).toEqual([
    expect.objectContaining({ comparator: "<=", value: null, reference: "tổng biên chế được giao" }),
  ]);
});
