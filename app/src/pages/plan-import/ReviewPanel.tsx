/** What was read, as editable fields; each field shows the server's own rule as you type. */
import {
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from "antd";
import { useTranslation } from "react-i18next";
import { date, pts } from "../../format.ts";
import { IsoDatePicker } from "./IsoDatePicker.tsx";
import type { ImportedPlan, ReviewState, ReviewTask } from "./model.ts";
import { TargetsEditor } from "./TargetsEditor.tsx";

interface Props {
  plan: ImportedPlan;
  review: ReviewState;
  onChange: (r: ReviewState) => void;
  units: { id: number; name: string }[];
  issues: Map<string, string>;
  active: string | null;
  onSelect: (id: string) => void;
  lang: string;
}

/** A labelled field: the label points at the control with the same `id`; the server's rule speaks under it. */
function Field({
  label,
  error,
  id,
  children,
}: {
  label: string;
  error?: string;
  id: string;
  children: React.ReactNode;
}) {
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      validateStatus={error ? "error" : undefined}
      help={error}
      style={{ marginBottom: 10 }}
    >
      {children}
    </Form.Item>
  );
}

/** The signature block's fields and where the shared schema reports them; the authority may take two lines. */
const SIGNER_FIELDS = [
  ["signerAuthority", "authority"],
  ["signerPosition", "position"],
  ["signerName", "name"],
] as const;

