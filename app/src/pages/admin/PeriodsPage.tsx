/**
 * /admin/periods: a province's reporting periods (quý I, 6 tháng, 9 tháng, năm): the data cut-off
 * window and the deadline of each, checked as they are typed with the server's own rules
 * (core/periods.ts), and the resulting dates of a year once saved.
 */
import { useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Checkbox,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type PeriodIssue, periodIssues } from "../../../../core/contracts/agencies.ts";
import { sortVi } from "../../../../core/locale.ts";
import { DEFAULT_PERIODS, type PeriodRule } from "../../../../core/periods.ts";
import { ApiError, api, useApi } from "../../api.ts";
import { EmptyState, ErrorBox, errorText, Loading } from "../../components/common.tsx";
import { date } from "../../format.ts";
import type { Agency } from "./types.ts";

interface Answer {
  provinceId: number;
  rules: PeriodRule[];
  periods: { code: string; labelVi: string; labelEn: string; from: string; to: string; due: string }[];
}

type Part = "from" | "to" | "due";
const ERROR = "#a8071a";

function Messages({ id, messages }: { id: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div id={id} style={{ color: ERROR, marginTop: 4 }}>
      {messages.map((m) => (
        <div key={m}>{m}</div>
      ))}
    </div>
  );
}

const DAY_MONTH = [
  { part: "day", max: 31, ariaLabel: "periods.dayOf" },
  { part: "month", max: 12, ariaLabel: "periods.monthOf" },
] as const;

function DayMonth({
  value,
  onChange,
  label,
  invalid,
  describedBy,
}: {
  value: { day: number; month: number };
  onChange: (v: { day: number; month: number }) => void;
  label: string;
  invalid: boolean;
  describedBy?: string;
}) {
  const { t } = useTranslation("admin");
  return (
    <Space.Compact>
      {DAY_MONTH.map(({ part, max, ariaLabel }) => (
        <InputNumber
          key={part}
          min={1}
          max={max}
          precision={0}
          style={{ width: 64 }}
          value={value[part]}
          status={invalid ? "error" : undefined}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          aria-label={t(ariaLabel, { what: label })}
          onChange={(n) => onChange({ ...value, [part]: n ?? 0 })}
        />
      ))}
    </Space.Compact>
  );
}

