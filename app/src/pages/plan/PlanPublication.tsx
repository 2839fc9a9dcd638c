/**
 * Whether the plan is public and which version the public reads: "Version N, published on …", a
 * draft never published, or withdrawn with its reason. For the agency, the changes in its draft not
 * yet published; for its focal point, publishing version N+1 — confirmed with what changes and an
 * optional note — and withdrawing the plan with a reason the public reads. Earlier versions are
 * listed with their documents.
 */
import { Alert, App, Button, Drawer, Form, Input, List, Modal, Space, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, useApi } from "../../api.ts";
import { errorText } from "../../components/common.tsx";
import { date } from "../../format.ts";
import type { ChangeCounts, Plan, PlanChanges, VersionListItem } from "./model.ts";
import { useInvalidatePlanData } from "./parts.tsx";

/** "1 task added, 2 changed, …": the counts that are not zero (and whether the plan is withdrawn). */
export function useCountList() {
  const { t } = useTranslation("plan");
  return (c: ChangeCounts, withdrawn = false) =>
    [countList(t, c), withdrawn ? t("publication.count.withdrawn") : ""].filter(Boolean).join(", ");
}

function ChangeList({ changes, version }: { changes: PlanChanges; version: number }) {
  const { t } = useTranslation("plan");
  const field = (f: string) => t(`history.field.${f}`, { defaultValue: f });
  const lines = [
    ...changes.tasksAdded.map((x) => t("publication.added", { title: x.title })),
    ...changes.tasksChanged.map((x) =>
      t("publication.changed", { title: x.title, fields: x.fields.map(field).join(", ") }),
    ),
    ...changes.tasksRemoved.map((x) => t("publication.removed", { title: x.title })),
    ...(changes.areaTargets.length
      ? [t("publication.areas", { areas: changes.areaTargets.join(", ") })]
      : []),
    ...(changes.fields.length
      ? [t("publication.fields", { fields: changes.fields.map(field).join(", ") })]
      : []),
  ];
  if (!lines.length) return null;
  return (
    <>
      <p style={{ margin: "8px 0 4px" }}>{t("publication.whatChanges", { version })}</p>
      <ul
        data-testid="publish-changes"
        style={{ maxHeight: 220, overflow: "auto", paddingLeft: 18, margin: 0 }}
      >
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </>
  );
}

export function PlanPublication({ plan }: { plan: Plan }) {
  const { t } = useTranslation(["plan", "common"]);
  const { message } = App.useApp();
  const refresh = useInvalidatePlanData();
  const countList = useCountList();
  const [dialog, setDialog] = useState<"publish" | "withdraw" | "versions" | null>(null);
  const pub = plan.publication;
  const latest = plan.version;
  const next = (latest?.version ?? 0) + 1;

  return (
    <div style={{ marginBottom: 4 }}>
      <Space wrap size={8}>
        <span data-testid="plan-publication">
          {latest ? (
            <Tag color={plan.withdrawn ? "default" : "green"}>
              {/* The day in Vietnam, not in UTC: a plan published at 6:30 on the 4th shows the 4th. */}
              {t("publication.versionOn", { version: latest.version, date: date(latest.publishedAt) })}
            </Tag>
          ) : (
            <Tag color="orange">{t("publication.draft")}</Tag>
          )}
          {plan.withdrawn && (
            <Tag color="red">{t("publication.withdrawnOn", { date: date(plan.withdrawn.at) })}</Tag>
          )}
        </span>
        {plan.can.publish && pub?.pending && (
          <Button size="small" type="primary" onClick={() => setDialog("publish")}>
            {latest ? t("publication.publishVersion", { version: next }) : t("publication.publish")}
          </Button>
        )}
        {plan.can.withdraw && (
          <Button size="small" danger onClick={() => setDialog("withdraw")}>
            {t("publication.withdraw")}
          </Button>
        )}
        {latest && (
          <Button size="small" type="link" onClick={() => setDialog("versions")} style={{ paddingInline: 0 }}>
            {t("publication.versions", { count: latest.version })}
          </Button>
        )}
      </Space>
      {plan.withdrawn && (
        <Typography.Paragraph style={{ margin: "4px 0 0" }}>
          {t("publication.withdrawnReason", { reason: plan.withdrawn.reason })}
        </Typography.Paragraph>
      )}
      {pub && (
        <Typography.Paragraph data-testid="plan-pending" style={{ margin: "4px 0 0" }}>
          {!latest
            ? t("publication.pendingFirst")
            : pub.pending && pub.counts
              ? t("publication.pending", {
                  list: countList(pub.counts, plan.withdrawn !== null) || t("publication.count.withdrawn"),
                  version: latest.version,
                })
              : t("publication.noChanges")}
        </Typography.Paragraph>
      )}
      {dialog === "publish" && pub && (
        <PublishDialog
          plan={plan}
          onClose={async (done) => {
            setDialog(null);
            if (done) {
              await refresh();
              message.success(t("publication.published", { version: next }));
            }
          }}
        />
      )}
      {dialog === "withdraw" && (
        <WithdrawDialog
          plan={plan}
          onClose={async (done) => {
            setDialog(null);
            if (done) {
              await refresh();
              message.success(t("publication.withdrawn"));
            }
          }}
        />
      )}
      <VersionsDrawer plan={plan} open={dialog === "versions"} onClose={() => setDialog(null)} />
    </div>
  );
}

