/** An agency's share achieved per area, as horizontal bars (the same numbers are in the table beside it). */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Chart, type ChartOption } from "../../components/Chart.tsx";
import { pct } from "../../format.ts";
import type { AreaResult } from "../../types/api.ts";

export default function AreaBars({ areas, label }: { areas: AreaResult[]; label: string }) {
  const { t } = useTranslation("public");
  const option = useMemo((): ChartOption => {
    const shown = areas.filter((a) => a.applicable).reverse();
    return {
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: (v: number) => pct(v) },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: (v: number) => pct(v) } },
      yAxis: { type: "category", data: shown.map((a) => t("agency.areaShort", { code: a.code })) },
      series: [{ name: t("agency.share"), type: "bar", data: shown.map((a) => a.percent), color: "#0b57d0" }],
    };
  }, [areas, t]);
  return <Chart option={option} height={Math.max(200, areas.length * 34)} label={label} />;
}
