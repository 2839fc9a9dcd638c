/** The plan's tasks: units, deadline, status and progress, with each task's lint warnings in its row. */
import { Button, Table } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../components/common.tsx";
import { LintNotes } from "./LintNotes.tsx";
import type { LintIssue, Plan, Task } from "./model.ts";
import { Deadline, StatusTag, TaskProgress, Units } from "./parts.tsx";

export function TaskTable({
  plan,
  tasks,
  loading,
  issues,
  onFix,
  onEdit,
  filtered,
}: {
  plan: Plan;
  tasks: Task[];
  loading: boolean;
  issues: LintIssue[];
  onFix: (i: LintIssue) => void;
  onEdit: (t: Task) => void;
  filtered: boolean;
}) {
  const { t } = useTranslation("plan");
  return (
    <Table<Task>
      rowKey="id"
      size="middle"
      dataSource={tasks}
      loading={loading}
      scroll={{ x: 1000 }}
      aria-labelledby="tasks-heading"
      pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: false }}
      onRow={(task) => ({ "data-task": task.id }) as React.HTMLAttributes<HTMLElement>}
      locale={{
        emptyText: loading ? (
          " "
        ) : (
          <EmptyState description={filtered ? t("tasks.emptyFiltered") : t("tasks.empty")} />
        ),
      }}
      columns={[
        { title: t("tasks.section"), dataIndex: "section", width: 64, render: (v) => v ?? "—" },
        {
          title: t("tasks.task"),
          key: "title",
          render: (_, task) => (
            <div style={{ minWidth: 260 }}>
              <Link to={`/plans/${plan.id}/tasks/${task.id}`}>{task.title}</Link>
              <LintNotes
                issues={issues.filter((i) => i.taskId === task.id)}
                canEdit={plan.can.edit}
                onFix={onFix}
              />
            </div>
          ),
        },
        { title: t("tasks.area"), dataIndex: "areaCode", width: 80, render: (v) => v ?? "—" },
        {
          title: t("tasks.lead"),
          key: "lead",
          width: 150,
          render: (_, task) => <Units units={task.leadUnits} />,
        },
        {
          title: t("tasks.coordinating"),
          key: "coord",
          width: 150,
          render: (_, task) => <Units units={task.coordinatingUnits} />,
        },
        { title: t("tasks.deadline"), key: "due", width: 150, render: (_, task) => <Deadline task={task} /> },
        {
          title: t("tasks.status"),
          key: "status",
          width: 160,
          render: (_, task) => (
            <div>
              <StatusTag status={task.status} />
              <TaskProgress progress={task.progress} label={t("tasks.progressOf", { title: task.title })} />
            </div>
          ),
        },
        ...(plan.can.edit
          ? [
              {
                title: t("tasks.actions"),
                key: "actions",
                width: 90,
                render: (_: unknown, task: Task) => (
                  <Button
                    size="small"
                    onClick={() => onEdit(task)}
                    aria-label={t("tasks.editTask", { title: task.title })}
                  >
                    {t("action.edit", { ns: "common" })}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