function RulesEditor({ provinceId, answer, year }: { provinceId: number; answer: Answer; year: number }) {
  const { t, i18n } = useTranslation(["admin", "common"]);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [rules, setRules] = useState<PeriodRule[]>(answer.rules);
  const [server, setServer] = useState<{ index: number; field: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = useMemo(() => periodIssues(rules), [rules]);
  const label = (r: PeriodRule) => (i18n.language === "en" ? r.labelEn : r.labelVi);
  const update = (i: number, patch: Partial<PeriodRule>) => {
    setRules((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
    setServer(null);
  };
  const cellIssues = (i: number, field: PeriodIssue["field"]) =>
    issues.filter((x) => x.index === i && x.field === field);

  function messagesFor(i: number, field: PeriodIssue["field"]): string[] {
    const list = cellIssues(i, field).map((x) => t(`periods.issues.${x.code}`, { defaultValue: x.message }));
    if (server && server.index === i && server.field === field) list.push(server.text);
    return list;
  }

  function part(i: number, r: PeriodRule, p: Part) {
    const bad = cellIssues(i, p).length > 0 || (server?.index === i && server.field === p);
    const id = bad ? `period-${i}-${p}-error` : undefined;
    return (
      <div>
        <Space wrap size={4}>
          <DayMonth
            value={r[p]}
            label={t(`periods.parts.${p}`, { period: label(r) })}
            invalid={bad}
            describedBy={id}
            onChange={(v) =>
              update(i, { [p]: p === "from" ? { ...r.from, ...v } : v } as Partial<PeriodRule>)
            }
          />
          {p === "from" && (
            <Checkbox
              checked={r.from.fromPrevYear}
              onChange={(e) => update(i, { from: { ...r.from, fromPrevYear: e.target.checked } })}
            >
              {t("periods.prevYear")}
            </Checkbox>
          )}
        </Space>
        <Messages id={`period-${i}-${p}-error`} messages={messagesFor(i, p)} />
      </div>
    );
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/agencies/${provinceId}/periods`, { rules });
      await qc.invalidateQueries({
        predicate: (q) => String(q.queryKey[0]).startsWith(`/agencies/${provinceId}/periods`),
      });
      message.success(t("periods.saved"));
    } catch (e) {
      const m = e instanceof ApiError ? /^rules\.(\d+)\.(code|from|to|due)$/.exec(e.field ?? "") : null;
      if (m && e instanceof ApiError) setServer({ index: Number(m[1]), field: m[2], text: e.text });
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Table<PeriodRule>
        rowKey={(r) => r.code}
        dataSource={rules}
        pagination={false}
        scroll={{ x: true }}
        size="middle"
        aria-labelledby="periods-rules-heading"
        columns={[
          {
            title: t("periods.period"),
            key: "label",
            render: (_, r, i) => (
              <Space orientation="vertical" size={4} style={{ minWidth: 200 }}>
                <Input
                  value={r.labelVi}
                  aria-label={t("periods.labelVi", { code: r.code })}
                  onChange={(e) => update(i, { labelVi: e.target.value })}
                  status={r.labelVi.trim() ? undefined : "error"}
                />
                <Input
                  value={r.labelEn}
                  aria-label={t("periods.labelEn", { code: r.code })}
                  onChange={(e) => update(i, { labelEn: e.target.value })}
                  status={r.labelEn.trim() ? undefined : "error"}
                />
                <Messages id={`period-${i}-code-error`} messages={messagesFor(i, "code")} />
              </Space>
            ),
          },
          { title: t("periods.from"), key: "from", render: (_, r, i) => part(i, r, "from") },
          { title: t("periods.to"), key: "to", render: (_, r, i) => part(i, r, "to") },
          { title: t("periods.due"), key: "due", render: (_, r, i) => part(i, r, "due") },
        ]}
      />
      <div role="status" aria-live="polite" style={{ margin: "12px 0" }}>
        {issues.length > 0 && (
          <Alert type="error" showIcon title={t("periods.problems", { count: issues.length })} />
        )}
      </div>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Space wrap>
        <Button
          type="primary"
          loading={busy}
          disabled={issues.length > 0 || rules.some((r) => !r.labelVi.trim() || !r.labelEn.trim())}
          onClick={save}
        >
          {t("periods.save")}
        </Button>
        <Popconfirm
          title={t("periods.defaultsConfirm")}
          okText={t("periods.defaults")}
          cancelText={t("common:action.cancel")}
          onConfirm={() => setRules(DEFAULT_PERIODS.map((r) => structuredClone(r)))}
        >
          <Button>{t("periods.defaults")}</Button>
        </Popconfirm>
      </Space>
      <Typography.Title level={3} id="periods-preview-heading" style={{ fontSize: 17, marginTop: 24 }}>
        {t("periods.previewTitle", { year })}
      </Typography.Title>
      <Table
        rowKey="code"
        dataSource={answer.periods}
        pagination={false}
        size="small"
        scroll={{ x: true }}
        aria-labelledby="periods-preview-heading"
        locale={{ emptyText: <EmptyState description={t("periods.noPeriods")} /> }}
        columns={[
          {
            title: t("periods.period"),
            key: "label",
            render: (_, p: Answer["periods"][number]) => (i18n.language === "en" ? p.labelEn : p.labelVi),
          },
          { title: t("periods.previewFrom"), dataIndex: "from", render: (d: string) => date(d) },
          { title: t("periods.previewTo"), dataIndex: "to", render: (d: string) => date(d) },
          { title: t("periods.previewDue"), dataIndex: "due", render: (d: string) => date(d) },
        ]}
      />
    </>
  );
}

export default function PeriodsPage() {
  const { t } = useTranslation("admin");
  const provinces = useApi<{ items: Agency[] }>("/agencies?kind=province&limit=500");
  const [chosen, setProvinceId] = useState<number | null>(null);
  const [year, setYear] = useState(new Date().getFullYear());
  // The first province still in existence, by default.
  const list = provinces.data?.items ?? [];
  const provinceId = chosen ?? (list.find((p) => !p.validTo) ?? list[0])?.id ?? null;
  const answer = useApi<Answer>(provinceId ? `/agencies/${provinceId}/periods?year=${year}` : null, {
    placeholderData: (prev) => prev,
  });
  return (
    <section aria-labelledby="periods-heading">
      <Typography.Title level={2} id="periods-heading" style={{ fontSize: 20 }}>
        {t("periods.title")}
      </Typography.Title>
      <Typography.Paragraph>{t("periods.intro")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t("periods.province")}
          style={{ minWidth: 260 }}
          loading={provinces.isLoading}
          value={provinceId ?? undefined}
          onChange={setProvinceId}
          options={sortVi(provinces.data?.items ?? [], (p) => p.name).map((p) => ({
            value: p.id,
            label: p.name,
          }))}
        />
        <InputNumber
          aria-label={t("periods.year")}
          min={2000}
          max={2100}
          precision={0}
          value={year}
          onChange={(y) => y && setYear(y)}
        />
      </Space>
      <Typography.Title level={3} id="periods-rules-heading" style={{ fontSize: 17 }}>
        {t("periods.rulesTitle")}
      </Typography.Title>
      {provinces.error ? (
        <ErrorBox error={provinces.error} />
      ) : answer.error ? (
        <ErrorBox error={answer.error} />
      ) : !answer.data || !provinceId ? (
        provinces.data && !provinces.data.items.length ? (
          <EmptyState description={t("periods.noProvince")} />
        ) : (
          <Loading />
        )
      ) : (
        <RulesEditor key={provinceId} provinceId={provinceId} answer={answer.data} year={year} />
      )}
    </section>
  );
}
