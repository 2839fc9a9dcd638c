/**
 * Create or edit an agency, division or unit group: names, validity dates (it may end the day it
 * starts, never before) and the successor that takes over from it. Same rules as the API.
 */
import { useQueryClient } from "@tanstack/react-query";
import { DatePicker, Form, Input, InputNumber, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import {
  AGENCY_KINDS,
  agencyCodeSchema,
  agencyNameSchema,
  groupCodeSchema,
  shortNameSchema,
  validityIssue,
} from "../../../../core/contracts/agencies.ts";
import { api } from "../../api.ts";
import { FormModal } from "../../components/FormModal.tsx";
import { zodRule } from "../../components/form.ts";
import { useFormSubmit } from "../../components/useFormSubmit.ts";
import { AgencySelect } from "./AgencySelect.tsx";
import type { Agency, AgencyKind } from "./types.ts";

interface Values {
  code: string;
  name: string;
  shortName?: string;
  kind: AgencyKind;
  parentId?: number | null;
  group?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  successorId?: number | null;
  staffCount?: number | null;
}

const iso = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);
const orNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

export function AgencyForm({
  agency,
  defaults,
  onClose,
  onSaved,
}: {
  /** The agency to edit; absent to create one. */
  agency?: Agency;
  /** For a new one: preset kind and parent (a division of an agency). */
  defaults?: { kind?: AgencyKind; parentId?: number };
  onClose: () => void;
  onSaved?: (id: number) => void;
}) {
  const { t, i18n } = useTranslation(["admin", "common"]);
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const kind = (Form.useWatch("kind", form) ?? agency?.kind ?? defaults?.kind ?? "agency") as AgencyKind;

  const { busy, error, submit } = useFormSubmit<Values>(form, async (v) => {
    const common = {
      name: v.name.trim(),
      shortName: orNull(v.shortName),
      group: orNull(v.group),
      validFrom: iso(v.validFrom) ?? undefined,
      validTo: iso(v.validTo),
      successorId: v.successorId ?? null,
      staffCount: v.staffCount ?? null,
    };
    let id: number;
    if (agency) {
      await api.patch(`/agencies/${agency.id}`, common);
      id = agency.id;
    } else {
      id = (
        await api.post<{ id: number }>("/agencies", {
          ...common,
          code: v.code.trim(),
          kind: v.kind,
          parentId: v.kind === "province" ? null : (v.parentId ?? null),
        })
      ).id;
    }
    await qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith("/agencies") });
    onSaved?.(id);
    onClose();
  });

  return (
    <FormModal
      form={form}
      title={agency ? t("agencies.form.editTitle", { name: agency.name }) : t("agencies.form.createTitle")}
      busy={busy}
      error={error}
      onClose={onClose}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          agency
            ? {
                code: agency.code,
                name: agency.name,
                shortName: agency.shortName ?? "",
                kind: agency.kind,
                parentId: agency.parentId,
                group: agency.group ?? "",
                validFrom: agency.validFrom ? dayjs(agency.validFrom) : null,
                validTo: agency.validTo ? dayjs(agency.validTo) : null,
                successorId: agency.successorId,
                staffCount: agency.staffCount,
              }
            : { kind: defaults?.kind ?? "agency", parentId: defaults?.parentId ?? null, code: "", name: "" }
        }
      >
        <Form.Item
          name="code"
          label={t("agencies.form.code")}
          rules={agency ? [] : [zodRule(agencyCodeSchema, t("agencies.form.codeRule"))]}
        >
          <Input disabled={!!agency} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t("agencies.form.name")}
          rules={[zodRule(agencyNameSchema, t("agencies.form.nameRule"))]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="shortName"
          label={t("agencies.form.shortName")}
          rules={[zodRule(shortNameSchema.optional(), t("agencies.form.shortNameRule"))]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t("agencies.form.kind")}>
          <Select
            disabled={!!agency || !!defaults?.kind}
            options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`agencyKinds.${k}`) }))}
          />
        </Form.Item>
        {kind !== "province" && (
          <Form.Item
            name="parentId"
            label={t("agencies.form.parent")}
            rules={agency ? [] : [{ required: true, message: t("agencies.form.parentRule") }]}
          >
            <AgencySelect
              disabled={!!agency || !!defaults?.parentId}
              kind={kind === "agency" ? "province" : "agency"}
            />
          </Form.Item>
        )}
        <Form.Item
          name="group"
          label={t("agencies.form.group")}
          rules={[zodRule(groupCodeSchema.optional(), t("agencies.form.groupRule"))]}
          extra={t("agencies.form.groupHelp")}
        >
          <Input />
        </Form.Item>
        <Form.Item name="validFrom" label={t("agencies.form.validFrom")}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="validTo"
          label={t("agencies.form.validTo")}
          dependencies={["validFrom"]}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, value: Dayjs | null) => {
                const issue = validityIssue(iso(getFieldValue("validFrom")), iso(value));
                if (issue) throw new Error(i18n.language === "en" ? issue.en : issue.vi);
              },
            }),
          ]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="successorId"
          label={t("agencies.form.successor")}
          extra={t("agencies.form.successorHelp")}
        >
          <AgencySelect kind={kind} exclude={agency?.id} />
        </Form.Item>
        <Form.Item
          name="staffCount"
          label={t("agencies.form.staffCount")}
          rules={[{ type: "number", min: 0, message: t("agencies.form.staffCountRule") }]}
        >
          <InputNumber style={{ width: "100%" }} precision={0} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
