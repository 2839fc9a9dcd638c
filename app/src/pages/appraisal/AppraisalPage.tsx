/**
 * Appraising one agency's submitted self-assessment: the areas assigned to the caller, per leaf the
 * self-assessed points, the indicator values, the evidence previewed in the page, the history; the
 * appraised points with a remark, the agency's reply; and finalising, confirmed.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Row,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { computesPoints, remarkText, ruleFields, ruleStep } from "../../../../core/contracts/scores.ts";
import { api } from "../../api.ts";
import { errorText } from "../../components/common.tsx";
import { zodRule } from "../../components/form.ts";
import { PageFallback } from "../../components/PageFallback.tsx";
import { PointsCard } from "../../components/PointsCard.tsx";
import { useFormSubmit } from "../../components/useFormSubmit.ts";
import { date, pts } from "../../format.ts";
import { CriteriaTable } from "../self-assessment/CriteriaTable.tsx";
import { EvidenceList } from "../self-assessment/EvidenceList.tsx";
import { HistoryList } from "../self-assessment/HistoryList.tsx";
import { RemarkAndReply, useRefresh } from "../self-assessment/LeafEditor.tsx";
import { type ScoreNode, type Scores, STATUS_COLOR } from "../self-assessment/model.ts";
import { indicatorLabel, leafFacts, pointsRule } from "../self-assessment/rules.tsx";
import { CriterionDrawer, useScoresPage } from "../self-assessment/scoresPage.tsx";

export default function AppraisalPage() {
  const { t } = useTranslation("appraisal");
  const { base, q, node, setOpen } = useScoresPage();
  if (!q.data) return <PageFallback query={q} rows={10} title={t("title")} errorTitle={t("loadError")} />;
  const s = q.data;
  const mine = s.appraiserAreas;
  const mayAppraise = (n: ScoreNode) => s.can.appraise && mine.includes(n.area);
  return (
    <div className="page">
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Link to="/appraisal">{t("back")}</Link>
      </Typography.Paragraph>
      <Typography.Title level={1} style={{ fontSize: 26, marginBottom: 4 }}>
        {t("heading", { agency: s.agency.name, year: s.cycle.year })}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color={STATUS_COLOR[s.status]} data-testid="status">
          {t(`common:status.${s.status}`)}
        </Tag>
        <Typography.Text>{t("deadline", { date: date(s.cycle.appraisalCloses) })}</Typography.Text>
      </Space>
      <Summary scores={s} base={base} />
      <Notice scores={s} />
      <Card style={{ marginTop: 16 }} styles={{ body: { padding: 0 } }}>
        <CriteriaTable
          scores={s}
          appraisal
          areas={mine.length ? mine : undefined}
          caption={
            <h2 style={{ fontSize: 18, margin: 0 }}>
              {mine.length ? t("table.caption") : t("table.captionAll")}
            </h2>
          }
          openLabel={(n) =>
            mayAppraise(n)
              ? t("table.appraiseLabel", { code: n.code })
              : t("table.viewLabel", { code: n.code })
          }
          openText={(n) => (mayAppraise(n) ? t("table.appraise") : t("table.view"))}
          onOpen={setOpen}
        />
      </Card>
      <CriterionDrawer node={node} width={820} onClose={() => setOpen(null)}>
        {(n) => <AppraiseLeaf key={n.code} scores={s} node={n} base={base} editable={mayAppraise(n)} />}
      </CriterionDrawer>
    </div>
  );
}

function Summary({ scores: s, base }: { scores: Scores; base: string }) {
  const { t } = useTranslation("appraisal");
  const refresh = useRefresh(base);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const finalise = async () => {
    setBusy(true);
    try {
      await api.post(`${base}/finalise`);
      message.success(t("finalise.done"));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      await refresh();
      setBusy(false);
    }
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12} lg={8}>
        <PointsCard title={t("summary.self")} points={s.selfPoints} max={s.max} percent={s.selfPercent} />
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <PointsCard
          title={t("summary.final")}
          points={s.points}
          max={s.max}
          percent={s.percent}
          percentTestId="final-percent"
        />
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={<span style={{ fontSize: 14 }}>{t("finalise.title")}</span>}>
          {s.can.finalise ? (
            <Popconfirm
              title={t("finalise.confirm")}
              description={t("finalise.confirmText")}
              okText={t("finalise.action")}
              cancelText={t("common:action.cancel")}
              onConfirm={finalise}
            >
              <Button type="primary" loading={busy}>
                {t("finalise.action")}
              </Button>
            </Popconfirm>
          ) : (
            <Typography.Text>
              {t(`finalise.${s.status === "finalised" ? "already" : "notYet"}`)}
            </Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}

function Notice({ scores: s }: { scores: Scores }) {
  const { t } = useTranslation("appraisal");
  const style = { marginTop: 12 };
  if (s.appraisalWindow === "published")
    return <Alert style={style} type="info" showIcon title={t("window.published")} />;
  if (s.status === "draft") return <Alert style={style} type="info" showIcon title={t("notice.draft")} />;
  if (s.status === "finalised")
    return <Alert style={style} type="success" showIcon title={t("notice.finalised")} />;
  if (s.appraisalWindow === "closed")
    return (
      <Alert
        style={style}
        type="warning"
        showIcon
        title={t("notice.closed", { date: date(s.cycle.appraisalCloses) })}
      />
    );
  if (!s.appraiserAreas.length)
    return <Alert style={style} type="info" showIcon title={t("notice.notAssigned")} />;
  return null;
}

function AppraiseLeaf({
  scores,
  node,
  base,
  editable,
}: {
  scores: Scores;
  node: ScoreNode;
  base: string;
  editable: boolean;
}) {
  const { t } = useTranslation("appraisal");
  const refresh = useRefresh(base);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const step = ruleStep(node.rule);
  const save = useFormSubmit(form, async (v: { points: string; remark?: string }) => {
    const r = await api.put<{ points: number }>(`${base}/scores/${encodeURIComponent(node.code)}/appraisal`, {
      points: v.points,
      remark: v.remark?.trim() || null,
    });
    message.success(t("leaf.saved", { points: pts(r.points) }));
    await refresh();
  });
  const inputs = node.rule && computesPoints(node.rule) ? ruleFields(node.rule) : [];
  const inputText = (f: (typeof inputs)[number]) => {
    const v = node.inputs;
    if (!v) return "—";
    if (f.type === "percent")
      return v.values?.[f.indicator] === undefined ? "—" : `${pts(v.values[f.indicator] / 100)}%`;
    if (f.type === "count") return String(v.values?.[f.indicator] ?? "—");
    if (f.type === "status") return v.status ? t(`selfAssessment:rule.status.${v.status}`) : "—";
    if (f.type === "passed")
      return v.passed === undefined ? "—" : t(`selfAssessment:rule.${v.passed ? "passed" : "failed"}`);
    return "option" in f ? String(v.answers?.[f.option] ?? "—") : "—";
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          ...leafFacts(t, node),
          ...inputs.map((f) => ({
            key: f.name,
            label:
              f.type === "percent" || f.type === "count"
                ? indicatorLabel(t, f.indicator)
                : f.type === "answers"
                  ? t("selfAssessment:rule.answersLabel", { option: f.option })
                  : t(`selfAssessment:rule.${f.type === "status" ? "statusLabel" : "passedLabel"}`),
            children: <span className="num">{inputText(f)}</span>,
          })),
          { key: "explanation", label: t("leaf.explanation"), children: node.explanation || "—" },
        ]}
      />
      <section aria-labelledby={`ev-${node.code}`}>
        <h3 id={`ev-${node.code}`} style={{ fontSize: 16 }}>
          {t("leaf.evidence")}
        </h3>
        <EvidenceList items={node.evidence} previewOpen />
      </section>
      <section aria-labelledby={`ap-${node.code}`}>
        <h3 id={`ap-${node.code}`} style={{ fontSize: 16 }}>
          {t("leaf.appraisal")}
        </h3>
        {editable ? (
          <Form
            form={form}
            layout="vertical"
            onFinish={save.submit}
            initialValues={{
              points: node.appraised === null ? "" : pts(node.appraised),
              remark: node.remark ?? "",
            }}
          >
            <Form.Item
              name="points"
              label={t("leaf.pointsLabel", { max: pts(node.max) })}
              extra={step ? t("leaf.stepHint", { step: pts(step / 100) }) : t("leaf.decimalHint")}
              rules={[pointsRule(node.max, step)]}
            >
              <Input inputMode="decimal" style={{ maxWidth: 160 }} />
            </Form.Item>
            <Form.Item
              name="remark"
              label={t("leaf.remarkLabel")}
              rules={[zodRule(remarkText.optional(), t("leaf.tooLong"))]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            {save.error ? (
              <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />
            ) : null}
            <Button type="primary" htmlType="submit" loading={save.busy}>
              {t("leaf.save")}
            </Button>
          </Form>
        ) : (
          <Typography.Text>{t("leaf.readOnly")}</Typography.Text>
        )}
      </section>
      <RemarkAndReply scores={scores} node={node} base={base} canReply={false} />
      <Collapse
        size="small"
        defaultActiveKey={["h"]}
        items={[
          { key: "h", label: t("leaf.history"), children: <HistoryList base={base} code={node.code} /> },
        ]}
      />
    </Space>
  );
}
