/**
 * Publishing a cycle's results, and correcting a publication. Before anyone clicks, the card shows
 * what the server's guard says: the agencies not yet finalised (each linked), the figures about to
 * be published, and during a correction each agency's published → corrected figures. Publishing
 * names the decision that announces the results; a correction needs a written reason.
 */
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, List, Modal, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { decisionSchema } from "../../../../core/contracts/cycles.ts";
import { api, useApi } from "../../api.ts";
import { ErrorBox, errorText, Loading, showFieldError } from "../../components/common.tsx";
import { zodRule } from "../../components/form.ts";
import { ReasonModal } from "../../components/ReasonModal.tsx";
import { date, pct, pts } from "../../format.ts";
import { InlineLink } from "./parts.tsx";
import type { CycleDetail } from "./types.ts";

interface Figures {
  points: number | null;
  max: number | null;
  percent: number | null;
  rank: number | null;
  grade: string | null;
}

interface Version {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  decision: { number: string; code: string; date: string } | null;
  reason: string | null;
  auditHead: { length: number; hash: string };
}

export interface PublicationStatus {
  state: "open" | "published" | "correcting";
  correctionReason: string | null;
  current: Version | null;
  action: "publish" | "publish_correction";
  canPublish: boolean;
  refusal: string | null;
  blockers: { agencyId: number; code: string; name: string; status: string }[];
  preview: {
    items: (Figures & { agencyId: number; agency: string; sample: boolean })[];
    excluded: { agencyId: number; name: string; reason: string }[];
  };
  changes: { agencyId: number; name: string; old: Figures | null; new: Figures | null }[];
}

/** "617/QĐ-UBND ngày 29/3/2023": how a decision is cited. */
export const decisionText = (d: Version["decision"]) =>
  d ? `${d.number}/${d.code} ngày ${date(d.date)}` : null;

const figures = (f: Figures | null) =>
  f ? `${pts(f.points)}/${pts(f.max)} · ${pct(f.percent)} · ${f.rank ?? "—"} · ${f.grade ?? "—"}` : "—";

interface DecisionValues {
  number: string;
  code: string;
  date: string;
}

