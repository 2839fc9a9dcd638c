/** /plans: opens the latest plan of the signed-in user's agency. */
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { useApi } from "../../api.ts";
import { useMe } from "../../auth.tsx";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import type { PlanListItem } from "./model.ts";

export default function PlansIndexPage() {
  const { t } = useTranslation("plan");
  const { me } = useMe();
  const plans = useApi<{ items: PlanListItem[] }>(me?.agencyId ? `/agencies/${me.agencyId}/plans` : null);
  // The API lists the newest year first.
  const latest = plans.data?.items[0];
  if (latest) return <Navigate to={`/plans/${latest.id}`} replace />;
  return (
    <div className="page plan-page">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t("index.title")}
      </Typography.Title>
      {plans.isLoading ? (
        <Loading />
      ) : plans.error ? (
        <ErrorBox error={plans.error} />
      ) : (
        <EmptyState description={me?.agencyId ? t("index.none") : t("index.noAgency")}>
          {me?.role === "focal_point" && (
            <LinkButton type="primary" to="/plans/import">
              {t("index.import")}
            </LinkButton>
          )}
        </EmptyState>
      )}
    </div>
  );
}
