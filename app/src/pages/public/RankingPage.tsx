/**
 * /public/rankings/:cycleId?q= — a cycle's published results as the current version of their
 * publication says — and /public/rankings/:cycleId/v/:version, an earlier version at its own address.
 * Beside the table: when the results were first published, by which decision, the version, the
 * agencies left out of the ranking with the reason, every correction (its reason and each agency's
 * old → new figures) and the audit log's check value the publication recorded.
 *
 * The page people reach first, often on a slow phone: drawn in plain React and CSS (styles.css,
 * `.light-…` and `.rank-…`), without antd or a chart, so its first load is small (see
 * test/integration/bundle-budget.test.ts). On a phone the table keeps three columns (rank, the agency
 * with its points, grade and change beneath, the index): nothing to scroll sideways.
 */
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { searchKey } from "../../../../core/locale.ts";
import { useApi } from "../../api.ts";
import { ButtonLink, LightError, LightLoading, Notice } from "../../components/light.tsx";
import { countText, date, pct, pts, shortHash } from "../../format.ts";
import { NotPublished, RankChangeText, useGroupName, useIsPhone } from "./parts.tsx";
import { decisionRef, rankingPath } from "./publication.ts";
import type { Correction, Headline, Overview, PublishedCycle, RankingItem } from "./types.ts";

type Change = Correction["changes"][number];

const PAGE_SIZE = 20;

/** An agency's headline figures in one version, or "not ranked". */
function Figures({ h }: { h: Headline | null }) {
  const { t } = useTranslation("public");
  if (!h) return <>{t("ranking.notRanked")}</>;
  return (
    <>
      {t("ranking.figures", {
        points: pts(h.points),
        max: pts(h.max),
        percent: pct(h.percent),
        rank: h.rank ?? "—",
        grade: h.grade ?? "—",
      })}
    </>
  );
}

