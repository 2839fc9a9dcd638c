/**
 * The plan's tasks: units, deadline, status and progress, with each task's lint warnings in its row.
 * On a phone each task is a card with the same facts, so no column is cut off screen.
 */
import { Button, Grid, Pagination, Spin, Table } from "antd";
import { useState } from "react";
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
  const narrow = !Grid.useBreakpoint().md;
  if (narrow)
    return (
      <TaskCards
        plan={plan}
        tasks={tasks}
        loading={loading}
        issues={issues}
        onFix={onFix}
        onEdit={onEdit}
        filtered={filtered}
      />
    );
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

const CARDS_PER_PAGE = 20;

/** The same tasks as cards, one under the other, every fact labelled: what a phone shows. */
function TaskCards({
  plan,
  tasks,
  loading,
  issues,
  onFix,
  onEdit,
  filtered,
}: Parameters<typeof TaskTable>[0]) {
  const { t } = useTranslation("plan");
  const [page, setPage] = useState(1);
  if (loading && !tasks.length) return <Spin style={{ display: "block", margin: 24 }} />;
  if (!tasks.length)
    return <EmptyState description={filtered ? t("tasks.emptyFiltered") : t("tasks.empty")} />;
  const shown = tasks.slice((page - 1) * CARDS_PER_PAGE, page * CARDS_PER_PAGE);
  return (
    <div className="task-cards">
      {shown.map((task) => (
        <article key={task.id} className="task-card" data-task={task.id}>
          <h3 className="task-card-title">
            {task.section && <span className="task-card-section">{task.section}. </span>}
            <Link to={`/plans/${plan.id}/tasks/${task.id}`}>{task.title}</Link>
          </h3>
          <LintNotes
            issues={issues.filter((i) => i.taskId === task.id)}
            canEdit={plan.can.edit}
            onFix={onFix}
          />
          <dl className="task-card-facts">
            <dt>{t("tasks.lead")}</dt>
            <dd>
              <Units units={task.leadUnits} />
            </dd>
            <dt>{t("tasks.coordinating")}</dt>
            <dd>{task.coordinatingUnits.length ? <Units units={task.coordinatingUnits} /> : "—"}</dd>
            <dt>{t("tasks.deadline")}</dt>
            <dd>
              <Deadline task={task} />
            </dd>
            <dt>{t("tasks.area")}</dt>
            <dd>{task.areaCode ?? "—"}</dd>
            <dt>{t("tasks.status")}</dt>
            <dd>
              <StatusTag status={task.status} />
              <TaskProgress progress={task.progress} label={t("tasks.progressOf", { title: task.title })} />
            </dd>
          </dl>
          {plan.can.edit && (
            <Button
              size="small"
              onClick={() => onEdit(task)}
              aria-label={t("tasks.editTask", { title: task.title })}
            >
              {t("action.edit", { ns: "common" })}
            </Button>
          )}
        </article>
      ))}
      {tasks.length > CARDS_PER_PAGE && (
        <Pagination
          simple
          current={page}
          pageSize={CARDS_PER_PAGE}
          total={tasks.length}
          onChange={setPage}
          style={{ marginTop: 12 }}
        />
      )}
    </div>
  );
}
