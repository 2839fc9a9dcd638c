/**
 * The history of a plan or a task, from the audit trail: when, who (and in which role), what —
 * each changed field as before → after. Ten entries at first, more on request.
 */
import { Button, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../api.ts";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import { date } from "../../format.ts";
import type { ChangeCounts, HistoryEntry } from "./model.ts";
import { useCountList } from "./PlanPublication.tsx";
import { progressText } from "./parts.tsx";

const dateTime = (iso: string, lang: string) =>
  new Date(iso).toLocaleString(lang === "en" ? "en-GB" : "vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });

/** Fields that say where an entry belongs rather than what changed. */
const HIDDEN = new Set(["taskId", "changes", "version", "publishedAt", "year", "source", "taskUpdateId"]);
const PAGE = 10;

function useValue() {
  const { t } = useTranslation(["plan", "common"]);
  const show = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length))
      return t("history.empty");
    if (key === "status" && typeof v === "string") return t(`common:status.${v}`, { defaultValue: v });
    if (key === "progress" && typeof v === "number") return progressText(v);
    if (key === "role" && typeof v === "string") return t(`history.role.${v}`, { defaultValue: v });
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return date(v);
    if (Array.isArray(v)) return v.map((x) => show("", x)).join("; ");
    if (typeof v === "object") {
      const o = v as Record<string, unknown>;
      if ("code" in o && "value" in o) return `${o.code} = ${o.value}${o.period ? ` (${o.period})` : ""}`;
      if ("name" in o && "position" in o)
        return [o.authority, o.position, o.name].filter(Boolean).join(" — ");
      return Object.entries(o)
        .filter(([, x]) => x !== null && x !== undefined)
        .map(([k, x]) => `${t(`history.field.${k}`, { defaultValue: k })}: ${show(k, x)}`)
        .join(", ");
    }
    return String(v);
  };
  return show;
}

function Entry({ h }: { h: HistoryEntry }) {
  const { t } = useTranslation(["plan", "common"]);
  const show = useValue();
  const countList = useCountList();
  const created = h.before === null;
  const blank = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length);
  // A record written whole (a task added, an update posted) lists only what it says.
  const keys = [...new Set([...Object.keys(h.before ?? {}), ...Object.keys(h.after ?? {})])].filter(
    (k) =>
      !HIDDEN.has(k) &&
      !(created && blank(h.after?.[k])) &&
      (created || !h.after || JSON.stringify(h.before?.[k]) !== JSON.stringify(h.after[k])),
  );
  const changes = (h.after?.changes ?? null) as ChangeCounts | Record<string, number> | null;
  return (
    <div data-history={h.action}>
      <Typography.Text strong>
        {t(`history.action.${h.action}`, { defaultValue: h.action, version: h.after?.version ?? "" })}
      </Typography.Text>
      {changes && "tasksChanged" in changes && (
        <div>{countList(changes as ChangeCounts) || t("publication.noChanges")}</div>
      )}
      {keys.length > 0 && (
        <ul style={{ margin: "2px 0 0", paddingLeft: 18 }}>
          {keys.map((k) => (
            <li key={k} style={{ overflowWrap: "anywhere" }}>
              {t(
                `history.field.${h.entity === "indicator_value" && k === "period" ? "reportingPeriod" : k}`,
                {
                  defaultValue: k,
                },
              )}
              :{" "}
              {created || !h.before ? (
                show(k, h.after?.[k])
              ) : !h.after ? (
                show(k, h.before[k])
              ) : (
                <>
                  <del>{show(k, h.before[k])}</del> → {show(k, h.after[k])}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {h.note && h.note !== "import" && (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>{h.note}</Typography.Paragraph>
      )}
    </div>
  );
}

/** `path`: /plans/:id/history or /tasks/:id/history. */
export function HistoryPanel({ path }: { path: string }) {
  const { t, i18n } = useTranslation(["plan", "common"]);
  const [shown, setShown] = useState(PAGE);
  const q = useApi<{ items: HistoryEntry[] }>(path);
  if (q.isLoading) return <Loading rows={3} />;
  if (q.error) return <ErrorBox error={q.error} />;
  const items = q.data?.items ?? [];
  if (!items.length) return <EmptyState description={t("history.none")} />;
  return (
    <>
      <Timeline
        items={items.slice(0, shown).map((h) => ({
          key: h.id,
          // Who and when above what, not beside it: a phone has no room for two columns.
          content: (
            <>
              <Typography.Text type="secondary">
                {dateTime(h.at, i18n.language)} · {h.by ?? t("history.system")}
                {h.role && h.role !== "system"
                  ? ` (${t(`common:roles.${h.role}`, { defaultValue: h.role })})`
                  : ""}
              </Typography.Text>
              <Entry h={h} />
            </>
          ),
        }))}
      />
      {items.length > shown && <Button onClick={() => setShown(shown + PAGE)}>{t("history.more")}</Button>}
    </>
  );
}
