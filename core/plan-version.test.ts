import { describe, expect, it } from "vitest";
import {
  changeCounts,
  comparableTask,
  diffSnapshots,
  hasChanges,
  type PlanSnapshot,
  type SnapshotTask,
  taskChanges,
} from "./plan-version.ts";

const task = (id: number, over: Partial<SnapshotTask> = {}): SnapshotTask => ({
  id,
  section: "4.1",
  title: `Nhiệm vụ ${id}`,
  body: null,
  areaCode: "1",
  startsOn: null,
  due: null,
  period: null,
  leadUnits: [{ id: 11, name: "Phòng Hành chính – Tổ chức", shortName: "HC-TC", kind: "division" }],
  coordinatingUnits: [],
  targets: [],
  ...over,
});

const plan = (tasks: SnapshotTask[], over: Partial<PlanSnapshot> = {}): PlanSnapshot => ({
  document: {
    number: "1994",
    code: "KH-VPUBND",
    issuedOn: "2019-09-03",
    place: "Quảng Nam",
    title: "Kế hoạch",
    implements: null,
    signer: null,
  },
  overallTarget: { percentAtLeast: 85, rankGainMin: 1, rankGainMax: 2 },
  baselineCycleId: 1,
  areaTargets: [{ areaCode: "1", title: "Chỉ đạo", target: 10, max: 12, baseline: 7, kept: false }],
  tasks,
  ...over,
});

describe("diffSnapshots", () => {
  it("finds nothing between a snapshot and itself", () => {
    const a = plan([task(1), task(2)]);
    const c = diffSnapshots(a, structuredClone(a));
    expect(hasChanges(c)).toBe(false);
  });

  it("counts tasks added, changed (with their fields) and removed, targets and document fields changed", () => {
    const before = plan([task(1), task(2), task(3)]);
    const after = plan([task(1, { due: "2019-10-31", title: "Nhiệm vụ một" }), task(3), task(4)], {
      document: { ...before.document, title: "Kế hoạch (sửa đổi)" },
      areaTargets: [{ areaCode: "1", title: "Chỉ đạo", target: 11, max: 12, baseline: 7, kept: false }],
    });
    const c = diffSnapshots(before, after);
    expect(c.tasksAdded.map((t) => t.id)).toEqual([4]);
    expect(c.tasksRemoved.map((t) => t.id)).toEqual([2]);
    expect(c.tasksChanged).toEqual([{ id: 1, title: "Nhiệm vụ một", fields: ["title", "due"] }]);
    expect(c.fields).toEqual(["title"]);
    expect(c.areaTargets).toEqual(["1"]);
    expect(c.overallTarget).toBe(false);
    expect(changeCounts(c)).toMatchObject({
      tasksAdded: 1,
      tasksChanged: 1,
      tasksRemoved: 1,
      areaTargetsChanged: 1,
      fieldsChanged: 1,
    });
  });

  it("treats a unit group's resolution as content, and a document's view of it as the group's name alone", () => {
    const group = { id: 19, name: "Các Phòng, Ban, Trung tâm", shortName: "Tất cả", kind: "unit_group" };
    const a = task(1, { coordinatingUnits: [{ ...group, members: null }] });
    const b = task(1, {
      coordinatingUnits: [
        { ...group, members: [{ id: 12, name: "Phòng Quản trị – Tài vụ", shortName: "QT-TV" }] },
      ],
    });
    expect(taskChanges(comparableTask(a), comparableTask(b)).map((c) => c.field)).toEqual([
      "coordinatingUnits",
    ]);
    expect(taskChanges(comparableTask(a, { members: false }), comparableTask(b, { members: false }))).toEqual(
      [],
    );
  });

  it("ignores indicator codes (tracking), not a target's wording or level", () => {
    const t = { text: "Kiểm tra từ 30% số đơn vị", comparator: ">=" as const, value: 30, unit: "%" };
    const a = task(1, { targets: [{ ...t, indicator: "units_inspected" }] });
    expect(
      taskChanges(comparableTask(a), comparableTask(task(1, { targets: [{ ...t, indicator: null }] }))),
    ).toEqual([]);
    const changed = taskChanges(
      comparableTask(a),
      comparableTask(task(1, { targets: [{ ...t, value: 35, indicator: null }] })),
    );
    expect(changed).toEqual([
      {
        field: "targets",
        before: ["Kiểm tra từ 30% số đơn vị: >= 30 %"],
        after: ["Kiểm tra từ 30% số đơn vị: >= 35 %"],
      },
    ]);
  });
});
