/**
 * Audit entries as a person reads them: when, who (name, role, session), what (the action in words),
 * about what (the record by name, linked to its page where the reader may open one), the changed
 * fields before → after, and the raw JSON with the entry's hash. The audit log page lists the whole
 * trail with it; any page can show the history of one record (a cycle, a score) with the same list.
 */
import { Button, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type AuditTarget, auditTarget } from "../../../core/audit-target.ts";
import { useMe } from "../auth.tsx";
import { dateTime } from "../format.ts";
import type { AuditEntry } from "../types/api.ts";
import { auditTargetLink } from "./auditTarget.ts";
import { ChangeDiff, RawJson } from "./ChangeDiff.tsx";

/** "cycle.correction_published" → "Công bố đính chính"; an action the interface does not know, as it is. */
export function actionLabel(t: TFunction, action: string): string {
  const dot = action.indexOf(".");
  if (dot < 0) return action;
  return t(`audit:actions.${action.slice(0, dot)}.${action.slice(dot + 1)}`, { defaultValue: action });
}

export function entityLabel(t: TFunction, entity: string): string {
  return t(`audit:entities.${entity}`, { defaultValue: entity });
}

/** The colour of an action's tag, by what it does to the record. */
function actionColor(action: string): string | undefined {
  const verb = action.slice(action.indexOf(".") + 1);
  if (/published|finalised/.test(verb)) return "green";
  if (/correction|reopened|returned|excluded|withdrawn/.test(verb)) return "orange";
  if (/removed|deleted|failed|throttled|unassigned|disabled/.test(verb)) return "red";
  if (/created|added|assigned/.test(verb)) return "blue";
  return undefined;
}

/** The cycle's and the agency's names as the server gave them, else their ids. */
function useNames(entry: AuditEntry, target: AuditTarget) {
  const { t } = useTranslation("audit");
  const c = entry.about.cycle;
  const cycle = !target.cycleId
    ? "—"
    : c
      ? `${c.year} — ${t(`province:groups.${c.group}`, { defaultValue: c.group })}`
      : t("target.cycleFallback", { id: target.cycleId });
  const agency = !target.agencyId
    ? "—"
    : (entry.about.agency ?? t("target.agencyFallback", { id: target.agencyId }));
  return { cycle, agency };
}

/** What the entry is about, in words. */
function TargetText({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation("audit");
  const target = auditTarget(entry);
  const { cycle, agency } = useNames(entry, target);
  switch (entry.entity) {
    case "cycle":
      return <>{t("target.cycle", { cycle })}</>;
    case "participant":
      return <>{t("target.participant", { agency, cycle })}</>;
    case "score":
      return <>{t("target.score", { node: target.node ?? "—", agency, cycle })}</>;
    case "appraiser":
      return <>{t("target.appraiser", { area: target.areaCode ?? "—", cycle })}</>;
    case "agency":
      return <>{t("target.agency", { agency })}</>;
    case "framework":
    case "periods":
    case "plan":
    case "task":
    case "task_update":
    case "user":
    case "system":
      return <>{t(`target.${entry.entity}`, { id: entry.entityId })}</>;
    default:
      return <>{t("target.other", { entity: entityLabel(t, entry.entity), id: entry.entityId })}</>;
  }
}

export interface AuditFilterPatch {
  actorId?: string;
  entity?: string;
  entityId?: string;
}

function Entry({ entry, onFilter }: { entry: AuditEntry; onFilter?: (patch: AuditFilterPatch) => void }) {
  const { t } = useTranslation(["audit", "common"]);
  const { me } = useMe();
  const a = entry.actor;
  const system = a.role === "system";
  const who = system ? t("entry.system") : (a.displayName ?? a.name ?? t("entry.unknownActor"));
  const link = auditTargetLink(auditTarget(entry), me?.role);
  const target = <TargetText entry={entry} />;
  // antd's lighter hover and focus blue falls below 4.5:1: keep the link colour in every state.
  const small = { paddingInline: 0, height: "auto", color: "#0b57d0" } as const;
  return (
    <li
      data-audit-entry={entry.id}
      data-action={entry.action}
      style={{ padding: "10px 0", borderBottom: "1px solid #f0f0f0", listStyle: "none" }}
    >
      <div style={{ display: "flex", flexWrap: "wrap", gap: "4px 8px", alignItems: "baseline" }}>
        <Tag color={actionColor(entry.action)} style={{ marginInlineEnd: 0, whiteSpace: "normal" }}>
          {actionLabel(t, entry.action)}
        </Tag>
        <span data-target style={{ overflowWrap: "anywhere", flex: "1 1 240px" }}>
          {link ? <Link to={link}>{target}</Link> : target}
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          #{entry.id}
        </Typography.Text>
      </div>
      <div style={{ fontSize: 13, marginTop: 2 }} data-actor={a.id ?? ""}>
        <time dateTime={entry.at}>{dateTime(entry.at)}</time> · <strong>{who}</strong>
        {!system && a.role && ` (${t(`common:roles.${a.role}`, { defaultValue: a.role })})`}
        {a.session && ` · ${t("entry.session", { id: a.session.slice(0, 8) })}`}
      </div>
      {entry.note && (
        <blockquote
          data-note
          style={{
            margin: "6px 0",
            paddingInlineStart: 10,
            borderInlineStart: "3px solid #d9d9d9",
            overflowWrap: "anywhere",
          }}
        >
          <span style={{ color: "rgba(0, 0, 0, 0.68)" }}>{t("entry.note")}:</span> {entry.note}
        </blockquote>
      )}
      <ChangeDiff before={entry.before} after={entry.after} />
      {onFilter && (
        <div style={{ display: "flex", flexWrap: "wrap", gap: "0 16px", fontSize: 13 }}>
          <Button
            type="link"
            size="small"
            style={small}
            aria-label={`${t("entry.ofRecord")}: ${entityLabel(t, entry.entity)} ${entry.entityId}`}
            onClick={() => onFilter({ entity: entry.entity, entityId: entry.entityId })}
          >
            {t("entry.ofRecord")}
          </Button>
          {a.id !== null && (
            <Button
              type="link"
              size="small"
              style={small}
              onClick={() => onFilter({ actorId: String(a.id) })}
            >
              {t("entry.byActor", { name: who })}
            </Button>
          )}
        </div>
      )}
      <RawJson
        summary={<span style={{ fontSize: 13 }}>{t("entry.raw")}</span>}
        value={{
          id: entry.id,
          at: entry.at,
          actor: entry.actor,
          action: entry.action,
          entity: entry.entity,
          entityId: entry.entityId,
          before: entry.before,
          after: entry.after,
          note: entry.note,
          hash: entry.hash,
        }}
      />
    </li>
  );
}

/**
 * The entries, newest first as given. With `onFilter`, each entry offers to narrow the list to its
 * actor or to its record (the audit log page); without it, the list only reads.
 */
export function AuditEntryList({
  entries,
  onFilter,
  label,
}: {
  entries: AuditEntry[];
  onFilter?: (patch: AuditFilterPatch) => void;
  /** What the list is, for screen readers. */
  label: string;
}) {
  return (
    <ol aria-label={label} style={{ margin: 0, padding: 0 }}>
      {entries.map((e) => (
        <Entry key={e.id} entry={e} onFilter={onFilter} />
      ))}
    </ol>
  );
}
