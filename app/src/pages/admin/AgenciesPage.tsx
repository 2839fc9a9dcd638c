/**
 * /admin/agencies: every agency, division and unit group, searched without accents ("cai cach" finds
 * "cải cách": the API folds both), paged by the server; validity dates and successors; an agency's
 * divisions and unit groups in a side panel.
 */
import { Button, Drawer, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { qs, useApi } from "../../api.ts";
import { EmptyState, ErrorBox } from "../../components/common.tsx";
import { date } from "../../format.ts";
import { AgencyForm } from "./AgencyForm.tsx";
import type { Agency, AgencyDetail, AgencyKind } from "./types.ts";

function Validity({ a }: { a: Agency }) {
  const { t } = useTranslation("admin");
  const from = a.validFrom && a.validFrom > "1900-01-01" ? date(a.validFrom) : t("agencies.always");
  return (
    <span style={{ whiteSpace: "nowrap" }}>
      {from} – {a.validTo ? date(a.validTo) : t("agencies.open")}
    </span>
  );
}

function UnitsDrawer({ agency, onClose }: { agency: Agency; onClose: () => void }) {
  const { t } = useTranslation(["admin", "common"]);
  const detail = useApi<AgencyDetail>(`/agencies/${agency.id}`);
  const [editing, setEditing] = useState<Agency | null>(null);
  const [creating, setCreating] = useState<AgencyKind | null>(null);
  return (
    <Drawer
      open
      onClose={onClose}
      size={720}
      title={<h3 style={{ margin: 0, fontSize: 18 }}>{t("agencies.units.title", { name: agency.name })}</h3>}
      closable={{ "aria-label": t("agencies.units.close") }}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setCreating("division")}>
          {t("agencies.units.addDivision")}
        </Button>
        <Button onClick={() => setCreating("unit_group")}>{t("agencies.units.addGroup")}</Button>
      </Space>
      {detail.error ? (
        <ErrorBox error={detail.error} />
      ) : (
        <Table<Agency>
          rowKey="id"
          loading={detail.isLoading}
          dataSource={detail.data?.units ?? []}
          size="small"
          scroll={{ x: true }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState description={t("agencies.units.empty")} /> }}
          columns={[
            { title: t("agencies.code"), dataIndex: "code" },
            {
              title: t("agencies.name"),
              dataIndex: "name",
              render: (n: string, u) => (u.shortName ? `${n} (${u.shortName})` : n),
            },
            {
              title: t("agencies.kind"),
              dataIndex: "kind",
              render: (k: AgencyKind) => t(`agencyKinds.${k}`),
            },
            { title: t("agencies.validity"), key: "validity", render: (_, u) => <Validity a={u} /> },
            {
              title: t("agencies.actions"),
              key: "actions",
              render: (_, u) => (
                <Button
                  size="small"
                  onClick={() => setEditing(u)}
                  aria-label={t("agencies.editLabel", { name: u.name })}
                >
                  {t("common:action.edit")}
                </Button>
              ),
            },
          ]}
        />
      )}
      {editing && <AgencyForm agency={editing} onClose={() => setEditing(null)} />}
      {creating && (
        <AgencyForm defaults={{ kind: creating, parentId: agency.id }} onClose={() => setCreating(null)} />
      )}
    </Drawer>
  );
}

export default function AgenciesPage() {
  const { t } = useTranslation(["admin", "common"]);
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  const [kind, setKind] = useState<AgencyKind | "">("");
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Agency | null>(null);
  const [creating, setCreating] = useState(false);
  const [units, setUnits] = useState<Agency | null>(null);
  useEffect(() => {
    const h = setTimeout(() => {
      setQ(typed.trim());
      setPage((p) => ({ ...p, current: 1 }));
    }, 300);
    return () => clearTimeout(h);
  }, [typed]);
  const list = useApi<{ items: Agency[]; total: number }>(
    `/agencies${qs({ q, kind, limit: page.pageSize, offset: (page.current - 1) * page.pageSize })}`,
    { placeholderData: (prev) => prev },
  );
  return (
    <section aria-labelledby="agencies-heading">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Typography.Title level={2} id="agencies-heading" style={{ fontSize: 20, margin: 0 }}>
          {t("agencies.title")}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t("agencies.create")}
        </Button>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          aria-label={t("agencies.search")}
          placeholder={t("agencies.searchHint")}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => setTyped(v)}
          style={{ width: 320 }}
        />
        <Select
          aria-label={t("agencies.kindFilter")}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setPage((p) => ({ ...p, current: 1 }));
          }}
          style={{ width: 200 }}
          options={[
            { value: "", label: t("agencies.allKinds") },
            ...(["province", "agency", "division", "unit_group"] as const).map((k) => ({
              value: k,
              label: t(`agencyKinds.${k}`),
            })),
          ]}
        />
      </Space>
      {list.error ? (
        <ErrorBox error={list.error} />
      ) : (
        <Table<Agency>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: true }}
          pagination={{
            current: page.current,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            onChange: (current, pageSize) => setPage({ current, pageSize }),
            showTotal: (total) => t("agencies.total", { total }),
          }}
          locale={{
            emptyText: <EmptyState description={q ? t("agencies.noMatch", { q }) : t("agencies.empty")} />,
          }}
          columns={[
            {
              title: t("agencies.code"),
              dataIndex: "code",
              render: (c: string) => <span style={{ whiteSpace: "nowrap" }}>{c}</span>,
            },
            {
              title: t("agencies.name"),
              dataIndex: "name",
              render: (n: string, a) => (
                <Space size={4} wrap style={{ minWidth: 200 }}>
                  <span>{n}</span>
                  {a.sample && <Tag>{t("agencies.sample")}</Tag>}
                </Space>
              ),
            },
            {
              title: t("agencies.kind"),
              dataIndex: "kind",
              render: (k: AgencyKind) => t(`agencyKinds.${k}`),
            },
            { title: t("agencies.validity"), key: "validity", render: (_, a) => <Validity a={a} /> },
            {
              title: t("agencies.successor"),
              key: "successor",
              render: (_, a) => (a.successor ? a.successor.name : "—"),
            },
            {
              title: t("agencies.actions"),
              key: "actions",
              render: (_, a) => (
                <Space size={4} wrap>
                  <Button
                    size="small"
                    onClick={() => setEditing(a)}
                    aria-label={t("agencies.editLabel", { name: a.name })}
                  >
                    {t("common:action.edit")}
                  </Button>
                  {a.kind === "agency" && (
                    <Button
                      size="small"
                      onClick={() => setUnits(a)}
                      aria-label={t("agencies.unitsLabel", { name: a.name })}
                    >
                      {t("agencies.unitsButton")}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && <AgencyForm agency={editing} onClose={() => setEditing(null)} />}
      {creating && <AgencyForm onClose={() => setCreating(false)} />}
      {units && <UnitsDrawer agency={units} onClose={() => setUnits(null)} />}
    </section>
  );
}
