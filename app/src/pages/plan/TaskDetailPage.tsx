/**
 * One task of a plan: lead (Chủ trì) and coordinating (Phối hợp) units, the criteria it serves, its
 * measurable targets with the latest reported values, its lint warnings with their fixes, the
 * history of updates with their evidence, the coordinating units' own parts, and the task's history
 * of changes. The focal point resolves a unit group to named divisions here; the lead division edits
 * its task's dates and targets.
 */
import { App, Button, Card, Col, Descriptions, Grid, Row, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useApi } from "../../api.ts";
import { ErrorBox, Loading } from "../../components/common.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { date, pts } from "../../format.ts";
import { GroupResolveModal, type GroupToResolve } from "./GroupResolveModal.tsx";
import { HistoryPanel } from "./HistoryPanel.tsx";
import { LintNotes } from "./LintNotes.tsx";
import {
  type FrameworkNodeRef,
  type LintIssue,
  type MeasurableTarget,
  type Plan,
  planNumber,
  type TaskDetail,
} from "./model.ts";
import {
  Deadline,
  progressText,
  StatusTag,
  TargetValue,
  TaskProgress,
  Units,
  UpdateHistory,
} from "./parts.tsx";
import { TaskFormDrawer, type TaskFormMode } from "./TaskForm.tsx";

