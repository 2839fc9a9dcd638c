import { lazy } from "react";
import type { RouteObject } from "react-router";
import { ANY_ROLE, RequireRole } from "../../auth.tsx";

const MyTasksPage = lazy(() => import("./MyTasksPage.tsx"));
const TaskUpdatePage = lazy(() => import("./TaskUpdatePage.tsx"));

export const taskRoutes: RouteObject[] = [
  {
    path: "/my-tasks",
    element: (
      <RequireRole roles={ANY_ROLE}>
        <MyTasksPage />
      </RequireRole>
    ),
  },
  {
    path: "/tasks/:id/update",
    element: (
      <RequireRole roles={ANY_ROLE}>
        <TaskUpdatePage />
      </RequireRole>
    ),
  },
];
