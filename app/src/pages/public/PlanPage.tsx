/**
 * /public/plans/:id?status=&area=&version=: an improvement plan as the public reads it — its latest
 * published version (or the version asked for: every published version stays readable), its
 * targets, the progress of the whole plan (from the API) and each task's status and progress. A
 * withdrawn plan says so, with its reason. Task updates' notes and evidence are the agency's and
 * never come here.
 */
import { Alert, Card, Col, Descriptions, Form, Progress, Row, Select, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { TASK_STATUSES } from "../../../../core/contracts/plans.ts";
import type { TaskStatus } from "../../../../core/plan.ts";
import { useApi } from "../../api.ts";
import { EmptyState } from "../../components/common.tsx";
import { PageFallback } from "../../components/PageFallback.tsx";
import { useSearchParam } from "../../components/useSearchParam.ts";
import { DONE_GREEN, date, delta, pct, pts } from "../../format.ts";
import { NotPublished, stackOnPhone, useIsPhone } from "./parts.tsx";
import type { PublicPlan as PlanAnswer, PublicTask } from "./types.ts";

/** What the plan page adds to the shared shape: the version shown, every published version, a withdrawal. */
interface PublicPlan extends PlanAnswer {
  version: { version: number; publishedAt: string; note: string | null } | null;
  versions: { version: number; publishedAt: string }[];
  withdrawn: { at: string; reason: string } | null;
}

const STATUS_COLOR: Record<TaskStatus, string | undefined> = {
  not_started: undefined,
  in_progress: "blue",
  done: "green",
  cancelled: undefined,
};

// antd's placeholder grey is below 4.5:1 on white.
const PLACEHOLDER = { color: "rgba(0, 0, 0, 0.62)" };

type AreaTarget = PublicPlan["targets"]["areas"][number];

function StatusTags({ task }: { task: PublicTask }) {
  const { t } = useTranslation("public");
  return (
    <>
      <Tag color={STATUS_COLOR[task.status]}>{t(`common:status.${task.status}`)}</Tag>
      {task.overdue && <Tag color="red">{t("plan.overdue")}</Tag>}
    </>
  );
}

function units(list: PublicTask["leadUnits"]) {
  return list.map((u) => u.name).join(", ");
}

export default function PlanPage() {
  const { t } = useTranslation("public");
  const { t: tp } = useTranslation("plan");
  const id = Number(useParams().id);
  const [params, setFilter] = useSearchParam();
  const phone = useIsPhone();
  const asked = Number(params.get("version"));
  const version = Number.isInteger(asked) && asked > 0 ? asked : null;
  // A draft answers 404 as a plan that does not exist: said at once, not asked again.
  const q = useApi<PublicPlan>(
    Number.isInteger(id) && id > 0 ? `/public/plans/${id}${version ? `/versions/${version}` : ""}` : null,
    { retry: (n, e) => e.status >= 500 && n < 1 },
  );
  const status = params.get("status") as TaskStatus | "overdue" | null;
  const area = params.get("area");

  if (q.error?.status === 404)
    return (
      <div className="page">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t("plan.titleUnknown")}
        </Typography.Title>
        <Card>
          <NotPublished
            title={t("plan.notPublishedTitle")}
            help={
              q.error.code === "plan.no_version"
                ? t("plan.versionNotFound", { version })
                : t("plan.notPublishedHelp")
            }
          />
        </Card>
      </div>
    );
  if (!q.data) return <PageFallback query={q} rows={8} title={t("plan.titleUnknown")} />;
  const p = q.data;
  const tasks = p.tasks.filter(
    (x) =>
      (!status || (status === "overdue" ? x.overdue : x.status === status)) && (!area || x.areaCode === area),
  );
  const number = [p.number, p.code].filter(Boolean).join("/");
  const goal = p.overallTarget;
  const areaCodes = [...new Set(p.tasks.map((x) => x.areaCode).filter((c): c is string => !!c))];

  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
        {p.title}
      </Typography.Title>
      <Typography.Paragraph>
        {number && `${t("plan.number", { number })} · `}
        {p.place && `${p.place}, `}
        {t("plan.issuedOn", { date: date(p.issuedOn) })} ·{" "}
        <Link to={`/public/agencies/${p.agency.id}`} style={{ textDecoration: "underline" }}>
          {p.agency.name}
        </Link>{" "}
        · {t("plan.publishedOn", { date: date(p.publishedAt) })}
      </Typography.Paragraph>
      {p.implements && (
        <Typography.Paragraph>{t("plan.implements", { text: p.implements })}</Typography.Paragraph>
      )}
      {p.withdrawn && (
        <Alert
          type="warning"
          showIcon
          data-state="withdrawn"
          style={{ marginBottom: 12 }}
          title={tp("public.withdrawn", { date: date(p.withdrawn.at) })}
          description={tp("public.withdrawnReason", { reason: p.withdrawn.reason })}
        />
      )}
      {p.version && (
        <div
          data-figure="plan-version"
          style={{
            display: "flex",
            flexWrap: "wrap",
            gap: "4px 16px",
            alignItems: "center",
            marginBottom: 12,
          }}
        >
          <span>
            {tp("public.version", { version: p.version.version, date: date(p.version.publishedAt) })}
          </span>
          {p.versions.length > 1 && (
            <Select
              aria-label={tp("public.versionPick")}
              size="small"
              style={{ minWidth: 200, maxWidth: "100%" }}
              value={p.version.version}
              onChange={(v: number) =>
                setFilter("version", v === p.versions[0].version ? undefined : String(v))
              }
              options={p.versions.map((v, i) => ({
                value: v.version,
                label: `${tp("public.versionOption", { version: v.version, date: date(v.publishedAt) })}${i === 0 ? ` — ${tp("public.latest")}` : ""}`,
              }))}
            />
          )}
          {p.version.note && <span>{tp("public.versionNote", { note: p.version.note })}</span>}
        </div>
      )}
      {p.version && p.versions.length > 0 && p.version.version !== p.versions[0].version && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={tp("public.older", { version: p.version.version })}
          action={<Link to={`/public/plans/${p.id}`}>{tp("public.seeLatest")}</Link>}
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card style={{ height: "100%" }}>
            <section aria-labelledby="progress-title">
              <h2 id="progress-title" style={{ fontSize: 20, marginTop: 0 }}>
                {t("plan.progress")}
              </h2>
              <div
                data-figure="plan-progress"
                style={{ display: "flex", gap: 16, alignItems: "center", flexWrap: "wrap" }}
              >
                <Progress
                  type="circle"
                  percent={p.progress.percent ?? 0}
                  status="normal"
                  strokeColor={(p.progress.percent ?? 0) >= 100 ? DONE_GREEN : undefined}
                  size={96}
                  format={() => `${p.progress.percent ?? "—"}%`}
                  aria-label={t("plan.progressLabel")}
                />
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  <li>{t("plan.count.tasks", { count: p.progress.tasks })}</li>
                  <li>{t("plan.count.done", { count: p.progress.done })}</li>
                  <li>{t("plan.count.inProgress", { count: p.progress.inProgress })}</li>
                  <li>{t("plan.count.notStarted", { count: p.progress.notStarted })}</li>
                  {p.progress.cancelled > 0 && (
                    <li>{t("plan.count.cancelled", { count: p.progress.cancelled })}</li>
                  )}
                  <li>{t("plan.count.overdue", { count: p.progress.overdue })}</li>
                </ul>
              </div>
              <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
                {t("plan.progressExplain")}
              </Typography.Paragraph>
            </section>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card style={{ height: "100%" }}>
            <section aria-labelledby="targets-title">
              <h2 id="targets-title" style={{ fontSize: 20, marginTop: 0 }}>
                {t("plan.targets")}
              </h2>
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: "points",
                    label: t("plan.targetIndex"),
                    children: `${pct(p.targets.percent)} (${t("pointsOf", { points: pts(p.targets.points), max: pts(p.targets.max) })})`,
                  },
                  ...(p.targets.baselinePoints !== null
                    ? [
                        {
                          key: "baseline",
                          label: t("plan.baseline"),
                          children: `${pct(p.targets.baselinePercent)} (${t("pointsOf", { points: pts(p.targets.baselinePoints), max: pts(p.targets.max) })})`,
                        },
                      ]
                    : []),
                  ...(goal.percentAtLeast !== null
                    ? [
                        {
                          key: "goal",
                          label: t("plan.goal"),
                          children:
                            goal.rankGainMin !== null
                              ? t("plan.goalWithRank", {
                                  percent: pct(goal.percentAtLeast),
                                  min: goal.rankGainMin,
                                  max: goal.rankGainMax ?? goal.rankGainMin,
                                })
                              : t("plan.goalOnly", { percent: pct(goal.percentAtLeast) }),
                        },
                      ]
                    : []),
                ]}
              />
              <Table<AreaTarget>
                rowKey="areaCode"
                size="small"
                dataSource={p.targets.areas}
                pagination={false}
                scroll={{ x: true }}
                style={{ marginTop: 8 }}
                locale={{ emptyText: <EmptyState description={t("plan.noTargets")} /> }}
                caption={<Typography.Text strong>{t("plan.targetsCaption")}</Typography.Text>}
                columns={stackOnPhone(
                  [
                    { title: t("agency.area"), key: "area", render: (_, a) => `${a.areaCode}. ${a.title}` },
                    {
                      title: t("plan.baselineShort"),
                      key: "baseline",
                      className: "num",
                      render: (_, a) => pts(a.baseline),
                    },
                    {
                      title: t("plan.target"),
                      key: "target",
                      className: "num",
                      render: (_, a) => `${pts(a.target)}/${pts(a.max)}`,
                    },
                    {
                      title: t("plan.delta"),
                      key: "delta",
                      className: "num",
                      render: (_, a) => (a.kept ? t("plan.kept") : delta(a.delta)),
                    },
                  ],
                  phone,
                  t("agency.area"),
                )}
              />
            </section>
          </Card>
        </Col>
      </Row>

      <Card style={{ marginTop: 16 }}>
        <section aria-labelledby="tasks-title">
          <h2 id="tasks-title" style={{ fontSize: 20, marginTop: 0 }}>
            {t("plan.tasks")}
          </h2>
          <Form layout="vertical" style={{ display: "flex", flexWrap: "wrap", gap: "0 16px" }}>
            <Form.Item label={t("plan.filterStatus")} htmlFor="public-plan-status" style={{ minWidth: 200 }}>
              <Select
                id="public-plan-status"
                allowClear
                value={status ?? undefined}
                placeholder={t("plan.all")}
                styles={{ placeholder: PLACEHOLDER }}
                onChange={(v?: string) => setFilter("status", v)}
                options={[
                  ...TASK_STATUSES.map((s) => ({ value: s, label: t(`common:status.${s}`) })),
                  { value: "overdue", label: t("plan.overdue") },
                ]}
              />
            </Form.Item>
            <Form.Item label={t("plan.filterArea")} htmlFor="public-plan-area" style={{ minWidth: 200 }}>
              <Select
                id="public-plan-area"
                allowClear
                value={area ?? undefined}
                placeholder={t("plan.all")}
                styles={{ placeholder: PLACEHOLDER }}
                onChange={(v?: string) => setFilter("area", v)}
                options={areaCodes.map((c) => ({
                  value: c,
                  label: `${c}. ${p.targets.areas.find((a) => a.areaCode === c)?.title ?? ""}`,
                }))}
              />
            </Form.Item>
          </Form>
          <Table<PublicTask>
            rowKey="id"
            size="small"
            dataSource={tasks}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: true }}
            caption={
              <Typography.Text strong>
                {t("plan.tasksCaption", { shown: tasks.length, total: p.tasks.length })}
              </Typography.Text>
            }
            locale={{
              emptyText: (
                <EmptyState description={status || area ? t("plan.noTasksMatch") : t("plan.noTasks")} />
              ),
            }}
            columns={
              phone
                ? [
                    {
                      title: t("plan.task"),
                      key: "all",
                      render: (_, x) => (
                        <div data-task={x.id}>
                          <strong>
                            {x.section ? `${x.section} · ` : ""}
                            {x.title}
                          </strong>
                          {x.targets.length > 0 && (
                            <ul style={{ margin: "4px 0", paddingInlineStart: 18 }}>
                              {x.targets.map((g) => (
                                <li key={g}>{g}</li>
                              ))}
                            </ul>
                          )}
                          <div>
                            {t("plan.lead")}: {units(x.leadUnits) || "—"}
                          </div>
                          {/* The same facts as the wide table: the coordinating units and the targets too. */}
                          {x.coordinatingUnits.length > 0 && (
                            <div>
                              {t("plan.coordinating")}: {units(x.coordinatingUnits)}
                            </div>
                          )}
                          <div>
                            {t("plan.due")}: {x.due ? date(x.due) : (x.period ?? "—")}
                          </div>
                          <div>
                            <StatusTags task={x} />
                          </div>
                          <Progress
                            percent={x.progress}
                            status="normal"
                            strokeColor={x.progress >= 100 ? DONE_GREEN : undefined}
                            aria-label={t("plan.taskProgress", { title: x.title })}
                          />
                        </div>
                      ),
                    },
                  ]
                : [
                    { title: t("plan.section"), key: "section", render: (_, x) => x.section ?? "—" },
                    {
                      title: t("plan.task"),
                      key: "task",
                      render: (_, x) => (
                        <div data-task={x.id}>
                          {x.title}
                          {x.targets.length > 0 && (
                            <ul style={{ margin: "4px 0 0", paddingInlineStart: 18 }}>
                              {x.targets.map((g) => (
                                <li key={g}>{g}</li>
                              ))}
                            </ul>
                          )}
                        </div>
                      ),
                    },
                    {
                      title: t("plan.lead"),
                      key: "lead",
                      render: (_, x) => (
                        <>
                          {units(x.leadUnits) || "—"}
                          {x.coordinatingUnits.length > 0 && (
                            <div>
                              {t("plan.coordinating")}: {units(x.coordinatingUnits)}
                            </div>
                          )}
                        </>
                      ),
                    },
                    {
                      title: t("plan.due"),
                      key: "due",
                      render: (_, x) => (x.due ? date(x.due) : (x.period ?? "—")),
                    },
                    { title: t("plan.status"), key: "status", render: (_, x) => <StatusTags task={x} /> },
                    {
                      title: t("plan.progressShort"),
                      key: "progress",
                      width: 160,
                      render: (_, x) => (
                        <Progress
                          percent={x.progress}
                          status="normal"
                          strokeColor={x.progress >= 100 ? DONE_GREEN : undefined}
                          aria-label={t("plan.taskProgress", { title: x.title })}
                        />
                      ),
                    },
                  ]
            }
          />
        </section>
      </Card>
    </div>
  );
}
