/**
 * For the province's roles: pick the agency whose dashboard to open (by its name, without accents if
 * need be: "van phong" finds "Văn phòng").
 */
import { Card, Form, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { searchKey, sortVi } from "../../../../core/locale.ts";
import { useApi } from "../../api.ts";
import { ErrorBox } from "../../components/common.tsx";

interface AgencyItem {
  id: number;
  code: string;
  name: string;
}

export function AgencySelect({ value }: { value?: number }) {
  const { t } = useTranslation("dashboard");
  const navigate = useNavigate();
  const q = useApi<{ items: AgencyItem[] }>("/agencies?kind=agency&limit=500");
  return (
    <Form layout="vertical" style={{ maxWidth: 520 }}>
      <ErrorBox error={q.error} />
      <Form.Item label={t("picker.label")} htmlFor="dashboard-agency" style={{ marginBottom: 8 }}>
        <Select
          id="dashboard-agency"
          value={value}
          showSearch={{
            filterOption: (input, option) =>
              searchKey(String(option?.label ?? "")).includes(searchKey(input)),
          }}
          loading={q.isLoading}
          placeholder={t("picker.placeholder")}
          // antd's placeholder grey is below 4.5:1 on white.
          styles={{ placeholder: { color: "rgba(0, 0, 0, 0.62)" } }}
          notFoundContent={t("picker.none")}
          options={sortVi(q.data?.items ?? [], (a) => a.name).map((a) => ({
            value: a.id,
            label: `${a.name} (${a.code})`,
          }))}
          onChange={(id: number) => navigate(`/dashboard/${id}`)}
        />
      </Form.Item>
    </Form>
  );
}

/** The page for a caller who belongs to no agency (the administrator). */
export function AgencyPicker() {
  const { t } = useTranslation("dashboard");
  return (
    <div className="page" style={{ maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t("title")}
      </Typography.Title>
      <Card>
        <Typography.Paragraph>{t("picker.explain")}</Typography.Paragraph>
        <AgencySelect />
      </Card>
    </div>
  );
}
