/** Where each role goes: the header menu and the home page's journey list come from this one table. */
import type { Me, Role } from "./auth.tsx";

export interface NavItem {
  key: string;
  /** i18n key in the `common` namespace: nav.<key> (label) and nav.<key>Desc (home page blurb). */
  path: (me: Me | null) => string;
  roles: Role[] | "public";
}

export const NAV: NavItem[] = [
  { key: "dashboard", path: () => "/dashboard", roles: ["leader", "focal_point", "province_office"] },
  { key: "plan", path: () => "/plans", roles: ["leader", "focal_point", "division"] },
  { key: "myTasks", path: () => "/my-tasks", roles: ["division", "focal_point", "leader"] },
  { key: "selfAssessment", path: () => "/self-assessment", roles: ["focal_point", "leader"] },
  { key: "appraisal", path: () => "/appraisal", roles: ["appraiser", "province_office"] },
  { key: "province", path: () => "/province", roles: ["province_office", "admin"] },
  { key: "admin", path: () => "/admin", roles: ["admin"] },
  { key: "public", path: () => "/public", roles: "public" },
];

export function navFor(me: Me | null): NavItem[] {
  return NAV.filter((n) => n.roles === "public" || (me !== null && n.roles.includes(me.role)));
}

/**
 * Where a user lands after signing in: a division's work is its own tasks, so it starts on "Nhiệm vụ
 * của tôi" rather than the whole plan (whose warnings are the focal point's to act on); every other
 * role starts on its first journey.
 */
export function startPath(me: Me): string {
  if (me.role === "division") return "/my-tasks";
  return (
    navFor(me)
      .find((n) => n.roles !== "public")
      ?.path(me) ?? "/"
  );
}
