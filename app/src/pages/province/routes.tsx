import { lazy } from "react";
import type { RouteObject } from "react-router";

const Placeholder = lazy(() => import("./Placeholder.tsx"));

export const provinceRoutes: RouteObject[] = [
  { path: "/province", element: <Placeholder /> },
  { path: "/province/compare", element: <Placeholder /> },
  { path: "/province/cycles/:id", element: <Placeholder /> },
];
