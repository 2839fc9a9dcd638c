import { describe, expect, it } from "vitest";
import type { Me, Role } from "./auth.tsx";
import { startPath } from "./nav.ts";

const user = (role: Role): Me => ({
  id: 1,
  username: "u",
  displayName: "U",
  role,
  agencyId: role === "admin" || role === "province_office" ? null : 1,
  unitId: role === "division" ? 2 : null,
  provinceId: 1,
});

describe("startPath", () => {
  it("sends a division to its own tasks, not the plan it cannot act on", () => {
    expect(startPath(user("division"))).toBe("/my-tasks");
  });
  it("sends every other role to its first journey", () => {
    expect(startPath(user("focal_point"))).toBe("/dashboard");
    expect(startPath(user("leader"))).toBe("/dashboard");
    expect(startPath(user("province_office"))).toBe("/dashboard");
    expect(startPath(user("appraiser"))).toBe("/appraisal");
    expect(startPath(user("admin"))).toBe("/province");
  });
});
