/** Targets per area: last year's points (the baseline), this year's target, the maximum and the change. */
import { Grid, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { delta, pct, pts } from "../../format.ts";
import { LintNotes } from "./LintNotes.tsx";
import type { AreaTarget, LintIssue, Plan } from "./model.ts";

export function AreaTargetsTable({
  plan,
  issues,
  onFix,
}: {
  plan: Plan;
  issues: LintIssue[];
  onFix: (i: LintIssue) => void;
}) {
  const { t } = useTranslation("plan");
  const s = plan.targets;
  // On a phone: the area and its target; last year's points, the max and the change open on tap.
  const narrow = !Grid.useBreakpoint().md;
  // Said as text, not as an empty table (whose placeholder grey is too pale to read).
  if (!s.areas.length) return <Typography.Paragraph>{t("targets.empty")}</Typography.Paragraph>;
  return (
    <Table<AreaTarget>
      rowKey="areaCode"
      size="middle"
      dataSource={s.areas}
      pagination={false}
      scroll={narrow ? undefined : { x: 720 }}
      expandable={
        narrow
          ? {
              expandedRowRender: (a) => (
                <dl className="task-card-facts">
                  <dt>{t("targets.baseline")}</dt>
                  <dd className="num">{pts(a.baseline)}</dd>
                  <dt>{t("targets.max")}</dt>
                  <dd className="num">{pts(a.max)}</dd>
                  <dt>{t("targets.delta")}</dt>
                  <dd className="num">
                    {a.kept ? <Tag color="green">{t("targets.kept")}</Tag> : delta(a.delta)}
                  </dd>
                </dl>
              ),
            }
          : undefined
      }
      aria-labelledby="targets-heading"
      locale={{ emptyText: t("targets.empty") }}
      onRow={(a) => ({ "data-area": a.areaCode }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t("targets.area"),
          key: "area",
          render: (_, a) => (
            <div>
              <strong>{a.areaCode}.</strong> {a.title}
              <LintNotes
                issues={issues.filter((i) => i.areaCode === a.areaCode)}
                canEdit={plan.can.edit}
                onFix={onFix}
              />
            </div>
          ),
        },
        {
          title: t("targets.baseline"),
          key: "baseline",
          className: "num",
          responsive: ["md"],
          width: 110,
          render: (_, a) => pts(a.baseline),
        },
        {
          title: t("targets.target"),
          key: "target",
          className: "num",
          width: 110,
          render: (_, a) => <strong>{pts(a.target)}</strong>,
        },
        {
          title: t("targets.max"),
          key: "max",
          className: "num",
          responsive: ["md"],
          width: 100,
          render: (_, a) => pts(a.max),
        },
        {
          title: t("targets.delta"),
          key: "delta",
          className: "num",
          responsive: ["md"],
          width: 130,
          render: (_, a) => (a.kept ? <Tag color="green">{t("targets.kept")}</Tag> : delta(a.delta)),
        },
      ]}
      summary={() =>
        narrow ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <strong>{t("targets.total")}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} className="num">
              <strong>{pts(s.points)}</strong> ({pct(s.percent)})
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t("targets.total")}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} className="num">
              <strong>{pts(s.baselinePoints)}</strong> ({pct(s.baselinePercent)})
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} className="num">
              <strong>{pts(s.points)}</strong> ({pct(s.percent)})
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} className="num">
              <strong>{pts(s.max)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} />
          </Table.Summary.Row>
        )
      }
    />
  );
}