function PublishDialog({ plan, onClose }: { plan: Plan; onClose: (done: boolean) => void }) {
  const { t } = useTranslation(["plan", "common"]);
  const { t: tp } = useTranslation("plan");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pub = plan.publication!;
  const latest = plan.version;
  const next = (latest?.version ?? 0) + 1;
  async function publish() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/plans/${plan.id}/publish`, { note: note.trim() || null, draftHash: pub.draftHash });
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={
        latest ? t("publication.publishVersionConfirm", { version: next }) : t("publication.publishConfirm")
      }
      okText={latest ? t("publication.publishVersion", { version: next }) : t("publication.publish")}
      cancelText={t("common:action.cancel")}
      onOk={() => void publish()}
      okButtonProps={{ loading: busy }}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <p>
        {latest
          ? t("publication.publishVersionEffect", { version: next, previous: latest.version })
          : t("publication.publishEffect")}
      </p>
      {latest && pub.counts && (
        <p data-testid="publish-counts">
          <strong>{countList(tp, pub.counts) || t("publication.count.withdrawn")}</strong>
        </p>
      )}
      {latest && pub.changes && <ChangeList changes={pub.changes} version={latest.version} />}
      <Form layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item label={t("publication.note")} htmlFor="publish-note" style={{ marginBottom: 0 }}>
          <Input.TextArea
            id="publish-note"
            value={note}
            maxLength={1000}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t("publication.notePlaceholder")}
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

function countList(t: TFunction<"plan">, c: ChangeCounts) {
  return [
    ...(["tasksAdded", "tasksChanged", "tasksRemoved", "areaTargetsChanged", "fieldsChanged"] as const)
      .filter((k) => c[k] > 0)
      .map((k) => t(`publication.count.${k}`, { count: c[k] })),
    // The audit trail's history gives 1 for true.
    ...(c.overallTargetChanged === true || Number(c.overallTargetChanged) === 1
      ? [t("publication.count.overallTargetChanged")]
      : []),
  ].join(", ");
}

function WithdrawDialog({ plan, onClose }: { plan: Plan; onClose: (done: boolean) => void }) {
  const { t } = useTranslation(["plan", "common"]);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const short = reason.trim().length < 10;
  async function withdraw() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/plans/${plan.id}/withdraw`, { reason: reason.trim() });
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={t("publication.withdrawConfirm")}
      okText={t("publication.withdraw")}
      okButtonProps={{ danger: true, loading: busy, disabled: short }}
      cancelText={t("common:action.cancel")}
      onOk={() => void withdraw()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <p>{t("publication.withdrawEffect")}</p>
      <Form layout="vertical">
        <Form.Item
          label={t("publication.reason")}
          htmlFor="withdraw-reason"
          required
          validateStatus={reason && short ? "error" : undefined}
          help={reason && short ? t("publication.reasonRule") : undefined}
        >
          <Input.TextArea
            id="withdraw-reason"
            value={reason}
            maxLength={1000}
            autoSize={{ minRows: 2, maxRows: 5 }}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}

function VersionsDrawer({ plan, open, onClose }: { plan: Plan; open: boolean; onClose: () => void }) {
  const { t } = useTranslation("plan");
  const countList = useCountList();
  const q = useApi<{ items: VersionListItem[] }>(open ? `/plans/${plan.id}/versions` : null);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t("publication.versionsTitle")}
      size={Math.min(480, typeof window === "undefined" ? 480 : window.innerWidth)}
      rootClassName="plan-drawer"
    >
      <List
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        renderItem={(v) => (
          <List.Item data-version={v.version} style={{ display: "block" }}>
            <strong>{t("publication.versionItem", { version: v.version, date: date(v.publishedAt) })}</strong>
            <div>
              {t("publication.versionTasks", { count: v.tasks })}
              {" · "}
              {v.changes ? countList(v.changes) || t("publication.noChanges") : t("publication.versionFirst")}
            </div>
            {v.by && <div>{t("publication.versionBy", { by: v.by })}</div>}
            {v.note && <div style={{ whiteSpace: "pre-wrap" }}>“{v.note}”</div>}
            <Space wrap size={12} style={{ marginTop: 4 }}>
              <a href={`/public/plans/${plan.id}?version=${v.version}`}>{t("publication.view")}</a>
              <a href={`/api/plans/${plan.id}/document?format=docx&version=${v.version}`} download>
                {t("publication.downloadVersion", { version: v.version })}
              </a>
            </Space>
          </List.Item>
        )}
      />
    </Drawer>
  );
}
