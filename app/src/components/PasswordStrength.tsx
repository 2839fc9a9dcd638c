/**
 * The strength of a new password as it is typed: the same estimate the server applies
 * (core/password.ts), loaded on first use so its dictionaries stay out of the main bundle.
 */
import { Progress, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PasswordOwner } from "../../../core/password.ts";

type Rules = typeof import("../../../core/password.ts");
let rules: Promise<Rules> | null = null;
const loadRules = () => {
  rules ??= import("../../../core/password.ts");
  return rules;
};

const COLOURS = ["#c41d1f", "#c41d1f", "#ad6800", "#237804", "#135200"];

export function PasswordStrength({ password, owner }: { password: string; owner: PasswordOwner }) {
  const { t, i18n } = useTranslation();
  const [result, setResult] = useState<{ score: number; message: string | null } | null>(null);
  const ownerKey = JSON.stringify(owner);
  useEffect(() => {
    let live = true;
    if (!password) {
      setResult(null);
      return;
    }
    void loadRules().then((r) => {
      if (!live) return;
      const about = JSON.parse(ownerKey) as PasswordOwner;
      const problem = r.passwordProblem(password, about);
      const score = problem
        ? Math.min(r.passwordStrength(password, about).score, 2)
        : r.passwordStrength(password, about).score;
      setResult({ score, message: problem ? (i18n.language === "en" ? problem.en : problem.vi) : null });
    });
    return () => {
      live = false;
    };
  }, [password, ownerKey, i18n.language]);
  if (!result) return null;
  const label = t(`password.strength.${result.score}`);
  return (
    <div aria-live="polite" data-testid="password-strength">
      <Progress
        percent={(result.score + 1) * 20}
        steps={5}
        showInfo={false}
        strokeColor={COLOURS[result.score]}
        aria-label={t("password.strengthLabel")}
      />
      <Typography.Text style={{ display: "block", fontSize: 13 }}>
        {t("password.strengthLabel")}: <strong>{label}</strong>
        {result.message ? ` — ${result.message}` : ""}
      </Typography.Text>
    </div>
  );
}
