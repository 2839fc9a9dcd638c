/** /self-assessment: opens the caller's agency's cycle that takes self-assessments now, else its latest. */
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { useApi } from "../../api.ts";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import type { Status, Window } from "./model.ts";

export interface MyCycles {
  current: { cycleId: number; agencyId: number } | null;
  items: {
    cycleId: number;
    agencyId: number;
    year: number;
    status: Status;
    selfAssessmentCloses: string | null;
    selfAssessmentWindow: Window;
  }[];
}

export default function SelfAssessmentIndex() {
  const { t } = useTranslation("selfAssessment");
  const q = useApi<MyCycles>("/me/assessments");
  if (q.isLoading)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (q.data?.current)
    return <Navigate replace to={`/self-assessment/${q.data.current.cycleId}/${q.data.current.agencyId}`} />;
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t("title")}
      </Typography.Title>
      {q.error ? <ErrorBox error={q.error} /> : <EmptyState description={t("noCycle")} />}
    </div>
  );
}
