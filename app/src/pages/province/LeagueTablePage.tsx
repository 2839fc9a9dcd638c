/**
 * /province: the league table of one cycle (a year and a group of agencies) with grades and rank
 * changes, and the province's cycles with a way to create one. Numbers are the API's, formatted.
 */
import { Button, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useApi } from "../../api.ts";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { date, delta, pct, pts } from "../../format.ts";
import { CreateCycleModal } from "./CreateCycleModal.tsx";
import {
  CyclePicker,
  cycleLabel,
  NoCycle,
  ProvinceMenu,
  PublishedTag,
  srOnly,
  useCurrentCycle,
  useGroupLabel,
} from "./parts.tsx";
import type { Cycle, RankingRow } from "./types.ts";

export function RankChange({ row }: { row: RankingRow }) {
  const { t } = useTranslation("province");
  if (row.rankChange === null) return <span>{row.rank === null ? "—" : t("league.noPrevious")}</span>;
  const n = row.rankChange;
  const text = n > 0 ? t("league.up", { n }) : n < 0 ? t("league.down", { n: -n }) : t("league.same");
  const color = n > 0 ? "#135200" : n < 0 ? "#a8071a" : undefined;
  return (
    <span title={text} style={{ color, whiteSpace: "nowrap" }}>
      <span aria-hidden="true">{n > 0 ? "▲ " : n < 0 ? "▼ " : "= "}</span>
      {delta(n)}
      <span style={srOnly}> ({text})</span>
    </span>
  );
}

function RankingTable({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation("province");
  const groupLabel = useGroupLabel();
  const ranking = useApi<{ items: RankingRow[] }>(`/cycles/${cycle.id}/ranking`);
  if (ranking.error) return <ErrorBox error={ranking.error} />;
  const headingId = `ranking-${cycle.id}`;
  return (
    <section aria-labelledby={headingId}>
      <Typography.Title level={2} id={headingId} style={{ fontSize: 20 }}>
        {t("league.tableTitle", { group: groupLabel(cycle.group), year: cycle.year })}
      </Typography.Title>
      <Table<RankingRow>
        rowKey="agencyId"
        loading={ranking.isLoading}
        dataSource={ranking.data?.items ?? []}
        scroll={{ x: true }}
        size="middle"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState description={t("league.empty")} /> }}
        aria-labelledby={headingId}
        columns={[
          {
            title: t("league.rank"),
            dataIndex: "rank",
            className: "num",
            width: 80,
            render: (r: number | null) => (r === null ? "—" : r),
          },
          {
            title: t("league.agency"),
            dataIndex: "agency",
            render: (name: string, row) => (
              <Space size={4} wrap style={{ minWidth: 180 }}>
                {/* The agency's dashboard, one step from its row (and a focusable cell in a table that scrolls). */}
                <Link to={`/dashboard/${row.agencyId}`}>{name}</Link>
                {row.sample && <Tag>{t("league.sample")}</Tag>}
              </Space>
            ),
          },
          {
            title: t("league.points"),
            key: "points",
            className: "num",
            render: (_, row) => `${pts(row.points)} / ${pts(row.max)}`,
          },
          { title: t("league.index"), dataIndex: "percent", className: "num", render: (p) => pct(p) },
          { title: t("league.grade"), dataIndex: "grade", render: (g: string | null) => g ?? "—" },
          {
            title: t("league.previousRank"),
            dataIndex: "previousRank",
            className: "num",
            render: (r: number | null) => (r === null ? "—" : r),
          },
          { title: t("league.rankChange"), key: "change", render: (_, row) => <RankChange row={row} /> },
        ]}
      />
    </section>
  );
}

function CyclesTable({ cycles }: { cycles: Cycle[] }) {
  const { t } = useTranslation("province");
  const groupLabel = useGroupLabel();
  return (
    <Table<Cycle>
      rowKey="id"
      dataSource={cycles}
      scroll={{ x: true }}
      size="middle"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: <EmptyState description={t("cycles.empty")} /> }}
      aria-labelledby="cycles-heading"
      columns={[
        {
          title: t("cycles.cycle"),
          key: "cycle",
          render: (_, c) => (
            <Link to={`/province/cycles/${c.id}`} style={{ whiteSpace: "nowrap" }}>
              {cycleLabel(c, groupLabel)}
            </Link>
          ),
        },
        {
          title: t("cycles.selfAssessment"),
          key: "self",
          render: (_, c) => (
            <span style={{ whiteSpace: "nowrap" }}>
              {date(c.selfAssessmentOpens)} – {date(c.selfAssessmentCloses)}
            </span>
          ),
        },
        { title: t("cycles.appraisalCloses"), dataIndex: "appraisalCloses", render: (d) => date(d) },
        { title: t("cycles.status"), key: "status", render: (_, c) => <PublishedTag cycle={c} /> },
      ]}
    />
  );
}

export default function LeagueTablePage() {
  const { t } = useTranslation("province");
  const { cycles, list, current, setParams } = useCurrentCycle();
  const [creating, setCreating] = useState(false);
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t("league.title")}
      </Typography.Title>
      <ProvinceMenu />
      {!current ? (
        <NoCycle cycles={cycles} />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 16 }} align="center">
            <CyclePicker
              cycles={list}
              value={current}
              onChange={(id) => setParams({ cycle: String(id) }, { replace: true })}
            />
            <PublishedTag cycle={current} />
            <LinkButton to={`/province/cycles/${current.id}`}>{t("league.manage")}</LinkButton>
            <LinkButton to={`/province/compare?cycle=${current.id}`}>{t("league.compare")}</LinkButton>
          </Space>
          {!current.published && <Typography.Paragraph>{t("league.unpublishedNote")}</Typography.Paragraph>}
          <RankingTable cycle={current} />
        </>
      )}
      <section aria-labelledby="cycles-heading" style={{ marginTop: 32 }}>
        <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
          <Typography.Title level={2} id="cycles-heading" style={{ fontSize: 20, margin: 0 }}>
            {t("cycles.title")}
          </Typography.Title>
          <Button type="primary" onClick={() => setCreating(true)}>
            {t("cycles.create")}
          </Button>
        </Space>
        <div style={{ marginTop: 12 }}>{cycles.isLoading ? <Loading /> : <CyclesTable cycles={list} />}</div>
      </section>
      {creating && <CreateCycleModal onClose={() => setCreating(false)} existing={list} />}
    </div>
  );
}
