/** Per area: bars (last year, now, target, max), a radar of the same points, and the table under both. */
import { Card, Col, Row, Table, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Chart, type ChartOption } from "../../components/Chart.tsx";
import { pct, pts } from "../../format.ts";
import { stackOnPhone, useIsPhone } from "../public/parts.tsx";
import type { AreaRow, Dashboard } from "./types.ts";

const SERIES_COLORS = { previous: "#8c8c8c", now: "#0b57d0", target: "#d46b08", max: "#d9d9d9" };

export function AreaCharts({ d }: { d: Dashboard }) {
  const { t } = useTranslation("dashboard");
  const phone = useIsPhone();
  const prevYear = d.previous?.year;
  const names = {
    previous: prevYear ? t("areas.previous", { year: prevYear }) : "",
    now: t("areas.now", { year: d.current!.year }),
    target: t("areas.target"),
    max: t("areas.max"),
  };
  const [bars, radar] = useMemo((): [ChartOption, ChartOption] => {
    const areas = d.areas.filter((a) => a.applicable);
    const short = areas.map((a) => t("areas.short", { code: a.code }));
    const withPrev = d.previous !== null;
    const prevName = withPrev ? t("areas.previous", { year: d.previous!.year }) : "";
    const nowName = t("areas.now", { year: d.current!.year });
    const bars: ChartOption = {
      // Drawn at once: the numbers are final, and an animation only delays them (and the screenshots).
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: (v: number) => pts(v) },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: "category", data: short },
      yAxis: { type: "value", axisLabel: { formatter: (v: number) => pts(v) } },
      series: [
        ...(withPrev
          ? [
              {
                name: prevName,
                type: "bar",
                data: areas.map((a) => a.previousPoints),
                color: SERIES_COLORS.previous,
              },
            ]
          : []),
        { name: nowName, type: "bar", data: areas.map((a) => a.points), color: SERIES_COLORS.now },
        {
          name: t("areas.target"),
          type: "bar",
          data: areas.map((a) => a.target),
          color: SERIES_COLORS.target,
        },
        { name: t("areas.max"), type: "bar", data: areas.map((a) => a.max), color: SERIES_COLORS.max },
      ],
    };
    const radar: ChartOption = {
      animation: false,
      tooltip: {},
      legend: { bottom: 0 },
      radar: { radius: "62%", indicator: areas.map((a, i) => ({ name: short[i], max: a.max })) },
      series: [
        {
          type: "radar",
          data: [
            ...(withPrev
              ? [
                  {
                    name: prevName,
                    value: areas.map((a) => a.previousPoints ?? 0),
                    itemStyle: { color: SERIES_COLORS.previous },
                  },
                ]
              : []),
            { name: nowName, value: areas.map((a) => a.points), itemStyle: { color: SERIES_COLORS.now } },
            {
              name: t("areas.target"),
              value: areas.map((a) => a.target ?? 0),
              itemStyle: { color: SERIES_COLORS.target },
            },
          ],
        },
      ],
    };
    return [bars, radar];
  }, [d, t]);

  return (
    <Card>
      <section aria-labelledby="areas-title">
        <h2 id="areas-title" style={{ fontSize: 20, marginTop: 0 }}>
          {t("areas.title")}
        </h2>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Chart option={bars} height={320} label={t("areas.barsLabel")} />
          </Col>
          <Col xs={24} lg={10}>
            <Chart option={radar} height={320} label={t("areas.radarLabel")} />
          </Col>
        </Row>
        <Table<AreaRow>
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: true }}
          dataSource={d.areas}
          caption={<Typography.Text strong>{t("areas.caption")}</Typography.Text>}
          columns={stackOnPhone(
            [
              {
                title: t("areas.area"),
                key: "area",
                render: (_, a) => `${a.code}. ${a.title}`,
              },
              { title: t("areas.max"), key: "max", className: "num", render: (_, a) => pts(a.max) },
              ...(prevYear
                ? [
                    {
                      title: names.previous,
                      key: "previous",
                      className: "num",
                      render: (_: unknown, a: AreaRow) =>
                        a.previousPoints === null
                          ? "—"
                          : `${pts(a.previousPoints)} (${pct(a.previousPercent)})`,
                    },
                  ]
                : []),
              {
                title: names.now,
                key: "now",
                className: "num",
                render: (_, a) =>
                  a.applicable ? `${pts(a.points)} (${pct(a.percent)})` : t("areas.notApplicable"),
              },
              {
                title: names.target,
                key: "target",
                className: "num",
                render: (_, a) => (a.target === null ? "—" : `${pts(a.target)} (${pct(a.targetPercent)})`),
              },
            ],
            phone,
            t("areas.area"),
          )}
        />
      </section>
    </Card>
  );
}
