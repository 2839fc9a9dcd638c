import { lazy } from "react";
import type { RouteObject } from "react-router";

const Placeholder = lazy(() => import("./Placeholder.tsx"));

export const publicRoutes: RouteObject[] = [
  { path: "/public", element: <Placeholder /> },
  { path: "/public/rankings/:cycleId", element: <Placeholder /> },
  { path: "/public/agencies/:id", element: <Placeholder /> },
  { path: "/public/plans/:id", element: <Placeholder /> },
];
