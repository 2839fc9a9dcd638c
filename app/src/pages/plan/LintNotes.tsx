/** Plan-lint warnings where they apply (an area's row, a task's row), each with the action that fixes it. */
import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import type { LintIssue } from "./model.ts";

export function LintNotes({
  issues,
  canEdit,
  onFix,
}: {
  issues: LintIssue[];
  canEdit: boolean;
  onFix: (issue: LintIssue) => void;
}) {
  const { t } = useTranslation("plan");
  if (!issues.length) return null;
  return (
    <div style={{ display: "grid", gap: 4, marginTop: 6 }}>
      {issues.map((i) => (
        <Alert
          key={`${i.rule}-${i.taskId ?? i.areaCode}-${i.unit ?? ""}`}
          type={i.severity === "warning" ? "warning" : "info"}
          showIcon
          className="lint-note"
          style={{ padding: "2px 8px" }}
          title={t(`lint.${i.rule}`, { unit: i.unit, suggestion: i.suggestion, area: i.areaCode })}
          action={
            canEdit ? (
              <Button size="small" onClick={() => onFix(i)}>
                {t(`lint.fix.${i.rule}`, { area: i.areaCode })}
              </Button>
            ) : undefined
          }
        />
      ))}
    </div>
  );
}
