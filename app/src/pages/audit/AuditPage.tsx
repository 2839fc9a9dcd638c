/**
 * /province/audit (province office, administrator) and /admin/audit (in the administration area):
 * the audit trail, newest first, filtered by dates, action, record, agency, cycle and actor — every
 * filter in the address, so a view can be shared — with "load older" paging, and the chain's
 * integrity checked on every visit.
 */
import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert, Button, Card, DatePicker, Form, Input, Select, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { matchesSearch } from "../../../../core/locale.ts";
import { type ApiError, api, qs, useApi } from "../../api.ts";
import { useMe } from "../../auth.tsx";
import {
  AuditEntryList,
  type AuditFilterPatch,
  actionLabel,
  entityLabel,
} from "../../components/AuditEntryList.tsx";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import { countText, HashText } from "../../components/HashText.tsx";
import type { AuditPage as AuditAnswer, AuditCheck } from "../../types/api.ts";
import { AgencySelect } from "../admin/AgencySelect.tsx";
import { ProvinceMenu } from "../province/parts.tsx";

const PAGE_SIZE = 50;
/** Typing "dau moi" finds "Đầu mối": accents optional, as everywhere in the app. */
const folded = {
  filterOption: (input: string, option?: { label?: unknown }) =>
    matchesSearch(String(option?.label ?? ""), input),
};
const FILTERS = ["from", "to", "action", "entity", "entityId", "agencyId", "cycleId", "actorId"] as const;
type FilterKey = (typeof FILTERS)[number];

/** The chain recomputed: one line when it holds, a red alert naming the entry when it does not. */
function VerifyLine({ onShowEntry }: { onShowEntry: (id: number) => void }) {
  const { t } = useTranslation("audit");
  const q = useApi<AuditCheck>("/audit/verify", { staleTime: 0 });
  if (q.isLoading)
    return (
      <Alert type="info" title={t("verify.checking")} style={{ marginBottom: 16 }} data-verify="checking" />
    );
  if (q.error) return <ErrorBox error={q.error} />;
  const v = q.data;
  if (!v) return null;
  if (v.ok)
    return (
      <Alert
        type="success"
        showIcon
        data-verify="ok"
        style={{ marginBottom: 16 }}
        title={
          <span style={{ overflowWrap: "anywhere" }}>
            {t("verify.ok", { n: countText(v.length) })}{" "}
            <HashText hash={v.head} copyLabel={t("verify.copyHash")} />
          </span>
        }
        description={t("verify.okHelp")}
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-verify="broken"
      style={{ marginBottom: 16 }}
      title={t("verify.broken", { id: v.entryId })}
      description={
        <>
          <div style={{ overflowWrap: "anywhere" }}>
            {t("verify.brokenHelp", { n: countText(v.length), reason: v.reason })}
          </div>
          <Button
            type="link"
            style={{ paddingInline: 0, color: "#0b57d0", textDecoration: "underline" }}
            onClick={() => onShowEntry(v.entryId)}
          >
            {t("verify.showEntry", { id: v.entryId })}
          </Button>
        </>
      }
    />
  );
}

/** Known actions grouped by kind of record, each kind first as a whole ("cycle." matches all its actions). */
function useActionOptions() {
  const { t } = useTranslation("audit");
  const known = t("actions", { returnObjects: true }) as Record<string, Record<string, string>>;
  return Object.entries(known).map(([entity, verbs]) => ({
    label: entityLabel(t, entity === "demo" ? "system" : entity),
    title: entity,
    options: [
      {
        value: `${entity}.`,
        label: t("filters.allOf", { entity: entityLabel(t, entity === "demo" ? "system" : entity) }),
      },
      ...Object.keys(verbs).map((v) => ({
        value: `${entity}.${v}`,
        label: actionLabel(t, `${entity}.${v}`),
      })),
    ],
  }));
}

function Field({
  label,
  htmlFor,
  children,
  wide,
  extra,
}: {
  label: string;
  htmlFor: string;
  children: ReactNode;
  wide?: boolean;
  extra?: ReactNode;
}) {
  return (
    <Form.Item
      label={label}
      htmlFor={htmlFor}
      extra={extra}
      style={{ flex: wide ? "2 1 280px" : "1 1 200px", minWidth: 0 }}
    >
      {children}
    </Form.Item>
  );
}

