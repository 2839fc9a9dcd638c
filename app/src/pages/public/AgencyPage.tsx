/**
 * /public/agencies/:id?year=: an agency's published results across cycles — a corrected cycle with
 * its version, a cycle where it was left out of the ranking with the reason — and, for the chosen
 * year, its points per area as published (table and chart); its improvement plans.
 */
import { Card, Col, Form, Row, Select, Table, Typography } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { useApi } from "../../api.ts";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import { PageFallback } from "../../components/PageFallback.tsx";
import { date, pct, pts } from "../../format.ts";
import { CorrectedNote, RankChangeText, stackOnPhone, useGroupName, useIsPhone } from "./parts.tsx";
import type { PublicAgency, PublishedCycle } from "./types.ts";

const AreaBars = lazy(() => import("./AreaBars.tsx"));

type CycleRow = PublicAgency["cycles"][number];
type AreaRow = PublishedCycle["items"][number]["areas"][number];

export default function AgencyPage() {
  const { t } = useTranslation("public");
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const group = useGroupName();
  const phone = useIsPhone();
  const q = useApi<PublicAgency>(Number.isInteger(id) && id > 0 ? `/public/agencies/${id}` : null);
  const cycles = q.data?.cycles ?? [];
  const latestRanked = [...cycles].reverse().find((c) => c.result);
  const year = Number(params.get("year")) || latestRanked?.year || cycles.at(-1)?.year;
  const chosen = cycles.find((c) => c.year === year);
  // The areas as published: the same snapshot the ranking page reads (cached, never recomputed).
  const published = useApi<PublishedCycle>(chosen?.result ? `/public/cycles/${chosen.cycleId}` : null);
  const mine = published.data?.items.find((i) => i.agencyId === id);
  const rankOf = published.data?.items.filter((i) => i.rank !== null).length ?? 0;

  if (!q.data) return <PageFallback query={q} rows={8} title={t("agency.titleUnknown")} />;
  const a = q.data.agency;
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26, marginBottom: 4 }}>
        {a.name}
      </Typography.Title>
      <Typography.Paragraph>
        {a.code} · {group(a.group)}
        {a.validTo && ` · ${t("agency.validTo", { date: date(a.validTo) })}`}
      </Typography.Paragraph>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card style={{ height: "100%" }}>
            <section aria-labelledby="results-title">
              <h2 id="results-title" style={{ fontSize: 20, marginTop: 0 }}>
                {t("agency.results")}
              </h2>
              <Table<CycleRow>
                rowKey="cycleId"
                size="small"
                dataSource={[...cycles].reverse()}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                scroll={{ x: true }}
                locale={{ emptyText: <EmptyState description={t("agency.noCycles")} /> }}
                caption={<Typography.Text strong>{t("agency.resultsCaption")}</Typography.Text>}
                columns={stackOnPhone(
                  [
                    {
                      title: t("agency.year"),
                      key: "year",
                      render: (_, c) => (
                        <>
                          <Link to={`/public/rankings/${c.cycleId}`}>{c.year}</Link>
                          <CorrectedNote version={c.version} />
                        </>
                      ),
                    },
                    {
                      title: t("ranking.index"),
                      key: "percent",
                      render: (_, c) =>
                        c.result ? (
                          <span className="num">
                            {pct(c.result.percent)} (
                            {t("pointsOf", { points: pts(c.result.points), max: pts(c.result.max) })})
                          </span>
                        ) : (
                          <span data-excluded={c.cycleId}>
                            {t("agency.excluded")}
                            {c.excludedReason && ` — ${c.excludedReason}`}
                          </span>
                        ),
                    },
                    { title: t("ranking.grade"), key: "grade", render: (_, c) => c.result?.grade ?? "—" },
                    {
                      title: t("ranking.rank"),
                      key: "rank",
                      className: "num",
                      render: (_, c) =>
                        c.result?.rank != null
                          ? t("rankOf", { rank: c.result.rank, of: c.result.rankOf })
                          : "—",
                    },
                    {
                      title: t("ranking.change"),
                      key: "change",
                      render: (_, c) => (c.result ? <RankChangeText change={c.result.rankChange} /> : "—"),
                    },
                  ],
                  phone,
                  t("agency.year"),
                )}
              />
            </section>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card style={{ height: "100%" }}>
            <section aria-labelledby="plans-title">
              <h2 id="plans-title" style={{ fontSize: 20, marginTop: 0 }}>
                {t("home.plans")}
              </h2>
              {q.data.plans.length === 0 ? (
                <EmptyState description={t("agency.noPlans")} />
              ) : (
                <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                  {q.data.plans.map((p) => (
                    <li key={p.id} style={{ marginBottom: 8 }}>
                      <Link to={`/public/plans/${p.id}`}>{p.title}</Link>
                      <div>
                        {[p.number, p.code].filter(Boolean).join("/")} · {date(p.issuedOn)}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </Card>
        </Col>
      </Row>

      <Card style={{ marginTop: 16 }}>
        <section aria-labelledby="areas-title">
          <h2 id="areas-title" style={{ fontSize: 20, marginTop: 0 }}>
            {chosen ? t("agency.areasOf", { year: chosen.year }) : t("agency.areas")}
          </h2>
          {cycles.length > 0 && (
            <Form layout="vertical">
              <Form.Item
                label={t("agency.chooseYear")}
                htmlFor="public-agency-year"
                style={{ maxWidth: 260 }}
              >
                <Select
                  id="public-agency-year"
                  value={chosen?.year}
                  onChange={(y: number) => setParams({ year: String(y) }, { replace: true })}
                  options={[...cycles].reverse().map((c) => ({
                    value: c.year,
                    label: c.result ? String(c.year) : `${c.year} (${t("agency.excluded").toLowerCase()})`,
                  }))}
                />
              </Form.Item>
            </Form>
          )}
          {!chosen ? (
            <EmptyState description={t("agency.noCycles")} />
          ) : !chosen.result ? (
            <Typography.Paragraph data-state="excluded">
              {t("agency.excludedYear", { year: chosen.year, reason: chosen.excludedReason ?? "—" })}
            </Typography.Paragraph>
          ) : (
            <>
              <ErrorBox error={published.error} />
              {mine && (
                <Typography.Paragraph data-figure="agency-index">
                  {t("agency.indexLine", {
                    percent: pct(mine.percent),
                    points: pts(mine.points),
                    max: pts(mine.max),
                    grade: mine.grade ?? "—",
                  })}
                  {mine.rank !== null && ` · ${t("rankOfLong", { rank: mine.rank, of: rankOf })}`}
                  <CorrectedNote version={chosen.version} />
                </Typography.Paragraph>
              )}
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={12}>
                  <Table<AreaRow>
                    rowKey="code"
                    size="small"
                    loading={published.isLoading}
                    dataSource={mine?.areas ?? []}
                    pagination={false}
                    scroll={{ x: true }}
                    locale={{ emptyText: <EmptyState description={t("agency.noAreas")} /> }}
                    caption={
                      <Typography.Text strong>
                        {t("agency.areasCaption", { year: chosen.year })}
                      </Typography.Text>
                    }
                    columns={stackOnPhone(
                      [
                        { title: t("agency.area"), key: "area", render: (_, r) => `${r.code}. ${r.title}` },
                        {
                          title: t("agency.points"),
                          key: "points",
                          className: "num",
                          render: (_, r) =>
                            r.applicable ? `${pts(r.points)}/${pts(r.max)}` : t("agency.notApplicable"),
                        },
                        {
                          title: t("agency.share"),
                          key: "percent",
                          className: "num",
                          render: (_, r) => (r.applicable ? pct(r.percent) : "—"),
                        },
                      ],
                      phone,
                      t("agency.area"),
                    )}
                  />
                </Col>
                <Col xs={24} lg={12}>
                  {mine && (
                    <Suspense fallback={<Loading rows={4} />}>
                      <AreaBars areas={mine.areas} label={t("agency.chartLabel", { year: chosen.year })} />
                    </Suspense>
                  )}
                </Col>
              </Row>
            </>
          )}
        </section>
      </Card>
    </div>
  );
}
