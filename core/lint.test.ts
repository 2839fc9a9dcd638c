import { describe, expect, it } from "vitest";
import { type LintInput, type LintTask, lintPlan } from "./lint.ts";

const HCTC = "Phòng Hành chính – Tổ chức";
const QTTV = "Phòng Quản trị – Tài vụ";
const NC = "Phòng Nội chính";
const KSTTHC = "Phòng Kiểm soát thủ tục hành chính";
const ALL = "Các Phòng, Ban, Trung tâm";
const KNOWN = [HCTC, QTTV, NC, KSTTHC, ALL];

const task = (
  id: number,
  areaCode: string | null,
  lead: string[],
  coord: string[] = [],
  due: string | null = null,
  period: string | null = null,
): LintTask => ({
  id,
  title: `Task ${id}`,
  areaCode,
  leadUnits: lead,
  coordinatingUnits: coord,
  due,
  period,
});

/** The seed plan (domain.md §3), reduced to what the lint looks at. */
function seedPlan(): LintInput {
  return {
    areaTargets: ["1", "2", "3", "4", "5", "6", "7", "8"].map((areaCode) => ({
      areaCode,
      title: `Lĩnh vực ${areaCode}`,
    })),
    tasks: [
      task(1, "1", [HCTC], [ALL], "2019-10-31"),
      task(2, "1", [HCTC], [ALL], null, "2019-q4"),
      task(3, "1", [], []), // the initiative: no lead
      task(4, "1", [], []), // PAR linked to emulation and rewards: no lead
      task(5, "2", [NC], [ALL]),
      task(6, "4", [HCTC], ["Phòng Hành chính –Tổ chứ"]), // the typo
      task(7, "5", [HCTC], [ALL]),
      task(8, "6", [QTTV], [ALL]),
      task(9, "7", [QTTV, HCTC], [ALL], "2019-11-30"), // two lead units: fine
    ],
    knownUnits: KNOWN,
  };
}

