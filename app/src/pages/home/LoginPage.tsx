/**
 * Sign-in: a wrong password is said next to the password field, and nothing else changes. When the
 * province's single sign-on is configured, a button leads to it; its refusals come back here as a
 * code (?sso_error=…) said in words, and its success (?sso=done) goes on as a password sign-in does.
 */
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Divider, Form, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { appPath } from "../../../../core/contracts/roles.ts";
import { ApiError, api } from "../../api.ts";
import { type Me, useMe, useSingleSignOn } from "../../auth.tsx";
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
  const singleSignOn = useSingleSignOn();
  const { me, loading } = useMe();
  const next = appPath(params.get("next"));
  const ssoDone = params.get("sso") === "done";
  const ssoError = params.get("sso_error");

  // Back from the single sign-on, signed in: on to where a password sign-in goes.
  useEffect(() => {
    if (ssoDone && me) navigate(next ?? startPath(me), { replace: true });
  }, [ssoDone, me, next, navigate]);

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await api.post("/auth/login", values);
      const { user } = await api.get<{ user: Me }>("/auth/me");
      qc.setQueryData(["/auth/me"], user);
      if (user.mustChangePassword) navigate("/account/password");
      else navigate(next ?? startPath(user));
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
        {ssoError && !error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="sso-error"
            title={ssoErrorText(t, ssoError, params.get("user"))}
            style={{ marginBottom: 12 }}
          />
        )}
        {ssoDone && !loading && !me && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t("auth.sso.notSignedIn")}
            style={{ marginBottom: 12 }}
          />
        )}
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
        {singleSignOn && (
          <>
            <Divider plain>{t("auth.sso.or")}</Divider>
            <Button
              href={`/api/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ""}`}
              block
              style={{ whiteSpace: "normal", height: "auto", minHeight: 40, paddingBlock: 6 }}
            >
              {t("auth.sso.button")}
            </Button>
          </>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 13 }}>
          {t("auth.demoHint")}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

/** A path of the app to go to after signing in; another site's address is ignored. */

const SSO_ERRORS = new Set([
  "auth.oidc_state",
  "auth.oidc_provider",
  "auth.oidc_unavailable",
  "auth.oidc_no_username",
  "auth.oidc_unknown_user",
  "auth.oidc_disabled",
]);

/**
 * The single sign-on's refusal in words. The user name comes from the address, which anyone can
 * write: shown only when it looks like one, so a crafted link cannot put sentences on this page.
 */
function ssoErrorText(
  t: (k: string, o?: Record<string, unknown>) => string,
  code: string,
  user: string | null,
) {
  const name = user && /^[\p{L}\p{N}._@-]{1,100}$/u.test(user) ? user : t("auth.sso.yourAccount");
  if (!SSO_ERRORS.has(code)) return t("auth.sso.errors.other");
  return t(`auth.sso.errors.${code.replace("auth.", "")}`, { user: name });
}
