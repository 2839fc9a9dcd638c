import { lazy } from "react";
import type { RouteObject } from "react-router";
import { withAntd } from "../../components/antd-lazy.tsx";

// The ranking is drawn without antd (the page people reach first, on slow phones); the others still
// use antd and load it with them.
const RankingPage = lazy(() => import("./RankingPage.tsx"));
const PublicHome = withAntd(() => import("./PublicHome.tsx"));
const AgencyPage = withAntd(() => import("./AgencyPage.tsx"));
const PlanPage = withAntd(() => import("./PlanPage.tsx"));

export const publicRoutes: RouteObject[] = [
  { path: "/public", element: <PublicHome /> },
  { path: "/public/rankings/:cycleId", element: <RankingPage /> },
  // An earlier version of a corrected cycle's results, kept at its own address.
  { path: "/public/rankings/:cycleId/v/:version", element: <RankingPage /> },
  { path: "/public/agencies/:id", element: <AgencyPage /> },
  { path: "/public/plans/:id", element: <PlanPage /> },
];
