import { lazy } from "react";
import type { RouteObject } from "react-router";

const Placeholder = lazy(() => import("./Placeholder.tsx"));

export const adminRoutes: RouteObject[] = [
  { path: "/admin", element: <Placeholder /> },
  { path: "/admin/frameworks", element: <Placeholder /> },
  { path: "/admin/agencies", element: <Placeholder /> },
  { path: "/admin/users", element: <Placeholder /> },
  { path: "/admin/periods", element: <Placeholder /> },
];
