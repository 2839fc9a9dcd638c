/** The frame around every page: skip link, header with the role's menu, language switch, sign-in. */
import { Button, Layout, Menu, Segmented, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { useMe, useSignOut } from "../auth.tsx";
import { type Language, setLanguage } from "../i18n.ts";
import { navFor } from "../nav.ts";

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me } = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const items = navFor(me).map((n) => ({
    key: n.path(me),
    label: <Link to={n.path(me)}>{t(`nav.${n.key}`)}</Link>,
  }));
  const selected = items.map((i) => i.key).filter((k) => location.pathname.startsWith(k));
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <Layout.Header
        style={{
          display: "flex",
          alignItems: "center",
          gap: 12,
          paddingInline: 12,
          background: "#fff",
          borderBottom: "1px solid #e5e5e5",
        }}
      >
        <Link
          to="/"
          style={{ fontWeight: 700, fontSize: 18, whiteSpace: "nowrap", color: "#0b3d91" }}
          aria-label={t("homeLink")}
        >
          parindex
        </Link>
        <Menu
          mode="horizontal"
          items={items}
          selectedKeys={selected}
          style={{ flex: 1, minWidth: 0, borderBottom: "none" }}
          aria-label={t("mainMenu")}
        />
        <Space size="small" wrap={false}>
          <Segmented
            size="small"
            aria-label={t("language")}
            value={i18n.language as Language}
            onChange={(v) => setLanguage(v as Language)}
            options={[
              { label: "VI", value: "vi", title: "Tiếng Việt" },
              { label: "EN", value: "en", title: "English" },
            ]}
          />
          {me ? (
            <>
              <Typography.Text
                className="hide-narrow"
                style={{ maxWidth: 200 }}
                ellipsis
                title={me.displayName}
              >
                {me.displayName}
              </Typography.Text>
              <Button
                size="small"
                onClick={async () => {
                  await signOut();
                  navigate("/");
                }}
              >
                {t("auth.signOut")}
              </Button>
            </>
          ) : (
            <Link to="/login">{t("auth.signIn")}</Link>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} style={{ background: "#f7f8fa" }}>
        {children}
      </Layout.Content>
      <Layout.Footer style={{ textAlign: "center", fontSize: 12, color: "#595959" }}>
        {t("footer")}
      </Layout.Footer>
    </Layout>
  );
}
