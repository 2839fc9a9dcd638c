import { lazy } from "react";
import type { RouteObject } from "react-router";

const Placeholder = lazy(() => import("./Placeholder.tsx"));

export const planRoutes: RouteObject[] = [
  { path: "/plans", element: <Placeholder /> },
  { path: "/plans/:id", element: <Placeholder /> },
  { path: "/plans/:id/tasks/:taskId", element: <Placeholder /> },
];
