/** A new cycle: year, group, framework, province, dates in order, and the agencies taking part. */
import { useQueryClient } from "@tanstack/react-query";
import { AutoComplete, Button, Form, InputNumber, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { groupSchema } from "../../../../core/contracts/cycles.ts";
import { sortVi } from "../../../../core/locale.ts";
import { api, useApi } from "../../api.ts";
import { useMe } from "../../auth.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { zodRule } from "../../components/form.ts";
import { useFormSubmit } from "../../components/useFormSubmit.ts";
import { CycleDateFields, type DateValues, isoDates } from "./dates.tsx";
import { useGroupLabel } from "./parts.tsx";
import type { AgencyItem, Cycle, FrameworkMeta } from "./types.ts";

interface Values extends DateValues {
  year: number;
  group: string;
  frameworkId: number;
  provinceId: number;
  agencyIds: number[];
}

export function CreateCycleModal({ onClose, existing }: { onClose: () => void; existing: Cycle[] }) {
  const { t } = useTranslation("province");
  const { me } = useMe();
  const groupLabel = useGroupLabel();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const frameworks = useApi<{ items: FrameworkMeta[] }>("/frameworks");
  const provinces = useApi<{ items: AgencyItem[] }>("/agencies?kind=province&limit=500");
  const provinceId = Form.useWatch("provinceId", form);
  const group = Form.useWatch("group", form);
  const agencies = useApi<{ items: AgencyItem[] }>(
    provinceId ? `/agencies?kind=agency&parentId=${provinceId}&limit=500` : null,
  );
  const groups = [...new Set(existing.map((c) => c.group))];
  const inGroup = (agencies.data?.items ?? []).filter((a) => !group || a.group === group);

  const { busy, error, submit } = useFormSubmit<Values>(form, async (v) => {
    const { id } = await api.post<{ id: number }>("/cycles", {
      year: v.year,
      group: v.group,
      frameworkId: v.frameworkId,
      provinceId: v.provinceId,
      agencyIds: v.agencyIds ?? [],
      ...isoDates(v),
    });
    await qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith("/cycles") });
    onClose();
    navigate(`/province/cycles/${id}`);
  });

  return (
    <FormModal
      form={form}
      title={t("create.title")}
      okText={t("create.submit")}
      busy={busy}
      error={error}
      onClose={onClose}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          year: Math.max(new Date().getFullYear(), ...existing.map((c) => c.year + 1)),
          group: groups[0] ?? "so-ban-nganh",
          provinceId: me?.provinceId ?? undefined,
          frameworkId: frameworks.data?.items[0]?.id,
          agencyIds: [],
        }}
      >
        <Space wrap style={{ width: "100%" }} size="middle">
          <Form.Item
            name="year"
            label={t("create.year")}
            rules={[{ required: true, type: "number", min: 2000, max: 2100, message: t("create.yearRule") }]}
          >
            <InputNumber style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="group"
            label={t("create.group")}
            rules={[zodRule(groupSchema, t("create.groupRule"))]}
            style={{ minWidth: 240 }}
          >
            <AutoComplete options={groups.map((g) => ({ value: g, label: `${groupLabel(g)} (${g})` }))} />
          </Form.Item>
        </Space>
        <Form.Item
          name="frameworkId"
          label={t("create.framework")}
          rules={[{ required: true, message: t("create.frameworkRule") }]}
        >
          <Select
            loading={frameworks.isLoading}
            options={(frameworks.data?.items ?? []).map((f) => ({
              value: f.id,
              label: `${f.code} — ${f.title}`,
            }))}
          />
        </Form.Item>
        {/* A province office works in its own province; the administrator picks one. */}
        <Form.Item
          name="provinceId"
          label={t("create.province")}
          hidden={!!me?.provinceId}
          rules={[{ required: true, message: t("create.provinceRule") }]}
        >
          <Select
            loading={provinces.isLoading}
            options={sortVi(provinces.data?.items ?? [], (p) => p.name).map((p) => ({
              value: p.id,
              label: p.name,
            }))}
          />
        </Form.Item>
        <CycleDateFields />
        <Form.Item label={t("create.participants")} required={false}>
          <Space.Compact style={{ width: "100%" }}>
            <Form.Item name="agencyIds" noStyle>
              <Select
                mode="multiple"
                aria-label={t("create.participants")}
                loading={agencies.isLoading}
                showSearch={{ optionFilterProp: "label" }}
                placeholder={t("create.participantsHint")}
                options={sortVi(agencies.data?.items ?? [], (a) => a.name).map((a) => ({
                  value: a.id,
                  label: a.name,
                }))}
              />
            </Form.Item>
            <Button
              onClick={() =>
                form.setFieldValue(
                  "agencyIds",
                  inGroup.map((a) => a.id),
                )
              }
            >
              {t("create.allOfGroup")}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </FormModal>
  );
}
