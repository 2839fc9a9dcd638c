import { lazy } from "react";
import type { RouteObject } from "react-router";

const Placeholder = lazy(() => import("./Placeholder.tsx"));

export const dashboardRoutes: RouteObject[] = [
  { path: "/dashboard", element: <Placeholder /> },
  { path: "/dashboard/:agencyId", element: <Placeholder /> },
];
