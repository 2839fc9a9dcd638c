/** Pieces shared by the province pages: the section menu, the cycle picker, labels and status tags. */
import { Menu, Select, Space, Tag } from "antd";
import type React from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { useApi } from "../../api.ts";
import { useMe } from "../../auth.tsx";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import { date } from "../../format.ts";
import type { Cycle } from "./types.ts";

/** The cycles of the signed-in user's province (every province for an administrator), newest first. */
function useCycles() {
  const { me } = useMe();
  const path = me ? (me.provinceId ? `/cycles?provinceId=${me.provinceId}` : "/cycles") : null;
  return useApi<{ items: Cycle[] }>(path);
}

/**
 * The cycles, and the one the page shows: the URL's ?cycle=, by default the newest published cycle
 * (what people quote), else the newest one.
 */
export function useCurrentCycle() {
  const cycles = useCycles();
  const [params, setParams] = useSearchParams();
  const list = cycles.data?.items ?? [];
  const wanted = Number(params.get("cycle"));
  const current = list.find((c) => c.id === wanted) ?? list.find((c) => c.published) ?? list[0];
  return { cycles, list, current, params, setParams };
}

/** In place of a page's content while there is no cycle to show: loading, the error, or none yet. */
export function NoCycle({ cycles }: { cycles: ReturnType<typeof useCycles> }) {
  const { t } = useTranslation("province");
  if (cycles.isLoading) return <Loading />;
  if (cycles.error) return <ErrorBox error={cycles.error} />;
  return <EmptyState description={t("cycles.empty")} />;
}

/** "so-ban-nganh" → "Sở, ban, ngành"; an unknown group shows its code. */
export function useGroupLabel() {
  const { t } = useTranslation("province");
  return (group: string) => t(`groups.${group}`, { defaultValue: group });
}

export function cycleLabel(c: Cycle, groupLabel: (g: string) => string) {
  return `${c.year} — ${groupLabel(c.group)}`;
}

export function ProvinceMenu() {
  const { t } = useTranslation("province");
  const { pathname } = useLocation();
  const items = [
    { key: "/province", label: <Link to="/province">{t("menu.league")}</Link> },
    { key: "/province/compare", label: <Link to="/province/compare">{t("menu.compare")}</Link> },
    { key: "/province/audit", label: <Link to="/province/audit">{t("audit:menu")}</Link> },
  ];
  const selected =
    ["/province/compare", "/province/audit"].find((p) => pathname.startsWith(p)) ?? "/province";
  return (
    <nav aria-label={t("menu.label")}>
      {/* Wrapped, not folded into "…": a folded selected item stays focusable while hidden. */}
      <Menu
        mode="horizontal"
        disabledOverflow
        items={items}
        selectedKeys={[selected]}
        style={{ marginBottom: 16, flexWrap: "wrap" }}
      />
    </nav>
  );
}

export function PublishedTag({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation("province");
  return cycle.published ? (
    <Tag color="green">{t("cycle.publishedOn", { date: date(cycle.publishedAt) })}</Tag>
  ) : (
    <Tag color="orange">{t("cycle.notPublished")}</Tag>
  );
}

/** Year, then group within the year: together they name one cycle. */
export function CyclePicker({
  cycles,
  value,
  onChange,
}: {
  cycles: Cycle[];
  value: Cycle | undefined;
  onChange: (id: number) => void;
}) {
  const { t } = useTranslation("province");
  const groupLabel = useGroupLabel();
  const years = [...new Set(cycles.map((c) => c.year))].sort((a, b) => b - a);
  const groups = cycles.filter((c) => c.year === value?.year);
  return (
    <Space wrap>
      <Select
        aria-label={t("picker.year")}
        style={{ minWidth: 120 }}
        value={value?.year}
        options={years.map((y) => ({ value: y, label: String(y) }))}
        onChange={(y: number) => {
          const same = cycles.find((c) => c.year === y && c.group === value?.group);
          const first = same ?? cycles.find((c) => c.year === y);
          if (first) onChange(first.id);
        }}
      />
      <Select
        aria-label={t("picker.group")}
        style={{ minWidth: 200 }}
        value={value?.id}
        options={groups.map((c) => ({ value: c.id, label: groupLabel(c.group) }))}
        onChange={(id: number) => onChange(id)}
      />
    </Space>
  );
}

/** Text for screen readers only. */
export const srOnly: React.CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clip: "rect(0, 0, 0, 0)",
  whiteSpace: "nowrap",
  border: 0,
};

/** A link inside running text: underlined, so it is told apart without relying on colour (WCAG 1.4.1). */
export function InlineLink({ to, children }: { to: string; children: React.ReactNode }) {
  return (
    <Link to={to} style={{ textDecoration: "underline" }}>
      {children}
    </Link>
  );
}