/** Label–value pairs, one per line (a description list). */
function Facts({ items }: { items: { key: string; label: string; children: ReactNode }[] }) {
  return (
    <dl className="light-facts">
      {items.map((i) => (
        <div key={i.key}>
          <dt>{i.label}</dt>
          <dd>{i.children}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A SHA-256 hash: its first 12 hex digits to read, the whole in the title and one click from the clipboard. */
function Hash({ hash }: { hash: string }) {
  const { t } = useTranslation("public");
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(hash);
    } catch {
      // Without the clipboard API (a page served over plain HTTP): the older way.
      const area = document.createElement("textarea");
      area.value = hash;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      const done = document.execCommand("copy");
      area.remove();
      // Said only when it happened: otherwise the hash stays in the title to copy by hand.
      if (!done) return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 3000);
  };
  return (
    <span className="light-hash">
      <code title={hash} data-hash={hash}>
        {shortHash(hash)}
      </code>
      <button type="button" className="light-button light-button-small" onClick={copy}>
        {t("ranking.copyHash")}
      </button>
      <span role="status" className="light-hash-copied">
        {copied ? t("ranking.copied") : ""}
      </span>
    </span>
  );
}

/** Which slice of a long list is shown, and buttons to move through it; nothing for one page. */
function usePages<T>(rows: T[]): { shown: T[]; pager: ReactNode } {
  const { t } = useTranslation("public");
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  if (pages === 1) return { shown, pager: null };
  return {
    shown,
    pager: (
      <nav aria-label={t("ranking.pages")} className="light-pager">
        <button
          type="button"
          className="light-button light-button-small"
          disabled={current === 1}
          onClick={() => setPage(current - 1)}
          aria-label={t("ranking.previousPage")}
        >
          ‹
        </button>
        {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
          <button
            key={n}
            type="button"
            className="light-button light-button-small"
            aria-current={n === current ? "page" : undefined}
            aria-label={t("ranking.pageN", { n })}
            onClick={() => setPage(n)}
          >
            {n}
          </button>
        ))}
        <button
          type="button"
          className="light-button light-button-small"
          disabled={current === pages}
          onClick={() => setPage(current + 1)}
          aria-label={t("ranking.nextPage")}
        >
          ›
        </button>
      </nav>
    ),
  };
}

/** What people quote: when the results were first published, by which decision, which version this is. */
function PublicationSummary({ data }: { data: PublishedCycle }) {
  const { t, i18n } = useTranslation("public");
  const p = data.publication;
  const decision = data.versions[0]?.decision ?? null;
  const sample = data.items.length > 0 && data.items.every((i) => i.sample);
  return (
    <Facts
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
  const { t, i18n } = useTranslation("public");
  const p = data.publication;
  const items: { key: string; label: string; children: ReactNode }[] = [
    {
      key: "versions",
      label: t("ranking.versions"),
      children: (
        <ul className="light-list" data-figure="versions">
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
          <span className="light-wrap">
            {t("ranking.auditHeadValue", { n: countText(p.auditHead.length) })}{" "}
            <Hash hash={p.auditHead.hash} />
          </span>
          <div className="light-help">{t("ranking.auditHeadHelp")}</div>
        </div>
      ),
    },
    {
      key: "hash",
      label: t("ranking.snapshotHash"),
      children: (
        <div data-figure="snapshot-hash">
          <Hash hash={p.hash} />
          <div className="light-help">{t("ranking.snapshotHashHelp")}</div>
        </div>
      ),
    },
  );
  return (
    <section className="light-card" aria-labelledby="proof-title">
      <h2 id="proof-title">{t("ranking.proof")}</h2>
      <Facts items={items} />
    </section>
  );
}

function CorrectionCard({ c, data }: { c: Correction; data: PublishedCycle }) {
  const { t, i18n } = useTranslation("public");
  const phone = useIsPhone();
  const year = data.cycle.year;
  const { shown, pager } = usePages(c.changes);
  const agency = (r: Change) => <Link to={`/public/agencies/${r.agencyId}?year=${year}`}>{r.name}</Link>;
  const before = t("ranking.before", { version: c.version - 1 });
  const after = t("ranking.after", { version: c.version });
  const old = (r: Change) => (
    <span data-side="old">
      <Figures h={r.old} />
    </span>
  );
  const now = (r: Change) => (
    <strong data-side="new">
      <Figures h={r.new} />
    </strong>
  );
  return (
    <article data-correction={c.version} className="rank-correction">
      <h3>{t("ranking.correctionTitle", { version: c.version, date: date(c.publishedAt) })}</h3>
      {c.decision && (
        <p>{t("ranking.correctionDecision", { ref: decisionRef(c.decision, i18n.language) })}</p>
      )}
      <p data-figure="reason" className="light-wrap">
        <strong>{t("ranking.correctionReason")}:</strong> {c.reason ?? "—"}
      </p>
      <table className="light-table">
        <caption>{t("ranking.changesCaption", { version: c.version, previous: c.version - 1 })}</caption>
        <thead>
          {phone ? (
            <tr>
              <th scope="col">{t("ranking.agency")}</th>
            </tr>
          ) : (
            <tr>
              <th scope="col">{t("ranking.agency")}</th>
              <th scope="col">{before}</th>
              <th scope="col">{after}</th>
            </tr>
          )}
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={phone ? 1 : 3} className="light-empty">
                {t("ranking.noChanges")}
              </td>
            </tr>
          )}
          {shown.map((r) =>
            phone ? (
              <tr key={r.agencyId} data-change={r.agencyId}>
                <td>
                  <div className="rank-strong">{agency(r)}</div>
                  <div>
                    {before}: {old(r)}
                  </div>
                  <div>
                    {after}: {now(r)}
                  </div>
                </td>
              </tr>
            ) : (
              <tr key={r.agencyId} data-change={r.agencyId}>
                <td>{agency(r)}</td>
                <td>{old(r)}</td>
                <td>{now(r)}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      {pager}
      <p>
        <Link to={rankingPath(data.cycle.id, c.version - 1, data.currentVersion)} className="light-underline">
          {t("ranking.previousVersion", { version: c.version - 1 })}
        </Link>
      </p>
    </article>
  );
}

function RankingTable({ data, query }: { data: PublishedCycle; query: string }) {
  const { t } = useTranslation("public");
  const phone = useIsPhone();
  const group = useGroupName();
  const key = searchKey(query);
  const items = data.items.filter((r) => !key || searchKey(r.agency).includes(key));
  const { shown, pager } = usePages(items);
  const agencyLink = (r: RankingItem) => (
    <Link to={`/public/agencies/${r.agencyId}?year=${data.cycle.year}`}>{r.agency}</Link>
  );
  const sample = (r: RankingItem) => r.sample && <span className="light-tag">{t("sample")}</span>;
  const points = (r: RankingItem) => t("pointsOf", { points: pts(r.points), max: pts(r.max) });
  const columns = phone ? 3 : 6;
  return (
    <>
      <table className={phone ? "light-table rank-table rank-table-phone" : "light-table rank-table"}>
        <caption>{t("ranking.caption", { year: data.cycle.year, group: group(data.cycle.group) })}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("ranking.rank")}
            </th>
            <th scope="col">{t("ranking.agency")}</th>
            {!phone && (
              <th scope="col" className="num">
                {t("ranking.points")}
              </th>
            )}
            <th scope="col" className="num">
              {t("ranking.index")}
            </th>
            {!phone && <th scope="col">{t("ranking.grade")}</th>}
            {!phone && <th scope="col">{t("ranking.change")}</th>}
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={columns} className="light-empty">
                {query ? t("ranking.noMatch", { q: query }) : t("ranking.empty")}
              </td>
            </tr>
          )}
          {shown.map((r) =>
            phone ? (
              <tr key={r.agencyId} data-agency={r.agencyId}>
                <td className="num rank-rank">{r.rank ?? "—"}</td>
                <td>
                  <div>{agencyLink(r)}</div>
                  <div className="rank-detail">
                    {points(r)} · {t("ranking.gradeShort", { grade: r.grade ?? "—" })}
                  </div>
                  <div className="rank-detail">
                    <RankChangeText change={r.rankChange} />
                    {sample(r)}
                  </div>
                </td>
                <td className="num rank-index">{pct(r.percent)}</td>
              </tr>
            ) : (
              <tr key={r.agencyId} data-agency={r.agencyId}>
                <td className="num">{r.rank ?? "—"}</td>
                <td>
                  {agencyLink(r)}
                  {sample(r)}
                </td>
                <td className="num">{points(r)}</td>
                <td className="num rank-index">{pct(r.percent)}</td>
                <td>{r.grade ?? "—"}</td>
                <td>
                  <RankChangeText change={r.rankChange} />
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      {pager}
    </>
  );
}

/** The cycle to show and the agency to look for (kept in the address, so a filtered table can be shared). */
function Pickers({ data, overview, query }: { data: PublishedCycle; overview?: Overview; query: string }) {
  const { t } = useTranslation("public");
  const navigate = useNavigate();
  const [, setSearch] = useSearchParams();
  const group = useGroupName();
  const c = data.cycle;
  const search = (v: string) => setSearch(v ? { q: v } : {}, { replace: true });
  const cycles = overview?.cycles ?? [
    { id: c.id, year: c.year, group: c.group, version: data.currentVersion },
  ];
  return (
    <div className="light-fields">
      {/* Goes to the chosen cycle on the button, not on each change: arrow keys on a closed picker
          change its value, and leaving the page then would be a change of context on input. */}
      <form
        className="light-field"
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          const id = Number(new FormData(e.currentTarget).get("cycle"));
          if (id && id !== c.id) navigate(rankingPath(id));
        }}
      >
        <label htmlFor="public-cycle">{t("ranking.otherCycle")}</label>
        <div className="light-search">
          <select id="public-cycle" name="cycle" defaultValue={c.id}>
            {cycles.map((o) => (
              <option key={o.id} value={o.id}>
                {`${t("home.cycleName", { year: o.year, group: group(o.group) })}${o.version > 1 ? ` (${t("correctedVersion", { version: o.version })})` : ""}`}
              </option>
            ))}
          </select>
          <button type="submit" className="light-button">
            {t("ranking.showCycle")}
          </button>
        </div>
      </form>
      <form
        className="light-field"
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          search(String(new FormData(e.currentTarget).get("q") ?? "").trim());
        }}
      >
        <label htmlFor="public-ranking-search">{t("ranking.search")}</label>
        <div className="light-search">
          <input
            id="public-ranking-search"
            name="q"
            type="search"
            defaultValue={query}
            placeholder={t("ranking.searchPlaceholder")}
            // Emptied (typed away or the clear button): the whole table again.
            onChange={(e) => {
              if (!e.target.value && query) search("");
            }}
          />
          <button type="submit" className="light-button">
            {t("ranking.searchButton")}
          </button>
        </div>
      </form>
    </div>
  );
}

