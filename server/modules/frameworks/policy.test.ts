import { describe, expect, it } from "vitest";
import type { Caller } from "../auth/policy.ts";
import { canEditFramework, frameworkServes, listsFramework } from "./policy.ts";

const who = (role: Caller["role"], provinceId: number | null): Caller => ({
  id: 1,
  username: role,
  displayName: role,
  role,
  agencyId: provinceId === null ? null : 10,
  unitId: null,
  provinceId,
});
const QNAM = 1;
const DANANG = 2;

describe("framework ownership", () => {
  it("lets a province's office edit its own frameworks only, and the administrator every one", () => {
    expect(canEditFramework(who("province_office", QNAM), QNAM)).toBe(true);
    expect(canEditFramework(who("province_office", DANANG), QNAM)).toBe(false);
    expect(canEditFramework(who("province_office", QNAM), null)).toBe(false);
    expect(canEditFramework(who("admin", null), QNAM)).toBe(true);
    expect(canEditFramework(who("admin", null), null)).toBe(true);
    for (const role of ["focal_point", "division", "appraiser", "leader"] as const)
      expect(canEditFramework(who(role, QNAM), QNAM)).toBe(false);
    expect(canEditFramework(null, QNAM)).toBe(false);
    expect(canEditFramework(null, null)).toBe(false);
    // A province office whose agency belongs to no province owns nothing.
    expect(canEditFramework(who("province_office", null), QNAM)).toBe(false);
  });

  it("runs a province's cycles on its own or national frameworks", () => {
    expect(frameworkServes(null, QNAM)).toBe(true);
    expect(frameworkServes(QNAM, QNAM)).toBe(true);
    expect(frameworkServes(DANANG, QNAM)).toBe(false);
  });

  it("lists a province's own and the national frameworks to its people, every one to admin and the public", () => {
    expect(listsFramework(who("province_office", QNAM), QNAM)).toBe(true);
    expect(listsFramework(who("focal_point", QNAM), null)).toBe(true);
    expect(listsFramework(who("province_office", DANANG), QNAM)).toBe(false);
    expect(listsFramework(who("admin", null), DANANG)).toBe(true);
    expect(listsFramework(null, DANANG)).toBe(true);
  });
});
