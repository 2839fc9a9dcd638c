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

interface SessionAnswer {
  user: Me | null;
  /** The province's single sign-on is configured: the sign-in page offers it. */
  singleSignOn?: boolean;
}

const SINGLE_SIGN_ON = ["/auth/session", "singleSignOn"];

/** The signed-in user, or null for a visitor. */
export function useMe() {
  const qc = useQueryClient();
  const q = useQuery<Me | null, ApiError>({
    queryKey: ["/auth/me"],
    // /auth/session answers a visitor with null (200), so public pages log no failed request.
    queryFn: async () => {
      const answer = await api.get<SessionAnswer>(SESSION_PATH);
      // Kept for the sign-in page, which so learns it without a request of its own.
      qc.setQueryData(SINGLE_SIGN_ON, answer.singleSignOn === true);
      return answer.user;
    },
    staleTime: 60_000,
    retry: false,
  });
  return { me: q.data ?? null, loading: q.isLoading };
}

/** Whether the sign-in page offers single sign-on: from the session read every page makes. */
export function useSingleSignOn(): boolean {
  const { loading } = useMe();
  const q = useQuery<boolean, ApiError>({
    queryKey: SINGLE_SIGN_ON,
    // Only when the session was not read here (its answer was set by the sign-in form).
    queryFn: async () => (await api.get<SessionAnswer>(SESSION_PATH)).singleSignOn === true,
    enabled: !loading,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return q.data === true;
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