export default function RankingPage() {
  const { t } = useTranslation("public");
  const params = useParams();
  const cycleId = Number(params.cycleId);
  const version = params.version === undefined ? undefined : Number(params.version);
  const [search] = useSearchParams();
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
        <LightLoading rows={8} />
      </div>
    );
  if (!q.data) {
    const missing = !valid || q.error?.status === 404;
    return (
      <div className="page">
        <h1 className="light-title">{t("ranking.titleUnknown")}</h1>
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
          <LightError error={q.error} />
        )}
      </div>
    );
  }

  const data = q.data;
  const c = data.cycle;
  const p = data.publication;
  return (
    <div className="page">
      <h1 className="light-title">{t("ranking.title", { year: c.year, group: group(c.group) })}</h1>
      <p>{t("ranking.lead", { province: c.province, framework: c.framework.title, n: data.items.length })}</p>

      {!p.current ? (
        <Notice
          kind="warning"
          data-state="old-version"
          title={<strong>{t("ranking.oldVersionTitle", { version: p.version })}</strong>}
        >
          <div>{t("ranking.oldVersionHelp", { current: data.currentVersion })}</div>
          <div className="light-notice-action">
            <ButtonLink to={rankingPath(c.id)} primary>
              {t("ranking.seeCurrent")}
            </ButtonLink>
          </div>
        </Notice>
      ) : (
        p.version > 1 && (
          <Notice
            kind="info"
            data-state="corrected"
            title={t("ranking.correctedTitle", { version: p.version })}
          >
            {t("ranking.correctedHelp")}{" "}
            <a href="#corrections-title" className="light-underline">
              {t("ranking.seeCorrections")}
            </a>
          </Notice>
        )
      )}

      <PublicationSummary data={data} />
      <Pickers key={c.id} data={data} overview={overview.data} query={query} />

      <section className="light-card">
        <RankingTable key={query} data={data} query={query} />
        {data.items.some((i) => i.sample) && <p className="rank-note">{t("ranking.sampleNote")}</p>}
      </section>

      {data.excluded.length > 0 && (
        <section className="light-card" aria-labelledby="excluded-title">
          <h2 id="excluded-title">{t("ranking.excluded")}</h2>
          <p>{t("ranking.excludedHelp")}</p>
          <ul className="light-list">
            {data.excluded.map((e) => (
              <li key={e.agencyId} data-excluded={e.agencyId} className="light-wrap">
                <Link to={`/public/agencies/${e.agencyId}?year=${c.year}`}>{e.name}</Link>
                <div>{t("ranking.excludedReason", { reason: e.reason })}</div>
              </li>
            ))}
          </ul>
        </section>
      )}

      {data.corrections.length > 0 && (
        <section className="light-card" aria-labelledby="corrections-title">
          <h2 id="corrections-title">{t("ranking.corrections")}</h2>
          {data.corrections.map((corr) => (
            <CorrectionCard key={corr.version} c={corr} data={data} />
          ))}
        </section>
      )}

      <PublicationProof data={data} />
    </div>
  );
}
