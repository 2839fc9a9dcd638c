/**
 * "Points at risk": the plan's area targets whose tasks are overdue or behind, the points of each
 * (the gain over last year the target counts on, as the API computes it) and the tasks, linked.
 */
import { Card, Progress, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../components/common.tsx";
import { date, pts } from "../../format.ts";
import type { Dashboard, RiskTask } from "./types.ts";

function TaskLine({ task }: { task: RiskTask }) {
  const { t } = useTranslation("dashboard");
  return (
    <li style={{ marginBottom: 10 }}>
      <Link to={`/plans/${task.planId}/tasks/${task.id}`}>
        {task.section ? `${task.section} · ` : ""}
        {task.title}
      </Link>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 6, alignItems: "center", marginTop: 2 }}>
        {task.overdue ? (
          <Tag color="red">{t("risk.overdue", { date: date(task.due) })}</Tag>
        ) : (
          <Tag color="orange">
            {t("risk.behind", { progress: task.progress, expected: task.expectedProgress ?? 0 })}
          </Tag>
        )}
        <Typography.Text>{t(`common:status.${task.status}`)}</Typography.Text>
        <Progress
          percent={task.progress}
          size={{ width: 120 }}
          aria-label={t("risk.progressLabel", { title: task.title })}
        />
      </div>
    </li>
  );
}

export function AtRisk({ d }: { d: Dashboard }) {
  const { t } = useTranslation("dashboard");
  const risk = d.atRisk;
  return (
    <Card style={{ height: "100%" }}>
      <section aria-labelledby="risk-title">
        <h2 id="risk-title" style={{ fontSize: 20, marginTop: 0 }}>
          {t("risk.title")}
        </h2>
        {!risk ? (
          <EmptyState description={t("risk.noPlan", { year: d.current?.year })} />
        ) : risk.areas.length === 0 ? (
          <EmptyState description={t("risk.none")} />
        ) : (
          <>
            <Typography.Paragraph>
              <span data-figure="risk-total" style={{ fontSize: 24, fontWeight: 700 }} className="num">
                {t("risk.total", { points: pts(risk.points) })}
              </span>
              <br />
              {t("risk.explain", { today: date(risk.today) })}
            </Typography.Paragraph>
            <ul style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label={t("risk.areasLabel")}>
              {risk.areas.map((a) => (
                <li
                  key={a.areaCode}
                  data-risk-area={a.areaCode}
                  style={{ borderTop: "1px solid #eee", paddingTop: 10 }}
                >
                  <h3 style={{ fontSize: 16, margin: "0 0 4px" }}>
                    {a.areaCode}. {a.title}
                  </h3>
                  <Typography.Paragraph style={{ marginBottom: 6 }}>
                    <strong>
                      {a.kept
                        ? t("risk.keptPoints", { target: pts(a.target) })
                        : t("risk.areaPoints", { points: pts(a.points) })}
                    </strong>
                    {" · "}
                    {t("risk.targetLine", {
                      target: pts(a.target),
                      max: pts(a.max),
                      baseline: pts(a.baseline),
                    })}
                  </Typography.Paragraph>
                  <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                    {a.tasks.map((task) => (
                      <TaskLine key={task.id} task={task} />
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </Card>
  );
}
