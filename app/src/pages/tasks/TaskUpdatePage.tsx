/**
 * A division reports on a task in under a minute, on a phone: progress, status, a note, an indicator
 * value and one piece of evidence (a file, a link or a document number), in one short form with big
 * touch targets. The file goes up with a progress bar; the saved update shows at once in the list
 * below. A coordinating division reports its own part (its progress, a note, evidence) without the
 * task's status or indicator values, which are the lead unit's. A division that neither leads nor
 * coordinates the task (or is named only through a unit group not yet resolved) is told so plainly —
 * the API refuses the same.
 */
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Result,
  Select,
  Slider,
  Space,
  Typography,
  Upload,
} from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  indicatorValueSchema,
  progressSchema,
  TASK_STATUSES,
  type TaskUpdateBody,
  taskUpdateBody,
} from "../../../../core/contracts/plans.ts";
import { parseDecimal } from "../../../../core/locale.ts";
import { useApi } from "../../api.ts";
import { useMe } from "../../auth.tsx";
import { ErrorBox, errorText, Loading, showFieldError } from "../../components/common.tsx";
import { zodRule } from "../../components/form.ts";
import { LinkButton } from "../../components/LinkButton.tsx";
import type { TaskDetail, TaskStatus } from "../plan/model.ts";
import {
  Deadline,
  dayOf,
  progressText,
  StatusTag,
  TargetValue,
  Units,
  UpdateHistory,
  useInvalidatePlanData,
} from "../plan/parts.tsx";
import { postFormWithProgress } from "./upload.ts";
import "./tasks.css";

type EvidenceKind = "none" | "file" | "link" | "document";

interface Values {
  progress: number;
  status: TaskStatus;
  note?: string;
  evidenceKind: EvidenceKind;
  file?: File | null;
  link?: string;
  docNumber?: string;
  indicator?: { code?: string; value?: string; period?: string };
}

interface Periods {
  periods: { code: string; year: number; labelVi: string; labelEn: string }[];
}

const periodKey = (code: string, year: number) => (code === "year" ? String(year) : `${year}-${code}`);

export default function TaskUpdatePage() {
  const { t } = useTranslation("tasks");
  const { id } = useParams();
  const task = useApi<TaskDetail>(`/tasks/${Number(id)}`);

  if (task.isLoading)
    return (
      <div className="page task-update">
        <Loading rows={8} />
      </div>
    );
  if (!task.data)
    return (
      <div className="page task-update">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t("update.title")}
        </Typography.Title>
        <ErrorBox error={task.error} title={t("update.loadError")} />
        <p style={{ marginTop: 12 }}>
          <Link to="/my-tasks">{t("update.backToMine")}</Link>
        </p>
      </div>
    );
  const x = task.data;
  const group = x.unresolvedGroups[0];
  if (!x.can.update)
    return (
      <div className="page task-update">
        <Result
          status="403"
          title={<h1 style={{ fontSize: 22, margin: 0 }}>{t("refused.title")}</h1>}
          subTitle={
            <div style={{ color: "#262626" }}>
              <p>
                {group && x.view === "draft"
                  ? t("refused.whyGroup", { title: x.title, group: group.name })
                  : t("refused.why", { title: x.title })}
              </p>
              <p>
                {t("refused.lead")}: <Units units={x.leadUnits} empty={t("refused.noUnits")} />
                {x.coordinatingUnits.length > 0 && (
                  <>
                    {" · "}
                    {t("refused.coordinating")}: <Units units={x.coordinatingUnits} />
                  </>
                )}
              </p>
            </div>
          }
          extra={
            <Space wrap style={{ justifyContent: "center" }}>
              <LinkButton type="primary" size="large" to="/my-tasks">
                {t("update.backToMine")}
              </LinkButton>
              <LinkButton size="large" to={`/plans/${x.plan.id}/tasks/${x.id}`}>
                {t("refused.readTask")}
              </LinkButton>
            </Space>
          }
        />
      </div>
    );
  return <UpdateForm task={x} />;
}

