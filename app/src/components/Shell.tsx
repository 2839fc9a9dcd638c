/** The frame around every page: skip link, header with the role's menu, language switch, sign-in. */
import { Button, Drawer, Grid, Layout, Menu, Segmented, Space } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation } from "react-router";
import { type Language, setLanguage } from "../i18n.ts";
import { DemoBanner } from "./DemoBanner.tsx";
import { LANGUAGE_OPTIONS, UserLink, useShell } from "./shellParts.tsx";

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me, links, account, signOutHome } = useShell();
  const location = useLocation();
  const menuItem = (l: { to: string; label: string }) => ({
    key: l.to,
    label: <Link to={l.to}>{l.label}</Link>,
  });
  const items = links.map(menuItem);
  const accountItem = account ? [menuItem(account)] : [];
  const selected = items.map((i) => i.key).filter((k) => location.pathname.startsWith(k));
  // On a phone the menu is a drawer: antd's folded horizontal menu hides focusable items from screen readers.
  const narrow = !Grid.useBreakpoint().md;
  const [open, setOpen] = useState(false);
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <DemoBanner />
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
        {narrow ? (
          <>
            <span style={{ flex: 1 }} />
            <Button
              size="small"
              onClick={() => setOpen(true)}
              aria-expanded={open}
              aria-controls="main-menu-drawer"
            >
              {t("menu")}
            </Button>
            <Drawer
              id="main-menu-drawer"
              open={open}
              onClose={() => setOpen(false)}
              placement="right"
              size="default"
              title={t("mainMenu")}
            >
              <Menu
                mode="vertical"
                items={[...items, ...accountItem]}
                selectedKeys={selected}
                onClick={() => setOpen(false)}
                aria-label={t("mainMenu")}
                style={{ borderInlineEnd: "none" }}
              />
            </Drawer>
          </>
        ) : (
          <Menu
            mode="horizontal"
            items={items}
            selectedKeys={selected}
            style={{ flex: 1, minWidth: 0, borderBottom: "none" }}
            aria-label={t("mainMenu")}
          />
        )}
        <Space size="small" wrap={false}>
          <Segmented
            size="small"
            aria-label={t("language")}
            value={i18n.language as Language}
            onChange={(v) => setLanguage(v as Language)}
            options={LANGUAGE_OPTIONS}
          />
          {me ? (
            <>
              <UserLink me={me} />
              <Button size="small" onClick={signOutHome}>
                {t("auth.signOut")}
              </Button>
            </>
          ) : (
            <Link to="/login">{t("auth.signIn")}</Link>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} style={{ background: "#f7f8fa" }}>
        {me?.mustChangePassword && location.pathname !== "/account/password" ? (
          <Navigate to="/account/password" replace />
        ) : (
          children
        )}
      </Layout.Content>
      <Layout.Footer style={{ textAlign: "center", fontSize: 12, color: "#595959" }}>
        {t("footer")}
      </Layout.Footer>
    </Layout>
  );
}
