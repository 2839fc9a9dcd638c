import { lazy } from "react";
import type { RouteObject } from "react-router";

const HomePage = lazy(() => import("./HomePage.tsx"));
const LoginPage = lazy(() => import("./LoginPage.tsx"));

export const homeRoutes: RouteObject[] = [
  { path: "/", element: <HomePage /> },
  { path: "/login", element: <LoginPage /> },
  { path: "*", element: <HomePage notFound /> },
];
