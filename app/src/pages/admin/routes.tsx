import { lazy } from "react";
import { Navigate, type RouteObject } from "react-router";
import { RequireRole } from "../../auth.tsx";

const AdminLayout = lazy(() => import("./AdminLayout.tsx"));
const FrameworksPage = lazy(() => import("./FrameworksPage.tsx"));
const FrameworkEditorPage = lazy(() => import("./FrameworkEditorPage.tsx"));
const AgenciesPage = lazy(() => import("./AgenciesPage.tsx"));
const UsersPage = lazy(() => import("./UsersPage.tsx"));
const PeriodsPage = lazy(() => import("./PeriodsPage.tsx"));
const ClockPage = lazy(() => import("./ClockPage.tsx"));

export const adminRoutes: RouteObject[] = [
  {
    path: "/admin",
    element: (
      <RequireRole roles={["admin"]}>
        <AdminLayout />
      </RequireRole>
    ),
    children: [
      { index: true, element: <Navigate to="/admin/frameworks" replace /> },
      { path: "frameworks", element: <FrameworksPage /> },
      { path: "frameworks/new", element: <FrameworkEditorPage /> },
      { path: "frameworks/:id", element: <FrameworkEditorPage /> },
      { path: "agencies", element: <AgenciesPage /> },
      { path: "users", element: <UsersPage /> },
      { path: "periods", element: <PeriodsPage /> },
      { path: "clock", element: <ClockPage /> },
    ],
  },
];
