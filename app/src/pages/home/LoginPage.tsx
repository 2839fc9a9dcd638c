/** Sign-in: a wrong password is said next to the password field, and nothing else changes. */
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { ApiError, api } from "../../api.ts";
import type { Me } from "../../auth.tsx";
import { errorText } from "../../components/common.tsx";
import { startPath } from "../../nav.ts";

export default function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await api.post("/auth/login", values);
      const { user } = await api.get<{ user: Me }>("/auth/me");
      qc.setQueryData(["/auth/me"], user);
      const next = params.get("next");
      if (user.mustChangePassword) navigate("/account/password");
      else navigate(next && /^\/(?!\/)/.test(next) ? next : startPath(user));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 400))
        form.setFields([{ name: "password", errors: [e.text] }]);
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page" style={{ maxWidth: 420 }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t("auth.signInTitle")}
        </Typography.Title>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t("auth.username")}
            name="username"
            rules={[{ required: true, whitespace: true, message: t("auth.usernameRequired") }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t("auth.password")}
            name="password"
            rules={[{ required: true, message: t("auth.passwordRequired") }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t("auth.signIn")}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 13 }}>
          {t("auth.demoHint")}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