describe("lintPlan on the seed plan", () => {
  const issues = lintPlan(seedPlan());

  it("areas 3 and 8 have a target but no task", () => {
    const a = issues.filter((i) => i.rule === "area_without_task");
    expect(a.map((i) => i.areaCode)).toEqual(["3", "8"]);
    expect(a[0].severity).toBe("warning");
    expect(a[0].messageVi).toContain("Lĩnh vực 3");
    expect(a[0].messageEn).toContain("Lĩnh vực 3");
  });

  it("two tasks have no lead unit", () => {
    const a = issues.filter((i) => i.rule === "task_without_lead");
    expect(a.map((i) => i.taskId)).toEqual([3, 4]);
    expect(a.every((i) => i.severity === "warning")).toBe(true);
  });

  it("tasks with neither a due date nor a period have no deadline", () => {
    const a = issues.filter((i) => i.rule === "task_without_deadline");
    expect(a.map((i) => i.taskId)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(a.every((i) => i.severity === "info")).toBe(true);
  });

  it("the typo 'Phòng Hành chính –Tổ chứ' is an unknown unit, with the right suggestion", () => {
    const a = issues.filter((i) => i.rule === "unknown_unit");
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({
      taskId: 6,
      unit: "Phòng Hành chính –Tổ chứ",
      suggestion: "Phòng Hành chính – Tổ chức",
      severity: "warning",
    });
    expect(a[0].messageVi).toContain("Phòng Hành chính – Tổ chức");
    expect(a[0].messageEn).toContain("did you mean");
  });

  it("names the task field that fixes each issue, so the app can open the form on it", () => {
    const fields = (rule: string) => [...new Set(issues.filter((i) => i.rule === rule).map((i) => i.field))];
    expect(fields("area_without_task")).toEqual(["areaCode"]);
    expect(fields("task_without_lead")).toEqual(["leadUnits"]);
    expect(fields("task_without_deadline")).toEqual(["due"]);
    // The typo sits among the coordinating units of task 6.
    expect(fields("unknown_unit")).toEqual(["coordinatingUnits"]);
  });

  it("reports nothing else", () => {
    expect(issues).toHaveLength(2 + 2 + 6 + 1);
  });
});

describe("lintPlan details", () => {
  it("a clean plan has no issues", () => {
    expect(
      lintPlan({
        areaTargets: [{ areaCode: "1" }],
        tasks: [task(1, "1", [HCTC], [QTTV], "2019-10-31")],
        knownUnits: KNOWN,
      }),
    ).toEqual([]);
  });

  it("an area without a title is named by its code", () => {
    const [i] = lintPlan({ areaTargets: [{ areaCode: "3" }], tasks: [], knownUnits: KNOWN });
    expect(i.rule).toBe("area_without_task");
    expect(i.messageEn).toContain('"3"');
  });

  it("tasks without an area do not cover any area", () => {
    const issues = lintPlan({
      areaTargets: [{ areaCode: "1" }],
      tasks: [task(1, null, [HCTC], [], "2019-10-31")],
      knownUnits: KNOWN,
    });
    expect(issues.map((i) => i.rule)).toEqual(["area_without_task"]);
  });

  it("unit names match regardless of dash style, spacing, case, NFD and tone placement", () => {
    const variants = [
      "Phòng Hành chính - Tổ chức",
      "Phòng Hành chính–Tổ chức",
      "phòng hành chính – tổ chức",
      "Phòng Hành chính – Tổ chức".normalize("NFD"),
      "  Phòng  Hành chính — Tổ chức ",
    ];
    const issues = lintPlan({
      areaTargets: [],
      tasks: variants.map((v, i) => task(i, "1", [v], [], "2019-10-31")),
      knownUnits: KNOWN,
    });
    expect(issues).toEqual([]);
  });

  it("an unknown unit far from every known unit gets no suggestion", () => {
    const issues = lintPlan({
      areaTargets: [],
      tasks: [task(1, "1", ["Sở Tài nguyên và Môi trường"], [], "2019-10-31")],
      knownUnits: KNOWN,
    });
    expect(issues).toHaveLength(1);
    expect(issues[0].rule).toBe("unknown_unit");
    expect(issues[0].suggestion).toBeUndefined();
    expect(issues[0].messageEn).toBe('Unknown unit "Sở Tài nguyên và Môi trường"');
  });

  it("checks lead and coordinating units alike, one issue per unknown unit", () => {
    const issues = lintPlan({
      areaTargets: [],
      tasks: [task(7, "1", ["Phong Noi chin"], ["Phòng Quản trị – Tài vị", HCTC], "2019-10-31")],
      knownUnits: KNOWN,
    });
    expect(issues.map((i) => [i.rule, i.unit, i.suggestion, i.taskId, i.field])).toEqual([
      ["unknown_unit", "Phong Noi chin", NC, 7, "leadUnits"],
      ["unknown_unit", "Phòng Quản trị – Tài vị", QTTV, 7, "coordinatingUnits"],
    ]);
  });

  it("with no known units every unit is unknown", () => {
    const issues = lintPlan({
      areaTargets: [],
      tasks: [task(1, "1", [HCTC], [], "2019-10-31")],
      knownUnits: [],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ rule: "unknown_unit", unit: HCTC });
    expect(issues[0].suggestion).toBeUndefined();
  });

  it("flags a unit group not yet resolved to named divisions, with the group and the field", () => {
    const issues = lintPlan({
      areaTargets: [],
      tasks: [
        {
          ...task(3, "1", [HCTC], ["Các Phòng, Ban, Trung tâm"], "2019-10-31"),
          unresolvedGroups: [{ id: 19, name: "Các Phòng, Ban, Trung tâm", field: "coordinatingUnits" }],
        },
      ],
      knownUnits: [...KNOWN, "Các Phòng, Ban, Trung tâm"],
    });
    expect(issues.map((i) => [i.rule, i.taskId, i.groupId, i.field])).toEqual([
      ["unresolved_group", 3, 19, "coordinatingUnits"],
    ]);
    expect(issues[0].messageEn).toContain("not yet resolved");
  });
});
