/**
 * A leaf's scoring rule in the framework editor: the rule in words under the leaf, and a dialog to
 * change it — the kind, its thresholds or points (typed as "1,5", "90"), the problems core finds as
 * the person types, and a preview of the points for a sample value, computed by the same function
 * that scores the criterion.
 */
import { Alert, Button, Input, Modal, Select, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Centi, parseCenti } from "../../../../core/decimal.ts";
import { formatPoints } from "../../../../core/locale.ts";
import { describeRule } from "../../../../core/rule-text.ts";
import { type ScoringRuleInput, scoringRuleSchema, type TimelinessStatus } from "../../../../core/rules.ts";
import { draftOf, preview, RULE_KINDS, type RuleDraft, ruleOf, type Sample } from "./ruleForm.ts";

const lang = (l: string) => (l.startsWith("en") ? "en" : "vi");

/** The line under a leaf: its rule in words, or that it is scored directly, and the edit button. */
export function RuleLine({
  rule,
  max,
  label,
  onChange,
}: {
  rule: unknown;
  max: string;
  label: string;
  onChange: (rule: ScoringRuleInput | undefined) => void;
}) {
  const { t, i18n } = useTranslation("admin");
  const [open, setOpen] = useState(false);
  const maxC = parseCenti(max.trim()) ?? 0;
  const parsed = scoringRuleSchema.safeParse(rule);
  const words =
    rule === undefined || rule === null
      ? t("rule.none")
      : parsed.success
        ? describeRule(parsed.data, maxC, lang(i18n.language))
        : t("rule.unreadable");
  return (
    <div
      data-rule
      style={{ marginTop: 6, display: "flex", flexWrap: "wrap", gap: 8, alignItems: "baseline" }}
    >
      <Typography.Text type="secondary" style={{ overflowWrap: "anywhere" }}>
        {t("rule.label")}: <span data-rule-text>{words}</span>
      </Typography.Text>
      <Button size="small" onClick={() => setOpen(true)} aria-label={t("rule.editOf", { code: label })}>
        {t("rule.edit")}
      </Button>
      {open && (
        <RuleModal
          rule={rule}
          max={maxC}
          label={label}
          onClose={() => setOpen(false)}
          onSave={(r) => {
            onChange(r);
            setOpen(false);
          }}
        />
      )}
    </div>
  );
}