export function ReviewPanel({ plan, review, onChange, units, issues, active, onSelect, lang }: Props) {
  const { t } = useTranslation("planImport");
  const set = (patch: Partial<ReviewState>) => onChange({ ...review, ...patch });
  const setTask = (i: number, patch: Partial<ReviewTask>) =>
    set({ tasks: review.tasks.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const unitOptions = units.map((u) => ({ value: u.name, label: u.name }));
  const areaOptions = [
    { value: "", label: t("noArea") },
    ...review.areaTargets.map((a) => ({ value: a.areaCode, label: `${a.areaCode}. ${a.title}` })),
  ];
  const warningTarget = (w: ImportedPlan["warnings"][number]) =>
    w.task !== undefined
      ? `task.${w.task}`
      : w.area !== undefined
        ? `area.${plan.areaTargets.findIndex((a) => a.area === w.area)}`
        : null;

  return (
    <Form layout="vertical" component="div">
      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("warnings", { n: plan.warnings.length })}</h2>}
        style={{ marginBottom: 12 }}
      >
        {plan.warnings.length === 0 ? (
          <Typography.Text>{t("noWarnings")}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={plan.warnings}
            pagination={plan.warnings.length > 8 ? { pageSize: 8, size: "small" } : false}
            renderItem={(w) => {
              const target = warningTarget(w);
              return (
                <List.Item>
                  <Tag color={w.code === "page_chrome" ? "default" : "orange"}>
                    {t(`warningCode.${w.code}`, { defaultValue: w.code })}
                  </Tag>{" "}
                  {target ? (
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
                      onClick={() => onSelect(target)}
                    >
                      {lang === "en" ? w.messageEn : w.message}
                    </Button>
                  ) : (
                    <span>{lang === "en" ? w.messageEn : w.message}</span>
                  )}
                </List.Item>
              );
            }}
          />
        )}
      </Card>

      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("documentFields")}</h2>}
        style={{ marginBottom: 12 }}
      >
        <Field id="imp-number" label={t("number")} error={issues.get("document.number")}>
          <Input
            id="imp-number"
            value={review.number ?? ""}
            onChange={(e) => set({ number: e.target.value })}
            onFocus={() => onSelect("doc.number")}
          />
        </Field>
        <Field id="imp-code" label={t("code")} error={issues.get("document.code")}>
          <Input
            id="imp-code"
            value={review.code ?? ""}
            onChange={(e) => set({ code: e.target.value })}
            onFocus={() => onSelect("doc.code")}
          />
        </Field>
        <Field id="imp-issued" label={t("issuedOn")} error={issues.get("document.issuedOn")}>
          <IsoDatePicker
            id="imp-issued"
            value={review.issuedOn}
            onChange={(v) => set({ issuedOn: v })}
            onFocus={() => onSelect("doc.date")}
          />
        </Field>
        <Field id="imp-place" label={t("place")} error={issues.get("document.place")}>
          <Input
            id="imp-place"
            value={review.place ?? ""}
            onChange={(e) => set({ place: e.target.value })}
            onFocus={() => onSelect("doc.place")}
          />
        </Field>
        <Field id="imp-year" label={t("year")} error={issues.get("year")}>
          <InputNumber id="imp-year" value={review.year} onChange={(v) => set({ year: Number(v) })} />
        </Field>
        <Field id="imp-title" label={t("subject")} error={issues.get("document.title")}>
          <Input.TextArea
            id="imp-title"
            autoSize
            value={review.title}
            onChange={(e) => set({ title: e.target.value })}
            onFocus={() => onSelect("doc.title")}
          />
        </Field>
        <Field id="imp-implements" label={t("implements")} error={issues.get("document.implements")}>
          <Input.TextArea
            id="imp-implements"
            autoSize
            value={review.implements ?? ""}
            onChange={(e) => set({ implements: e.target.value })}
            onFocus={() => onSelect("ref.0")}
          />
        </Field>
        {SIGNER_FIELDS.map(([key, path]) => (
          <Field key={key} id={`imp-${key}`} label={t(key)} error={issues.get(`document.signer.${path}`)}>
            <Input.TextArea
              id={`imp-${key}`}
              autoSize
              value={review[key] ?? ""}
              onChange={(e) => set({ [key]: e.target.value })}
              onFocus={() => onSelect("doc.signer")}
            />
          </Field>
        ))}
      </Card>

      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("targets")}</h2>}
        style={{ marginBottom: 12 }}
      >
        <Field
          id="imp-percent"
          label={t("percentAtLeast")}
          error={issues.get("overallTarget.percentAtLeast")}
        >
          <InputNumber
            id="imp-percent"
            value={review.percentAtLeast}
            min={0}
            max={100}
            decimalSeparator={lang === "en" ? "." : ","}
            onChange={(v) => set({ percentAtLeast: v === null ? null : Number(v) })}
            onFocus={() => onSelect("overall")}
          />
        </Field>
        <Field
          id="imp-gain-min"
          label={t("rankGain")}
          error={issues.get("overallTarget.rankGainMax") ?? issues.get("overallTarget.rankGainMin")}
        >
          <InputNumber
            id="imp-gain-min"
            aria-label={t("rankGainMin")}
            value={review.rankGainMin}
            min={0}
            onChange={(v) => set({ rankGainMin: v === null ? null : Number(v) })}
          />{" "}
          –{" "}
          <InputNumber
            aria-label={t("rankGainMax")}
            value={review.rankGainMax}
            min={0}
            onChange={(v) => set({ rankGainMax: v === null ? null : Number(v) })}
          />
        </Field>
        <Table
          size="small"
          rowKey="areaCode"
          pagination={false}
          scroll={{ x: true }}
          dataSource={review.areaTargets}
          locale={{ emptyText: t("noAreaTargets") }}
          onRow={(_, i) => ({ onClick: () => onSelect(`area.${i}`) })}
          columns={[
            { title: t("area"), dataIndex: "areaCode", render: (v: string, a) => `${v}. ${a.title}` },
            {
              title: t("target"),
              render: (_: unknown, a, i) => (
                <InputNumber
                  aria-label={`${t("target")} ${a.areaCode}`}
                  value={a.target}
                  min={0}
                  max={a.max}
                  step={0.25}
                  decimalSeparator={lang === "en" ? "." : ","}
                  status={issues.get(`areaTargets.${i}.target`) ? "error" : undefined}
                  onChange={(v) =>
                    set({
                      areaTargets: review.areaTargets.map((x, j) =>
                        j === i ? { ...x, target: v === null ? 0 : Number(v) } : x,
                      ),
                    })
                  }
                />
              ),
            },
            { title: t("max"), dataIndex: "max", render: (v: number) => pts(v), className: "num" },
            {
              title: t("kept"),
              render: (_: unknown, a, i) => (
                <Checkbox
                  aria-label={`${t("kept")} ${a.areaCode}`}
                  checked={a.kept}
                  onChange={(e) =>
                    set({
                      areaTargets: review.areaTargets.map((x, j) =>
                        j === i ? { ...x, kept: e.target.checked } : x,
                      ),
                    })
                  }
                />
              ),
            },
          ]}
        />
        {plan.totals && (
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {t("totals", {
              target: pts(plan.totals.target),
              max: pts(plan.totals.max),
              baseline: pts(plan.totals.impliedBaseline),
              year: plan.totals.baselineYear ?? "",
            })}
          </Typography.Paragraph>
        )}
      </Card>

      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("tasks", { n: review.tasks.length })}</h2>}
      >
        {review.tasks.length === 0 && <Typography.Text>{t("noTasks")}</Typography.Text>}
        {review.tasks.map((task, i) => {
          const id = `task.${task.source}`;
          const err = (f: string) => issues.get(`tasks.${i}.${f}`);
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: selecting a card only highlights its text; every control inside is labelled
            // biome-ignore lint/a11y/useKeyWithClickEvents: focus on any control inside selects the card too
            <div
              key={task.key}
              className={`import-task${active === id ? " import-task-active" : ""}`}
              onClick={() => onSelect(id)}
              onFocus={() => onSelect(id)}
              data-task={i}
            >
              <Field
                id={`imp-task-${i}-title`}
                label={`${t("taskTitle")} ${i + 1}${task.section ? ` (${task.section})` : ""}`}
                error={err("title")}
              >
                <Input
                  id={`imp-task-${i}-title`}
                  value={task.title}
                  onChange={(e) => setTask(i, { title: e.target.value })}
                />
              </Field>
              <Field id={`imp-task-${i}-lead`} label={t("lead")} error={err("leadUnits")}>
                <Select
                  id={`imp-task-${i}-lead`}
                  mode="multiple"
                  allowClear
                  options={unitOptions}
                  value={task.leadUnits}
                  onChange={(v) => setTask(i, { leadUnits: v })}
                  aria-label={`${t("lead")} ${i + 1}`}
                />
              </Field>
              <Field id={`imp-task-${i}-coord`} label={t("coordinating")} error={err("coordinatingUnits")}>
                <Select
                  id={`imp-task-${i}-coord`}
                  mode="multiple"
                  allowClear
                  options={unitOptions}
                  value={task.coordinatingUnits}
                  onChange={(v) => setTask(i, { coordinatingUnits: v })}
                  aria-label={`${t("coordinating")} ${i + 1}`}
                />
              </Field>
              <Field id={`imp-task-${i}-area`} label={t("taskArea")} error={err("areaCode")}>
                <Select
                  id={`imp-task-${i}-area`}
                  options={areaOptions}
                  value={task.areaCode ?? ""}
                  onChange={(v) => setTask(i, { areaCode: v || null })}
                  aria-label={`${t("taskArea")} ${i + 1}`}
                />
              </Field>
              <Field id={`imp-task-${i}-due`} label={t("due")} error={err("due")}>
                <IsoDatePicker
                  id={`imp-task-${i}-due`}
                  value={task.due}
                  onChange={(v) => setTask(i, { due: v })}
                />
              </Field>
              {task.period && (
                <Typography.Paragraph style={{ fontSize: 13 }}>
                  {t("period", { period: task.period, due: date(task.due) })}
                </Typography.Paragraph>
              )}
              {task.windows.map((w) => (
                <Typography.Paragraph key={w.text} style={{ fontSize: 13 }}>
                  {t("sentenceWindow", { period: w.period ?? "", sentence: w.text })}
                </Typography.Paragraph>
              ))}
              <TargetsEditor
                id={`imp-task-${i}-targets`}
                task={i + 1}
                targets={task.targets}
                onChange={(targets) => setTask(i, { targets })}
                error={(j, f) => err(`targets.${j}.${f}`)}
                lang={lang}
              />
              <Popconfirm
                title={t("removeTask")}
                okText={t("remove")}
                cancelText={t("cancel")}
                onConfirm={() => set({ tasks: review.tasks.filter((_, j) => j !== i) })}
              >
                <Button size="small" danger>
                  {t("remove")}
                </Button>
              </Popconfirm>
            </div>
          );
        })}
      </Card>
    </Form>
  );
}
