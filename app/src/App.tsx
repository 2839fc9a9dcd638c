import { Suspense } from "react";
import { createBrowserRouter, Outlet, type RouteObject, RouterProvider } from "react-router";
import { StaffRoot } from "./components/antd-lazy.tsx";
import { LightLoading } from "./components/light.tsx";
import { PublicShell } from "./components/PublicShell.tsx";
import { adminRoutes } from "./pages/admin/routes.tsx";
import { appraisalRoutes } from "./pages/appraisal/routes.tsx";
import { auditRoutes } from "./pages/audit/routes.tsx";
import { dashboardRoutes } from "./pages/dashboard/routes.tsx";
import { homeRoutes } from "./pages/home/routes.tsx";
import { planRoutes } from "./pages/plan/routes.tsx";
import { planImportRoutes } from "./pages/plan-import/routes.tsx";
import { provinceRoutes } from "./pages/province/routes.tsx";
import { publicRoutes } from "./pages/public/routes.tsx";
import { selfAssessmentRoutes } from "./pages/self-assessment/routes.tsx";
import { taskRoutes } from "./pages/tasks/routes.tsx";

const pageLoading = (
  <div className="page">
    <LightLoading rows={6} />
  </div>
);

/**
 * Two frames. The public pages (/public/…) sit in a light shell of plain React and CSS, so the public
 * ranking's first load carries no antd; every other page sits in the staff shell, which loads antd
 * (and every namespace's strings) when first needed.
 */
const routes: RouteObject[] = [
  {
    element: (
      <PublicShell>
        <Suspense fallback={pageLoading}>
          <Outlet />
        </Suspense>
      </PublicShell>
    ),
    children: [...publicRoutes],
  },
  {
    element: (
      <Suspense fallback={pageLoading}>
        <StaffRoot />
      </Suspense>
    ),
    children: [
      ...homeRoutes,
      ...dashboardRoutes,
      ...planImportRoutes,
      ...planRoutes,
      ...taskRoutes,
      ...selfAssessmentRoutes,
      ...appraisalRoutes,
      ...provinceRoutes,
      ...adminRoutes,
      ...auditRoutes,
    ],
  },
];

const router = createBrowserRouter(routes);

export function App() {
  return <RouterProvider router={router} />;
}
