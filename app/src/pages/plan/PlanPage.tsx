/**
 * The improvement plan of an agency: targets per area against last year, the tasks (filters kept in
 * the URL so a view can be shared), the deadlines by month, and the plan's lint warnings where they
 * apply, each with the action that fixes it. The agency reads its working draft, with which version
 * the public reads and what publishing would change, and the plan's history.
 */
import { keepPreviousData } from "@tanstack/react-query";
import { App, Button, Card, Col, Dropdown, Row, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { qs, useApi } from "../../api.ts";
import { ErrorBox, Loading } from "../../components/common.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { date, pct, pts } from "../../format.ts";
import { AreaTargetsTable } from "./AreaTargetsTable.tsx";
import { DeadlineTimeline } from "./DeadlineTimeline.tsx";
import { GroupResolveModal, type GroupToResolve } from "./GroupResolveModal.tsx";
import { HistoryPanel } from "./HistoryPanel.tsx";
import type { LintIssue, Plan, PlanListItem, Task } from "./model.ts";
import { planNumber } from "./model.ts";
import { PlanPublication } from "./PlanPublication.tsx";
import { TaskFilters, useTaskFilters } from "./TaskFilters.tsx";
import { TaskFormDrawer, type TaskFormMode } from "./TaskForm.tsx";
import { TaskTable } from "./TaskTable.tsx";

export default function PlanPage() {
  const { t } = useTranslation("plan");
  const { id } = useParams();
  const planId = Number(id);
  const plan = useApi<Plan>(`/plans/${planId}`);
  const filters = useTaskFilters();
  const tasks = useApi<{ items: Task[] }>(`/plans/${planId}/tasks${qs(filters.apiQuery)}`, {
    placeholderData: keepPreviousData,
  });
  const [form, setForm] = useState<TaskFormMode | null>(null);
  const [resolving, setResolving] = useState<GroupToResolve | null>(null);
  const { message } = App.useApp();

  if (plan.isLoading)
    return (
      <div className="page plan-page">
        <Loading rows={10} />
      </div>
    );
  if (!plan.data)
    return (
      <div className="page plan-page">
        <ErrorBox error={plan.error} title={t("loadError")} />
      </div>
    );
  const p = plan.data;
  // The plan's answer carries its lint: one read, not the plan computed twice.
  const issues = p.lint;
  const fix = (i: LintIssue) => {
    if (i.rule === "area_without_task") return setForm({ kind: "add", areaCode: i.areaCode });
    const task = p.tasks.find((x) => x.id === i.taskId);
    if (i.rule === "unresolved_group" && task) {
      const group = [...task.leadUnits, ...task.coordinatingUnits].find((u) => u.id === i.groupId);
      if (group)
        setResolving({
          taskId: task.id,
          taskTitle: task.title,
          group,
          role: i.field === "leadUnits" ? "leadUnits" : "coordinatingUnits",
        });
      return;
    }
    if (task) setForm({ kind: "edit", task, focus: i.field });
  };
  const flagged = new Set(issues.map((i) => i.taskId).filter((x) => x !== undefined));
  const shown = (tasks.data?.items ?? []).filter((x) => !filters.lintOnly || flagged.has(x.id));

  return (
    <div className="page plan-page">
      <PlanHeader plan={p} />
      <LintSummary issues={issues} />
      <Card
        style={{ marginTop: 16 }}
        title={
          <h2 id="targets-heading" style={{ fontSize: 18, margin: 0 }}>
            {t("targets.title")}
          </h2>
        }
      >
        <AreaTargetsTable plan={p} issues={issues} onFix={fix} />
      </Card>
      <Card
        style={{ marginTop: 16 }}
        title={
          <h2 id="tasks-heading" style={{ fontSize: 18, margin: 0 }}>
            {t("tasks.title")}
          </h2>
        }
        extra={
          p.can.edit ? (
            <Button type="primary" onClick={() => setForm({ kind: "add" })}>
              {t("tasks.add")}
            </Button>
          ) : undefined
        }
      >
        <TaskFilters plan={p} filters={filters} />
        <ErrorBox error={tasks.error} />
        <TaskTable
          plan={p}
          tasks={shown}
          loading={tasks.isLoading || tasks.isFetching}
          issues={issues}
          onFix={fix}
          onEdit={(task) => setForm({ kind: "edit", task })}
          filtered={filters.active}
        />
      </Card>
      <Card
        style={{ marginTop: 16 }}
        title={
          <h2 id="timeline-heading" style={{ fontSize: 18, margin: 0 }}>
            {t("timeline.title")}
          </h2>
        }
      >
        <DeadlineTimeline planId={p.id} tasks={shown} loading={tasks.isLoading} />
      </Card>
      {p.view === "draft" && (
        <Card
          style={{ marginTop: 16 }}
          title={
            <h2 id="history-heading" style={{ fontSize: 18, margin: 0 }}>
              {t("history.title")}
            </h2>
          }
        >
          <HistoryPanel path={`/plans/${p.id}/history`} />
        </Card>
      )}
      <GroupResolveModal agencyId={p.agency.id} target={resolving} onClose={() => setResolving(null)} />
      <TaskFormDrawer
        plan={p}
        mode={form}
        onClose={(saved) => {
          setForm(null);
          if (saved) void message.success(t("form.saved"));
        }}
      />
    </div>
  );
}

function PlanHeader({ plan }: { plan: Plan }) {
  const { t } = useTranslation("plan");
  const navigate = useNavigate();
  const others = useApi<{ items: PlanListItem[] }>(`/agencies/${plan.agency.id}/plans`);
  const o = plan.overallTarget;
  const number = planNumber(plan);
  return (
    <>
      <Row gutter={[16, 8]} align="top" justify="space-between">
        <Col flex="1 1 480px">
          <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
            {plan.title}
          </Typography.Title>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {plan.agency.name}
            {number && ` · ${t("header.number", { number })}`}
            {plan.issuedOn && ` · ${t("header.issuedOn", { date: date(plan.issuedOn) })}`}
          </Typography.Paragraph>
          {plan.implements && (
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {t("header.implements", { what: plan.implements })}
            </Typography.Paragraph>
          )}
          <PlanPublication plan={plan} />
        </Col>
        <Col>
          <Space wrap>
            <Dropdown
              menu={{
                items: (["docx", "pdf", "txt"] as const).map((f) => ({
                  key: f,
                  label: (
                    <a href={`/api/plans/${plan.id}/document?format=${f}`} download>
                      {t(`header.download.${f}`)}
                    </a>
                  ),
                })),
              }}
            >
              <Button>{t("header.download.label")}</Button>
            </Dropdown>
            {plan.can.edit && <LinkButton to="/plans/import">{t("header.import")}</LinkButton>}
          </Space>
        </Col>
        {(others.data?.items.length ?? 0) > 1 && (
          <Col>
            <Select
              aria-label={t("header.otherPlans")}
              value={plan.id}
              style={{ minWidth: 160 }}
              onChange={(v) => navigate(`/plans/${v}`)}
              options={others.data!.items.map((x) => ({
                value: x.id,
                label: `${t("header.planOfYear", { year: x.year })}${x.publishedAt ? "" : ` (${t("publication.draftShort")})`}`,
              }))}
            />
          </Col>
        )}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 8 }}>
        <Col xs={24} sm={12} lg={8}>
          <Card size="small" className="plan-figure">
            <div className="plan-figure-label">{t("header.target")}</div>
            <div className="plan-figure-value" data-testid="plan-target">
              {t("header.pointsOf", { points: pts(plan.targets.points), max: pts(plan.targets.max) })} ·{" "}
              {pct(plan.targets.percent)}
            </div>
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Card size="small" className="plan-figure">
            <div className="plan-figure-label">{t("header.baseline")}</div>
            <div className="plan-figure-value" data-testid="plan-baseline">
              {t("header.pointsOf", { points: pts(plan.targets.baselinePoints), max: pts(plan.targets.max) })}{" "}
              · {pct(plan.targets.baselinePercent)}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" className="plan-figure">
            <div className="plan-figure-label">{t("header.overall")}</div>
            <div className="plan-figure-value" style={{ fontSize: 16 }}>
              {o.percentAtLeast !== null
                ? t("header.percentAtLeast", { percent: pct(o.percentAtLeast) })
                : "—"}
              {o.rankGainMin !== null &&
                `; ${
                  o.rankGainMax !== null && o.rankGainMax !== o.rankGainMin
                    ? t("header.rankGainRange", { min: pts(o.rankGainMin), max: pts(o.rankGainMax) })
                    : t("header.rankGain", { n: pts(o.rankGainMin) })
                }`}
            </div>
          </Card>
        </Col>
      </Row>
    </>
  );
}

function LintSummary({ issues }: { issues: LintIssue[] }) {
  const { t } = useTranslation("plan");
  if (!issues.length) return null;
  const count = (rule: LintIssue["rule"]) => issues.filter((i) => i.rule === rule).length;
  const parts = (
    [
      "area_without_task",
      "task_without_lead",
      "task_without_deadline",
      "unknown_unit",
      "unresolved_group",
    ] as const
  )
    .filter((r) => count(r) > 0)
    .map((r) => t(`lint.summary.${r}`, { count: count(r) }));
  return (
    <section aria-labelledby="lint-heading" className="lint-summary">
      <h2 id="lint-heading" style={{ fontSize: 16, margin: "16px 0 4px" }}>
        {t("lint.title", { count: issues.length })}
      </h2>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        {parts.join(" · ")}. {t("lint.where")}
      </Typography.Paragraph>
    </section>
  );
}
