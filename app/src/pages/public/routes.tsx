import { lazy } from "react";
import type { RouteObject } from "react-router";

const PublicHome = lazy(() => import("./PublicHome.tsx"));
const RankingPage = lazy(() => import("./RankingPage.tsx"));
const AgencyPage = lazy(() => import("./AgencyPage.tsx"));
const PlanPage = lazy(() => import("./PlanPage.tsx"));

export const publicRoutes: RouteObject[] = [
  { path: "/public", element: <PublicHome /> },
  { path: "/public/rankings/:cycleId", element: <RankingPage /> },
  // An earlier version of a corrected cycle's results, kept at its own address.
  { path: "/public/rankings/:cycleId/v/:version", element: <RankingPage /> },
  { path: "/public/agencies/:id", element: <AgencyPage /> },
  { path: "/public/plans/:id", element: <PlanPage /> },
];
