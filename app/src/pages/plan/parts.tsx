/** Small pieces shared by the plan pages and the division's task pages. */
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { Progress, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { DONE_GREEN, date, pts } from "../../format.ts";
import "./plan.css";
import type { Evidence, MeasurableTarget, Task, TaskStatus, TaskUpdate, UnitRef } from "./model.ts";

const STATUS_COLOR: Record<TaskStatus, string> = {
  not_started: "default",
  in_progress: "processing",
  done: "success",
  cancelled: "default",
};

export function StatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
}

export function OverdueTag() {
  const { t } = useTranslation("plan");
  return <Tag color="error">{t("overdue")}</Tag>;
}

/**
 * Unit names: short where the unit has a short name (the full name on hover), or `full`: "Name (SHORT)".
 * A unit group shows the divisions it was resolved to (their number, or with `full` their names), or
 * that it is not resolved yet.
 */
export function Units({ units, empty, full = false }: { units: UnitRef[]; empty?: string; full?: boolean }) {
  const { t } = useTranslation("plan");
  if (!units.length) return <Typography.Text>{empty ?? "—"}</Typography.Text>;
  const group = (u: UnitRef) => {
    const members = u.members ?? [];
    if (!members.length)
      return full ? (
        <>
          {u.name} <Typography.Text type="warning">({t("group.unresolved")})</Typography.Text>
        </>
      ) : (
        u.name
      );
    const names = members.map((m) => m.shortName ?? m.name).join(", ");
    return full ? (
      `${u.name} (${names})`
    ) : (
      <abbr title={names} style={{ textDecoration: "none" }}>
        {u.name} ({t("group.members", { count: members.length })})
      </abbr>
    );
  };
  return (
    <span>
      {units.map((u, i) => (
        <span key={u.id}>
          {i > 0 && ", "}
          {u.kind === "unit_group" ? (
            group(u)
          ) : full || !u.shortName ? (
            u.name + (full && u.shortName ? ` (${u.shortName})` : "")
          ) : (
            <abbr title={u.name} style={{ textDecoration: "none" }}>
              {u.shortName}
            </abbr>
          )}
        </span>
      ))}
    </span>
  );
}

/** The deadline as written: the date, else the plan's own wording ("quý I, 6 tháng…"). */
export function Deadline({ task }: { task: Pick<Task, "due" | "period" | "overdue"> }) {
  const { t } = useTranslation("plan");
  if (!task.due && !task.period) return <Typography.Text>{t("noDeadline")}</Typography.Text>;
  return (
    <Space size={4} wrap>
      {task.due && <span style={{ whiteSpace: "nowrap" }}>{date(task.due)}</span>}
      {task.period && !task.due && <span>{task.period}</span>}
      {task.overdue && <OverdueTag />}
    </Space>
  );
}

/** A task's progress, a whole percent: 40 → "40%". */
export const progressText = (n: number | null | undefined) =>
  n === null || n === undefined ? "—" : `${pts(n)}%`;

export function TaskProgress({ progress, label }: { progress: number; label: string }) {
  return (
    <Progress
      percent={progress}
      size="small"
      // antd turns a full bar's text light green, below WCAG's contrast: a done task keeps dark
      // text, its bar a dark green.
      status="normal"
      strokeColor={progress >= 100 ? DONE_GREEN : undefined}
      format={(p) => progressText(p ?? 0)}
      aria-label={label}
      style={{ minWidth: 110, marginBottom: 0 }}
    />
  );
}

const COMPARATOR: Record<MeasurableTarget["comparator"], string> = {
  ">=": "≥",
  ">": ">",
  "<=": "≤",
  "<": "<",
  "=": "=",
  done_by: "",
};

