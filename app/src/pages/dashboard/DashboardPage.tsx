/**
 * The agency dashboard: /dashboard is the caller's own agency, /dashboard/:agencyId any agency the
 * caller may read (the province's roles pick one). The headline numbers come first and alone, the
 * charts load after them, so the index shows as soon as the one dashboard request answers.
 */
import { Alert, Col, Row, Space, Tag, Typography } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useApi } from "../../api.ts";
import { ANY_ROLE, RequireRole, useMe } from "../../auth.tsx";
import { ErrorBox, Loading } from "../../components/common.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { AgencyPicker, AgencySelect } from "./AgencyPicker.tsx";
import { AtRisk } from "./AtRisk.tsx";
import { GapTable } from "./GapTable.tsx";
import { Headline } from "./Headline.tsx";
import type { Dashboard } from "./types.ts";
import { WhatIfPanel } from "./WhatIf.tsx";

// echarts is the heaviest part of the page: its chunk loads while the numbers are already shown.
const AreaCharts = lazy(() => import("./AreaCharts.tsx"));
const Trend = lazy(() => import("./Trend.tsx"));

export default function DashboardRoute() {
  return (
    <RequireRole roles={ANY_ROLE}>
      <DashboardFor />
    </RequireRole>
  );
}

function DashboardFor() {
  const { agencyId } = useParams();
  const { me } = useMe();
  const id = agencyId ? Number(agencyId) : (me?.agencyId ?? null);
  if (id === null || !Number.isInteger(id) || id <= 0) return <AgencyPicker />;
  const provinceWide = me !== null && ["admin", "province_office", "appraiser"].includes(me.role);
  return <DashboardPage agencyId={id} canSwitch={provinceWide} />;
}

function DashboardPage({ agencyId, canSwitch }: { agencyId: number; canSwitch: boolean }) {
  const { t } = useTranslation("dashboard");
  const q = useApi<Dashboard>(`/agencies/${agencyId}/dashboard`);
  const d = q.data;
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26, marginBottom: 4 }}>
        {t("title")}
        {d ? `: ${d.agency.name}` : ""}
      </Typography.Title>
      {canSwitch && <AgencySelect value={agencyId} />}
      {q.isLoading && <Loading rows={6} />}
      <ErrorBox error={q.error} />
      {d && !d.current && <Alert type="info" showIcon title={t("noCycle")} description={t("noCycleHelp")} />}
      {d?.current && (
        <Space orientation="vertical" size="large" style={{ width: "100%" }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
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
          <Suspense fallback={<Loading rows={6} />}>
            <AreaCharts d={d} />
          </Suspense>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Suspense fallback={<Loading rows={4} />}>
                <Trend d={d} />
              </Suspense>
            </Col>
            <Col xs={24} xl={12}>
              <AtRisk d={d} />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <GapTable d={d} />
            </Col>
            <Col xs={24} xl={12}>
              <WhatIfPanel d={d} agencyId={agencyId} />
            </Col>
          </Row>
        </Space>
      )}
    </div>
  );
}
