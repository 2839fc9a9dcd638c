/**
 * Backing a criterion: upload a file, give a link or a document number, or pick evidence a division
 * already posted on a task. Each form checks with the server's own rules as the person types.
 */
import { Alert, Button, Form, Input, Table, Tabs, Typography, Upload, type UploadFile } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { docNumber, evidenceNote, evidenceUrl } from "../../../../core/contracts/scores.ts";
import { api, useApi } from "../../api.ts";
import { errorText } from "../../components/common.tsx";
import { zodRule } from "../../components/form.ts";
import { useFormSubmit } from "../../components/useFormSubmit.ts";
import { date } from "../../format.ts";
import type { Evidence, TaskEvidence } from "./model.ts";

interface Props {
  base: string;
  code: string;
  area: string;
  attached: Evidence[];
  onAdded: (what: string) => Promise<void>;
}

export function AddEvidence(props: Props) {
  const { t } = useTranslation("selfAssessment");
  return (
    <Tabs
      size="small"
      items={[
        { key: "file", label: t("evidence.tab.file"), children: <UploadForm {...props} /> },
        { key: "link", label: t("evidence.tab.link"), children: <LinkForm {...props} kind="link" /> },
        {
          key: "document",
          label: t("evidence.tab.document"),
          children: <LinkForm {...props} kind="document" />,
        },
        { key: "task", label: t("evidence.tab.task"), children: <FromTasks {...props} /> },
      ]}
    />
  );
}

function UploadForm({ base, code, onAdded }: Props) {
  const { t } = useTranslation("selfAssessment");
  const [form] = Form.useForm();
  const { busy, error, submit } = useFormSubmit(form, async (v: { note?: string; file?: UploadFile[] }) => {
    const file = v.file?.[0]?.originFileObj;
    if (!file) return;
    const data = new FormData();
    if (v.note) data.append("note", v.note);
    data.append("file", file, file.name);
    await api.post(`${base}/scores/${encodeURIComponent(code)}/evidence`, data);
    form.resetFields();
    await onAdded(file.name);
  });
  return (
    <Form form={form} layout="vertical" onFinish={submit} aria-label={t("evidence.tab.file")}>
      <Form.Item
        name="file"
        label={t("evidence.fileLabel")}
        extra={t("evidence.fileHint")}
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
        rules={[{ required: true, message: t("evidence.fileRequired") }]}
      >
        <Upload maxCount={1} accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx" beforeUpload={() => false}>
          <Button>{t("evidence.chooseFile")}</Button>
        </Upload>
      </Form.Item>
      <NoteAndSubmit error={error} busy={busy} action={t("evidence.upload")} />
    </Form>
  );
}

function LinkForm({ base, code, onAdded, kind }: Props & { kind: "link" | "document" }) {
  const { t } = useTranslation("selfAssessment");
  const [form] = Form.useForm();
  const field = kind === "link" ? "url" : "docNumber";
  const { busy, error, submit } = useFormSubmit(form, async (v: Record<string, string>) => {
    await api.post(`${base}/scores/${encodeURIComponent(code)}/evidence`, {
      kind,
      [field]: v[field].trim(),
      ...(v.note ? { note: v.note } : {}),
    });
    form.resetFields();
    await onAdded(v[field]);
  });
  return (
    <Form form={form} layout="vertical" onFinish={submit} aria-label={t(`evidence.tab.${kind}`)}>
      <Form.Item
        name={field}
        label={t(kind === "link" ? "evidence.urlLabel" : "evidence.docLabel")}
        rules={[
          { required: true, message: t(kind === "link" ? "evidence.urlRequired" : "evidence.docRequired") },
          zodRule(
            (kind === "link" ? evidenceUrl : docNumber).optional(),
            t(kind === "link" ? "evidence.urlInvalid" : "evidence.docInvalid"),
          ),
        ]}
      >
        <Input placeholder={kind === "link" ? "https://…" : "1994/KH-VPUBND"} />
      </Form.Item>
      <NoteAndSubmit error={error} busy={busy} action={t("evidence.add")} />
    </Form>
  );
}

/** The end of each evidence form: an optional note, the error the server gave, the button. */
function NoteAndSubmit({ error, busy, action }: { error: string | null; busy: boolean; action: string }) {
  const { t } = useTranslation("selfAssessment");
  return (
    <>
      <Form.Item
        name="note"
        label={t("evidence.noteLabel")}
        rules={[zodRule(evidenceNote.optional(), t("evidence.noteTooLong"))]}
      >
        <Input />
      </Form.Item>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
      <Button type="primary" htmlType="submit" loading={busy}>
        {action}
      </Button>
    </>
  );
}

function FromTasks({ base, code, area, attached, onAdded }: Props) {
  const { t } = useTranslation("selfAssessment");
  const q = useApi<{ items: TaskEvidence[] }>(`${base}/task-evidence`);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const taken = new Set(attached.map((e) => `${e.fromTask?.id}:${e.fileName}:${e.url}:${e.docNumber}`));
  // The criterion's own area first: that is where its evidence usually comes from.
  const rows = [...(q.data?.items ?? [])].sort(
    (a, b) => Number(b.task.area === area) - Number(a.task.area === area),
  );
  const attach = async (e: TaskEvidence) => {
    setBusy(e.id);
    setError(null);
    try {
      await api.post(`${base}/scores/${encodeURIComponent(code)}/evidence/attach`, { evidenceId: e.id });
      await onAdded(e.fileName ?? e.url ?? e.docNumber ?? "");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 8 }} /> : null}
      <Table<TaskEvidence>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={rows}
        scroll={{ x: true }}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        title={() => <Typography.Text strong>{t("evidence.taskTableCaption")}</Typography.Text>}
        locale={{ emptyText: t("evidence.noTaskEvidence") }}
        columns={[
          {
            key: "what",
            title: t("evidence.item"),
            render: (_, e) => (
              <>
                {t(`evidence.kind.${e.kind}`)}: {e.fileName ?? e.url ?? e.docNumber}
              </>
            ),
          },
          {
            key: "task",
            title: t("evidence.task"),
            render: (_, e) => (
              <>
                {e.task.area ? `${e.task.area} · ` : ""}
                {e.task.title}
                {e.unit ? ` — ${e.unit}` : ""}
              </>
            ),
          },
          { key: "at", title: t("evidence.date"), render: (_, e) => date(e.createdAt) },
          {
            key: "act",
            title: t("evidence.action"),
            render: (_, e) => {
              const done = taken.has(`${e.task.id}:${e.fileName}:${e.url}:${e.docNumber}`);
              return (
                <Button
                  size="small"
                  disabled={done}
                  loading={busy === e.id}
                  onClick={() => attach(e)}
                  aria-label={t("evidence.attachLabel", { name: e.fileName ?? e.url ?? e.docNumber ?? "" })}
                >
                  {done ? t("evidence.attached") : t("evidence.attach")}
                </Button>
              );
            },
          },
        ]}
      />
    </>
  );
}
