/**
 * /appraisal: the areas assigned to the signed-in appraiser across agencies and cycles (every area for
 * the province PAR office), with self-assessed and appraised totals from the API and how far along it is.
 */
import { Grid, Input, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { compareVi, matchesSearch } from "../../../../core/locale.ts";
import { useApi } from "../../api.ts";
import { ErrorBox } from "../../components/common.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { date, pts } from "../../format.ts";
import { STATUS_COLOR, type Status, type Window } from "../self-assessment/model.ts";

export interface AppraisalRow {
  cycleId: number;
  year: number;
  group: string;
  appraisalCloses: string | null;
  appraisalWindow: Window;
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  status: Status;
  areas: {
    code: string;
    title: string;
    max: number | null;
    self: number | null;
    points: number | null;
    leaves: number;
    appraisedLeaves: number;
  }[];
}

// Submitted assessments first: they are the ones waiting for the appraiser.
const ORDER: Record<Status, number> = { submitted: 0, appraised: 1, draft: 2, finalised: 3 };

export default function AppraisalIndex() {
  const { t } = useTranslation("appraisal");
  const narrow = !Grid.useBreakpoint().md;
  const areaList = (r: AppraisalRow) => (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {r.areas.map((a) => (
        <li key={a.code} data-area={`${r.agencyCode}-${a.code}`}>
          {t("index.area", {
            code: a.code,
            title: a.title,
            self: pts(a.self),
            points: pts(a.points),
            max: pts(a.max),
            done: a.appraisedLeaves,
            leaves: a.leaves,
          })}
        </li>
      ))}
    </ul>
  );
  const q = useApi<{ items: AppraisalRow[] }>("/me/appraisals");
  const [search, setSearch] = useState("");
  const rows = (q.data?.items ?? [])
    .filter((r) => matchesSearch(`${r.agencyName} ${r.agencyCode}`, search))
    .sort(
      (a, b) => b.year - a.year || ORDER[a.status] - ORDER[b.status] || compareVi(a.agencyName, b.agencyName),
    );
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t("index.title")}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 760 }}>{t("index.intro")}</Typography.Paragraph>
      <ErrorBox error={q.error} />
      <Input.Search
        allowClear
        aria-label={t("index.search")}
        placeholder={t("index.searchPlaceholder")}
        style={{ maxWidth: 360, marginBottom: 12 }}
        onChange={(e) => setSearch(e.target.value)}
      />
      {/* On a phone: the agency with its status and deadline, and the button; its areas open on tap. */}
      <Table<AppraisalRow>
        rowKey={(r) => `${r.cycleId}-${r.agencyId}`}
        loading={q.isLoading}
        dataSource={rows}
        size="middle"
        scroll={narrow ? undefined : { x: 860 }}
        expandable={
          narrow
            ? { expandedRowRender: (r) => areaList(r), rowExpandable: (r) => r.areas.length > 0 }
            : undefined
        }
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        title={() => <h2 style={{ fontSize: 18, margin: 0 }}>{t("index.caption")}</h2>}
        locale={{
          // Said as text: the empty table's placeholder grey is too pale to read.
          emptyText: <Typography.Text>{search ? t("index.noMatch") : t("index.empty")}</Typography.Text>,
        }}
        columns={[
          { key: "year", title: t("index.year"), dataIndex: "year", width: 80, responsive: ["md"] },
          {
            key: "agency",
            title: t("index.agency"),
            render: (_, r) => (
              <>
                <Typography.Text strong>{r.agencyName}</Typography.Text>
                {narrow && ` (${r.year})`}
                <br />
                <Tag color={STATUS_COLOR[r.status]}>{t(`common:status.${r.status}`)}</Tag>
                {narrow && (
                  <div>
                    {t("index.closes")}: {date(r.appraisalCloses)}
                    {r.appraisalWindow !== "open" && <Tag>{t(`window.${r.appraisalWindow}`)}</Tag>}
                  </div>
                )}
              </>
            ),
          },
          {
            key: "areas",
            title: t("index.areas"),
            responsive: ["md"],
            render: (_, r) => areaList(r),
          },
          {
            key: "closes",
            title: t("index.closes"),
            responsive: ["md"],
            render: (_, r) => (
              <>
                {date(r.appraisalCloses)}
                {r.appraisalWindow !== "open" && (
                  <>
                    <br />
                    <Tag>{t(`window.${r.appraisalWindow}`)}</Tag>
                  </>
                )}
              </>
            ),
          },
          {
            key: "open",
            title: t("index.action"),
            render: (_, r) => (
              <LinkButton
                to={`/appraisal/${r.cycleId}/${r.agencyId}`}
                type={r.status === "submitted" && r.appraisalWindow === "open" ? "primary" : "default"}
                // The name starts with the words the button shows (WCAG 2.5.3), then says for whom.
                aria-label={t("index.openLabel", {
                  action:
                    r.status === "submitted" && r.appraisalWindow === "open"
                      ? t("index.appraise")
                      : t("index.view"),
                  agency: r.agencyName,
                  year: r.year,
                })}
              >
                {r.status === "submitted" && r.appraisalWindow === "open"
                  ? t("index.appraise")
                  : t("index.view")}
              </LinkButton>
            ),
          },
        ]}
      />
    </div>
  );
}
