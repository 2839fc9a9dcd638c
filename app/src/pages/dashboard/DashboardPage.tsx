/**
 * The agency dashboard: /dashboard is the caller's own agency, /dashboard/:agencyId any agency the
 * caller may read (the province's roles pick one). The headline numbers render first and alone; the
 * charts, tables and what-if load as a second chunk meanwhile, so the index shows as soon as the one
 * dashboard request (started by the route's loader) answers.
 */
import { useQuery } from "@tanstack/react-query";
import { Alert, Tag, Typography } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { ApiError } from "../../api.ts";
import { ANY_ROLE, RequireRole, useMe } from "../../auth.tsx";
import { ErrorBox, Loading } from "../../components/common.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { Headline } from "./Headline.tsx";
import { dashboardPath, fetchOnce } from "./prefetch.ts";
import type { Dashboard } from "./types.ts";

// Only the province's roles choose an agency: its form and search stay out of everyone's first load.
const AgencyPicker = lazy(() => import("./AgencyPicker.tsx").then((m) => ({ default: m.AgencyPicker })));
const AgencySelect = lazy(() => import("./AgencyPicker.tsx").then((m) => ({ default: m.AgencySelect })));
// Below the headline: the echarts chunk and the tables load while the numbers are already shown.
const Details = lazy(() => import("./Details.tsx"));

export default function DashboardRoute() {
  return (
    <RequireRole roles={ANY_ROLE}>
      <DashboardPage />
    </RequireRole>
  );
}

function DashboardPage() {
  const { t } = useTranslation("dashboard");
  const { agencyId } = useParams();
  const { me } = useMe();
  const path = dashboardPath(agencyId);
  const q = useQuery<Dashboard, ApiError>({
    queryKey: [path],
    queryFn: () => fetchOnce<Dashboard>(path),
    retry: (n, e) => e.status >= 500 && n < 1,
  });
  // A caller who belongs to no agency (the administrator) chooses one.
  if (q.error?.code === "dashboard.no_agency")
    return (
      <Suspense fallback={<Loading />}>
        <AgencyPicker />
      </Suspense>
    );
  const canSwitch = me !== null && ["admin", "province_office", "appraiser"].includes(me.role);
  const d = q.data;
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26, marginBottom: 4 }}>
        {t("title")}
        {d ? `: ${d.agency.name}` : ""}
      </Typography.Title>
      {canSwitch && (
        <Suspense fallback={null}>
          <AgencySelect value={d?.agency.id} />
        </Suspense>
      )}
      {q.isLoading && <Loading rows={6} />}
      <ErrorBox error={q.error} />
      {d && !d.current && <Alert type="info" showIcon title={t("noCycle")} description={t("noCycleHelp")} />}
      {d?.current && (
        <>
          <Typography.Paragraph>
            {t("cycleLine", { year: d.current.year })}{" "}
            <Tag color={d.current.published ? "green" : "gold"}>
              {d.current.published ? t("published") : t("notPublished")}
            </Tag>
            {d.target && (
              <LinkButton type="link" to={`/plans/${d.target.planId}`} style={{ paddingInline: 4 }}>
                {t("openPlan", { number: [d.target.number, d.target.code].filter(Boolean).join("/") })}
              </LinkButton>
            )}
          </Typography.Paragraph>
          <Headline d={d} />
          <Suspense fallback={<Loading rows={8} />}>
            <Details d={d} />
          </Suspense>
        </>
      )}
    </div>
  );
}
