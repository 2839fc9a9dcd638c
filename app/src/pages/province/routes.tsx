import { lazy } from "react";
import type { RouteObject } from "react-router";
import { RequireRole, type Role } from "../../auth.tsx";
import { Readable } from "./theme.tsx";

const LeagueTablePage = lazy(() => import("./LeagueTablePage.tsx"));
const ComparePage = lazy(() => import("./ComparePage.tsx"));
const CyclePage = lazy(() => import("./CyclePage.tsx"));

const ROLES: Role[] = ["province_office", "admin"];

export const provinceRoutes: RouteObject[] = [
  {
    path: "/province",
    element: (
      <RequireRole roles={ROLES}>
        <Readable>
          <LeagueTablePage />
        </Readable>
      </RequireRole>
    ),
  },
  {
    path: "/province/compare",
    element: (
      <RequireRole roles={ROLES}>
        <Readable>
          <ComparePage />
        </Readable>
      </RequireRole>
    ),
  },
  {
    path: "/province/cycles/:id",
    element: (
      <RequireRole roles={ROLES}>
        <Readable>
          <CyclePage />
        </Readable>
      </RequireRole>
    ),
  },
];