/** "≥ 30 %", "by 31/10/2019", or a named quantity whole: "≤ tổng biên chế được giao". */
export function TargetValue({
  target,
}: {
  target: Pick<MeasurableTarget, "comparator" | "value" | "unit" | "reference">;
}) {
  const { t } = useTranslation("plan");
  if (target.value === null || target.value === undefined)
    return (
      <span>
        {COMPARATOR[target.comparator]} {target.reference ?? ""}
      </span>
    );
  if (target.comparator === "done_by")
    return <span>{t("target.doneBy", { date: date(String(target.value)) })}</span>;
  const n = Number(target.value);
  return (
    <span style={{ whiteSpace: "nowrap" }}>
      {COMPARATOR[target.comparator]} {pts(n)}
      {target.unit === "%" ? "%" : ""}
      {target.unit && target.unit !== "%" ? ` ${target.unit}` : ""}
    </span>
  );
}

/** The Vietnamese calendar day of a timestamp (an update made at 23:30 on 1/10 belongs to 1/10). */
export const dayOf = (timestamp: string) => date(timestamp);

function EvidenceItem({ e }: { e: Evidence }) {
  const { t } = useTranslation("plan");
  if (e.kind === "file")
    return (
      <a href={`/api/evidence/${e.id}/file`} target="_blank" rel="noreferrer">
        {t("evidence.file", { name: e.fileName })}
      </a>
    );
  if (e.kind === "link" && e.url)
    return (
      <a href={e.url} target="_blank" rel="noreferrer noopener">
        {t("evidence.link", { url: e.url })}
      </a>
    );
  if (e.kind === "document") return <span>{t("evidence.document", { number: e.docNumber })}</span>;
  return <span>{e.note}</span>;
}

/** The updates of a task, newest first: who, when, progress, status, note and evidence. */
export function UpdateHistory({
  updates,
  limit,
  targets = [],
}: {
  updates: TaskUpdate[];
  limit?: number;
  /** The task's measurable targets: an indicator value is named by the target that measures it. */
  targets?: { indicator: string | null; text: string }[];
}) {
  const { t } = useTranslation("plan");
  const list = [...updates].reverse().slice(0, limit ?? updates.length);
  if (!list.length) return <Typography.Paragraph>{t("updates.none")}</Typography.Paragraph>;
  return (
    <ol className="update-history" aria-label={t("updates.title")} style={{ listStyle: "none", padding: 0 }}>
      {list.map((u) => (
        <li key={u.id} style={{ borderLeft: "3px solid #0b57d0", padding: "4px 12px", marginBottom: 12 }}>
          <div>
            <strong>{dayOf(u.at)}</strong> — {u.unit ?? u.by}
            {u.unit && u.by !== u.unit ? ` (${u.by})` : ""}
          </div>
          <Space size={8} wrap>
            {u.progress !== null && (
              <span>
                {t(u.role === "coordinating" ? "updates.part" : "updates.progress", {
                  value: progressText(u.progress),
                })}
              </span>
            )}
            {u.status && <StatusTag status={u.status} />}
          </Space>
          {u.indicator && (
            <div data-indicator={u.indicator.code}>
              {t("updates.indicator", {
                name: targets.find((x) => x.indicator === u.indicator?.code)?.text ?? u.indicator.code,
                value: pts(u.indicator.value),
                period: u.indicator.period,
              })}
            </div>
          )}
          {u.note && <div style={{ whiteSpace: "pre-wrap" }}>{u.note}</div>}
          {u.evidence.length > 0 && (
            <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
              {u.evidence.map((e) => (
                <li key={e.id}>
                  <EvidenceItem e={e} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * After a change to a plan or a task: every cached read of plans (an agency's list and the public
 * pages too), tasks and my tasks is stale.
 */
function invalidatePlanData(qc: QueryClient) {
  return qc.invalidateQueries({
    predicate: (q) => /^\/(plans|tasks|me\/tasks|agencies\/\d+\/plans|public)/.test(String(q.queryKey[0])),
  });
}

export const useInvalidatePlanData = () => {
  const qc = useQueryClient();
  return () => invalidatePlanData(qc);
};