export function PublicationCard({ cycle }: { cycle: CycleDetail }) {
  const { t } = useTranslation(["province", "common"]);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const path = `/cycles/${cycle.id}/publication`;
  const q = useApi<PublicationStatus>(path);
  const [form] = Form.useForm<DecisionValues>();
  const [confirming, setConfirming] = useState<DecisionValues | null | undefined>(undefined);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    qc.invalidateQueries({ predicate: (x) => String(x.queryKey[0]).startsWith("/cycles") });

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      await refresh();
      message.success(done);
      return true;
    } catch (e) {
      if (!showFieldError(form, e)) setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  if (q.isLoading) return <Loading rows={4} />;
  if (q.error || !q.data) return <ErrorBox error={q.error} />;
  const s = q.data;
  const correcting = s.state === "correcting";
  const title = <h2 style={{ fontSize: 18, margin: 0 }}>{t("publication.title")}</h2>;
  const stateTag =
    s.state === "open" ? (
      <Tag color="orange">{t("publication.state.open")}</Tag>
    ) : s.state === "published" ? (
      <Tag color="green">{t("publication.state.published", { version: s.current?.version })}</Tag>
    ) : (
      <Tag color="gold">{t("publication.state.correcting", { version: s.current?.version })}</Tag>
    );

  return (
    <Card title={title}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>
        {stateTag}
        {s.current &&
          t("publication.current", {
            date: date(s.current.publishedAt),
            version: s.current.version,
            decision: decisionText(s.current.decision) ?? t("publication.noDecision"),
          })}
      </Typography.Paragraph>
      {cycle.published && (
        <Typography.Paragraph>
          <InlineLink to={`/public/rankings/${cycle.id}`}>{t("publish.publicLink")}</InlineLink>
        </Typography.Paragraph>
      )}

      {s.state === "published" && (
        <>
          <Typography.Paragraph>{t("publication.publishedHelp")}</Typography.Paragraph>
          <Button danger onClick={() => setReasonOpen(true)}>
            {t("publication.openCorrection")}
          </Button>
        </>
      )}

      {correcting && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("publication.correctingTitle")}
          description={t("publication.correctingReason", { reason: s.correctionReason })}
        />
      )}

      {s.state !== "published" && (
        <>
          {s.blockers.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="publish-blockers"
              title={t("publication.blockers", { count: s.blockers.length })}
              description={
                <List
                  size="small"
                  split={false}
                  dataSource={s.blockers.slice(0, 8)}
                  footer={
                    s.blockers.length > 8
                      ? t("publication.moreBlockers", { count: s.blockers.length - 8 })
                      : null
                  }
                  renderItem={(b) => (
                    <List.Item style={{ paddingInline: 0 }}>
                      <Link to={`/appraisal/${cycle.id}/${b.agencyId}`}>{b.name}</Link>
                      <span> — {t(`common:status.${b.status}`)}</span>
                    </List.Item>
                  )}
                />
              }
            />
          )}
          {correcting && (
            <ChangesTable
              changes={s.changes}
              emptyText={t("publication.noChanges")}
              caption={t("publication.changes")}
            />
          )}
          {/* The figures about to be published mean something only once nothing blocks publishing. */}
          {!correcting && s.blockers.length === 0 && (
            <PreviewTable status={s} caption={t("publication.preview", { count: s.preview.items.length })} />
          )}
          {s.preview.excluded.length > 0 && (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              {t("publication.excluded")}{" "}
              {s.preview.excluded.map((e) => `${e.name} (${e.reason})`).join("; ")}
            </Typography.Paragraph>
          )}
          <Form<DecisionValues>
            form={form}
            layout="vertical"
            style={{ marginTop: 12 }}
            onFinish={(v) => setConfirming(v.number || v.code || v.date ? v : null)}
          >
            <Typography.Text strong>
              {correcting ? t("publication.decisionOptional") : t("publication.decision")}
            </Typography.Text>
            <Space wrap align="start" style={{ marginTop: 8 }}>
              <Form.Item
                name="number"
                label={t("publication.decisionNumber")}
                rules={[
                  { required: !correcting, message: t("publication.required") },
                  zodRule(decisionSchema.shape.number.optional(), t("publication.numberHint")),
                ]}
              >
                <Input inputMode="numeric" placeholder="617" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item
                name="code"
                label={t("publication.decisionCode")}
                rules={[
                  { required: !correcting, message: t("publication.required") },
                  zodRule(decisionSchema.shape.code.optional(), t("publication.codeHint")),
                ]}
              >
                <Input placeholder="QĐ-UBND" style={{ width: 150 }} />
              </Form.Item>
              <Form.Item
                name="date"
                label={t("publication.decisionDate")}
                rules={[
                  { required: !correcting, message: t("publication.required") },
                  zodRule(decisionSchema.shape.date.optional(), t("publication.dateHint")),
                ]}
              >
                <Input placeholder="29/3/2023" style={{ width: 130 }} />
              </Form.Item>
            </Space>
            <div>
              <Space wrap>
                <Button type="primary" htmlType="submit" disabled={!s.canPublish} loading={busy}>
                  {correcting ? t("publication.publishCorrection") : t("publish.publish")}
                </Button>
                {correcting && s.changes.length === 0 && (
                  <Button
                    onClick={() =>
                      run(
                        () => api.post(`/cycles/${cycle.id}/corrections/cancel`),
                        t("publication.cancelled"),
                      )
                    }
                    loading={busy}
                  >
                    {t("publication.cancelCorrection")}
                  </Button>
                )}
              </Space>
              {!s.canPublish && s.refusal && (
                <Typography.Paragraph style={{ marginTop: 8 }} data-testid="publish-refusal">
                  {t(`publication.refusal.${s.refusal}`, { defaultValue: s.refusal })}
                </Typography.Paragraph>
              )}
            </div>
          </Form>
        </>
      )}

      <Modal
        open={confirming !== undefined}
        title={correcting ? t("publication.confirmCorrection") : t("publish.publishConfirm")}
        okText={correcting ? t("publication.publishCorrection") : t("publish.publish")}
        okButtonProps={{ loading: busy }}
        cancelText={t("common:action.cancel")}
        onCancel={() => setConfirming(undefined)}
        onOk={async () => {
          const decision = confirming ? { ...confirming } : null;
          if (
            await run(
              () => api.post(`/cycles/${cycle.id}/publish`, { decision }),
              correcting ? t("publication.correctionPublished") : t("publish.published"),
            )
          )
            setConfirming(undefined);
        }}
      >
        <Typography.Paragraph>
          {correcting
            ? t("publication.confirmCorrectionText", { count: s.changes.length, reason: s.correctionReason })
            : t("publication.confirmText", { count: s.preview.items.length })}
        </Typography.Paragraph>
        {confirming && (
          <Typography.Paragraph strong>
            {t("publication.decisionLine", {
              decision: `${confirming.number}/${confirming.code} ngày ${confirming.date}`,
            })}
          </Typography.Paragraph>
        )}
        {correcting ? (
          <ChangesTable changes={s.changes} emptyText={t("publication.noChanges")} />
        ) : (
          <PreviewTable status={s} />
        )}
      </Modal>

      <ReasonModal
        open={reasonOpen}
        title={t("publication.openCorrection")}
        text={t("publication.openCorrectionText")}
        label={t("publication.reason")}
        okText={t("publication.openCorrection")}
        onCancel={() => setReasonOpen(false)}
        onSubmit={async (reason) => {
          const done = await run(
            () => api.post(`/cycles/${cycle.id}/corrections`, { reason }),
            t("publication.correctionOpened"),
          );
          if (done) setReasonOpen(false);
          return done;
        }}
      />
    </Card>
  );
}

function PreviewTable({ status: s, caption }: { status: PublicationStatus; caption?: string }) {
  const { t } = useTranslation("province");
  return (
    <Table
      rowKey="agencyId"
      size="small"
      dataSource={s.preview.items}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: true }}
      caption={caption ? <Typography.Text strong>{caption}</Typography.Text> : undefined}
      columns={[
        { title: t("league.rank"), key: "rank", className: "num", render: (_, r) => r.rank ?? "—" },
        { title: t("league.agency"), dataIndex: "agency" },
        {
          title: t("league.points"),
          key: "points",
          className: "num",
          render: (_, r) => `${pts(r.points)}/${pts(r.max)}`,
        },
        { title: t("league.index"), key: "pct", className: "num", render: (_, r) => pct(r.percent) },
        { title: t("league.grade"), key: "grade", render: (_, r) => r.grade ?? "—" },
      ]}
    />
  );
}

function ChangesTable({
  changes,
  emptyText,
  caption,
}: {
  changes: PublicationStatus["changes"];
  emptyText: string;
  caption?: string;
}) {
  const { t } = useTranslation("province");
  return (
    <Table
      rowKey="agencyId"
      size="small"
      dataSource={changes}
      pagination={false}
      scroll={{ x: true }}
      caption={caption ? <Typography.Text strong>{caption}</Typography.Text> : undefined}
      locale={{ emptyText }}
      columns={[
        { title: t("league.agency"), dataIndex: "name" },
        { title: t("publication.old"), key: "old", render: (_, c) => figures(c.old) },
        { title: t("publication.new"), key: "new", render: (_, c) => figures(c.new) },
      ]}
    />
  );
}
