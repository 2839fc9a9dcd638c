/**
 * Changing one's own password: the current one, the new one twice, its strength as it is typed. After
 * an administrator's reset the app sends the user here before anything else (Shell), and says why.
 */
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router";
import { ApiError, api } from "../../api.ts";
import { useMe } from "../../auth.tsx";
import { errorText } from "../../components/common.tsx";
import { PasswordStrength } from "../../components/PasswordStrength.tsx";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { me, loading } = useMe();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch("newPassword", form) ?? "";
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (loading) return null;
  if (!me) return <Navigate to="/login?next=%2Faccount%2Fpassword" replace />;

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      await api.post("/auth/password", { currentPassword: v.currentPassword, newPassword: v.newPassword });
      await qc.invalidateQueries({ queryKey: ["/auth/me"] });
      message.success(t("password.changed"));
      navigate("/");
    } catch (e) {
      if (e instanceof ApiError && (e.field === "currentPassword" || e.field === "newPassword"))
        form.setFields([{ name: e.field, errors: [e.text] }]);
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page" style={{ maxWidth: 480 }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t("password.title")}
        </Typography.Title>
        {me.mustChangePassword && (
          <Alert type="warning" showIcon title={t("password.mustChange")} style={{ marginBottom: 12 }} />
        )}
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          {/* For password managers: whose password this is. */}
          <input type="text" autoComplete="username" value={me.username} readOnly hidden />
          <Form.Item
            label={t("password.current")}
            name="currentPassword"
            rules={[{ required: true, message: t("auth.passwordRequired") }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label={t("password.new")}
            name="newPassword"
            rules={[{ required: true, message: t("password.newRequired") }]}
            extra={t("password.help")}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <PasswordStrength
            password={newPassword}
            owner={{ username: me.username, displayName: me.displayName }}
          />
          <Form.Item
            label={t("password.confirm")}
            name="confirm"
            dependencies={["newPassword"]}
            style={{ marginTop: 12 }}
            rules={[
              { required: true, message: t("password.confirmRequired") },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue("newPassword")
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("password.mismatch"))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t("password.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
