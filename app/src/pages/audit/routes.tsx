import { lazy } from "react";
import type { RouteObject } from "react-router";
import { RequireRole } from "../../auth.tsx";

const AuditPage = lazy(() => import("./AuditPage.tsx"));
const AdminLayout = lazy(() => import("../admin/AdminLayout.tsx"));

export const auditRoutes: RouteObject[] = [
  {
    path: "/province/audit",
    element: (
      <RequireRole roles={["province_office", "admin"]}>
        <AuditPage />
      </RequireRole>
    ),
  },
  // The same page inside the administration area, under its menu (more specific than /admin/*).
  {
    path: "/admin/audit",
    element: (
      <RequireRole roles={["admin"]}>
        <AdminLayout />
      </RequireRole>
    ),
    children: [{ index: true, element: <AuditPage nested /> }],
  },
];
