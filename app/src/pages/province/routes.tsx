import { lazy } from "react";
import type { RouteObject } from "react-router";
import { RequireRole, type Role } from "../../auth.tsx";

const LeagueTablePage = lazy(() => import("./LeagueTablePage.tsx"));
const ComparePage = lazy(() => import("./ComparePage.tsx"));
const CyclePage = lazy(() => import("./CyclePage.tsx"));

const ROLES: Role[] = ["province_office", "admin"];

export const provinceRoutes: RouteObject[] = [
  {
    path: "/province",
    element: (
      <RequireRole roles={ROLES}>
        <LeagueTablePage />
      </RequireRole>
    ),
  },
  {
    path: "/province/compare",
    element: (
      <RequireRole roles={ROLES}>
        <ComparePage />
      </RequireRole>
    ),
  },
  {
    path: "/province/cycles/:id",
    element: (
      <RequireRole roles={ROLES}>
        <CyclePage />
      </RequireRole>
    ),
  },
];
