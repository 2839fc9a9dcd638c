import { lazy } from "react";
import type { RouteObject } from "react-router";
import { RequireRole } from "../../auth.tsx";

const AppraisalIndex = lazy(() => import("./AppraisalIndex.tsx"));
const AppraisalPage = lazy(() => import("./AppraisalPage.tsx"));

const ROLES = ["appraiser", "province_office", "admin"] as const;

export const appraisalRoutes: RouteObject[] = [
  {
    path: "/appraisal",
    element: (
      <RequireRole roles={[...ROLES]}>
        <AppraisalIndex />
      </RequireRole>
    ),
  },
  {
    path: "/appraisal/:cycleId/:agencyId",
    element: (
      <RequireRole roles={[...ROLES]}>
        <AppraisalPage />
      </RequireRole>
    ),
  },
];
