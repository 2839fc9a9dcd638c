import { lazy } from "react";
import type { RouteObject } from "react-router";
import { RequireRole } from "../../auth.tsx";

const ImportPage = lazy(() => import("./ImportPage.tsx"));

export const planImportRoutes: RouteObject[] = [
  {
    path: "/plans/import",
    element: (
      <RequireRole roles={["focal_point", "admin"]}>
        <ImportPage />
      </RequireRole>
    ),
  },
];