function UpdateForm({ task }: { task: TaskDetail }) {
  const { t, i18n } = useTranslation("tasks");
  const { me } = useMe();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const invalidate = useInvalidatePlanData();
  const [uploading, setUploading] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const periods = useApi<Periods>(`/agencies/${task.plan.agencyId}/periods?year=${task.plan.year}`, {
    staleTime: 300_000,
  });
  // A coordinating unit reports its part: neither the task's status nor its indicator values.
  const steer = task.can.steer;
  const indicators = steer ? task.targets.filter((x) => x.indicator) : [];
  const myPart = task.parts?.find((p) => p.unitId === me?.unitId);
  const kind = Form.useWatch("evidenceKind", form) ?? "none";
  const progress = Form.useWatch("progress", form) ?? task.progress;
  const maxMb = Math.round(task.upload.maxBytes / 1024 / 1024);
  const accept = task.upload.extensions.join(",");

  async function submit(v: Values) {
    setError(null);
    setSaved(null);
    const value = v.indicator?.value?.trim() ? parseDecimal(v.indicator.value) : null;
    const body: TaskUpdateBody = {
      progress: v.progress,
      ...(steer ? { status: v.status } : {}),
      note: v.note?.trim() ? v.note.trim() : null,
      ...(steer && value !== null && v.indicator?.code && v.indicator.period
        ? { indicator: { code: v.indicator.code, value, period: v.indicator.period } }
        : {}),
      ...(v.evidenceKind === "link" && v.link?.trim() ? { link: v.link.trim() } : {}),
      ...(v.evidenceKind === "document" && v.docNumber?.trim() ? { docNumber: v.docNumber.trim() } : {}),
    };
    const data = new FormData();
    data.append("data", JSON.stringify(body));
    const file = v.evidenceKind === "file" ? v.file : null;
    if (file) data.append("file", file, file.name);
    setUploading(0);
    try {
      await postFormWithProgress(`/tasks/${task.id}/updates`, data, setUploading);
      await invalidate();
      const when = dayOf(new Date().toISOString());
      setSaved(when);
      void message.success(t("update.saved"));
      form.setFieldsValue({ note: "", file: null, link: "", docNumber: "", evidenceKind: "none" });
      form.setFieldValue(["indicator", "value"], "");
      requestAnimationFrame(() => savedRef.current?.focus());
    } catch (e) {
      if (!showFieldError(form, e)) setError(errorText(e));
    } finally {
      setUploading(null);
    }
  }

  return (
    <div className="page task-update">
      <nav aria-label={t("update.nav")} style={{ marginBottom: 4 }}>
        <Link to="/my-tasks">← {t("update.backToMine")}</Link>
      </nav>
      <Typography.Title level={1} className="task-update-title">
        {task.title}
      </Typography.Title>
      <Space size={[8, 4]} wrap style={{ marginBottom: 8 }}>
        <StatusTag status={task.status} />
        <span>
          {t("mine.due")}: <Deadline task={task} />
        </span>
        <span>{t("update.current", { value: progressText(task.progress) })}</span>
        {myPart && <span>{t("update.currentPart", { value: progressText(myPart.progress) })}</span>}
      </Space>
      {!steer && (
        <Alert type="info" showIcon title={t("update.coordinatingHelp")} style={{ marginBottom: 12 }} />
      )}
      <div ref={savedRef} tabIndex={-1} aria-live="polite">
        {saved && (
          <Alert
            type="success"
            showIcon
            title={t("update.savedTitle")}
            description={t("update.savedText", { date: saved })}
            style={{ marginBottom: 12 }}
          />
        )}
      </div>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={submit}
        aria-label={t("update.formLabel")}
        initialValues={{
          progress: steer ? task.progress : (myPart?.progress ?? 0),
          status: task.status,
          evidenceKind: "none",
          indicator: {
            code: indicators[0]?.indicator ?? undefined,
            period: String(task.plan.year),
          },
        }}
        onValuesChange={(changed: Partial<Values>) => {
          if (!steer) return;
          // Reporting 100 % means done; moving off 100 % from done reopens the task.
          if (changed.progress === 100) form.setFieldValue("status", "done");
          else if (changed.progress !== undefined && form.getFieldValue("status") === "done")
            form.setFieldValue("status", "in_progress");
          else if (changed.progress && form.getFieldValue("status") === "not_started")
            form.setFieldValue("status", "in_progress");
        }}
      >
        <Form.Item label={t(steer ? "update.progress" : "update.progressPart")} required>
          <div className="progress-row">
            <Slider
              min={0}
              max={100}
              step={5}
              value={progress}
              onChange={(v) => form.setFieldsValue({ progress: v })}
              onChangeComplete={() => void form.validateFields(["progress"])}
              tooltip={{ formatter: (v) => progressText(v ?? 0) }}
              ariaLabelForHandle={t("update.progressSlider")}
              ariaValueTextFormatterForHandle={(v) => progressText(v ?? 0)}
              style={{ flex: 1 }}
            />
            <Form.Item name="progress" noStyle rules={[zodRule(progressSchema, t("update.progressRule"))]}>
              {/* No min/max here: a clamped input would hide the mistake instead of explaining it. */}
              <InputNumber
                inputMode="numeric"
                aria-label={t("update.progressInput")}
                suffix="%"
                style={{ width: 110 }}
              />
            </Form.Item>
          </div>
        </Form.Item>
        {steer && (
          <Form.Item label={t("update.status")} name="status">
            <Radio.Group className="big-choices" optionType="button" buttonStyle="solid">
              {TASK_STATUSES.map((s) => (
                <Radio.Button key={s} value={s}>
                  {t(`status.${s}`, { ns: "common" })}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item
          label={t("update.note")}
          name="note"
          rules={[zodRule(taskUpdateBody.shape.note, t("update.noteRule"))]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t("update.notePlaceholder")} />
        </Form.Item>
        <Form.Item label={t("update.evidence")} name="evidenceKind">
          <Radio.Group className="big-choices" optionType="button">
            <Radio.Button value="none">{t("update.evidenceNone")}</Radio.Button>
            <Radio.Button value="file">{t("update.evidenceFile")}</Radio.Button>
            <Radio.Button value="link">{t("update.evidenceLink")}</Radio.Button>
            <Radio.Button value="document">{t("update.evidenceDocument")}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {kind === "file" && (
          <Form.Item
            label={t("update.file")}
            name="file"
            extra={t("update.fileHelp", { max: maxMb, types: task.upload.extensions.join(", ") })}
            valuePropName="file"
            rules={[
              { required: true, message: t("update.fileRequired") },
              {
                validator: async (_r, f: File | null | undefined) => {
                  if (!f) return;
                  const ext = f.name.slice(f.name.lastIndexOf(".")).toLowerCase();
                  if (!task.upload.extensions.includes(ext))
                    throw new Error(t("update.fileType", { types: task.upload.extensions.join(", ") }));
                  if (f.size > task.upload.maxBytes) throw new Error(t("update.fileSize", { max: maxMb }));
                },
              },
            ]}
          >
            <FilePicker accept={accept} label={t("update.chooseFile")} />
          </Form.Item>
        )}
        {kind === "link" && (
          <Form.Item
            label={t("update.link")}
            name="link"
            rules={[
              { required: true, message: t("update.linkRule") },
              zodRule(taskUpdateBody.shape.link, t("update.linkRule")),
            ]}
          >
            <Input type="url" inputMode="url" placeholder="https://" />
          </Form.Item>
        )}
        {kind === "document" && (
          <Form.Item
            label={t("update.docNumber")}
            name="docNumber"
            rules={[
              { required: true, message: t("update.docNumberRule") },
              zodRule(taskUpdateBody.shape.docNumber, t("update.docNumberRule")),
            ]}
          >
            <Input placeholder={t("update.docNumberPlaceholder")} />
          </Form.Item>
        )}
        {indicators.length > 0 && (
          <fieldset className="indicator-fieldset">
            <legend>{t("update.indicator")}</legend>
            <Form.Item
              label={t("update.indicatorTarget")}
              name={["indicator", "code"]}
              hidden={indicators.length === 1}
            >
              <Select options={indicators.map((x) => ({ value: x.indicator as string, label: x.text }))} />
            </Form.Item>
            {indicators.length === 1 && (
              <p style={{ margin: "0 0 8px" }}>
                {indicators[0].text} (<TargetValue target={indicators[0]} />)
              </p>
            )}
            <div className="indicator-row">
              <Form.Item
                label={t("update.indicatorValue")}
                name={["indicator", "value"]}
                rules={[
                  {
                    validator: async (_r, v: string | undefined) => {
                      if (!v?.trim()) return;
                      const n = parseDecimal(v);
                      if (n === null || !indicatorValueSchema.shape.value.safeParse(n).success)
                        throw new Error(t("update.indicatorValueRule"));
                    },
                  },
                ]}
                style={{ flex: "1 1 120px" }}
              >
                <Input inputMode="decimal" placeholder="0" />
              </Form.Item>
              <Form.Item
                label={t("update.indicatorPeriod")}
                name={["indicator", "period"]}
                rules={[zodRule(indicatorValueSchema.shape.period, t("update.indicatorPeriodRule"))]}
                style={{ flex: "1 1 160px" }}
              >
                <Select
                  loading={periods.isLoading}
                  options={[
                    { value: String(task.plan.year), label: t("update.wholeYear", { year: task.plan.year }) },
                    ...(periods.data?.periods ?? [])
                      .filter((p) => p.code !== "year")
                      .map((p) => ({
                        value: periodKey(p.code, p.year),
                        label: `${i18n.language === "en" ? p.labelEn : p.labelVi} ${p.year}`,
                      })),
                  ]}
                />
              </Form.Item>
            </div>
          </fieldset>
        )}
        {uploading !== null && (
          <div role="status" aria-live="polite" style={{ marginBottom: 12 }}>
            <div>{t("update.sending")}</div>
            <Progress
              percent={uploading}
              format={(p) => progressText(p ?? 0)}
              aria-label={t("update.sending")}
            />
          </div>
        )}
        <Button type="primary" htmlType="submit" block className="save-button" loading={uploading !== null}>
          {t("update.save")}
        </Button>
      </Form>
      <section aria-labelledby="recent-heading" style={{ marginTop: 24 }}>
        <h2 id="recent-heading" style={{ fontSize: 18 }}>
          {t("update.recent")}
        </h2>
        <UpdateHistory updates={task.updates ?? []} limit={5} targets={task.targets} />
        <Link to={`/plans/${task.plan.id}/tasks/${task.id}`}>{t("update.allHistory")}</Link>
      </section>
    </div>
  );
}

/** One file, kept in the form until the update is sent (nothing is uploaded on choosing). */
function FilePicker({
  file,
  onChange,
  accept,
  label,
}: {
  file?: File | null;
  onChange?: (f: File | null) => void;
  accept: string;
  label: string;
}) {
  return (
    <Upload
      accept={accept}
      maxCount={1}
      fileList={file ? [{ uid: "1", name: file.name, status: "done", size: file.size }] : []}
      beforeUpload={(f) => {
        onChange?.(f);
        return false;
      }}
      onRemove={() => onChange?.(null)}
    >
      <Button size="large" className="file-button">
        {label}
      </Button>
    </Upload>
  );
}
