/**
 * /public/rankings/:cycleId?q=: a published league table with grades and rank changes; each agency
 * links to its area breakdown. An unpublished cycle shows a clear "not published yet" state and its
 * table is never requested.
 */
import { Card, Form, Input, Select, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { searchKey } from "../../../../core/locale.ts";
import { useApi } from "../../api.ts";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import { date, pct, pts } from "../../format.ts";
import { NotPublished, PublishedTag, RankChangeText, useGroupName, useIsPhone } from "./parts.tsx";
import type { Overview, Ranking, RankingItem } from "./types.ts";

export default function RankingPage() {
  const { t } = useTranslation("public");
  const cycleId = Number(useParams().cycleId);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const phone = useIsPhone();
  const group = useGroupName();
  const overview = useApi<Overview>("/public/overview");
  const cycle = overview.data?.cycles.find((c) => c.id === cycleId);
  const ranking = useApi<Ranking>(cycle?.published ? `/cycles/${cycleId}/ranking` : null);
  const query = params.get("q") ?? "";
  const key = searchKey(query);
  const items = (ranking.data?.items ?? []).filter((r) => !key || searchKey(r.agency).includes(key));
  const agencyLink = (r: RankingItem) => `/public/agencies/${r.agencyId}?year=${cycle?.year}`;

  if (overview.isLoading)
    return (
      <div className="page">
        <Loading rows={8} />
      </div>
    );
  if (!cycle)
    return (
      <div className="page">
        <Typography.Title level={1} style={{ fontSize: 26 }}>
          {t("ranking.titleUnknown")}
        </Typography.Title>
        <ErrorBox error={overview.error} />
        {!overview.error && <EmptyState description={t("ranking.unknown")} />}
      </div>
    );

  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26, marginBottom: 4 }}>
        {t("ranking.title", { year: cycle.year, group: group(cycle.group) })}
      </Typography.Title>
      <Typography.Paragraph>
        {cycle.province} · {t("home.agencies", { count: cycle.agencies })} ·{" "}
        <PublishedTag published={cycle.published} />
        {cycle.publishedAt && t("ranking.publishedOn", { date: date(cycle.publishedAt) })}
      </Typography.Paragraph>
      <Form layout="vertical" style={{ display: "flex", flexWrap: "wrap", gap: "0 16px" }}>
        <Form.Item label={t("ranking.otherCycle")} htmlFor="public-cycle" style={{ minWidth: 260 }}>
          <Select
            id="public-cycle"
            value={cycle.id}
            onChange={(id: number) => navigate(`/public/rankings/${id}`)}
            options={(overview.data?.cycles ?? []).map((c) => ({
              value: c.id,
              label: `${t("home.cycleName", { year: c.year, group: group(c.group) })}${c.published ? "" : ` (${t("notPublished").toLowerCase()})`}`,
            }))}
          />
        </Form.Item>
        {cycle.published && (
          <Form.Item label={t("ranking.search")} htmlFor="public-ranking-search" style={{ minWidth: 260 }}>
            <Input.Search
              id="public-ranking-search"
              allowClear
              defaultValue={query}
              placeholder={t("ranking.searchPlaceholder")}
              onSearch={(v) => setParams(v ? { q: v } : {}, { replace: true })}
            />
          </Form.Item>
        )}
      </Form>

      {!cycle.published ? (
        <Card>
          <NotPublished year={cycle.year} />
        </Card>
      ) : (
        <Card>
          <ErrorBox error={ranking.error} />
          <Table<RankingItem>
            rowKey="agencyId"
            size="small"
            loading={ranking.isLoading}
            dataSource={items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            caption={
              <Typography.Text strong>
                {t("ranking.caption", { year: cycle.year, group: group(cycle.group) })}
              </Typography.Text>
            }
            locale={{
              emptyText: (
                <EmptyState description={query ? t("ranking.noMatch", { q: query }) : t("ranking.empty")} />
              ),
            }}
            columns={
              phone
                ? [
                    {
                      title: t("ranking.agency"),
                      key: "all",
                      render: (_, r) => (
                        <div data-agency={r.agencyId}>
                          <div style={{ display: "flex", gap: 8, alignItems: "baseline" }}>
                            <strong className="num" style={{ fontSize: 18, minWidth: 28, textAlign: "left" }}>
                              {r.rank ?? "—"}
                            </strong>
                            <Link to={agencyLink(r)}>{r.agency}</Link>
                          </div>
                          <div>
                            <strong>{pct(r.percent)}</strong> ·{" "}
                            {t("pointsOf", { points: pts(r.points), max: pts(r.max) })} ·{" "}
                            {t("ranking.gradeShort", { grade: r.grade ?? "—" })}
                          </div>
                          <div>
                            <RankChangeText change={r.rankChange} />
                            {r.sample && <Tag style={{ marginInlineStart: 8 }}>{t("sample")}</Tag>}
                          </div>
                        </div>
                      ),
                    },
                  ]
                : [
                    {
                      title: t("ranking.rank"),
                      key: "rank",
                      className: "num",
                      render: (_, r) => r.rank ?? "—",
                    },
                    {
                      title: t("ranking.agency"),
                      key: "agency",
                      render: (_, r) => (
                        <span data-agency={r.agencyId}>
                          <Link to={agencyLink(r)}>{r.agency}</Link>
                          {r.sample && <Tag style={{ marginInlineStart: 8 }}>{t("sample")}</Tag>}
                        </span>
                      ),
                    },
                    {
                      title: t("ranking.points"),
                      key: "points",
                      className: "num",
                      render: (_, r) => t("pointsOf", { points: pts(r.points), max: pts(r.max) }),
                    },
                    {
                      title: t("ranking.index"),
                      key: "percent",
                      className: "num",
                      render: (_, r) => pct(r.percent),
                    },
                    { title: t("ranking.grade"), key: "grade", render: (_, r) => r.grade ?? "—" },
                    {
                      title: t("ranking.change"),
                      key: "change",
                      render: (_, r) => <RankChangeText change={r.rankChange} />,
                    },
                  ]
            }
          />
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
            {t("ranking.sampleNote")}
          </Typography.Paragraph>
        </Card>
      )}
    </div>
  );
}
