/**
 * Plan lint: the gaps a careful reader of a plan notices (domain.md §3) — an area with a target but
 * no task, a task without a lead unit or a deadline, a unit name that matches no known unit, and a
 * unit group ("Các Phòng, Ban, Trung tâm") the focal point has not yet resolved to named divisions
 * (until then nobody acts on the task through the group).
 */
import { closestMatch, searchKey } from "./locale.ts";

export interface LintTask {
  id?: string | number;
  title: string;
  areaCode: string | null;
  leadUnits: readonly string[];
  coordinatingUnits: readonly string[];
  due: string | null;
  period?: string | null;
  /** Unit groups on the task not yet resolved to named divisions. */
  unresolvedGroups?: readonly {
    id: number | string;
    name: string;
    field: "leadUnits" | "coordinatingUnits";
  }[];
}

export interface LintIssue {
  rule:
    | "area_without_task"
    | "task_without_lead"
    | "task_without_deadline"
    | "unknown_unit"
    | "unresolved_group";
  severity: "warning" | "info";
  taskId?: string | number;
  areaCode?: string;
  unit?: string;
  /** unresolved_group: the group's id, so a form can resolve it. */
  groupId?: number | string;
  suggestion?: string;
  /** The task field that fixes the issue (for an area: the field a new task needs), so a form can open on it. */
  field: "areaCode" | "leadUnits" | "coordinatingUnits" | "due";
  messageVi: string;
  messageEn: string;
}

export interface LintInput {
  areaTargets: readonly { areaCode: string; title?: string }[];
  tasks: readonly LintTask[];
  /** Names of the agency's units (divisions and unit groups such as "Các Phòng, Ban, Trung tâm"). */
  knownUnits: readonly string[];
}

export function lintPlan(input: LintInput): LintIssue[] {
  const issues: LintIssue[] = [];
  const areasWithTasks = new Set(input.tasks.map((t) => t.areaCode).filter((a): a is string => !!a));
  for (const a of input.areaTargets) {
    if (!areasWithTasks.has(a.areaCode)) {
      const name = a.title ?? a.areaCode;
      issues.push({
        rule: "area_without_task",
        severity: "warning",
        areaCode: a.areaCode,
        field: "areaCode",
        messageVi: `Lĩnh vực "${name}" có chỉ tiêu nhưng chưa có nhiệm vụ nào`,
        messageEn: `Area "${name}" has a target but no task`,
      });
    }
  }
  const known = new Set(input.knownUnits.map(searchKey));
  for (const t of input.tasks) {
    if (t.leadUnits.length === 0) {
      issues.push({
        rule: "task_without_lead",
        severity: "warning",
        taskId: t.id,
        field: "leadUnits",
        messageVi: `Nhiệm vụ "${t.title}" chưa có đơn vị chủ trì`,
        messageEn: `Task "${t.title}" has no lead unit`,
      });
    }
    if (!t.due && !t.period) {
      issues.push({
        rule: "task_without_deadline",
        severity: "info",
        taskId: t.id,
        field: "due",
        messageVi: `Nhiệm vụ "${t.title}" chưa có thời hạn hoàn thành`,
        messageEn: `Task "${t.title}" has no deadline`,
      });
    }
    const named = [
      ...t.leadUnits.map((u) => ({ u, field: "leadUnits" as const })),
      ...t.coordinatingUnits.map((u) => ({ u, field: "coordinatingUnits" as const })),
    ];
    for (const { u, field } of named) {
      if (known.has(searchKey(u))) continue;
      const near = closestMatch(u, [...input.knownUnits]);
      issues.push({
        rule: "unknown_unit",
        severity: "warning",
        taskId: t.id,
        unit: u,
        field,
        suggestion: near?.candidate,
        messageVi: near
          ? `Đơn vị "${u}" không có trong danh sách; có phải "${near.candidate}"?`
          : `Đơn vị "${u}" không có trong danh sách đơn vị`,
        messageEn: near ? `Unknown unit "${u}"; did you mean "${near.candidate}"?` : `Unknown unit "${u}"`,
      });
    }
    for (const g of t.unresolvedGroups ?? [])
      issues.push({
        rule: "unresolved_group",
        severity: "warning",
        taskId: t.id,
        unit: g.name,
        groupId: g.id,
        field: g.field,
        messageVi: `Nhiệm vụ "${t.title}": chưa xác định "${g.name}" gồm những phòng nào, nên chưa phòng nào cập nhật được qua nhóm này`,
        messageEn: `Task "${t.title}": "${g.name}" is not yet resolved to named divisions, so no division can act through it`,
      });
  }
  return issues;
}
