import { lazy } from "react";
import type { RouteObject } from "react-router";

const Placeholder = lazy(() => import("./Placeholder.tsx"));

export const taskRoutes: RouteObject[] = [
  { path: "/my-tasks", element: <Placeholder /> },
  { path: "/tasks/:id/update", element: <Placeholder /> },
];
