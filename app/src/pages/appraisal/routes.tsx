import { lazy } from "react";
import type { RouteObject } from "react-router";

const Placeholder = lazy(() => import("./Placeholder.tsx"));

export const appraisalRoutes: RouteObject[] = [
  { path: "/appraisal", element: <Placeholder /> },
  { path: "/appraisal/:cycleId/:agencyId", element: <Placeholder /> },
];
