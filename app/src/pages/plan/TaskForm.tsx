/**
 * Adding or editing a task of a plan, in a drawer. The fields validate as you type with the route's
 * own zod rules (core/contracts/plans.ts); a server error lands next to its field. A lint fix opens
 * the drawer prefilled (the area of an area without tasks) or focused on the field that fixes it.
 */
import { Alert, Button, Col, DatePicker, Drawer, Form, Input, Popconfirm, Row, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  COMPARATORS,
  datesInOrder,
  measurableTargetSchema,
  targetFields,
  taskFields,
} from "../../../../core/contracts/plans.ts";
import { formatDate, matchesSearch, parseDecimal, parseViDate } from "../../../../core/locale.ts";
import { api, useApi } from "../../api.ts";
import { errorText, showFieldError } from "../../components/common.tsx";
import { zodRule } from "../../components/form.ts";
import { pts } from "../../format.ts";
import type { Agency, LintIssue, MeasurableTarget, Plan, Task } from "./model.ts";
import { useInvalidatePlanData } from "./parts.tsx";

export type TaskFormMode =
  | { kind: "add"; areaCode?: string | null }
  | { kind: "edit"; task: Task; focus?: LintIssue["field"] }
  /** The lead division: its task's dates and measurable targets only. */
  | { kind: "lead"; task: Task };

interface TargetValues {
  text?: string;
  comparator?: MeasurableTarget["comparator"];
  value?: string;
  /** A named quantity instead of a number ("tổng biên chế được giao"). */
  reference?: string;
  unit?: string;
  indicator?: string;
}

interface Values {
  section?: string;
  title?: string;
  body?: string;
  areaCode?: string | null;
  leadUnits: number[];
  coordinatingUnits: number[];
  startsOn?: Dayjs | null;
  due?: Dayjs | null;
  period?: string;
  targets: TargetValues[];
}

const iso = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);
const blankToNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** A target as the form holds it (text) → as the API takes it (number, or ISO date for done_by). */
function targetOut(v: TargetValues) {
  const reference = blankToNull(v.reference);
  // A named quantity with no number: the value is null, not a made-up 0.
  const value =
    reference && !v.value?.trim()
      ? null
      : v.comparator === "done_by"
        ? (parseViDate(v.value ?? "") ?? v.value ?? "")
        : (parseDecimal(v.value ?? "") ?? v.value ?? "");
  return {
    text: v.text?.trim() ?? "",
    comparator: v.comparator ?? ">=",
    value,
    reference,
    unit: blankToNull(v.unit),
    indicator: blankToNull(v.indicator),
  };
}

function initialValues(mode: TaskFormMode): Values {
  if (mode.kind === "add")
    return { areaCode: mode.areaCode ?? null, leadUnits: [], coordinatingUnits: [], targets: [] };
  const t = mode.task;
  return {
    section: t.section ?? undefined,
    title: t.title,
    body: t.body ?? undefined,
    areaCode: t.areaCode,
    leadUnits: t.leadUnits.map((u) => u.id),
    coordinatingUnits: t.coordinatingUnits.map((u) => u.id),
    startsOn: t.startsOn ? dayjs(t.startsOn) : null,
    due: t.due ? dayjs(t.due) : null,
    period: t.period ?? undefined,
    targets: t.targets.map((x) => ({
      text: x.text,
      comparator: x.comparator,
      value:
        x.value === null
          ? undefined
          : x.comparator === "done_by"
            ? formatDate(String(x.value))
            : pts(Number(x.value)),
      reference: x.reference ?? undefined,
      unit: x.unit ?? undefined,
      indicator: x.indicator ?? undefined,
    })),
  };
}

interface DrawerProps {
  plan: Plan;
  mode: TaskFormMode | null;
  onClose: (savedTaskId?: number) => void;
}

/** Each opening gets a fresh drawer and form store, so nothing typed last time leaks into the next task. */
export function TaskFormDrawer(props: DrawerProps) {
  const opened = useRef({ mode: null as TaskFormMode | null, count: 0 });
  if (props.mode && props.mode !== opened.current.mode) opened.current.count++;
  opened.current.mode = props.mode;
  return <TaskFormDrawerOnce key={opened.current.count} {...props} />;
}

