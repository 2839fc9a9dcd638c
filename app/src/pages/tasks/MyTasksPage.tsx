/**
 * A division's tasks (GET /me/tasks: the tasks its unit leads or coordinates, named or through a unit
 * group resolved to it), overdue first, then open ones by deadline, each saying the division's part.
 * Built as a list of cards so it reads on a 375 px phone.
 */
import { Pagination, Segmented, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useApi } from "../../api.ts";
import { useMe } from "../../auth.tsx";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import type { MyTask } from "../plan/model.ts";
import { Deadline, StatusTag, TaskProgress, Units } from "../plan/parts.tsx";
import "./tasks.css";

const isOpen = (t: MyTask) => t.status !== "done" && t.status !== "cancelled";

export default function MyTasksPage() {
  const { t } = useTranslation("tasks");
  const { me } = useMe();
  const [params, setParams] = useSearchParams();
  const showAll = params.get("show") === "all";
  const q = useApi<{ items: MyTask[] }>("/me/tasks");
  const all = q.data?.items ?? [];
  const items = showAll ? all : all.filter(isOpen);
  const overdue = all.filter((x) => x.overdue).length;
  const open = all.filter(isOpen).length;

  return (
    <div className="page my-tasks">
      <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
        {t("mine.title")}
      </Typography.Title>
      {me && <Typography.Paragraph style={{ marginBottom: 8 }}>{me.displayName}</Typography.Paragraph>}
      {q.data && (
        <Typography.Paragraph data-testid="my-tasks-summary">
          {t("mine.summary", { open, overdue })}
        </Typography.Paragraph>
      )}
      <Segmented
        aria-label={t("mine.show")}
        value={showAll ? "all" : "open"}
        onChange={(v) => setParams(v === "all" ? { show: "all" } : {}, { replace: true })}
        options={[
          { value: "open", label: t("mine.open") },
          { value: "all", label: t("mine.all") },
        ]}
        style={{ marginBottom: 12 }}
      />
      {q.isLoading ? (
        <Loading rows={6} />
      ) : q.error ? (
        <ErrorBox error={q.error} />
      ) : (
        <TaskCards items={items} showAll={showAll} anyTask={all.length > 0} />
      )}
    </div>
  );
}

const PAGE_SIZE = 10;

function TaskCards({ items, showAll, anyTask }: { items: MyTask[]; showAll: boolean; anyTask: boolean }) {
  const { t } = useTranslation("tasks");
  const [page, setPage] = useState(1);
  if (!items.length)
    return (
      <EmptyState description={showAll || !anyTask ? t("mine.empty") : t("mine.emptyOpen")}>
        {!showAll && anyTask && <Link to="/my-tasks?show=all">{t("mine.seeAll")}</Link>}
      </EmptyState>
    );
  const current = Math.min(page, Math.ceil(items.length / PAGE_SIZE));
  return (
    <>
      <ul className="task-list" aria-label={t("mine.listLabel")}>
        {items.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((x) => (
          <li key={x.id}>
            <TaskCard x={x} />
          </li>
        ))}
      </ul>
      {items.length > PAGE_SIZE && (
        <Pagination
          align="center"
          current={current}
          pageSize={PAGE_SIZE}
          total={items.length}
          showSizeChanger={false}
          onChange={setPage}
        />
      )}
    </>
  );
}

function TaskCard({ x }: { x: MyTask }) {
  const { t } = useTranslation("tasks");
  return (
    <article
      className={`task-card${x.overdue ? " task-card-overdue" : ""}`}
      aria-labelledby={`task-${x.id}-title`}
      data-task={x.id}
    >
      <h2 id={`task-${x.id}-title`} className="task-card-title">
        {x.section && <span>{x.section}. </span>}
        {x.title}
      </h2>
      <Space size={[8, 4]} wrap>
        <StatusTag status={x.status} />
        {(x.role === "lead" || x.role === "coordinating") && (
          <Tag color={x.role === "lead" ? "blue" : "default"} aria-label={t("mine.roleOf")}>
            {t(x.role === "lead" ? "mine.roleLead" : "mine.roleCoordinating")}
          </Tag>
        )}
        <span>
          {t("mine.due")}: <Deadline task={x} />
        </span>
      </Space>
      <div className="task-card-units">
        {t("mine.lead")}: <Units units={x.leadUnits} empty={t("mine.none")} />
        {x.coordinatingUnits.length > 0 && (
          <>
            {" · "}
            {t("mine.coordinating")}: <Units units={x.coordinatingUnits} />
          </>
        )}
      </div>
      <TaskProgress progress={x.progress} label={t("mine.progressOf", { title: x.title })} />
      <div className="task-card-actions">
        {x.canUpdate && (
          <LinkButton
            type="primary"
            size="large"
            to={`/tasks/${x.id}/update`}
            aria-label={t("mine.updateTask", { title: x.title })}
          >
            {t("mine.update")}
          </LinkButton>
        )}
        <LinkButton
          size="large"
          to={`/plans/${x.planId}/tasks/${x.id}`}
          aria-label={t("mine.detailsOf", { title: x.title })}
        >
          {t("mine.details")}
        </LinkButton>
      </div>
    </article>
  );
}