function RuleModal({
  rule,
  max,
  label,
  onClose,
  onSave,
}: {
  rule: unknown;
  max: Centi;
  label: string;
  onClose: () => void;
  onSave: (rule: ScoringRuleInput | undefined) => void;
}) {
  const { t, i18n } = useTranslation(["admin", "common"]);
  const [d, setD] = useState<RuleDraft>(() => draftOf(rule, max));
  const [sample, setSample] = useState<Sample>({ value: "" });
  const set = (patch: Partial<RuleDraft>) => setD((x) => ({ ...x, ...patch }));
  const read = useMemo(() => ruleOf(d, max), [d, max]);
  const en = lang(i18n.language) === "en";
  const field = (name: keyof RuleDraft, help?: string) => (
    <div style={{ marginBottom: 8 }}>
      <label htmlFor={`rule-${name}`} style={{ display: "block" }}>
        {t(`rule.field.${name}`)}
      </label>
      <Input
        id={`rule-${name}`}
        inputMode={name === "indicator" ? "text" : "decimal"}
        value={d[name] as string}
        status={read.unreadable.includes(name) ? "error" : undefined}
        aria-invalid={read.unreadable.includes(name)}
        onChange={(e) => set({ [name]: e.target.value } as Partial<RuleDraft>)}
      />
      {help && <Typography.Text type="secondary">{help}</Typography.Text>}
    </div>
  );
  const thresholds = d.kind === "percent_bands" || d.kind === "count_threshold";
  const usesIndicator = thresholds || d.kind === "linear" || d.kind === "deduction";
  // A kind that reads a typed value is tried once one is typed; the others at once.
  const needsValue = usesIndicator || d.kind === "manual";
  const ready = needsValue
    ? !!sample.value?.trim()
    : d.kind !== "survey" || Object.values(sample.answers ?? {}).some((v) => v.trim());
  const tried = read.rule && ready ? preview(read.rule, max, sample) : null;
  return (
    <Modal
      open
      title={t("rule.title", { code: label, max: formatPoints(max) })}
      onCancel={onClose}
      footer={[
        <Button key="clear" danger onClick={() => onSave(undefined)}>
          {t("rule.clear")}
        </Button>,
        <Button key="cancel" onClick={onClose}>
          {t("common:action.cancel")}
        </Button>,
        <Button
          key="save"
          type="primary"
          disabled={!read.rule}
          onClick={() => read.rule && onSave(read.rule)}
        >
          {t("rule.apply")}
        </Button>,
      ]}
      width="min(640px, calc(100vw - 16px))"
    >
      <div style={{ marginBottom: 12 }}>
        <label htmlFor="rule-kind" style={{ display: "block" }}>
          {t("rule.kind")}
        </label>
        <Select
          id="rule-kind"
          style={{ width: "100%" }}
          value={d.kind}
          onChange={(kind) => setD({ ...draftOf(undefined, max), ...d, kind })}
          options={RULE_KINDS.map((k) => ({ value: k, label: t(`rule.kinds.${k}`) }))}
        />
      </div>
      {usesIndicator && field("indicator", t("rule.indicatorHelp"))}
      {d.kind === "manual" && field("step")}
      {d.kind === "timeliness" && (
        <>
          {field("onTime")}
          {field("late")}
          {field("notDone")}
        </>
      )}
      {d.kind === "pass_fail" && (
        <>
          {field("pass")}
          {field("fail")}
        </>
      )}
      {d.kind === "linear" && (
        <>
          {field("from")}
          {field("to")}
        </>
      )}
      {d.kind === "deduction" && (
        <>
          {field("perUnit")}
          {field("floor")}
        </>
      )}
      {thresholds && (
        <fieldset style={{ border: 0, padding: 0, margin: "0 0 8px" }}>
          <legend style={{ fontSize: 14 }}>
            {t(d.kind === "percent_bands" ? "rule.bandsPercent" : "rule.bandsCount")}
          </legend>
          {d.rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <Space.Compact key={i} style={{ display: "flex", marginBottom: 6 }} data-threshold={i}>
              <Input
                addonBefore="≥"
                inputMode="decimal"
                value={r.atLeast}
                aria-label={t("rule.atLeastOf", { n: i + 1 })}
                status={read.unreadable.includes(`rows.${i}.atLeast`) ? "error" : undefined}
                onChange={(e) =>
                  set({ rows: d.rows.map((x, j) => (j === i ? { ...x, atLeast: e.target.value } : x)) })
                }
              />
              <Input
                addonAfter={t("rule.points")}
                inputMode="decimal"
                value={r.points}
                aria-label={t("rule.pointsOf", { n: i + 1 })}
                status={read.unreadable.includes(`rows.${i}.points`) ? "error" : undefined}
                onChange={(e) =>
                  set({ rows: d.rows.map((x, j) => (j === i ? { ...x, points: e.target.value } : x)) })
                }
              />
              <Button
                aria-label={t("rule.removeRow", { n: i + 1 })}
                disabled={d.rows.length <= 1}
                onClick={() => set({ rows: d.rows.filter((_, j) => j !== i) })}
              >
                ×
              </Button>
            </Space.Compact>
          ))}
          <Button size="small" onClick={() => set({ rows: [...d.rows, { atLeast: "", points: "" }] })}>
            {t("rule.addRow")}
          </Button>
        </fieldset>
      )}
      {d.kind === "survey" &&
        d.weights.map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: options have no identity but their place
          <Space.Compact key={i} style={{ display: "flex", marginBottom: 6 }}>
            <Input
              value={w.option}
              aria-label={t("rule.optionOf", { n: i + 1 })}
              onChange={(e) =>
                set({ weights: d.weights.map((x, j) => (j === i ? { ...x, option: e.target.value } : x)) })
              }
            />
            <Input
              addonAfter="%"
              inputMode="decimal"
              value={w.weight}
              aria-label={t("rule.weightOf", { n: i + 1 })}
              onChange={(e) =>
                set({ weights: d.weights.map((x, j) => (j === i ? { ...x, weight: e.target.value } : x)) })
              }
            />
          </Space.Compact>
        ))}

      {read.unreadable.length > 0 && <Alert type="error" showIcon title={t("rule.unreadableFields")} />}
      {read.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-rule-problems
          title={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {read.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      {read.rule && (
        <div style={{ marginTop: 12 }}>
          <Typography.Paragraph data-rule-preview-text style={{ marginBottom: 8 }}>
            <strong>{t("rule.inWords")}:</strong> {describeRule(read.rule, max, en ? "en" : "vi")}
          </Typography.Paragraph>
          <SampleInput
            kind={d.kind}
            sample={sample}
            setSample={setSample}
            options={d.weights.map((w) => w.option)}
          />
          {tried && (
            <Alert
              style={{ marginTop: 8 }}
              type={tried.ok ? "success" : "warning"}
              data-rule-preview
              title={
                tried.ok
                  ? t("rule.previewPoints", { points: formatPoints(tried.points), detail: tried.detail })
                  : en
                    ? tried.en
                    : tried.vi
              }
            />
          )}
        </div>
      )}
    </Modal>
  );
}

function SampleInput({
  kind,
  sample,
  setSample,
  options,
}: {
  kind: RuleDraft["kind"];
  sample: Sample;
  setSample: (s: Sample) => void;
  options: string[];
}) {
  const { t } = useTranslation("admin");
  if (kind === "timeliness")
    return (
      <Select<TimelinessStatus>
        style={{ width: "100%" }}
        aria-label={t("rule.sample")}
        value={sample.status ?? "on_time"}
        onChange={(status) => setSample({ ...sample, status })}
        options={(["on_time", "late", "not_done"] as const).map((s) => ({
          value: s,
          label: t(`rule.status.${s}`),
        }))}
      />
    );
  if (kind === "pass_fail")
    return (
      <Select<"yes" | "no">
        style={{ width: "100%" }}
        aria-label={t("rule.sample")}
        value={sample.passed === false ? "no" : "yes"}
        onChange={(v) => setSample({ ...sample, passed: v === "yes" })}
        options={[
          { value: "yes", label: t("rule.passed") },
          { value: "no", label: t("rule.failed") },
        ]}
      />
    );
  if (kind === "survey")
    return (
      <div>
        <span>{t("rule.sampleAnswers")}</span>
        {options.map((o) => (
          <Input
            key={o}
            addonBefore={o}
            inputMode="numeric"
            aria-label={t("rule.answersOf", { option: o })}
            value={sample.answers?.[o] ?? ""}
            onChange={(e) => setSample({ ...sample, answers: { ...sample.answers, [o]: e.target.value } })}
            style={{ marginTop: 4 }}
          />
        ))}
      </div>
    );
  return (
    <div>
      <label htmlFor="rule-sample" style={{ display: "block" }}>
        {t(`rule.sampleOf.${kind}`)}
      </label>
      <Input
        id="rule-sample"
        inputMode="decimal"
        value={sample.value ?? ""}
        onChange={(e) => setSample({ ...sample, value: e.target.value })}
      />
    </div>
  );
}