function TaskFormDrawerOnce({ plan, mode, onClose }: DrawerProps) {
  const { t } = useTranslation("plan");
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const agency = useApi<Agency>(mode ? `/agencies/${plan.agency.id}` : null, { staleTime: 300_000 });
  const invalidate = useInvalidatePlanData();
  const unitOptions = (agency.data?.units ?? []).map((u) => ({
    value: u.id,
    label: u.shortName && u.kind !== "unit_group" ? `${u.name} (${u.shortName})` : u.name,
  }));
  const areaOptions = plan.targets.areas.map((a) => ({
    value: a.areaCode,
    label: `${a.areaCode}. ${a.title}`,
  }));
  const lead = mode?.kind === "lead";
  if (
    mode &&
    mode.kind !== "add" &&
    mode.task.areaCode &&
    !areaOptions.some((o) => o.value === mode.task.areaCode)
  )
    areaOptions.push({ value: mode.task.areaCode, label: mode.task.areaCode });
  const search = {
    filterOption: (input: string, o?: { label: string }) => matchesSearch(o?.label ?? "", input),
  };

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    const body = {
      section: blankToNull(v.section),
      title: v.title?.trim() ?? "",
      body: blankToNull(v.body),
      areaCode: v.areaCode ?? null,
      leadUnits: v.leadUnits ?? [],
      coordinatingUnits: v.coordinatingUnits ?? [],
      startsOn: iso(v.startsOn),
      due: iso(v.due),
      period: blankToNull(v.period),
      targets: (v.targets ?? []).map(targetOut),
    };
    try {
      let id: number;
      if (mode?.kind === "lead") {
        const { startsOn, due, period, targets } = body;
        await api.patch(`/tasks/${mode.task.id}`, { startsOn, due, period, targets });
        id = mode.task.id;
      } else if (mode?.kind === "edit") {
        await api.patch(`/tasks/${mode.task.id}`, body);
        id = mode.task.id;
      } else id = (await api.post<{ id: number }>(`/plans/${plan.id}/tasks`, body)).id;
      await invalidate();
      onClose(id);
    } catch (e) {
      if (!showFieldError(form, e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const title = lead ? t("form.leadTitle") : mode?.kind === "edit" ? t("form.editTitle") : t("form.addTitle");
  return (
    <Drawer
      open={mode !== null}
      onClose={() => onClose()}
      title={title}
      size={Math.min(640, typeof window === "undefined" ? 640 : window.innerWidth)}
      destroyOnHidden
      rootClassName="plan-drawer"
      afterOpenChange={(open) => {
        if (open && mode?.kind === "edit" && mode.focus) form.focusField(mode.focus);
      }}
      footer={
        <Space>
          <Button onClick={() => onClose()}>{t("action.cancel", { ns: "common" })}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t("action.save", { ns: "common" })}
          </Button>
        </Space>
      }
    >
      {mode && (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={initialValues(mode)}
          onFinish={submit}
          aria-label={title}
        >
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
          {lead && <Alert type="info" showIcon title={t("form.leadHelp")} style={{ marginBottom: 12 }} />}
          <Row gutter={12}>
            <Col xs={24} sm={6}>
              <Form.Item
                label={t("form.section")}
                name="section"
                rules={[zodRule(taskFields.shape.section, t("form.sectionRule"))]}
              >
                <Input disabled={lead} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={18}>
              <Form.Item label={t("form.area")} name="areaCode">
                <Select
                  allowClear
                  options={areaOptions}
                  placeholder={t("form.areaPlaceholder")}
                  disabled={lead}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label={t("form.title")}
            name="title"
            rules={[zodRule(taskFields.shape.title, t("form.titleRule"))]}
          >
            <Input disabled={lead} />
          </Form.Item>
          <Form.Item
            label={t("form.body")}
            name="body"
            rules={[zodRule(taskFields.shape.body, t("form.bodyRule"))]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} disabled={lead} />
          </Form.Item>
          <Form.Item
            label={t("form.leadUnits")}
            name="leadUnits"
            extra={`${t("form.leadUnitsHelp")} ${t("form.groupHelp")}`}
            rules={[zodRule(taskFields.shape.leadUnits, t("form.leadUnitsRule"))]}
          >
            <Select
              mode="multiple"
              options={unitOptions}
              loading={agency.isLoading}
              showSearch={search}
              disabled={lead}
            />
          </Form.Item>
          <Form.Item
            label={t("form.coordinatingUnits")}
            name="coordinatingUnits"
            rules={[zodRule(taskFields.shape.coordinatingUnits, t("form.coordinatingUnitsRule"))]}
          >
            <Select
              mode="multiple"
              options={unitOptions}
              loading={agency.isLoading}
              showSearch={search}
              disabled={lead}
            />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item label={t("form.startsOn")} name="startsOn">
                <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                label={t("form.due")}
                name="due"
                dependencies={["startsOn"]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_r, value: Dayjs | null) => {
                      if (!datesInOrder(iso(getFieldValue("startsOn")), iso(value)))
                        throw new Error(t("form.dueRule"));
                    },
                  }),
                ]}
              >
                <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label={t("form.period")}
            name="period"
            extra={t("form.periodHelp")}
            rules={[zodRule(taskFields.shape.period, t("form.periodRule"))]}
          >
            <Input />
          </Form.Item>
          <fieldset style={{ border: "1px solid #d9d9d9", borderRadius: 6, padding: "8px 12px 0" }}>
            <legend style={{ fontSize: 14, padding: "0 4px", width: "auto", margin: 0, border: 0 }}>
              {t("form.targets")}
            </legend>
            <Form.List name="targets">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <div key={f.key} style={{ borderBottom: "1px dashed #d9d9d9", marginBottom: 8 }}>
                      <Form.Item
                        label={t("form.targetText", { n: i + 1 })}
                        name={[f.name, "text"]}
                        rules={[zodRule(targetFields.shape.text, t("form.targetTextRule"))]}
                      >
                        <Input />
                      </Form.Item>
                      <Row gutter={8}>
                        <Col xs={12} sm={6}>
                          <Form.Item label={t("form.comparator")} name={[f.name, "comparator"]}>
                            <Select
                              options={COMPARATORS.map((c) => ({ value: c, label: t(`comparator.${c}`) }))}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={12} sm={6}>
                          <Form.Item
                            label={t("form.targetValue")}
                            name={[f.name, "value"]}
                            dependencies={[
                              ["targets", f.name, "comparator"],
                              ["targets", f.name, "reference"],
                            ]}
                            rules={[
                              ({ getFieldValue }) => ({
                                validator: async () => {
                                  const v = targetOut(getFieldValue(["targets", f.name]) ?? {});
                                  const r = measurableTargetSchema.safeParse({ ...v, text: v.text || "-" });
                                  if (!r.success)
                                    throw new Error(
                                      t(
                                        v.comparator === "done_by"
                                          ? "form.targetDateRule"
                                          : v.reference && v.value !== null
                                            ? "form.targetValueOrReferenceRule"
                                            : "form.targetNumberRule",
                                      ),
                                    );
                                },
                              }),
                            ]}
                          >
                            <Input />
                          </Form.Item>
                        </Col>
                        <Col xs={12} sm={5}>
                          <Form.Item
                            label={t("form.targetUnit")}
                            name={[f.name, "unit"]}
                            rules={[zodRule(targetFields.shape.unit, t("form.targetUnitRule"))]}
                          >
                            <Input placeholder="%" />
                          </Form.Item>
                        </Col>
                        <Col xs={12} sm={7}>
                          <Form.Item
                            label={t("form.indicator")}
                            name={[f.name, "indicator"]}
                            rules={[zodRule(targetFields.shape.indicator, t("form.indicatorRule"))]}
                          >
                            <Input />
                          </Form.Item>
                        </Col>
                        <Col xs={24}>
                          <Form.Item
                            label={t("form.targetReference")}
                            name={[f.name, "reference"]}
                            extra={t("form.targetReferenceHelp")}
                            rules={[zodRule(targetFields.shape.reference, t("form.targetReferenceRule"))]}
                          >
                            <Input />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Popconfirm
                        title={t("form.removeTargetConfirm", { n: i + 1 })}
                        okText={t("action.delete", { ns: "common" })}
                        cancelText={t("action.cancel", { ns: "common" })}
                        onConfirm={() => remove(f.name)}
                      >
                        <Button size="small" danger style={{ marginBottom: 8 }}>
                          {t("form.removeTarget", { n: i + 1 })}
                        </Button>
                      </Popconfirm>
                    </div>
                  ))}
                  <Button
                    onClick={() => add({ comparator: ">=" })}
                    style={{ marginBottom: 12 }}
                    disabled={fields.length >= 20}
                  >
                    {t("form.addTarget")}
                  </Button>
                </>
              )}
            </Form.List>
          </fieldset>
        </Form>
      )}
    </Drawer>
  );
}
