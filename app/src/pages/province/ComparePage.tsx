/**
 * /province/compare?cycle=ID&agencies=1,2,3: two to four agencies of one cycle side by side, area by
 * area — a table (the numbers) and a grouped bar chart of the same numbers (the index per area).
 */
import { Alert, Select, Space, Table, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { sortVi } from "../../../../core/locale.ts";
import { useApi } from "../../api.ts";
import { Chart, type ChartOption } from "../../components/Chart.tsx";
import { ErrorBox, Loading } from "../../components/common.tsx";
import { pct, pts } from "../../format.ts";
import { RankChange } from "./LeagueTablePage.tsx";
import { CyclePicker, NoCycle, ProvinceMenu, PublishedTag, useCurrentCycle } from "./parts.tsx";
import type { Comparison, CycleDetail } from "./types.ts";

const MIN = 2;
const MAX = 4;

interface Row {
  key: string;
  label: string;
  max: number | null;
  cells: { points: number | null; percent: number | null; applicable: boolean }[];
}

function CompareTable({ data }: { data: Comparison }) {
  const { t } = useTranslation("province");
  const rows: Row[] = data.areas.map((a) => ({
    key: a.code,
    label: `${a.code}. ${a.title}`,
    max: a.max,
    cells: data.agencies.map((ag) => {
      const x = ag.areas.find((y) => y.code === a.code);
      return { points: x?.points ?? null, percent: x?.percent ?? null, applicable: x?.applicable ?? false };
    }),
  }));
  return (
    <Table<Row>
      rowKey="key"
      dataSource={rows}
      pagination={false}
      size="middle"
      scroll={{ x: true }}
      aria-labelledby="compare-table-heading"
      columns={[
        { title: t("compare.area"), dataIndex: "label", fixed: "left", width: 280 },
        { title: t("compare.max"), dataIndex: "max", className: "num", render: (m) => pts(m) },
        ...data.agencies.map((ag, i) => ({
          title: ag.agency,
          key: `a${ag.agencyId}`,
          className: "num",
          render: (_: unknown, r: Row) => {
            const c = r.cells[i];
            if (!c.applicable) return t("compare.notApplicable");
            return (
              <span>
                {pts(c.points)} <span style={{ color: "rgba(0,0,0,0.68)" }}>({pct(c.percent)})</span>
              </span>
            );
          },
        })),
      ]}
      summary={() => (
        <>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t("compare.total")}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} className="num">
              {pts(data.agencies[0]?.max)}
            </Table.Summary.Cell>
            {data.agencies.map((ag, i) => (
              <Table.Summary.Cell key={ag.agencyId} index={i + 2} className="num">
                <strong>
                  {pts(ag.points)} ({pct(ag.percent)})
                </strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t("compare.rankGrade")}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} />
            {data.agencies.map((ag, i) => (
              <Table.Summary.Cell key={ag.agencyId} index={i + 2} className="num">
                {t("compare.rankValue", { rank: ag.rank ?? "—", grade: ag.grade ?? "—" })} ·{" "}
                <RankChange row={ag} />
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </>
      )}
    />
  );
}

function CompareChart({ data }: { data: Comparison }) {
  const { t } = useTranslation("province");
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => pct(v as number) },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 48, right: 16, top: 24, bottom: 64 },
      xAxis: { type: "category", data: data.areas.map((a) => a.code), name: t("compare.axisArea") },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: (v: number) => pct(v) } },
      series: data.agencies.map((ag) => ({
        type: "bar",
        name: ag.agency,
        data: ag.areas.map((a) => (a.applicable ? a.percent : null)),
      })),
    }),
    // t changes with the language, so a switch redraws the chart with its formatters.
    [data, t],
  );
  return (
    <Chart
      option={option}
      height={340}
      label={t("compare.chartLabel", { names: data.agencies.map((a) => a.agency).join(", ") })}
    />
  );
}

export default function ComparePage() {
  const { t } = useTranslation("province");
  const { cycles, list, current, params, setParams } = useCurrentCycle();
  const picked = (params.get("agencies") ?? "")
    .split(",")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .slice(0, MAX);
  const detail = useApi<CycleDetail>(current ? `/cycles/${current.id}` : null);
  const ready = current && picked.length >= MIN;
  const comparison = useApi<Comparison>(
    ready ? `/cycles/${current.id}/compare?agencyIds=${picked.join(",")}` : null,
  );
  const set = (cycle: number, agencies: number[]) =>
    setParams(
      agencies.length ? { cycle: String(cycle), agencies: agencies.join(",") } : { cycle: String(cycle) },
      { replace: true },
    );
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t("compare.title")}
      </Typography.Title>
      <ProvinceMenu />
      {!current ? (
        <NoCycle cycles={cycles} />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            <CyclePicker cycles={list} value={current} onChange={(id) => set(id, [])} />
            <PublishedTag cycle={current} />
          </Space>
          <div style={{ marginBottom: 16, maxWidth: 760 }}>
            <label htmlFor="compare-agencies" style={{ display: "block", marginBottom: 4 }}>
              {t("compare.pick", { min: MIN, max: MAX })}
            </label>
            <Select
              id="compare-agencies"
              aria-label={t("compare.pick", { min: MIN, max: MAX })}
              mode="multiple"
              maxCount={MAX}
              style={{ width: "100%" }}
              loading={detail.isLoading}
              value={picked}
              showSearch={{ optionFilterProp: "label" }}
              onChange={(ids: number[]) => set(current.id, ids)}
              options={sortVi(detail.data?.participants ?? [], (p) => p.name).map((p) => ({
                value: p.agencyId,
                label: p.name,
              }))}
              placeholder={t("compare.pickHint")}
            />
          </div>
          {!ready ? (
            <Alert type="info" showIcon title={t("compare.needTwo", { min: MIN, max: MAX })} />
          ) : comparison.isLoading ? (
            <Loading />
          ) : comparison.error ? (
            <ErrorBox error={comparison.error} />
          ) : comparison.data ? (
            <>
              <Typography.Title level={2} id="compare-table-heading" style={{ fontSize: 20 }}>
                {t("compare.tableTitle", { year: current.year })}
              </Typography.Title>
              <CompareTable data={comparison.data} />
              <Typography.Title level={2} style={{ fontSize: 20, marginTop: 24 }}>
                {t("compare.chartTitle")}
              </Typography.Title>
              <Typography.Paragraph>{t("compare.chartNote")}</Typography.Paragraph>
              <CompareChart data={comparison.data} />
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
