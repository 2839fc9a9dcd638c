/**
 * The criteria tree with max points and the running totals the API computed: areas → criteria →
 * sub-criteria, one button per leaf that opens it. Shared by the self-assessment and appraisal pages.
 */
import { Button, Grid, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table/index.js";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { computesPoints } from "../../../../core/contracts/scores.ts";
import { pct, pts } from "../../format.ts";
import { buildTree, type ScoreNode, type Scores, type TreeRow } from "./model.ts";

interface Props {
  scores: Scores;
  caption: ReactNode;
  /** Which areas to show (the appraiser's); all by default. */
  areas?: string[];
  /** Appraisal view: appraised points and remarks instead of the evidence warning. */
  appraisal?: boolean;
  openLabel: (n: ScoreNode) => string;
  openText: (n: ScoreNode) => string;
  onOpen: (code: string) => void;
}

export function CriteriaTable({
  scores,
  caption,
  areas,
  appraisal = false,
  openLabel,
  openText,
  onOpen,
}: Props) {
  const { t } = useTranslation("selfAssessment");
  const rows = buildTree(scores.nodes, (n) => !areas || areas.includes(n.code));
  // On a phone: the criterion (with its code), its points against the max, and the button that opens
  // it with everything else; the self-assessed points and the evidence count move under the points.
  const narrow = !Grid.useBreakpoint().md;
  const finalOf = (n: TreeRow) =>
    n.leaf
      ? pts(appraisal || (n.self === null && n.appraised === null) ? n.appraised : n.points)
      : pts(n.points);
  const compact: ColumnsType<TreeRow> = [
    {
      key: "title",
      title: t("table.criterion"),
      render: (_, n) => (
        <>
          <Typography.Text strong={!n.leaf}>
            {n.code}. {n.title}
          </Typography.Text>{" "}
          {!n.applicable && <Tag>{t("table.notApplicable")}</Tag>}
          {!appraisal && n.lacksEvidence && <Tag color="orange">{t("table.lacksEvidence")}</Tag>}
          {n.remark && (
            <Tag color={n.reply ? "green" : "gold"}>{n.reply ? t("table.replied") : t("table.remark")}</Tag>
          )}
        </>
      ),
    },
    {
      key: "points",
      title: appraisal ? t("table.appraised") : t("table.final"),
      align: "right",
      render: (_, n) => (
        <div className="num">
          <span data-final={n.code}>{n.leaf ? finalOf(n) : <strong>{finalOf(n)}</strong>}</span>
          {" / "}
          {pts(n.applicableMax ?? n.max)}
          <div style={{ fontSize: 12, color: "#434343" }}>
            {t("table.self")}: <span data-self={n.code}>{pts(n.leaf ? n.self : n.selfTotal)}</span>
          </div>
        </div>
      ),
    },
    {
      key: "open",
      title: <span className="sr-only">{t("table.action")}</span>,
      width: 64,
      render: (_, n) =>
        n.leaf ? (
          <Button size="small" onClick={() => onOpen(n.code)} aria-label={openLabel(n)}>
            {openText(n)}
          </Button>
        ) : null,
    },
  ];
  const columns: ColumnsType<TreeRow> = [
    { key: "code", title: t("table.code"), dataIndex: "code", width: 90 },
    {
      key: "title",
      title: t("table.criterion"),
      render: (_, n) => (
        <>
          <Typography.Text strong={!n.leaf}>{n.title}</Typography.Text>{" "}
          {!n.applicable && <Tag>{t("table.notApplicable")}</Tag>}
          {n.leaf && computesPoints(n.rule) && <Tag color="blue">{t("table.byRule")}</Tag>}
          {!appraisal && n.lacksEvidence && <Tag color="orange">{t("table.lacksEvidence")}</Tag>}
          {n.remark && (
            <Tag color={n.reply ? "green" : "gold"}>{n.reply ? t("table.replied") : t("table.remark")}</Tag>
          )}
        </>
      ),
    },
    {
      key: "max",
      title: t("table.max"),
      align: "right",
      render: (_, n) => <span className="num">{pts(n.applicableMax ?? n.max)}</span>,
    },
    {
      key: "self",
      title: t("table.self"),
      align: "right",
      render: (_, n) => (
        <span className="num" data-self={n.code}>
          {n.leaf ? pts(n.self) : <strong>{pts(n.selfTotal)}</strong>}
        </span>
      ),
    },
    {
      key: "final",
      title: appraisal ? t("table.appraised") : t("table.final"),
      align: "right",
      render: (_, n) => (
        <span className="num" data-final={n.code}>
          {n.leaf ? (
            pts(appraisal || (n.self === null && n.appraised === null) ? n.appraised : n.points)
          ) : (
            <strong>{pts(n.points)}</strong>
          )}
        </span>
      ),
    },
    {
      key: "evidence",
      title: t("table.evidence"),
      align: "right",
      render: (_, n) => (n.leaf ? <span className="num">{n.evidence.length}</span> : null),
    },
    {
      key: "open",
      title: t("table.action"),
      render: (_, n) =>
        n.leaf ? (
          <Button size="small" onClick={() => onOpen(n.code)} aria-label={openLabel(n)}>
            {openText(n)}
          </Button>
        ) : null,
    },
  ];
  return (
    <Table<TreeRow>
      rowKey="code"
      size="small"
      columns={narrow ? compact : columns}
      dataSource={rows}
      expandable={{ defaultExpandAllRows: true, indentSize: narrow ? 8 : 15 }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={narrow ? undefined : { x: 760 }}
      title={() => caption}
      locale={{ emptyText: t("table.empty") }}
      summary={() =>
        areas ? null : narrow ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t("table.total")}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right" colSpan={2}>
              <strong className="num" data-testid="total-final">
                {pts(scores.points)}
              </strong>{" "}
              <span className="num">({pct(scores.percent)})</span>
              <div style={{ fontSize: 12, color: "#434343" }}>
                {t("table.self")}:{" "}
                <span className="num" data-testid="total-self">
                  {pts(scores.selfPoints)}
                </span>{" "}
                <span className="num">({pct(scores.selfPercent)})</span>
              </div>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <strong>{t("table.total")}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <span className="num">{pts(scores.max)}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <strong className="num" data-testid="total-self">
                {pts(scores.selfPoints)}
              </strong>{" "}
              <span className="num">({pct(scores.selfPercent)})</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              <strong className="num" data-testid="total-final">
                {pts(scores.points)}
              </strong>{" "}
              <span className="num">({pct(scores.percent)})</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} colSpan={2} />
          </Table.Summary.Row>
        )
      }
    />
  );
}