export default function TaskDetailPage() {
  const { t } = useTranslation("plan");
  const { id, taskId } = useParams();
  const task = useApi<TaskDetail>(`/tasks/${Number(taskId)}`);
  const plan = useApi<Plan>(`/plans/${Number(id)}`);
  const [form, setForm] = useState<TaskFormMode | null>(null);
  const [resolving, setResolving] = useState<GroupToResolve | null>(null);
  const { message } = App.useApp();

  if (task.isLoading)
    return (
      <div className="page plan-page">
        <Loading rows={8} />
      </div>
    );
  if (!task.data)
    return (
      <div className="page plan-page">
        <ErrorBox error={task.error} title={t("task.loadError")} />
        <Link to="/plans">{t("task.backToPlans")}</Link>
      </div>
    );
  const x = task.data;
  const issues = (plan.data?.lint ?? []).filter((i) => i.taskId === x.id);
  const fw = x.framework;
  const groups = [
    ...x.leadUnits.map((u) => ({ u, role: "leadUnits" as const })),
    ...x.coordinatingUnits.map((u) => ({ u, role: "coordinatingUnits" as const })),
  ].filter(({ u }) => u.kind === "unit_group");
  const resolve = (groupId: number) => {
    const g = groups.find(({ u }) => u.id === groupId);
    if (g) setResolving({ taskId: x.id, taskTitle: x.title, group: g.u, role: g.role });
  };
  return (
    <div className="page plan-page">
      <nav aria-label={t("task.breadcrumb")} style={{ marginBottom: 8 }}>
        <Link to={`/plans/${x.plan.id}`}>
          {t("task.backToPlan", { number: planNumber(x.plan) || x.plan.year })}
        </Link>
      </nav>
      <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 8 }}>
        {x.section && <span>{x.section}. </span>}
        {x.title}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusTag status={x.status} />
        {x.overdue && <Tag color="error">{t("overdue")}</Tag>}
        {x.can.update && (
          <LinkButton type="primary" to={`/tasks/${x.id}/update`}>
            {t("task.update")}
          </LinkButton>
        )}
        {x.can.edit && plan.data && (
          <Button onClick={() => setForm({ kind: "edit", task: x })}>{t("task.edit")}</Button>
        )}
        {x.can.steer && !x.can.edit && plan.data && (
          <Button onClick={() => setForm({ kind: "lead", task: x })}>{t("task.editDates")}</Button>
        )}
      </Space>
      {(x.can.role === "lead" || x.can.role === "coordinating") && (
        <Typography.Paragraph data-testid="task-role" style={{ marginBottom: 8 }}>
          <Tag color={x.can.role === "lead" ? "blue" : "default"}>
            {t(x.can.role === "lead" ? "task.roleLead" : "task.roleCoordinating")}
          </Tag>
        </Typography.Paragraph>
      )}
      {x.view === "published" && <Typography.Paragraph>{t("task.publishedView")}</Typography.Paragraph>}
      <LintNotes
        issues={issues}
        canEdit={x.can.edit && !!plan.data}
        onFix={(i) =>
          i.rule === "unresolved_group" && typeof i.groupId === "number"
            ? resolve(i.groupId)
            : setForm({ kind: "edit", task: x, focus: i.field })
        }
      />
      <Row gutter={[16, 16]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={14}>
          <Card title={<h2 className="card-h2">{t("task.about")}</h2>}>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: "lead",
                  label: t("task.lead"),
                  children: <Units units={x.leadUnits} empty={t("task.noLead")} full />,
                },
                {
                  key: "coord",
                  label: t("task.coordinating"),
                  children: <Units units={x.coordinatingUnits} empty={t("task.noCoordinating")} full />,
                },
                ...(x.can.edit && groups.length
                  ? [
                      {
                        key: "groups",
                        label: t("task.resolveGroup"),
                        children: (
                          <Space wrap>
                            {groups.map(({ u }) => (
                              <Button
                                key={u.id}
                                size="small"
                                onClick={() => resolve(u.id)}
                                style={{ whiteSpace: "normal", height: "auto", textAlign: "left" }}
                              >
                                {t("group.resolveOf", { group: u.name })}
                              </Button>
                            ))}
                          </Space>
                        ),
                      },
                    ]
                  : []),
                { key: "start", label: t("task.startsOn"), children: date(x.startsOn) },
                { key: "due", label: t("task.due"), children: <Deadline task={x} /> },
                ...(x.period ? [{ key: "period", label: t("task.period"), children: x.period }] : []),
                {
                  key: "progress",
                  label: t("task.progress"),
                  children: <TaskProgress progress={x.progress} label={t("task.progress")} />,
                },
              ]}
            />
            {x.body && (
              <>
                <h3 style={{ fontSize: 15, marginTop: 12 }}>{t("task.body")}</h3>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{x.body}</Typography.Paragraph>
              </>
            )}
          </Card>
          <Card title={<h2 className="card-h2">{t("task.targets")}</h2>} style={{ marginTop: 16 }}>
            <TargetsTable targets={x.targets} showValues={x.updates !== null} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 className="card-h2">{t("task.criteria")}</h2>}>
            {fw.linked ? (
              <>
                <Typography.Paragraph>
                  {fw.area && fw.area.code !== fw.linked.code && (
                    <>
                      {t("task.inArea", { code: fw.area.code, title: fw.area.title })}
                      <br />
                    </>
                  )}
                  <strong>
                    {fw.linked.code}. {fw.linked.title}
                  </strong>{" "}
                  — {t("task.maxPoints", { max: pts(fw.linked.max) })}
                </Typography.Paragraph>
                {fw.criteria.length > 0 && <CriteriaTable criteria={fw.criteria} />}
              </>
            ) : (
              <Typography.Paragraph>{t("task.noCriteria")}</Typography.Paragraph>
            )}
          </Card>
          {x.parts && x.parts.length > 0 && (
            <Card title={<h2 className="card-h2">{t("task.parts")}</h2>} style={{ marginTop: 16 }}>
              <ul data-testid="task-parts" style={{ margin: 0, paddingLeft: 18 }}>
                {x.parts.map((p) => (
                  <li key={p.unitId}>
                    {t("task.partItem", {
                      unit: p.unit,
                      progress: progressText(p.progress),
                      date: date(p.at),
                    })}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card title={<h2 className="card-h2">{t("updates.title")}</h2>} style={{ marginTop: 16 }}>
            {x.updates === null ? (
              <Typography.Paragraph>{t("updates.private")}</Typography.Paragraph>
            ) : (
              <UpdateHistory updates={x.updates} targets={x.targets} />
            )}
          </Card>
          {x.updates !== null && (
            <Card title={<h2 className="card-h2">{t("history.title")}</h2>} style={{ marginTop: 16 }}>
              <HistoryPanel path={`/tasks/${x.id}/history`} />
            </Card>
          )}
        </Col>
      </Row>
      <GroupResolveModal agencyId={x.plan.agencyId} target={resolving} onClose={() => setResolving(null)} />
      {plan.data && (
        <TaskFormDrawer
          plan={plan.data}
          mode={form}
          onClose={(saved) => {
            setForm(null);
            if (saved) void message.success(t("form.saved"));
          }}
        />
      )}
    </div>
  );
}

function TargetsTable({ targets, showValues }: { targets: MeasurableTarget[]; showValues: boolean }) {
  const { t } = useTranslation("plan");
  // Said as text, not as an empty table (whose placeholder grey is too pale to read).
  const narrow = !Grid.useBreakpoint().md;
  if (!targets.length) return <Typography.Paragraph>{t("task.noTargets")}</Typography.Paragraph>;
  const latest = (r: MeasurableTarget) =>
    r.latest ? (
      <span>
        {pts(r.latest.value)}
        {r.unit === "%" ? "%" : ""} ({r.latest.period}){" "}
        {r.met === true && <Tag color="success">{t("task.met")}</Tag>}
        {r.met === false && <Tag color="warning">{t("task.notMet")}</Tag>}
      </span>
    ) : r.indicator ? (
      t("task.noValue")
    ) : (
      "—"
    );
  // On a phone each target is a short block: its text, the value aimed at, the latest value.
  if (narrow)
    return (
      <div className="task-cards">
        {targets.map((r) => (
          <dl key={`${r.text}-${r.comparator}-${r.value}`} className="task-card task-card-facts">
            <dt>{t("task.targetText")}</dt>
            <dd>{r.text}</dd>
            <dt>{t("task.targetValue")}</dt>
            <dd>
              <TargetValue target={r} />
            </dd>
            {showValues && (
              <>
                <dt>{t("task.latest")}</dt>
                <dd>{latest(r)}</dd>
              </>
            )}
          </dl>
        ))}
      </div>
    );
  return (
    <Table<MeasurableTarget>
      rowKey={(r) => `${r.text}-${r.comparator}-${r.value}`}
      size="small"
      pagination={false}
      dataSource={targets}
      scroll={{ x: 520 }}
      locale={{ emptyText: t("task.noTargets") }}
      columns={[
        { title: t("task.targetText"), dataIndex: "text" },
        {
          title: t("task.targetValue"),
          key: "value",
          width: 130,
          render: (_, r) => <TargetValue target={r} />,
        },
        ...(showValues
          ? [
              {
                title: t("task.latest"),
                key: "latest",
                width: 150,
                render: (_: unknown, r: MeasurableTarget) => latest(r),
              },
            ]
          : []),
      ]}
    />
  );
}

function CriteriaTable({ criteria }: { criteria: FrameworkNodeRef[] }) {
  const { t } = useTranslation("plan");
  return (
    <Table<FrameworkNodeRef>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={criteria}
      columns={[
        { title: t("task.criterion"), key: "c", render: (_, c) => `${c.code}. ${c.title}` },
        { title: t("task.max"), key: "max", className: "num", width: 80, render: (_, c) => pts(c.max) },
      ]}
    />
  );
}
