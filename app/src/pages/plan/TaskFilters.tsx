/**
 * The task filters live in the URL query (?q=&unit=&area=&status=&overdue=1&lint=1), so a filtered
 * view can be bookmarked and shared. The text search is the API's, which ignores accents and tone
 * placement: "cai cach" finds "cải cách".
 */
import { Button, Col, Input, Row, Select, Switch } from "antd";
import { useEffect, useRef, useState } from "react";
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
  const search = {
    filterOption: (input: string, o?: { label: string }) => matchesSearch(o?.label ?? "", input),
  };

  return (
    <Row
      gutter={[12, 12]}
      align="bottom"
      style={{ marginBottom: 12 }}
      role="search"
      aria-label={t("filters.label")}
    >
      <Col xs={24} md={12} xl={6}>
        <label className="filter-label" htmlFor="task-search">
          {t("filters.search")}
        </label>
        <Input.Search
          id="task-search"
          allowClear
          value={text}
          placeholder={t("filters.searchPlaceholder")}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => filters.set("q", v || null)}
        />
      </Col>
      <Col xs={24} sm={12} md={6} xl={4}>
        <label className="filter-label" htmlFor="filter-unit">
          {t("filters.unit")}
        </label>
        <Select
          id="filter-unit"
          allowClear
          style={{ width: "100%" }}
          value={filters.get("unit") ? Number(filters.get("unit")) : undefined}
          placeholder={t("filters.all")}
          loading={agency.isLoading}
          showSearch={search}
          onChange={(v) => filters.set("unit", v ? String(v) : null)}
          options={(agency.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Col>
      <Col xs={24} sm={12} md={6} xl={4}>
        <label className="filter-label" htmlFor="filter-area">
          {t("filters.area")}
        </label>
        <Select
          id="filter-area"
          allowClear
          style={{ width: "100%" }}
          value={filters.get("area") || undefined}
          placeholder={t("filters.all")}
          showSearch={search}
          onChange={(v) => filters.set("area", v ?? null)}
          options={plan.targets.areas.map((a) => ({ value: a.areaCode, label: `${a.areaCode}. ${a.title}` }))}
        />
      </Col>
      <Col xs={24} sm={12} md={6} xl={3}>
        <label className="filter-label" htmlFor="filter-status">
          {t("filters.status")}
        </label>
        <Select
          id="filter-status"
          allowClear
          style={{ width: "100%" }}
          value={filters.get("status") || undefined}
          placeholder={t("filters.all")}
          showSearch={search}
          onChange={(v) => filters.set("status", v ?? null)}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`, { ns: "common" }) }))}
        />
      </Col>
      <Col xs={12} sm={6} md={6} xl={2}>
        <label className="filter-label" htmlFor="filter-overdue">
          {t("filters.overdue")}
        </label>
        <div>
          <Switch
            id="filter-overdue"
            checked={filters.get("overdue") === "1"}
            onChange={(on) => filters.set("overdue", on ? "1" : null)}
          />
        </div>
      </Col>
      <Col xs={12} sm={6} md={6} xl={2}>
        <label className="filter-label" htmlFor="filter-lint">
          {t("filters.lintOnly")}
        </label>
        <div>
          <Switch
            id="filter-lint"
            checked={filters.lintOnly}
            onChange={(on) => filters.set("lint", on ? "1" : null)}
          />
        </div>
      </Col>
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
