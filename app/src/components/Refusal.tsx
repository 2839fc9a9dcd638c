/** What a guarded page shows a visitor (sign in) or a role it does not admit (auth.tsx RequireRole). */
import { Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";

export default function Refusal({ signIn = false }: { signIn?: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (!signIn) return <Result status="403" title={t("auth.notAllowed")} />;
  return (
    <Result
      status="403"
      title={t("auth.signInNeeded")}
      extra={
        <Link to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>
          {t("auth.signIn")}
        </Link>
      }
    />
  );
}
