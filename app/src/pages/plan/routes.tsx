import { lazy } from "react";
import type { RouteObject } from "react-router";
import { ANY_ROLE, RequireRole } from "../../auth.tsx";

const PlansIndexPage = lazy(() => import("./PlansIndexPage.tsx"));
const PlanPage = lazy(() => import("./PlanPage.tsx"));
const TaskDetailPage = lazy(() => import("./TaskDetailPage.tsx"));

export const planRoutes: RouteObject[] = [
  {
    path: "/plans",
    element: (
      <RequireRole roles={ANY_ROLE}>
        <PlansIndexPage />
      </RequireRole>
    ),
  },
  {
    path: "/plans/:id",
    element: (
      <RequireRole roles={ANY_ROLE}>
        <PlanPage />
      </RequireRole>
    ),
  },
  {
    path: "/plans/:id/tasks/:taskId",
    element: (
      <RequireRole roles={ANY_ROLE}>
        <TaskDetailPage />
      </RequireRole>
    ),
  },
];
