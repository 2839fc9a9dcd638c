/** Who is signed in, and guards for pages that need a role. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, type ReactNode } from "react";
import { SESSION_PATH } from "../../core/contracts/roles.ts";
import { type ApiError, api } from "./api.ts";
import { LightLoading } from "./components/light.tsx";

// The refusal is drawn with antd, which the staff shell around every guarded page has loaded already.
const Refusal = lazy(() => import("./components/Refusal.tsx"));

export type Role = "admin" | "province_office" | "appraiser" | "leader" | "focal_point" | "division";

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  agencyId: number | null;
  unitId: number | null;
  provinceId: number | null;
  /** After an administrator's reset: the app shows nothing but the change page until it is done. */
  mustChangePassword?: boolean;
}

/** The signed-in user, or null for a visitor. */
export function useMe() {
  const q = useQuery<Me | null, ApiError>({
    queryKey: ["/auth/me"],
    // /auth/session answers a visitor with null (200), so public pages log no failed request.
    queryFn: async () => (await api.get<{ user: Me | null }>(SESSION_PATH)).user,
    staleTime: 60_000,
    retry: false,
  });
  return { me: q.data ?? null, loading: q.isLoading };
}

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await api.post("/auth/logout").catch(() => undefined);
    qc.clear();
  };
}

/** Renders children only for the given roles; a visitor is sent to the sign-in page. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { me, loading } = useMe();
  if (loading) return <LightLoading />;
  if (!me) return <Refusal signIn />;
  if (!roles.includes(me.role)) return <Refusal />;
  return <>{children}</>;
}

export const ANY_ROLE: Role[] = [
  "admin",
  "province_office",
  "appraiser",
  "leader",
  "focal_point",
  "division",
];
