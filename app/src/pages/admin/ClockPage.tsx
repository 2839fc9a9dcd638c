/**
 * /admin/clock: the demo's day. On a database that started as the demo the administrator moves the
 * day every page lives on (windows, overdue); a real installation always runs on the real date.
 */
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateShort } from "../../../../core/locale.ts";
import { ApiError, api, useApi } from "../../api.ts";
import { ErrorBox, errorText, Loading } from "../../components/common.tsx";
import type { ClockReading } from "../../components/DemoBanner.tsx";

export default function ClockPage() {
  const { t } = useTranslation("admin");
  const { message } = App.useApp();
  const client = useQueryClient();
  const clock = useApi<ClockReading>("/clock");
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  if (clock.isLoading) return <Loading />;
  if (clock.error || !clock.data) return <ErrorBox error={clock.error} />;
  const today = formatDateShort(clock.data.today);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const r = await api.put<ClockReading>("/clock", { demoDate: value ?? today });
      client.setQueryData(["/clock"], r);
      await client.invalidateQueries();
      setValue(null);
      message.success(t("clock.saved", { date: formatDateShort(r.today) }));
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <section aria-labelledby="clock-title" style={{ maxWidth: 560 }}>
      <Typography.Title level={2} id="clock-title" style={{ fontSize: 20 }}>
        {t("clock.title")}
      </Typography.Title>
      {!clock.data.demo ? (
        <Alert type="info" showIcon title={t("clock.real", { date: today })} />
      ) : (
        <>
          <Typography.Paragraph>{t("clock.intro", { date: today })}</Typography.Paragraph>
          <Form layout="vertical" onFinish={save}>
            <Form.Item
              label={t("clock.date")}
              htmlFor="demo-date"
              validateStatus={error ? "error" : undefined}
              help={error ? error.text : t("clock.hint")}
            >
              <Space.Compact style={{ width: "100%" }}>
                <Input
                  id="demo-date"
                  value={value ?? today}
                  onChange={(e) => setValue(e.target.value)}
                  aria-invalid={!!error}
                  inputMode="numeric"
                  autoComplete="off"
                />
                <Button type="primary" htmlType="submit" loading={saving}>
                  {t("clock.save")}
                </Button>
              </Space.Compact>
            </Form.Item>
          </Form>
        </>
      )}
    </section>
  );
}
