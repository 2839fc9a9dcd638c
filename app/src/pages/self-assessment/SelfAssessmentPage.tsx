/**
 * An agency's self-assessment for one cycle: the criteria tree with running totals from the API,
 * each leaf opened in a drawer to score it and back it with evidence; submit, withdraw and resubmit
 * while the window is open; read-only after the deadline (the server refuses changes then too).
 */
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api, useApi } from "../../api.ts";
import { useMe } from "../../auth.tsx";
import { errorText } from "../../components/common.tsx";
import { PageFallback } from "../../components/PageFallback.tsx";
import { PointsCard } from "../../components/PointsCard.tsx";
import { date } from "../../format.ts";
import { CriteriaTable } from "./CriteriaTable.tsx";
import { LeafEditor, useRefresh } from "./LeafEditor.tsx";
import { MissingList } from "./MissingList.tsx";
import { type Scores, STATUS_COLOR } from "./model.ts";
import type { MyCycles } from "./SelfAssessmentIndex.tsx";
import { CriterionDrawer, useScoresPage } from "./scoresPage.tsx";

export default function SelfAssessmentPage() {
  const { t } = useTranslation("selfAssessment");
  const { base, q, node, setOpen } = useScoresPage();
  if (!q.data) return <PageFallback query={q} rows={10} title={t("title")} errorTitle={t("loadError")} />;
  const s = q.data;
  return (
    <div className="page">
      <Header scores={s} base={base} />
      <DeadlineNotice scores={s} />
      {s.excludedReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t("excluded", { reason: s.excludedReason })}
        />
      )}
      {s.can.selfAssess && (
        <MissingList
          title={t("missing.title", { count: s.submitMissing.length })}
          items={s.submitMissing}
          onOpen={setOpen}
          testId="submit-missing"
        />
      )}
      <Card style={{ marginTop: 16 }} styles={{ body: { padding: 0 } }}>
        <CriteriaTable
          scores={s}
          caption={
            <h2 style={{ fontSize: 18, margin: 0 }} id="criteria-heading">
              {t("table.caption")}
            </h2>
          }
          openLabel={(n) =>
            s.can.selfAssess
              ? t("table.scoreLabel", { code: n.code })
              : t("table.viewLabel", { code: n.code })
          }
          openText={() => (s.can.selfAssess ? t("table.score") : t("table.view"))}
          onOpen={setOpen}
        />
      </Card>
      <CriterionDrawer node={node} width={760} onClose={() => setOpen(null)}>
        {(n) => <LeafEditor key={n.code} scores={s} node={n} base={base} />}
      </CriterionDrawer>
    </div>
  );
}

function Header({ scores: s, base }: { scores: Scores; base: string }) {
  const { t } = useTranslation("selfAssessment");
  const { me } = useMe();
  const navigate = useNavigate();
  const refresh = useRefresh(base);
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const mine = useApi<MyCycles>(me?.agencyId === s.agencyId ? "/me/assessments" : null);
  const act = async (what: "submit" | "withdraw") => {
    setBusy(what);
    try {
      await api.post(`${base}/${what}`);
      message.success(t(`actions.${what}Done`));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      await refresh();
      setBusy(null);
    }
  };
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 26, marginBottom: 4 }}>
        {t("heading", { agency: s.agency.name, year: s.cycle.year })}
      </Typography.Title>
      <Space wrap size="middle" style={{ marginBottom: 12 }}>
        <Tag color={STATUS_COLOR[s.status]} data-testid="status">
          {t(`common:status.${s.status}`)}
        </Tag>
        {(mine.data?.items.length ?? 0) > 1 && (
          <Select
            aria-label={t("cycleSelect")}
            value={s.cycleId}
            style={{ minWidth: 200 }}
            onChange={(id) => navigate(`/self-assessment/${id}/${s.agencyId}`)}
            options={mine.data?.items.map((c) => ({
              value: c.cycleId,
              label: t("cycleOption", { year: c.year }),
            }))}
          />
        )}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} lg={6}>
          <PointsCard
            title={t("summary.self")}
            points={s.selfPoints}
            max={s.max}
            percent={s.selfPercent}
            percentTestId="self-percent"
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <PointsCard title={t("summary.final")} points={s.points} max={s.max} percent={s.percent} />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card size="small">
            <Statistic
              title={t("summary.deadline")}
              value={date(s.cycle.selfAssessmentCloses)}
              styles={{ content: { fontSize: 22 } }}
            />
            <Typography.Text>
              {t("summary.opens", { date: date(s.cycle.selfAssessmentOpens) })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card size="small" title={<span style={{ fontSize: 14 }}>{t("summary.actions")}</span>}>
            <Space wrap>
              {s.can.submit && (
                <Popconfirm
                  title={t("actions.submitConfirm")}
                  description={t("actions.submitConfirmText")}
                  okText={t("actions.submit")}
                  cancelText={t("common:action.cancel")}
                  onConfirm={() => act("submit")}
                >
                  <Button type="primary" loading={busy === "submit"}>
                    {t("actions.submit")}
                  </Button>
                </Popconfirm>
              )}
              {!s.can.submit && s.can.selfAssess && s.submitMissing.length > 0 && (
                <>
                  <Button type="primary" disabled aria-describedby="submit-why">
                    {t("actions.submit")}
                  </Button>
                  <Typography.Text id="submit-why">
                    {t("actions.submitBlocked", { count: s.submitMissing.length })}
                  </Typography.Text>
                </>
              )}
              {s.can.withdraw && (
                <Popconfirm
                  title={t("actions.withdrawConfirm")}
                  description={t("actions.withdrawConfirmText")}
                  okText={t("actions.withdraw")}
                  cancelText={t("common:action.cancel")}
                  onConfirm={() => act("withdraw")}
                >
                  <Button loading={busy === "withdraw"}>{t("actions.withdraw")}</Button>
                </Popconfirm>
              )}
              {!s.can.selfAssess && !s.can.withdraw && <Typography.Text>{t("actions.none")}</Typography.Text>}
            </Space>
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** Says plainly whether changes are taken, and why not: the server enforces the same dates. */
function DeadlineNotice({ scores: s }: { scores: Scores }) {
  const { t } = useTranslation("selfAssessment");
  const closes = date(s.cycle.selfAssessmentCloses);
  const w = s.selfAssessmentWindow;
  if (w === "published")
    return <Alert style={{ marginTop: 12 }} type="info" showIcon title={t("window.published")} />;
  if (w === "closed")
    return (
      <Alert
        style={{ marginTop: 12 }}
        type="warning"
        showIcon
        data-testid="deadline"
        title={t("window.closed", { date: closes })}
        description={t("window.closedText")}
      />
    );
  if (w === "not_open")
    return (
      <Alert
        style={{ marginTop: 12 }}
        type="info"
        showIcon
        title={t("window.notOpen", { date: date(s.cycle.selfAssessmentOpens) })}
      />
    );
  return (
    <Alert
      style={{ marginTop: 12 }}
      type={s.status === "draft" ? "info" : "success"}
      showIcon
      data-testid="deadline"
      title={
        s.status === "draft"
          ? s.cycle.selfAssessmentCloses
            ? t("window.open", { date: closes })
            : t("window.openNoDeadline")
          : s.status === "submitted"
            ? t(s.can.withdraw ? "window.submitted" : "window.underAppraisal", { date: closes })
            : s.status === "appraised"
              ? t("window.appraised")
              : t("window.finalised")
      }
    />
  );
}
