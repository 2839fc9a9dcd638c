import { App as AntApp, ConfigProvider, Spin } from "antd";
import enUS from "antd/locale/en_US";
import viVN from "antd/locale/vi_VN";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, Outlet, type RouteObject, RouterProvider } from "react-router";
import { Shell } from "./components/Shell.tsx";
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

const routes: RouteObject[] = [
  {
    element: (
      <Shell>
        <Suspense fallback={<Spin style={{ display: "block", margin: 48 }} />}>
          <Outlet />
        </Suspense>
      </Shell>
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
      ...publicRoutes,
      ...adminRoutes,
      ...auditRoutes,
    ],
  },
];

const router = createBrowserRouter(routes);

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === "en" ? enUS : viVN}
      theme={{
        // Secondary and description text darker than antd's defaults, for 4.5:1 contrast (WCAG AA).
        token: {
          colorPrimary: "#0b57d0",
          colorLink: "#0b57d0",
          borderRadius: 6,
          colorTextSecondary: "rgba(0, 0, 0, 0.68)",
          colorTextTertiary: "rgba(0, 0, 0, 0.62)",
          colorTextDescription: "rgba(0, 0, 0, 0.62)",
          // antd's placeholder grey and error red are below 4.5:1 on white.
          colorTextPlaceholder: "rgba(0, 0, 0, 0.6)",
          colorError: "#c41d1f",
        },
      }}
    >
      {/* Toasts below the page header, clear of a drawer's or modal's title bar. */}
      <AntApp message={{ top: 72, maxCount: 3 }}>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
