/**
 * A task's measurable targets as read from the document ("từ 30% số đơn vị trở lên"), each one
 * editable — what it says, how it compares, its value and unit — with the server's rule under it;
 * targets the reader missed can be added, wrong ones removed.
 */
import { Button, Input, InputNumber, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { COMPARATORS } from "../../../../core/contracts/plans.ts";
import { IsoDatePicker } from "./IsoDatePicker.tsx";
import type { ReviewTarget } from "./model.ts";

interface Props {
  id: string;
  /** The task's number on the screen, for the controls' labels. */
  task: number;
  targets: ReviewTarget[];
  onChange: (targets: ReviewTarget[]) => void;
  /** The server's rule broken by target `j`'s field, if any. */
  error: (j: number, field: string) => string | undefined;
  lang: string;
}

export function TargetsEditor({ id, task, targets, onChange, error, lang }: Props) {
  const { t } = useTranslation(["planImport", "plan"]);
  const setAt = (j: number, patch: Partial<ReviewTarget>) =>
    onChange(targets.map((x, k) => (k === j ? { ...x, ...patch } : x)));
  const label = (what: string, j: number) => t("targetControl", { what, target: j + 1, task });

  return (
    <fieldset id={id} className="import-targets">
      <legend>{t("measurable", { n: targets.length })}</legend>
      {targets.map((x, j) => {
        // The form's own words for the rule each field breaks (the server's are bilingual and terse).
        const problem = error(j, "text")
          ? t("plan:form.targetTextRule")
          : error(j, "value")
            ? t(x.comparator === "done_by" ? "targetDateRule" : "targetValueRule")
            : error(j, "unit")
              ? t("plan:form.targetUnitRule")
              : undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: targets have no identity of their own; the list only grows at its end
          <div key={j} className="import-target">
            <Space wrap size={6} align="start">
              <Input
                aria-label={label(t("targetText"), j)}
                value={x.text}
                status={error(j, "text") ? "error" : undefined}
                onChange={(e) => setAt(j, { text: e.target.value })}
                style={{ width: 260 }}
              />
              <Select
                aria-label={label(t("plan:form.comparator"), j)}
                value={x.comparator}
                options={COMPARATORS.map((c) => ({ value: c, label: t(`plan:comparator.${c}`) }))}
                onChange={(c) =>
                  setAt(j, {
                    comparator: c,
                    // A date for "done by", a number for every other comparison.
                    value: c === "done_by" ? "" : typeof x.value === "number" ? x.value : 0,
                    unit: c === "done_by" ? null : x.unit,
                  })
                }
                style={{ width: 170 }}
              />
              {x.comparator === "done_by" ? (
                <IsoDatePicker
                  id={`${id}-${j}-date`}
                  aria-label={label(t("targetValue"), j)}
                  value={typeof x.value === "string" && x.value !== "" ? x.value : null}
                  onChange={(v) => setAt(j, { value: v ?? "" })}
                />
              ) : (
                <InputNumber
                  aria-label={label(t("targetValue"), j)}
                  value={typeof x.value === "number" ? x.value : null}
                  decimalSeparator={lang === "en" ? "." : ","}
                  status={error(j, "value") ? "error" : undefined}
                  onChange={(v) => setAt(j, { value: v === null ? "" : Number(v) })}
                  style={{ width: 110 }}
                />
              )}
              {x.comparator !== "done_by" && (
                <Input
                  aria-label={label(t("targetUnit"), j)}
                  value={x.unit ?? ""}
                  status={error(j, "unit") ? "error" : undefined}
                  onChange={(e) => setAt(j, { unit: e.target.value || null })}
                  style={{ width: 140 }}
                />
              )}
              <Button
                aria-label={label(t("remove"), j)}
                danger
                onClick={() => onChange(targets.filter((_, k) => k !== j))}
              >
                {t("remove")}
              </Button>
            </Space>
            {x.reference && (x.value === "" || x.value === null) && (
              <Typography.Text type="secondary" style={{ display: "block" }}>
                {t("targetReference", { reference: x.reference })}
              </Typography.Text>
            )}
            {problem && (
              <Typography.Text type="danger" className="import-error" style={{ display: "block" }}>
                {problem}
              </Typography.Text>
            )}
          </div>
        );
      })}
      <Button
        size="small"
        onClick={() => onChange([...targets, { text: "", comparator: ">=", value: 100, unit: "%" }])}
        aria-label={t("addTargetTo", { task })}
      >
        {t("addTarget")}
      </Button>
    </fieldset>
  );
}
