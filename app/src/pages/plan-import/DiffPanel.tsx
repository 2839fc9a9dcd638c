/**
 * What accepting the reviewed document would change in the stored plan of that year: the counts,
 * then each task changed (field by field, before → after), new, or no longer in the document — kept
 * unless the reviewer ticks it for removal (never a task with updates). Unchanged tasks on request.
 */
import { Alert, Card, Checkbox, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportDiff, ImportTaskDiff } from "../../../../core/contracts/plan-import.ts";
import { date } from "../../format.ts";

const KIND_COLOR: Record<ImportTaskDiff["kind"], string | undefined> = {
  unchanged: undefined,
  changed: "blue",
  new: "green",
  removed: "orange",
};

const cut = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

function useShow() {
  const { t } = useTranslation("planImport");
  return (v: unknown): string => {
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) return t("diff.empty");
    if (Array.isArray(v)) return cut(v.map(String).join("; "));
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return date(v);
    if (typeof v === "object") return cut(JSON.stringify(v));
    return cut(String(v));
  };
}

function Change({ field, before, after }: { field: string; before: unknown; after: unknown }) {
  const { t } = useTranslation("plan");
  const show = useShow();
  return (
    <li style={{ overflowWrap: "anywhere" }}>
      {t(`history.field.${field}`, { defaultValue: field })}: <del>{show(before)}</del> →{" "}
      <ins>{show(after)}</ins>
    </li>
  );
}

export function DiffPanel({
  diff,
  year,
  loading,
  error,
  remove,
  onRemove,
}: {
  diff: ImportDiff | null;
  year: number;
  loading: boolean;
  error: string | null;
  remove: ReadonlySet<number>;
  onRemove: (taskId: number, removed: boolean) => void;
}) {
  const { t } = useTranslation("planImport");
  const { t: tp } = useTranslation("plan");
  const [all, setAll] = useState(false);
  const title = <h2 style={{ fontSize: 16, margin: 0 }}>{t("diff.title", { year })}</h2>;
  if (error)
    return (
      <Card size="small" title={title} style={{ marginBottom: 12 }}>
        <Alert type="warning" showIcon title={t("diff.failed")} description={error} />
      </Card>
    );
  if (!diff)
    return (
      <Card size="small" title={title} style={{ marginBottom: 12 }}>
        <Typography.Text>{loading ? t("diff.loading") : ""}</Typography.Text>
      </Card>
    );
  if (diff.planId === null)
    return (
      <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid="import-diff">
        <Typography.Text>{t("diff.newPlan", { year, tasks: diff.counts.added })}</Typography.Text>
      </Card>
    );
  const shown = diff.tasks.filter((x) => all || x.kind !== "unchanged");
  const nothing =
    !diff.fields.length && !diff.areaTargets.length && diff.tasks.every((x) => x.kind === "unchanged");
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid="import-diff">
      {diff.published && (
        <Alert type="info" showIcon title={t("diff.published")} style={{ marginBottom: 8 }} />
      )}
      <Typography.Paragraph strong data-testid="import-diff-counts" style={{ marginBottom: 8 }}>
        {t("diff.counts", diff.counts)}
      </Typography.Paragraph>
      {nothing && <Typography.Paragraph>{t("diff.none")}</Typography.Paragraph>}
      {diff.fields.length > 0 && (
        <>
          <h3 style={{ fontSize: 14, margin: "8px 0 4px" }}>{t("diff.fields")}</h3>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {diff.fields.map((f) => (
              <Change key={f.field} {...f} />
            ))}
          </ul>
        </>
      )}
      {diff.areaTargets.length > 0 && (
        <>
          <h3 style={{ fontSize: 14, margin: "8px 0 4px" }}>{t("diff.areas")}</h3>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {diff.areaTargets.map((a) => (
              <li key={a.areaCode}>
                {a.areaCode}: <del>{a.before ? a.before.target : t("diff.empty")}</del> →{" "}
                <ins>{a.after ? a.after.target : t("diff.empty")}</ins>
              </li>
            ))}
          </ul>
        </>
      )}
      <List
        size="small"
        style={{ marginTop: 8 }}
        dataSource={shown}
        pagination={shown.length > 10 ? { pageSize: 10, size: "small" } : false}
        rowKey={(x) => `${x.kind}-${x.index ?? ""}-${x.taskId ?? ""}`}
        renderItem={(x) => (
          <List.Item style={{ display: "block" }} data-diff={x.kind}>
            <Space size={[6, 2]} wrap>
              <Tag color={KIND_COLOR[x.kind]}>{t(`diff.kind.${x.kind}`)}</Tag>
              <span style={{ overflowWrap: "anywhere" }}>
                {x.section ? `${x.section}. ` : ""}
                {x.title}
              </span>
            </Space>
            {x.changes.length > 0 && (
              // The fields at a glance; before → after on request (a task's text can be long).
              <details style={{ marginTop: 4 }}>
                <summary style={{ cursor: "pointer" }}>
                  {x.changes.map((c) => tp(`history.field.${c.field}`, { defaultValue: c.field })).join(", ")}
                </summary>
                <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
                  {x.changes.map((c) => (
                    <Change key={c.field} {...c} />
                  ))}
                </ul>
              </details>
            )}
            {x.kind === "removed" && x.taskId !== null && (
              <div style={{ marginTop: 4 }}>
                {x.updates > 0 ? (
                  <Typography.Text type="secondary">
                    {t("diff.hasUpdates", { count: x.updates })}
                  </Typography.Text>
                ) : (
                  <Checkbox
                    checked={remove.has(x.taskId)}
                    onChange={(e) => onRemove(x.taskId as number, e.target.checked)}
                  >
                    {t("diff.removeTask")}
                  </Checkbox>
                )}
              </div>
            )}
          </List.Item>
        )}
      />
      {diff.counts.unchanged > 0 && (
        <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} style={{ marginTop: 8 }}>
          {t("diff.showUnchanged", { count: diff.counts.unchanged })}
        </Checkbox>
      )}
    </Card>
  );
}
