import { lazy } from "react";
import type { RouteObject } from "react-router";

const Placeholder = lazy(() => import("./Placeholder.tsx"));

export const selfAssessmentRoutes: RouteObject[] = [
  { path: "/self-assessment", element: <Placeholder /> },
  { path: "/self-assessment/:cycleId/:agencyId", element: <Placeholder /> },
];
