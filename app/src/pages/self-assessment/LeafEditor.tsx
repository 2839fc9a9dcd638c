/**
 * One leaf criterion of the self-assessment: the measured values (its rule computes the points on the
 * server) or the points, the explanation, the evidence, the appraiser's remark and the agency's reply.
 */
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Collapse, Descriptions, Form, Input, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { computesPoints, explanationText, replyText, ruleStep } from "../../../../core/contracts/scores.ts";
import { api } from "../../api.ts";
import { errorText, showFieldError } from "../../components/common.tsx";
import { zodRule } from "../../components/form.ts";
import { useFormSubmit } from "../../components/useFormSubmit.ts";
import { pts } from "../../format.ts";
import { AddEvidence } from "./AddEvidence.tsx";
import { EvidenceList } from "./EvidenceList.tsx";
import { HistoryList } from "./HistoryList.tsx";
import type { Evidence, ScoreNode, Scores } from "./model.ts";
import { fromRuleInputs, leafFacts, pointsRule, RuleFields, toRuleInputs } from "./rules.tsx";

/** Refetches everything under this agency's cycle (scores, history, task evidence). */
export function useRefresh(base: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith(base) });
}

export function LeafEditor({ scores, node, base }: { scores: Scores; node: ScoreNode; base: string }) {
  const { t } = useTranslation("selfAssessment");
  const refresh = useRefresh(base);
  const { message } = App.useApp();
  const editable = scores.can.selfAssess;
  const byRule = computesPoints(node.rule);
  const step = ruleStep(node.rule);
  const [form] = Form.useForm();
  const [computed, setComputed] = useState<number | null>(null);
  const url = `${base}/scores/${encodeURIComponent(node.code)}`;

  useEffect(() => {
    form.setFieldsValue({
      points: node.self === null ? "" : pts(node.self),
      explanation: node.explanation ?? "",
      inputs: node.rule && byRule ? fromRuleInputs(node.rule, node.inputs) : undefined,
    });
  }, [node.self, node.explanation, node.inputs, node.rule, byRule, form]);

  const save = useFormSubmit(
    form,
    async (v: { points?: string; explanation?: string; inputs?: Record<string, unknown> }) => {
      const body =
        byRule && node.rule
          ? { inputs: toRuleInputs(node.rule, v.inputs ?? {}), explanation: v.explanation?.trim() || null }
          : { points: v.points, explanation: v.explanation?.trim() || null };
      const r = await api.put<{ points: number }>(url, body);
      setComputed(r.points);
      message.success(t("leaf.saved", { points: pts(r.points) }));
      await refresh();
    },
  );

  const removeEvidence = async (e: Evidence) => {
    try {
      await api.del(`${url}/evidence/${e.id}`);
      message.success(t("evidence.removed"));
      await refresh();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Descriptions size="small" column={1} bordered items={[...leafFacts(t, node)]} />
      <section aria-labelledby={`score-${node.code}`}>
        <h3 id={`score-${node.code}`} style={{ fontSize: 16 }}>
          {byRule ? t("leaf.inputsTitle") : t("leaf.pointsTitle")}
        </h3>
        <Form form={form} layout="vertical" onFinish={save.submit} disabled={!editable}>
          {byRule && node.rule ? (
            <RuleFields rule={node.rule} disabled={!editable} />
          ) : (
            <Form.Item
              name="points"
              label={t("leaf.pointsLabel", { max: pts(node.max) })}
              extra={step ? t("leaf.stepHint", { step: pts(step / 100) }) : t("leaf.decimalHint")}
              rules={[pointsRule(node.max, step)]}
            >
              <Input inputMode="decimal" style={{ maxWidth: 160 }} />
            </Form.Item>
          )}
          <Form.Item
            name="explanation"
            label={t("leaf.explanationLabel")}
            extra={t("leaf.explanationHint")}
            rules={[zodRule(explanationText.optional(), t("leaf.tooLong"))]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          {computed !== null && byRule && (
            <Alert
              type="success"
              showIcon
              role="status"
              style={{ marginBottom: 12 }}
              title={t("leaf.computed", { points: pts(computed) })}
            />
          )}
          {save.error ? (
            <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />
          ) : null}
          {editable && (
            <Button type="primary" htmlType="submit" loading={save.busy}>
              {byRule ? t("leaf.computeAndSave") : t("leaf.save")}
            </Button>
          )}
        </Form>
      </section>
      {node.lacksEvidence && <Alert type="warning" showIcon title={t("leaf.lacksEvidence")} />}
      <section aria-labelledby={`evidence-${node.code}`}>
        <h3 id={`evidence-${node.code}`} style={{ fontSize: 16 }}>
          {t("evidence.title")}
        </h3>
        <EvidenceList items={node.evidence} onRemove={editable ? removeEvidence : undefined} />
        {editable && (
          <div style={{ marginTop: 8 }}>
            <AddEvidence
              base={base}
              code={node.code}
              area={node.area}
              attached={node.evidence}
              onAdded={async (name) => {
                message.success(t("evidence.added", { name }));
                await refresh();
              }}
            />
          </div>
        )}
      </section>
      <RemarkAndReply scores={scores} node={node} base={base} />
      <Collapse
        size="small"
        items={[
          { key: "h", label: t("history.title"), children: <HistoryList base={base} code={node.code} /> },
        ]}
      />
    </Space>
  );
}

/** The appraiser's remark and the agency's answer, shown to both sides; the agency may answer. */
export function RemarkAndReply({
  scores,
  node,
  base,
  canReply = scores.can.reply,
}: {
  scores: Scores;
  node: ScoreNode;
  base: string;
  canReply?: boolean;
}) {
  const { t } = useTranslation("selfAssessment");
  if (!node.remark && node.appraised === null) return null;
  return (
    <section aria-labelledby={`remark-${node.code}`}>
      <h3 id={`remark-${node.code}`} style={{ fontSize: 16 }}>
        {t("reply.title")}
      </h3>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: "appraised",
            label: t("reply.appraised"),
            children: <span className="num">{pts(node.appraised)}</span>,
          },
          {
            key: "remark",
            label: t("reply.remark"),
            children: <span data-testid="remark">{node.remark ?? "—"}</span>,
          },
          {
            key: "reply",
            label: t("reply.reply"),
            children: <span data-testid="reply">{node.reply ?? "—"}</span>,
          },
        ]}
      />
      {canReply && node.remark && <ReplyForm node={node} base={base} />}
      {!canReply && node.remark && scores.status === "finalised" && (
        <Typography.Text type="secondary">{t("reply.closed")}</Typography.Text>
      )}
    </section>
  );
}

function ReplyForm({ node, base }: { node: ScoreNode; base: string }) {
  const { t } = useTranslation("selfAssessment");
  const refresh = useRefresh(base);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { reply: string }) => {
    setBusy(true);
    try {
      await api.put(`${base}/scores/${encodeURIComponent(node.code)}/reply`, { reply: v.reply.trim() });
      message.success(t("reply.sent"));
      await refresh();
    } catch (e) {
      if (!showFieldError(form, e)) message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      style={{ marginTop: 8 }}
      initialValues={{ reply: node.reply ?? "" }}
    >
      <Form.Item name="reply" label={t("reply.label")} rules={[zodRule(replyText, t("reply.required"))]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {t("reply.send")}
      </Button>
    </Form>
  );
}
