/** The index across the agency's cycles, with the plan's target for the current one; a table says the same. */
import { Card, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Chart, type ChartOption } from "../../components/Chart.tsx";
import { pct, pts } from "../../format.ts";
import { stackOnPhone, useIsPhone } from "../public/parts.tsx";
import { RankChange } from "./Headline.tsx";
import type { CycleEntry, Dashboard } from "./types.ts";

export function Trend({ d }: { d: Dashboard }) {
  const { t } = useTranslation("dashboard");
  const phone = useIsPhone();
  const option = useMemo((): ChartOption => {
    const years = d.trend.map((e) => String(e.year));
    const target = d.target;
    return {
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: (v: number) => pct(v) },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: "category", data: years },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: (v: number) => pct(v) } },
      series: [
        {
          name: t("trend.index"),
          type: "line",
          // A cycle still being assessed would plot as a fall to its partial index: left out of the line.
          data: d.trend.map((e) => (e.published || e.missing === 0 ? e.percent : null)),
          color: "#0b57d0",
          symbolSize: 8,
        },
        ...(target
          ? [
              {
                name: t("trend.target"),
                type: "line",
                data: d.trend.map((e) => (e.year === target.year ? target.percent : null)),
                color: "#d46b08",
                symbol: "diamond",
                symbolSize: 14,
              },
            ]
          : []),
      ],
    };
  }, [d, t]);
  return (
    <Card style={{ height: "100%" }}>
      <section aria-labelledby="trend-title">
        <h2 id="trend-title" style={{ fontSize: 20, marginTop: 0 }}>
          {t("trend.title")}
        </h2>
        <Chart option={option} height={240} label={t("trend.chartLabel")} />
        <Table<CycleEntry>
          size="small"
          rowKey="cycleId"
          pagination={d.trend.length > 10 ? { pageSize: 10 } : false}
          scroll={{ x: true }}
          dataSource={[...d.trend].reverse()}
          caption={<Typography.Text strong>{t("trend.caption")}</Typography.Text>}
          columns={stackOnPhone(
            [
              {
                title: t("trend.year"),
                key: "year",
                render: (_, e) => (
                  <>
                    {e.year} {!e.published && <Tag color="gold">{t("notPublished")}</Tag>}
                  </>
                ),
              },
              {
                title: t("trend.points"),
                key: "points",
                className: "num",
                render: (_, e) => t("pointsOf", { points: pts(e.points), max: pts(e.max) }),
              },
              { title: t("trend.index"), key: "percent", className: "num", render: (_, e) => pct(e.percent) },
              { title: t("trend.grade"), key: "grade", render: (_, e) => e.grade ?? "—" },
              {
                title: t("trend.rank"),
                key: "rank",
                className: "num",
                render: (_, e) =>
                  e.rank === null
                    ? e.rankVisible
                      ? "—"
                      : t("trend.rankHidden")
                    : t("rank.of", { rank: e.rank, of: e.rankOf }),
              },
              {
                title: t("rank.change"),
                key: "change",
                render: (_, e) => (e.rankVisible ? <RankChange change={e.rankChange} /> : "—"),
              },
            ],
            phone,
            t("trend.year"),
          )}
        />
      </section>
    </Card>
  );
}
