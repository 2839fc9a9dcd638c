/**
 * /public: what anyone can read without signing in — every published cycle, linked to its ranking
 * (a corrected one says so, with its version), and every published improvement plan. ?q= filters
 * the plans by agency or title, accents optional, and stays in the address to share.
 */
import { Card, Input, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { searchKey } from "../../../../core/locale.ts";
import { useApi } from "../../api.ts";
import { EmptyState, ErrorBox } from "../../components/common.tsx";
import { date } from "../../format.ts";
import { CorrectedNote, useGroupName, useIsPhone } from "./parts.tsx";
import type { Overview, PublicCycle } from "./types.ts";

type PlanRow = Overview["plans"][number];

export default function PublicHome() {
  const { t } = useTranslation("public");
  const q = useApi<Overview>("/public/overview");
  const [params, setParams] = useSearchParams();
  const phone = useIsPhone();
  const group = useGroupName();
  const query = params.get("q") ?? "";
  const key = searchKey(query);
  const plans = (q.data?.plans ?? []).filter(
    (p) => !key || searchKey(`${p.agency.name} ${p.title} ${p.number ?? ""}/${p.code ?? ""}`).includes(key),
  );
  const planNumber = (p: PlanRow) => [p.number, p.code].filter(Boolean).join("/");

  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t("home.title")}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 760 }}>{t("home.intro")}</Typography.Paragraph>
      <ErrorBox error={q.error} />

      <Card style={{ marginBottom: 16 }}>
        <section aria-labelledby="cycles-title">
          <h2 id="cycles-title" style={{ fontSize: 20, marginTop: 0 }}>
            {t("home.rankings")}
          </h2>
          <Table<PublicCycle>
            rowKey="id"
            size="small"
            loading={q.isLoading}
            dataSource={q.data?.cycles ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: <EmptyState description={t("home.noCycles")} /> }}
            columns={
              phone
                ? [
                    {
                      title: t("home.cycle"),
                      key: "all",
                      render: (_, c) => (
                        <div>
                          <Link to={`/public/rankings/${c.id}`} style={{ fontWeight: 600 }}>
                            {t("home.cycleName", { year: c.year, group: group(c.group) })}
                          </Link>
                          <CorrectedNote version={c.version} />
                          <div>{c.province}</div>
                          <div>
                            {t("home.status")} {t("home.publishedOn", { date: date(c.publishedAt) })} ·{" "}
                            {t("home.agencies", { count: c.agencies })}
                          </div>
                        </div>
                      ),
                    },
                  ]
                : [
                    {
                      title: t("home.cycle"),
                      key: "cycle",
                      render: (_, c) => (
                        <>
                          <Link to={`/public/rankings/${c.id}`}>
                            {t("home.cycleName", { year: c.year, group: group(c.group) })}
                          </Link>
                          <CorrectedNote version={c.version} />
                        </>
                      ),
                    },
                    { title: t("home.province"), dataIndex: "province" },
                    {
                      title: t("home.agencyCount"),
                      key: "agencies",
                      className: "num",
                      render: (_, c) => c.agencies,
                    },
                    {
                      title: t("home.status"),
                      key: "status",
                      render: (_, c) => date(c.publishedAt),
                    },
                  ]
            }
          />
        </section>
      </Card>

      <Card>
        <section aria-labelledby="plans-title">
          <h2 id="plans-title" style={{ fontSize: 20, marginTop: 0 }}>
            {t("home.plans")}
          </h2>
          <Input.Search
            allowClear
            aria-label={t("home.searchPlans")}
            placeholder={t("home.searchPlaceholder")}
            defaultValue={query}
            onSearch={(v) => setParams(v ? { q: v } : {}, { replace: true })}
            style={{ maxWidth: 420, marginBottom: 12 }}
          />
          <Table<PlanRow>
            rowKey="id"
            size="small"
            loading={q.isLoading}
            dataSource={plans}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{
              emptyText: (
                <EmptyState description={query ? t("home.noPlansMatch", { q: query }) : t("home.noPlans")} />
              ),
            }}
            columns={
              phone
                ? [
                    {
                      title: t("home.plan"),
                      key: "all",
                      render: (_, p) => (
                        <div>
                          <Link to={`/public/plans/${p.id}`} style={{ fontWeight: 600 }}>
                            {p.title}
                          </Link>
                          <div>
                            {planNumber(p)} · {date(p.issuedOn)}
                          </div>
                          <div>{p.agency.name}</div>
                        </div>
                      ),
                    },
                  ]
                : [
                    {
                      title: t("home.plan"),
                      key: "plan",
                      render: (_, p) => <Link to={`/public/plans/${p.id}`}>{p.title}</Link>,
                    },
                    { title: t("home.number"), key: "number", render: (_, p) => planNumber(p) || "—" },
                    { title: t("home.issuedOn"), key: "issuedOn", render: (_, p) => date(p.issuedOn) },
                    {
                      title: t("home.agency"),
                      key: "agency",
                      render: (_, p) => <Link to={`/public/agencies/${p.agency.id}`}>{p.agency.name}</Link>,
                    },
                  ]
            }
          />
        </section>
      </Card>
    </div>
  );
}