/** The record id typed in full, applied on Enter or on leaving the field. */
function EntityIdInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Input
      id="audit-entity-id"
      value={text}
      allowClear
      placeholder="1:3"
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) onChange("");
      }}
      onPressEnter={() => onChange(text.trim())}
      onBlur={() => text.trim() !== value && onChange(text.trim())}
    />
  );
}

function Filters({
  params,
  set,
  clear,
  actorName,
}: {
  params: URLSearchParams;
  set: (key: FilterKey | "beforeId", value: string | null) => void;
  clear: () => void;
  actorName: string | null;
}) {
  const { t } = useTranslation("audit");
  const { me } = useMe();
  const actions = useActionOptions();
  const entities = Object.keys(t("entities", { returnObjects: true }) as Record<string, string>);
  const cycles = useApi<{ items: { id: number; year: number; group: string }[] }>(
    me ? (me.provinceId ? `/cycles?provinceId=${me.provinceId}` : "/cycles") : null,
  );
  const users = useApi<{ items: { id: number; username: string; displayName: string }[] }>(
    me?.role === "admin" ? "/users" : null,
  );
  const get = (k: FilterKey) => params.get(k) ?? "";
  const day = (k: "from" | "to") => (get(k) ? dayjs(get(k)) : null);
  const entity = get("entity");
  const actorId = get("actorId");
  return (
    <Card
      style={{ marginBottom: 16 }}
      title={<h2 style={{ fontSize: 18, margin: 0 }}>{t("filters.title")}</h2>}
    >
      <Form layout="vertical" style={{ display: "flex", flexWrap: "wrap", gap: "0 16px" }}>
        <Field label={t("filters.from")} htmlFor="audit-from">
          <DatePicker
            id="audit-from"
            format={["DD/MM/YYYY", "D/M/YYYY"]}
            value={day("from")}
            onChange={(d) => set("from", d ? d.format("YYYY-MM-DD") : null)}
            style={{ width: "100%" }}
          />
        </Field>
        <Field label={t("filters.to")} htmlFor="audit-to">
          <DatePicker
            id="audit-to"
            format={["DD/MM/YYYY", "D/M/YYYY"]}
            value={day("to")}
            onChange={(d) => set("to", d ? d.format("YYYY-MM-DD") : null)}
            style={{ width: "100%" }}
          />
        </Field>
        <Field label={t("filters.agency")} htmlFor="audit-agency" wide>
          <AgencySelect
            id="audit-agency"
            placeholder={t("filters.anyAgency")}
            value={get("agencyId") ? Number(get("agencyId")) : null}
            onChange={(v) => set("agencyId", v ? String(v) : null)}
          />
        </Field>
        <Field label={t("filters.cycle")} htmlFor="audit-cycle">
          <Select
            id="audit-cycle"
            allowClear
            placeholder={t("filters.anyCycle")}
            value={get("cycleId") ? Number(get("cycleId")) : undefined}
            onChange={(v?: number) => set("cycleId", v ? String(v) : null)}
            options={(cycles.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.year} — ${t(`province:groups.${c.group}`, { defaultValue: c.group })}`,
            }))}
          />
        </Field>
        <Field label={t("filters.action")} htmlFor="audit-action" wide>
          <Select
            id="audit-action"
            allowClear
            showSearch={folded}
            placeholder={t("filters.anyAction")}
            value={get("action") || undefined}
            onChange={(v?: string) => set("action", v ?? null)}
            options={actions}
          />
        </Field>
        <Field label={t("filters.entity")} htmlFor="audit-entity">
          <Select
            id="audit-entity"
            allowClear
            placeholder={t("filters.anyEntity")}
            value={entity || undefined}
            onChange={(v?: string) => set("entity", v ?? null)}
            options={[...entities, ...(entity && !entities.includes(entity) ? [entity] : [])].map((e) => ({
              value: e,
              label: entityLabel(t, e),
            }))}
          />
        </Field>
        <Field label={t("filters.entityId")} htmlFor="audit-entity-id" extra={t("filters.entityIdHelp")} wide>
          <EntityIdInput value={get("entityId")} onChange={(v) => set("entityId", v || null)} />
        </Field>
        {me?.role === "admin" ? (
          <Field label={t("filters.actor")} htmlFor="audit-actor">
            <Select
              id="audit-actor"
              allowClear
              showSearch={folded}
              placeholder={t("filters.anyActor")}
              value={actorId ? Number(actorId) : undefined}
              onChange={(v?: number) => set("actorId", v ? String(v) : null)}
              options={(users.data?.items ?? []).map((u) => ({
                value: u.id,
                label: `${u.displayName} (${u.username})`,
              }))}
            />
          </Field>
        ) : (
          actorId && (
            <Form.Item label={t("filters.actor")} style={{ flex: "1 1 200px" }}>
              <Tag closable onClose={() => set("actorId", null)} data-filter="actor">
                {actorName ?? t("filters.actorId", { id: actorId })}
              </Tag>
            </Form.Item>
          )
        )}
        <Form.Item label=" " style={{ flex: "0 0 auto" }}>
          <Button onClick={clear} disabled={!FILTERS.some((k) => params.get(k)) && !params.get("beforeId")}>
            {t("filters.clear")}
          </Button>
        </Form.Item>
      </Form>
      {params.get("beforeId") && (
        <Tag closable onClose={() => set("beforeId", null)} data-filter="start">
          {t("filters.startAt", { id: Number(params.get("beforeId")) - 1 })}
        </Tag>
      )}
    </Card>
  );
}

export default function AuditPage({ nested = false }: { nested?: boolean }) {
  const { t } = useTranslation("audit");
  const [params, setSearchParams] = useSearchParams();
  /** Sets some keys of the address (a blank value removes one); a new filter starts from the newest entry. */
  const update = (patch: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!("beforeId" in patch)) next.delete("beforeId");
    setSearchParams(next, { replace: true });
  };
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k)]));
  const start = Number(params.get("beforeId")) || null;
  const base = `/audit${qs({ ...filters, limit: PAGE_SIZE })}`;
  const q = useInfiniteQuery<AuditAnswer, ApiError, { pages: AuditAnswer[] }, unknown[], number | null>({
    queryKey: [base, "pages", start],
    initialPageParam: start,
    queryFn: ({ pageParam }) => api.get<AuditAnswer>(`${base}${pageParam ? `&beforeId=${pageParam}` : ""}`),
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
  });
  const entries = q.data?.pages.flatMap((p) => p.items) ?? [];
  const anyFilter = FILTERS.some((k) => params.get(k));
  const actorId = params.get("actorId");
  const actor = actorId ? entries.find((e) => String(e.actor.id) === actorId)?.actor : undefined;
  const onFilter = (patch: AuditFilterPatch) => {
    update({ ...patch });
    window.scrollTo({ top: 0 });
  };
  const heading = nested ? (
    <Typography.Title level={2} style={{ fontSize: 22 }}>
      {t("title")}
    </Typography.Title>
  ) : (
    <Typography.Title level={1} style={{ fontSize: 26 }}>
      {t("title")}
    </Typography.Title>
  );
  return (
    <div className={nested ? undefined : "page"}>
      {heading}
      {!nested && <ProvinceMenu />}
      <Typography.Paragraph style={{ maxWidth: 860 }}>{t("intro")}</Typography.Paragraph>
      <VerifyLine onShowEntry={(id) => update({ beforeId: String(id + 1) })} />
      <Filters
        params={params}
        set={(k, v) => update({ [k]: v })}
        clear={() => setSearchParams(new URLSearchParams(), { replace: true })}
        actorName={actor ? (actor.displayName ?? actor.name) : null}
      />
      <Card>
        <section aria-labelledby="audit-entries-title">
          <h2 id="audit-entries-title" style={{ fontSize: 18, marginTop: 0 }}>
            {q.data ? t("list.shown", { count: entries.length }) : t("list.caption")}
          </h2>
          <ErrorBox error={q.error} />
          {q.isLoading ? (
            <Loading rows={6} />
          ) : entries.length === 0 && !q.error ? (
            <EmptyState description={anyFilter ? t("list.empty") : t("list.emptyAll")} />
          ) : (
            <AuditEntryList entries={entries} onFilter={onFilter} label={t("list.caption")} />
          )}
          {q.hasNextPage ? (
            <Button
              style={{ marginTop: 12 }}
              onClick={() => q.fetchNextPage()}
              loading={q.isFetchingNextPage}
              data-action="load-older"
            >
              {t("list.loadOlder")}
            </Button>
          ) : (
            entries.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                {t("list.end")}
              </Typography.Paragraph>
            )
          )}
        </section>
      </Card>
    </div>
  );
}
