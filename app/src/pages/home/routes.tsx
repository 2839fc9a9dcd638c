import { lazy } from "react";
import type { RouteObject } from "react-router";

const HomePage = lazy(() => import("./HomePage.tsx"));
const LoginPage = lazy(() => import("./LoginPage.tsx"));
const ChangePasswordPage = lazy(() => import("./ChangePasswordPage.tsx"));

export const homeRoutes: RouteObject[] = [
  { path: "/", element: <HomePage /> },
  { path: "/login", element: <LoginPage /> },
  { path: "/account/password", element: <ChangePasswordPage /> },
  { path: "*", element: <HomePage notFound /> },
];
