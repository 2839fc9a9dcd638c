import { lazy } from "react";
import type { RouteObject } from "react-router";
import { RequireRole } from "../../auth.tsx";

const SelfAssessmentIndex = lazy(() => import("./SelfAssessmentIndex.tsx"));
const SelfAssessmentPage = lazy(() => import("./SelfAssessmentPage.tsx"));

// The agency's focal point edits, its leader reads; the province reads through the appraisal pages.
export const selfAssessmentRoutes: RouteObject[] = [
  {
    path: "/self-assessment",
    element: (
      <RequireRole roles={["focal_point", "leader"]}>
        <SelfAssessmentIndex />
      </RequireRole>
    ),
  },
  {
    path: "/self-assessment/:cycleId/:agencyId",
    element: (
      <RequireRole roles={["focal_point", "leader", "admin", "province_office", "appraiser"]}>
        <SelfAssessmentPage />
      </RequireRole>
    ),
  },
];
