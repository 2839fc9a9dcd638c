/**
 * /public/rankings/:cycleId?q= — a cycle's published results as the current version of their
 * publication says — and /public/rankings/:cycleId/v/:version, an earlier version at its own address.
 * Beside the table: when the results were first published, by which decision, the version, the
 * agencies left out of the ranking with the reason, every correction (its reason and each agency's
 * old → new figures) and the audit log's check value the publication recorded.
 */
import { Alert, Card, Descriptions, Form, Input, Select, Table, Tag, Typography } from "antd";
import type { HTMLAttributes, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { searchKey } from "../../../../core/locale.ts";
import { useApi } from "../../api.ts";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import { countText, HashText } from "../../components/HashText.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { date, pct, pts } from "../../format.ts";
import { NotPublished, RankChangeText, stackOnPhone, useGroupName, useIsPhone } from "./parts.tsx";
import { decisionRef, rankingPath } from "./publication.ts";
import type { Correction, Headline, Overview, PublishedCycle, RankingItem } from "./types.ts";

type Change = Correction["changes"][number];

/** An agency's headline figures in one version, or "not ranked". */
function Figures({ h }: { h: Headline | null }) {
  const { t } = useTranslation("public");
  if (!h) return <>{t("ranking.notRanked")}</>;
  return (
    <span className="num" style={{ whiteSpace: "normal", textAlign: "left" }}>
      {t("ranking.figures", {
        points: pts(h.points),
        max: pts(h.max),
        percent: pct(h.percent),
        rank: h.rank ?? "—",
        grade: h.grade ?? "—",
      })}
    </span>
  );
}

/** What people quote: when the results were first published, by which decision, which version this is. */
function PublicationSummary({ data }: { data: PublishedCycle }) {
  const { t, i18n } = useTranslation("public");
  const p = data.publication;
  const decision = data.versions[0]?.decision ?? null;
  const sample = data.items.length > 0 && data.items.every((i) => i.sample);
  return (
    <Descriptions
      size="small"
      column={1}
      style={{ marginBottom: 16 }}
      styles={{ label: { minWidth: 150 } }}
      items={[
        {
          key: "first",
          label: t("ranking.firstPublished"),
          children: <span data-figure="first-published">{date(data.cycle.firstPublishedAt)}</span>,
        },
        {
          key: "decision",
          label: t("ranking.decision"),
          children: (
            <span data-figure="decision">
              {decision
                ? t("ranking.decisionText", { ref: decisionRef(decision, i18n.language) })
                : sample
                  ? t("ranking.noDecisionSample")
                  : t("ranking.noDecision")}
            </span>
          ),
        },
        {
          key: "version",
          label: t("ranking.version"),
          children: (
            <span data-figure="version">
              {p.version === 1
                ? t("ranking.versionFirst", { version: p.version })
                : t("ranking.versionCorrection", { version: p.version, date: date(p.publishedAt) })}
              {data.currentVersion > 1 &&
                ` (${p.current ? t("ranking.versionCurrent") : t("ranking.versionNotCurrent")})`}
            </span>
          ),
        },
      ]}
    />
  );
}

/** How to check this publication later: its versions, who published it, the hashes it recorded. */
function PublicationProof({ data }: { data: PublishedCycle }) {
  const { t } = useTranslation("public");
  const phone = useIsPhone();
  const p = data.publication;
  const items: { key: string; label: string; children: ReactNode }[] = [
    {
      key: "versions",
      label: t("ranking.versions"),
      children: (
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-figure="versions">
          {data.versions.map((v) => {
            const label = t("ranking.versionItem", { version: v.version, date: date(v.publishedAt) });
            const notes = [
              v.version === data.currentVersion ? t("ranking.versionCurrent") : null,
              v.version === p.version ? t("ranking.versionShown") : null,
            ].filter(Boolean);
            return (
              <li key={v.version}>
                {v.version === p.version ? (
                  <span aria-current="page">{label}</span>
                ) : (
                  <Link to={rankingPath(data.cycle.id, v.version, data.currentVersion)}>{label}</Link>
                )}
                {notes.length > 0 && ` — ${notes.join(", ")}`}
              </li>
            );
          })}
        </ul>
      ),
    },
  ];
  if (p.publishedBy && p.publishedBy !== "system")
    items.push({ key: "by", label: t("ranking.publishedBy"), children: p.publishedBy });
  items.push(
    {
      key: "audit",
      label: t("ranking.auditHead"),
      children: (
        <div data-figure="audit-head">
          <span style={{ overflowWrap: "anywhere" }}>
            {t("ranking.auditHeadValue", { n: countText(p.auditHead.length) })}{" "}
            <HashText hash={p.auditHead.hash} copyLabel={t("ranking.copyHash")} />
          </span>
          <div style={{ color: "rgba(0, 0, 0, 0.68)", fontSize: 13 }}>{t("ranking.auditHeadHelp")}</div>
        </div>
      ),
    },
    {
      key: "hash",
      label: t("ranking.snapshotHash"),
      children: (
        <div data-figure="snapshot-hash">
          <HashText hash={p.hash} copyLabel={t("ranking.copyHash")} />
          <div style={{ color: "rgba(0, 0, 0, 0.68)", fontSize: 13 }}>{t("ranking.snapshotHashHelp")}</div>
        </div>
      ),
    },
  );
  return (
    <Card style={{ marginBottom: 16 }}>
      <section aria-labelledby="proof-title">
        <h2 id="proof-title" style={{ fontSize: 20, marginTop: 0 }}>
          {t("ranking.proof")}
        </h2>
        <Descriptions
          size="small"
          column={1}
          layout={phone ? "vertical" : "horizontal"}
          styles={{ label: { width: phone ? undefined : 220 } }}
          items={items}
        />
      </section>
    </Card>
  );
}

function CorrectionCard({ c, data }: { c: Correction; data: PublishedCycle }) {
  const { t, i18n } = useTranslation("public");
  const phone = useIsPhone();
  const year = data.cycle.year;
  return (
    <article data-correction={c.version} style={{ marginBottom: 16 }}>
      <h3 style={{ fontSize: 17, margin: "8px 0" }}>
        {t("ranking.correctionTitle", { version: c.version, date: date(c.publishedAt) })}
      </h3>
      {c.decision && (
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          {t("ranking.correctionDecision", { ref: decisionRef(c.decision, i18n.language) })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph data-figure="reason" style={{ overflowWrap: "anywhere" }}>
        <strong>{t("ranking.correctionReason")}:</strong> {c.reason ?? "—"}
      </Typography.Paragraph>
      <Table<Change>
        rowKey="agencyId"
        size="small"
        dataSource={c.changes}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        caption={
          <Typography.Text strong>
            {t("ranking.changesCaption", { version: c.version, previous: c.version - 1 })}
          </Typography.Text>
        }
        locale={{ emptyText: <EmptyState description={t("ranking.noChanges")} /> }}
        onRow={(r) => ({ "data-change": r.agencyId }) as HTMLAttributes<HTMLElement>}
        columns={stackOnPhone<Change>(
          [
            {
              title: t("ranking.agency"),
              key: "agency",
              render: (_, r) => <Link to={`/public/agencies/${r.agencyId}?year=${year}`}>{r.name}</Link>,
            },
            {
              title: t("ranking.before", { version: c.version - 1 }),
              key: "old",
              render: (_, r) => (
                <span data-side="old">
                  <Figures h={r.old} />
                </span>
              ),
            },
            {
              title: t("ranking.after", { version: c.version }),
              key: "new",
              render: (_, r) => (
                <strong data-side="new">
                  <Figures h={r.new} />
                </strong>
              ),
            },
          ],
          phone,
          t("ranking.agency"),
        )}
      />
      <Typography.Paragraph style={{ marginTop: 8 }}>
        <Link
          to={rankingPath(data.cycle.id, c.version - 1, data.currentVersion)}
          style={{ textDecoration: "underline" }}
        >
          {t("ranking.previousVersion", { version: c.version - 1 })}
        </Link>
      </Typography.Paragraph>
    </article>
  );
}

function RankingTable({ data, query }: { data: PublishedCycle; query: string }) {
  const { t } = useTranslation("public");
  const phone = useIsPhone();
  const group = useGroupName();
  const key = searchKey(query);
  const items = data.items.filter((r) => !key || searchKey(r.agency).includes(key));
  const agencyLink = (r: RankingItem) => `/public/agencies/${r.agencyId}?year=${data.cycle.year}`;
  return (
    <Table<RankingItem>
      rowKey="agencyId"
      size="small"
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={phone ? undefined : { x: true }}
      caption={
        <Typography.Text strong>
          {t("ranking.caption", { year: data.cycle.year, group: group(data.cycle.group) })}
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
              { title: t("ranking.rank"), key: "rank", className: "num", render: (_, r) => r.rank ?? "—" },
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
  );
}

export default function RankingPage() {
  const { t } = useTranslation("public");
  const params = useParams();
  const cycleId = Number(params.cycleId);
  const version = params.version === undefined ? undefined : Number(params.version);
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const group = useGroupName();
  const overview = useApi<Overview>("/public/overview");
  const valid =
    Number.isInteger(cycleId) &&
    cycleId > 0 &&
    (version === undefined || (Number.isInteger(version) && version > 0));
  const path = !valid
    ? null
    : version === undefined
      ? `/public/cycles/${cycleId}`
      : `/public/cycles/${cycleId}/versions/${version}`;
  const q = useApi<PublishedCycle>(path, { retry: (n, e) => e.status !== 404 && n < 2 });
  const query = search.get("q") ?? "";

  if (q.isLoading)
    return (
      <div className="page">
        <Loading rows={8} />
      </div>
    );
  if (!q.data) {
    const missing = !valid || q.error?.status === 404;
    return (
      <div className="page">
        <Typography.Title level={1} style={{ fontSize: 26 }}>
          {t("ranking.titleUnknown")}
        </Typography.Title>
        {missing ? (
          <NotPublished
            title={t("ranking.notFoundTitle")}
            help={
              version !== undefined
                ? t("ranking.versionNotFound", { version: params.version })
                : t("ranking.notFound")
            }
          />
        ) : (
          <ErrorBox error={q.error} />
        )}
      </div>
    );
  }

  const data = q.data;
  const c = data.cycle;
  const p = data.publication;
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26, marginBottom: 4 }}>
        {t("ranking.title", { year: c.year, group: group(c.group) })}
      </Typography.Title>
      <Typography.Paragraph>
        {t("ranking.lead", { province: c.province, framework: c.framework.title, n: data.items.length })}
      </Typography.Paragraph>

      {!p.current ? (
        <Alert
          type="warning"
          showIcon
          data-state="old-version"
          style={{ marginBottom: 16 }}
          title={<strong>{t("ranking.oldVersionTitle", { version: p.version })}</strong>}
          description={
            <>
              <div>{t("ranking.oldVersionHelp", { current: data.currentVersion })}</div>
              <LinkButton to={rankingPath(c.id)} type="primary" style={{ marginTop: 8 }}>
                {t("ranking.seeCurrent")}
              </LinkButton>
            </>
          }
        />
      ) : (
        p.version > 1 && (
          <Alert
            type="info"
            showIcon
            data-state="corrected"
            style={{ marginBottom: 16 }}
            title={t("ranking.correctedTitle", { version: p.version })}
            description={
              <>
                {t("ranking.correctedHelp")}{" "}
                <a href="#corrections-title" style={{ textDecoration: "underline" }}>
                  {t("ranking.seeCorrections")}
                </a>
              </>
            }
          />
        )
      )}

      <PublicationSummary data={data} />

      <Form layout="vertical" style={{ display: "flex", flexWrap: "wrap", gap: "0 16px" }}>
        <Form.Item
          label={t("ranking.otherCycle")}
          htmlFor="public-cycle"
          style={{ flex: "1 1 260px", maxWidth: 420, minWidth: 0 }}
        >
          <Select
            id="public-cycle"
            value={c.id}
            onChange={(id: number) => navigate(rankingPath(id))}
            options={(
              overview.data?.cycles ?? [
                { id: c.id, year: c.year, group: c.group, version: data.currentVersion },
              ]
            ).map((o) => ({
              value: o.id,
              label: `${t("home.cycleName", { year: o.year, group: group(o.group) })}${o.version > 1 ? ` (${t("correctedVersion", { version: o.version })})` : ""}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t("ranking.search")}
          htmlFor="public-ranking-search"
          style={{ flex: "1 1 260px", maxWidth: 420, minWidth: 0 }}
        >
          <Input.Search
            id="public-ranking-search"
            allowClear
            defaultValue={query}
            placeholder={t("ranking.searchPlaceholder")}
            onSearch={(v) => setSearch(v ? { q: v } : {}, { replace: true })}
          />
        </Form.Item>
      </Form>

      <Card style={{ marginBottom: 16 }}>
        <RankingTable data={data} query={query} />
        {data.items.some((i) => i.sample) && (
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
            {t("ranking.sampleNote")}
          </Typography.Paragraph>
        )}
      </Card>

      {data.excluded.length > 0 && (
        <Card style={{ marginBottom: 16 }}>
          <section aria-labelledby="excluded-title">
            <h2 id="excluded-title" style={{ fontSize: 20, marginTop: 0 }}>
              {t("ranking.excluded")}
            </h2>
            <Typography.Paragraph>{t("ranking.excludedHelp")}</Typography.Paragraph>
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {data.excluded.map((e) => (
                <li
                  key={e.agencyId}
                  data-excluded={e.agencyId}
                  style={{ marginBottom: 6, overflowWrap: "anywhere" }}
                >
                  <Link to={`/public/agencies/${e.agencyId}?year=${c.year}`}>{e.name}</Link>
                  <div>{t("ranking.excludedReason", { reason: e.reason })}</div>
                </li>
              ))}
            </ul>
          </section>
        </Card>
      )}

      {data.corrections.length > 0 && (
        <Card style={{ marginBottom: 16 }}>
          <section aria-labelledby="corrections-title">
            <h2 id="corrections-title" style={{ fontSize: 20, marginTop: 0 }}>
              {t("ranking.corrections")}
            </h2>
            {data.corrections.map((corr) => (
              <CorrectionCard key={corr.version} c={corr} data={data} />
            ))}
          </section>
        </Card>
      )}

      <PublicationProof data={data} />
    </div>
  );
}
