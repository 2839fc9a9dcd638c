/** /admin: one heading and a menu of the four administration areas; each area renders below. */
import { Menu, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";

const SECTIONS = ["frameworks", "agencies", "users", "periods", "clock", "audit"] as const;

export default function AdminLayout() {
  const { t } = useTranslation("admin");
  const { pathname } = useLocation();
  const selected = SECTIONS.find((s) => pathname.startsWith(`/admin/${s}`)) ?? "frameworks";
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t("title")}
      </Typography.Title>
      <nav aria-label={t("menu")}>
        {/* Wrapped, not folded into "…": a folded selected item stays focusable while hidden. */}
        <Menu
          mode="horizontal"
          disabledOverflow
          selectedKeys={[selected]}
          style={{ marginBottom: 16, flexWrap: "wrap" }}
          items={SECTIONS.map((s) => ({
            key: s,
            // The audit log's page and its name belong to the audit journey.
            label: <Link to={`/admin/${s}`}>{t(s === "audit" ? "audit:menu" : `sections.${s}`)}</Link>,
          }))}
        />
      </nav>
      <Outlet />
    </div>
  );
}
