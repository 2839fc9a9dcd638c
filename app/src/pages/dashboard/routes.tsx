import { lazy } from "react";
import type { RouteObject } from "react-router";
import { LightLoading } from "../../components/light.tsx";
import { dashboardPath, prefetch } from "./prefetch.ts";

const DashboardPage = lazy(() => import("./DashboardPage.tsx"));

// The loader only starts the request (it returns at once, so navigation never waits on it).
const route = (path: string): RouteObject => ({
  path,
  element: <DashboardPage />,
  loader: ({ params }) => {
    prefetch(dashboardPath(params.agencyId));
    return null;
  },
  hydrateFallbackElement: <LightLoading rows={6} />,
});

export const dashboardRoutes: RouteObject[] = [route("/dashboard"), route("/dashboard/:agencyId")];
