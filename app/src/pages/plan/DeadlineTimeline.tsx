/** Deadlines month by month, overdue tasks in red; tasks with only a period or no deadline come last. */
import { Skeleton, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { date } from "../../format.ts";
import type { Task } from "./model.ts";
import { OverdueTag } from "./parts.tsx";

export function DeadlineTimeline({
  planId,
  tasks,
  loading,
}: {
  planId: number;
  tasks: Task[];
  loading: boolean;
}) {
  const { t } = useTranslation("plan");
  if (loading) return <Skeleton active />;
  const dated = tasks.filter((x) => x.due).sort((a, b) => a.due!.localeCompare(b.due!) || a.id - b.id);
  const months = new Map<string, Task[]>();
  for (const x of dated) {
    const key = x.due!.slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), x]);
  }
  const byPeriod = tasks.filter((x) => !x.due && x.period);
  const none = tasks.filter((x) => !x.due && !x.period).length;
  if (!dated.length && !byPeriod.length)
    return <Typography.Paragraph>{t("timeline.empty", { count: none })}</Typography.Paragraph>;
  const item = (x: Task) => (
    <li key={x.id} style={{ marginBottom: 4 }}>
      {x.due && <strong style={{ color: x.overdue ? "#a8071a" : undefined }}>{date(x.due)}</strong>}
      {!x.due && x.period && <em>{x.period}</em>} —{" "}
      <Link to={`/plans/${planId}/tasks/${x.id}`}>{x.title}</Link> {x.overdue && <OverdueTag />}
    </li>
  );
  return (
    <>
      <Timeline
        aria-label={t("timeline.title")}
        items={[
          ...[...months.entries()].map(([month, list]) => ({
            key: month,
            color: list.some((x) => x.overdue) ? "red" : "blue",
            content: (
              <div>
                <h3 style={{ fontSize: 15, margin: "0 0 4px" }}>
                  {t("timeline.month", { month: month.slice(5, 7), year: month.slice(0, 4) })}
                </h3>
                <ul style={{ paddingLeft: 18, margin: 0 }}>{list.map(item)}</ul>
              </div>
            ),
          })),
          ...(byPeriod.length
            ? [
                {
                  key: "period",
                  color: "gray",
                  content: (
                    <div>
                      <h3 style={{ fontSize: 15, margin: "0 0 4px" }}>{t("timeline.byPeriod")}</h3>
                      <ul style={{ paddingLeft: 18, margin: 0 }}>{byPeriod.map(item)}</ul>
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
      {none > 0 && <Typography.Paragraph>{t("timeline.noDeadline", { count: none })}</Typography.Paragraph>}
    </>
  );
}
