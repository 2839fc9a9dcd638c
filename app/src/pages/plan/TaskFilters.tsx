/**
 * The task filters live in the URL query (?q=&unit=&area=&status=&overdue=1&lint=1), so a filtered
 * view can be bookmarked and shared. The text search is the API's, which ignores accents and tone
 * placement: "cai cach" finds "cải cách".
 */
import { Button, Col, type ColProps, Input, Row, Select, Switch } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { TASK_STATUSES } from "../../../../core/contracts/plans.ts";
import { matchesSearch } from "../../../../core/locale.ts";
import { useApi } from "../../api.ts";
import type { Agency, Plan } from "./model.ts";

const KEYS = ["q", "unit", "area", "status", "overdue", "lint"] as const;
type Key = (typeof KEYS)[number];

export function useTaskFilters() {
  const [params, setParams] = useSearchParams();
  // The URL as last set here: router updates land in a transition, so two quick changes (clear, then
  // a new filter) must build on each other rather than on the params of the last render.
  const latest = useRef({ seen: params, next: params });
  if (latest.current.seen !== params) latest.current = { seen: params, next: params };
  const update = (change: (p: URLSearchParams) => void, replace = false) => {
    const next = new URLSearchParams(latest.current.next);
    change(next);
    latest.current.next = next;
    setParams(next, { replace });
  };
  const get = (k: Key) => params.get(k) ?? "";
  const set = (k: Key, v: string | null, replace = false) =>
    update((p) => (v ? p.set(k, v) : p.delete(k)), replace);
  return {
    get,
    set,
    clear: () =>
      update((p) => {
        for (const k of KEYS) p.delete(k);
      }),
    active: KEYS.some((k) => params.has(k)),
    lintOnly: params.get("lint") === "1",
    apiQuery: {
      q: get("q").trim(),
      unitId: get("unit"),
      areaCode: get("area"),
      status: get("status"),
      overdue: params.get("overdue") === "1" ? "true" : "",
    },
  };
}

export function TaskFilters({ plan, filters }: { plan: Plan; filters: ReturnType<typeof useTaskFilters> }) {
  const { t } = useTranslation("plan");
  const agency = useApi<Agency>(`/agencies/${plan.agency.id}`, { staleTime: 300_000 });
  const urlText = filters.get("q");
  const [text, setText] = useState(urlText);
  // Typing updates the URL after a pause; a URL changed elsewhere (back button, a shared link) wins.
  useEffect(() => setText(urlText), [urlText]);
  const setRef = useRef(filters.set);
  setRef.current = filters.set;
  useEffect(() => {
    if (text === urlText) return;
    const h = setTimeout(() => setRef.current("q", text || null, true), 300);
    return () => clearTimeout(h);
  }, [text, urlText]);
  const select = {
    allowClear: true,
    style: { width: "100%" },
    placeholder: t("filters.all"),
    showSearch: {
      filterOption: (input: string, o?: { label: string }) => matchesSearch(o?.label ?? "", input),
    },
  };

  return (
    <Row
      gutter={[12, 12]}
      align="bottom"
      style={{ marginBottom: 12 }}
      role="search"
      aria-label={t("filters.label")}
    >
      <Filter id="task-search" label={t("filters.search")} xs={24} md={12} xl={6}>
        <Input.Search
          id="task-search"
          allowClear
          value={text}
          placeholder={t("filters.searchPlaceholder")}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => filters.set("q", v || null)}
        />
      </Filter>
      <Filter id="filter-unit" label={t("filters.unit")} xs={24} sm={12} md={6} xl={4}>
        <Select
          id="filter-unit"
          {...select}
          value={filters.get("unit") ? Number(filters.get("unit")) : undefined}
          loading={agency.isLoading}
          onChange={(v) => filters.set("unit", v ? String(v) : null)}
          options={(agency.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Filter>
      <Filter id="filter-area" label={t("filters.area")} xs={24} sm={12} md={6} xl={4}>
        <Select
          id="filter-area"
          {...select}
          value={filters.get("area") || undefined}
          onChange={(v) => filters.set("area", v ?? null)}
          options={plan.targets.areas.map((a) => ({ value: a.areaCode, label: `${a.areaCode}. ${a.title}` }))}
        />
      </Filter>
      <Filter id="filter-status" label={t("filters.status")} xs={24} sm={12} md={6} xl={3}>
        <Select
          id="filter-status"
          {...select}
          value={filters.get("status") || undefined}
          onChange={(v) => filters.set("status", v ?? null)}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`, { ns: "common" }) }))}
        />
      </Filter>
      <Filter id="filter-overdue" label={t("filters.overdue")} xs={12} sm={6} md={6} xl={2}>
        <div>
          <Switch
            id="filter-overdue"
            checked={filters.get("overdue") === "1"}
            onChange={(on) => filters.set("overdue", on ? "1" : null)}
          />
        </div>
      </Filter>
      <Filter id="filter-lint" label={t("filters.lintOnly")} xs={12} sm={6} md={6} xl={2}>
        <div>
          <Switch
            id="filter-lint"
            checked={filters.lintOnly}
            onChange={(on) => filters.set("lint", on ? "1" : null)}
          />
        </div>
      </Filter>
      {filters.active && (
        <Col xs={24} md={6} xl={3}>
          <Button onClick={filters.clear} block>
            {t("filters.clear")}
          </Button>
        </Col>
      )}
    </Row>
  );
}

/** One filter: a labelled control in a responsive column. */
function Filter({
  id,
  label,
  children,
  ...span
}: { id: string; label: string; children: ReactNode } & ColProps) {
  return (
    <Col {...span}>
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      {children}
    </Col>
  );
}
