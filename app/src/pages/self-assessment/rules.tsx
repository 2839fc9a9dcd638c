/**
 * How a criterion is scored, in words, and the form fields its rule asks for. The rule JSON carries
 * hundredths (of a point, of a percent); they are only formatted here, the server computes the points.
 */
import { Form, Input, Radio, Select } from "antd";
import type { Rule as AntRule } from "antd/es/form/index.js";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type RuleField, readIndicator, readPoints, ruleFields } from "../../../../core/contracts/scores.ts";
import { pts } from "../../format.ts";
import { problemText, type Rule, type RuleInputs, type ScoreNode } from "./model.ts";

const c = (v: number | undefined) => (v ?? 0) / 100;

export function indicatorLabel(t: TFunction, code: string) {
  return t(`selfAssessment:indicators.${code}`, { defaultValue: code });
}

/** One line that says how the rule scores, e.g. "≥ 100%: 3 điểm; ≥ 70%: 1,5 điểm; dưới 70%: 0". */
/** A leaf's max and self-assessed points and its rule, as description items; labels from the caller's `leaf.*`. */
export function leafFacts(t: TFunction, node: ScoreNode) {
  return [
    { key: "max", label: t("leaf.max"), children: <span className="num">{pts(node.max)}</span> },
    {
      key: "self",
      label: t("leaf.self"),
      children: (
        <span className="num" data-testid="leaf-self">
          {pts(node.self)}
        </span>
      ),
    },
    ...(node.rule
      ? [{ key: "rule", label: t("leaf.rule"), children: <RuleText rule={node.rule} max={node.max} /> }]
      : []),
  ];
}

function RuleText({ rule, max }: { rule: Rule; max: number }) {
  const { t } = useTranslation("selfAssessment");
  return <>{ruleText(t, rule, max)}</>;
}

function ruleText(t: TFunction, rule: Rule, max: number): string {
  const p = (v: number | undefined) => t("rule.points", { points: pts(c(v)) });
  switch (rule.kind) {
    case "manual":
      return t("rule.manual", { max: pts(max), step: pts(c(rule.step)) });
    case "percent_bands":
    case "count_threshold": {
      const list = (rule.kind === "percent_bands" ? rule.bands : rule.steps) ?? [];
      const f = (v: number) => (rule.kind === "percent_bands" ? `${pts(c(v))}%` : String(v));
      const parts = [...list]
        .reverse()
        .map((b) => t("rule.atLeast", { value: f(b.atLeast), points: p(b.points) }));
      if (list.length && list[0].atLeast > 0) parts.push(t("rule.below", { value: f(list[0].atLeast) }));
      return `${indicatorLabel(t, rule.indicator ?? "")}: ${parts.join("; ")}`;
    }
    case "linear":
      return `${indicatorLabel(t, rule.indicator ?? "")}: ${t("rule.linear", {
        from: `${pts(c(rule.from))}%`,
        to: `${pts(c(rule.to))}%`,
        max: p(max * 100),
      })}`;
    case "deduction":
      return `${indicatorLabel(t, rule.indicator ?? "")}: ${t("rule.deduction", {
        max: p(max * 100),
        per: p(rule.perUnit),
        floor: p(rule.floor),
      })}`;
    case "timeliness":
      return t("rule.timeliness", { onTime: p(rule.onTime), late: p(rule.late), notDone: p(rule.notDone) });
    case "pass_fail":
      return t("rule.passFail", { pass: p(rule.pass), fail: p(rule.fail) });
    case "survey":
      return t("rule.survey", {
        weights: Object.entries(rule.weights ?? {})
          .map(([o, w]) => `${o} ${pts(w)}%`)
          .join(", "),
      });
    default:
      return rule.kind;
  }
}

/** An antd validator that applies the server's own points check (0..max, grid, two decimals). */
export function pointsRule(max: number, step: number | null): AntRule {
  return {
    validator: async (_r, value) => {
      const r = readPoints(value, Math.round(max * 100), step);
      if ("problem" in r) throw new Error(problemText(r.problem));
    },
  };
}

