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
import { ReasonModal } from "../../components/ReasonModal.tsx";
import { useFormSubmit } from "../../components/useFormSubmit.ts";
import { date, pts } from "../../format.ts";
import { CriteriaTable } from "../self-assessment/CriteriaTable.tsx";
import { EvidenceList } from "../self-assessment/EvidenceList.tsx";
import { HistoryList } from "../self-assessment/HistoryList.tsx";
import { RemarkAndReply, useRefresh } from "../self-assessment/LeafEditor.tsx";
import { MissingList } from "../self-assessment/MissingList.tsx";
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
      {(s.can.appraise || s.can.completeAppraisal || s.can.finalise) && s.status !== "draft" && (
        <MissingList
          title={t("missing", { count: s.appraisalMissing.length })}
          items={s.appraisalMissing}
          onOpen={setOpen}
          testId="appraisal-missing"
        />
      )}
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

type Step = "confirm" | "complete-appraisal" | "return-to-appraisal" | "finalise" | "reopen";

function Summary({ scores: s, base }: { scores: Scores; base: string }) {
  const { t } = useTranslation("appraisal");
  const refresh = useRefresh(base);
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Step | null>(null);
  const [reopening, setReopening] = useState(false);
  const run = async (step: Step, body?: object) => {
    setBusy(step);
    try {
      const r = await api.post<{ confirmed?: string[] }>(`${base}/${step}`, body);
      message.success(t(`steps.${step}.done`, { count: r?.confirmed?.length ?? 0 }));
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    } finally {
      await refresh();
      setBusy(null);
    }
  };
  // Leaves of the caller's own areas still to appraise: what "confirm" would accept as self-assessed.
  const toConfirm = s.appraisalMissing.filter((m) => {
    const n = s.nodes.find((x) => x.code === m.code);
    return n && n.self !== null && s.appraiserAreas.includes(n.area);
  }).length;
  const confirmable = s.can.appraise && toConfirm > 0;
  const step = (name: Step, primary = false, danger = false) => (
    <Popconfirm
      key={name}
      title={t(`steps.${name}.confirm`, { count: toConfirm })}
      description={t(`steps.${name}.confirmText`, { count: toConfirm })}
      okText={t(`steps.${name}.action`)}
      cancelText={t("common:action.cancel")}
      onConfirm={() => run(name, name === "confirm" ? {} : undefined)}
    >
      <Button type={primary ? "primary" : "default"} danger={danger} loading={busy === name}>
        {t(`steps.${name}.action`)}
      </Button>
    </Popconfirm>
  );
  const any =
    confirmable || s.can.completeAppraisal || s.can.returnToAppraisal || s.can.finalise || s.can.reopen;
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
        <Card size="small" title={<span style={{ fontSize: 14 }}>{t("steps.title")}</span>}>
          <Space wrap>
            {confirmable && step("confirm")}
            {s.can.completeAppraisal && step("complete-appraisal", true)}
            {s.can.returnToAppraisal && step("return-to-appraisal")}
            {s.can.finalise && step("finalise", true)}
            {s.can.reopen && (
              <Button danger onClick={() => setReopening(true)}>
                {t("steps.reopen.action")}
              </Button>
            )}
            {!any && <Typography.Text>{t(`steps.none.${s.status}`)}</Typography.Text>}
          </Space>
        </Card>
      </Col>
      <ReasonModal
        open={reopening}
        title={t("steps.reopen.confirm")}
        text={t("steps.reopen.confirmText")}
        label={t("steps.reopen.reason")}
        okText={t("steps.reopen.action")}
        onCancel={() => setReopening(false)}
        onSubmit={async (reason) => {
          const done = await run("reopen", { reason });
          if (done) setReopening(false);
          return done;
        }}
      />
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
  if (s.status === "appraised")
    return <Alert style={style} type="success" showIcon title={t("notice.appraised")} />;
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
              label={node.self === null ? t("leaf.remarkRequiredLabel") : t("leaf.remarkLabel")}
              extra={node.self === null ? t("leaf.remarkRequiredHint") : undefined}
              rules={[
                zodRule(remarkText.optional(), t("leaf.tooLong")),
                { required: node.self === null, whitespace: true, message: t("leaf.remarkRequired") },
              ]}
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
