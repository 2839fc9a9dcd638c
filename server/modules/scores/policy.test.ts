import { describe, expect, it } from "vitest";
import type { Caller } from "../auth/policy.ts";
import { canFinalise } from "./policy.ts";

const caller = (role: Caller["role"], provinceId: number | null = 1): Caller => ({
  id: 9,
  username: role,
  displayName: role,
  role,
  agencyId: 13,
  unitId: null,
  provinceId,
});
const office = { agencyId: 3, provinceId: 1 };

describe("canFinalise", () => {
  it("lets the province office and admin finalise", () => {
    expect(canFinalise(caller("province_office"), office, [])).toBe(true);
    expect(canFinalise(caller("admin", null), office, [])).toBe(true);
  });
  it("lets an appraiser of the province with an area in the cycle finalise, no one else", () => {
    expect(canFinalise(caller("appraiser"), office, ["1"])).toBe(true);
    expect(canFinalise(caller("appraiser"), office, [])).toBe(false);
    expect(canFinalise(caller("appraiser", 2), office, ["1"])).toBe(false);
    expect(canFinalise(caller("appraiser", null), { agencyId: 3, provinceId: null }, ["1"])).toBe(false);
    expect(canFinalise(caller("focal_point"), office, ["1"])).toBe(false);
    expect(canFinalise(null, office, ["1"])).toBe(false);
  });
});