function indicatorRule(type: "percent" | "count" | "answers"): AntRule {
  return {
    validator: async (_r, value) => {
      const r = readIndicator(value, type);
      if ("problem" in r) throw new Error(problemText(r.problem));
    },
  };
}

/** Form names match the API's error fields ("inputs.plan_completion"), so server errors land on the field. */
const fieldName = (f: RuleField): (string | number)[] =>
  f.type === "percent" || f.type === "count"
    ? ["inputs", f.indicator]
    : f.type === "answers"
      ? ["inputs", "answers", f.option]
      : ["inputs", f.type === "status" ? "status" : "passed"];

export function RuleFields({ rule, disabled }: { rule: Rule; disabled: boolean }) {
  const { t } = useTranslation("selfAssessment");
  return (
    <>
      {ruleFields(rule).map((f) => {
        const name = fieldName(f);
        if (f.type === "status")
          return (
            <Form.Item
              key="status"
              name={name}
              label={t("rule.statusLabel")}
              rules={[{ required: true, message: t("rule.statusRequired") }]}
            >
              <Select
                disabled={disabled}
                options={(["on_time", "late", "not_done"] as const).map((s) => ({
                  value: s,
                  label: t(`rule.status.${s}`),
                }))}
              />
            </Form.Item>
          );
        if (f.type === "passed")
          return (
            <Form.Item
              key="passed"
              name={name}
              label={t("rule.passedLabel")}
              rules={[{ required: true, message: t("rule.passedRequired") }]}
            >
              <Radio.Group disabled={disabled}>
                <Radio value={true}>{t("rule.passed")}</Radio>
                <Radio value={false}>{t("rule.failed")}</Radio>
              </Radio.Group>
            </Form.Item>
          );
        const label =
          f.type === "answers"
            ? t("rule.answersLabel", { option: f.option })
            : f.type === "percent"
              ? t("rule.percentLabel", { name: indicatorLabel(t, f.indicator) })
              : indicatorLabel(t, f.indicator);
        return (
          <Form.Item key={name.join(".")} name={name} label={label} rules={[indicatorRule(f.type)]}>
            <Input
              disabled={disabled}
              inputMode="decimal"
              suffix={f.type === "percent" ? "%" : undefined}
              style={{ maxWidth: 220 }}
            />
          </Form.Item>
        );
      })}
    </>
  );
}

/** Form values → the rule inputs the API evaluates (percents in hundredths, counts as integers). */
export function toRuleInputs(rule: Rule, v: Record<string, unknown>): RuleInputs {
  const out: RuleInputs = {};
  for (const f of ruleFields(rule)) {
    if (f.type === "status") out.status = v.status as RuleInputs["status"];
    else if (f.type === "passed") out.passed = v.passed as boolean;
    else if (f.type === "answers") {
      const r = readIndicator((v.answers as Record<string, string>)?.[f.option], "answers");
      out.answers = { ...out.answers, [f.option]: "value" in r ? r.value : 0 };
    } else {
      const r = readIndicator(v[f.indicator] as string, f.type);
      out.values = { ...out.values, [f.indicator]: "value" in r ? r.value : 0 };
    }
  }
  return out;
}

/** Stored inputs → what the form shows ("80" for 8000 hundredths of a percent). */
export function fromRuleInputs(rule: Rule, inputs: RuleInputs | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!inputs) return out;
  for (const f of ruleFields(rule)) {
    if (f.type === "status") out.status = inputs.status;
    else if (f.type === "passed") out.passed = inputs.passed;
    else if (f.type === "answers")
      out.answers = { ...(out.answers as object), [f.option]: String(inputs.answers?.[f.option] ?? "") };
    else {
      const v = inputs.values?.[f.indicator];
      if (v !== undefined) out[f.indicator] = f.type === "percent" ? pts(v / 100) : String(v);
    }
  }
  return out;
}
