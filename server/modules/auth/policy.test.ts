import { describe, expect, it } from "vitest";
import type { Role } from "../../db/schema.ts";
import {
  type AgencyFacts,
  type Caller,
  canAppraise,
  canManageAgency,
  canReadAgencyPrivate,
  canReadProvinceResults,
  canRunProvince,
  canSteerTask,
  canUpdateTask,
  isAdmin,
  isProvinceWide,
  LEAD_TASK_FIELDS,
  taskRoleOf,
} from "./policy.ts";

// Province 1 holds the office (agency 10, divisions 11 and 12) and the Department of Home Affairs
// (agency 20); province 2 holds agency 30.
const OFFICE: AgencyFacts = { agencyId: 10, provinceId: 1 };
const HOME_AFFAIRS: AgencyFacts = { agencyId: 20, provinceId: 1 };
const ELSEWHERE: AgencyFacts = { agencyId: 30, provinceId: 2 };
const ORPHAN: AgencyFacts = { agencyId: 40, provinceId: null };

let nextId = 1;
function caller(
  role: Role,
  agencyId: number | null,
  provinceId: number | null,
  unitId: number | null = null,
): Caller {
  const id = nextId++;
  return { id, username: `u${id}`, displayName: `User ${id}`, role, agencyId, unitId, provinceId };
}

const admin = caller("admin", null, null);
const office = caller("province_office", 20, 1);
const officeOther = caller("province_office", 30, 2);
const appraiser = caller("appraiser", 20, 1);
const appraiserOther = caller("appraiser", 30, 2);
const focal = caller("focal_point", 10, 1);
const focalOther = caller("focal_point", 20, 1);
const division = caller("division", 10, 1, 11);
const divisionNoUnit = caller("division", 10, 1, null);
const divisionOther = caller("division", 20, 1, 21);
const leader = caller("leader", 10, 1);
const leaderOther = caller("leader", 30, 2);

describe("canReadProvinceResults", () => {
  it("lets the province office, appraisers of the province and the admin read an unpublished table", () => {
    expect(canReadProvinceResults(admin, 1)).toBe(true);
    expect(canReadProvinceResults(office, 1)).toBe(true);
    expect(canReadProvinceResults(appraiser, 1)).toBe(true);
  });
  it("refuses other provinces, agencies, the public, and a province nobody knows", () => {
    expect(canReadProvinceResults(officeOther, 1)).toBe(false);
    expect(canReadProvinceResults(appraiserOther, 1)).toBe(false);
    for (const c of [focal, division, leader]) expect(canReadProvinceResults(c, 1)).toBe(false);
    expect(canReadProvinceResults(null, 1)).toBe(false);
    expect(canReadProvinceResults(caller("province_office", 20, null), null)).toBe(false);
  });
});

describe("isProvinceWide", () => {
  it("holds for the admin everywhere", () => {
    expect(isProvinceWide(admin, OFFICE)).toBe(true);
    expect(isProvinceWide(admin, ELSEWHERE)).toBe(true);
    expect(isProvinceWide(admin, ORPHAN)).toBe(true);
  });
  it("holds for the province office and appraisers in their own province only", () => {
    expect(isProvinceWide(office, OFFICE)).toBe(true);
    expect(isProvinceWide(office, ELSEWHERE)).toBe(false);
    expect(isProvinceWide(officeOther, OFFICE)).toBe(false);
    expect(isProvinceWide(appraiser, OFFICE)).toBe(true);
    expect(isProvinceWide(appraiser, ELSEWHERE)).toBe(false);
    expect(isProvinceWide(appraiserOther, ELSEWHERE)).toBe(true);
  });
  it("never holds for agency roles, even in their own agency", () => {
    for (const c of [focal, division, leader]) expect(isProvinceWide(c, OFFICE)).toBe(false);
  });
  it("does not make a province-less province office user province-wide over a real province", () => {
    const stray = caller("province_office", null, null);
    expect(isProvinceWide(stray, OFFICE)).toBe(false);
    expect(isProvinceWide(caller("appraiser", 40, null), ELSEWHERE)).toBe(false);
  });
});

describe("canReadAgencyPrivate", () => {
  it("refuses anonymous readers", () => {
    expect(canReadAgencyPrivate(null, OFFICE)).toBe(false);
  });
  it("lets every user of the agency read, whatever the role", () => {
    for (const c of [focal, division, leader]) expect(canReadAgencyPrivate(c, OFFICE)).toBe(true);
  });
  it("refuses users of another agency", () => {
    expect(canReadAgencyPrivate(focalOther, OFFICE)).toBe(false);
    expect(canReadAgencyPrivate(divisionOther, OFFICE)).toBe(false);
    expect(canReadAgencyPrivate(leaderOther, OFFICE)).toBe(false);
    expect(canReadAgencyPrivate(focal, HOME_AFFAIRS)).toBe(false);
  });
  it("lets the province office and appraisers read within their province, and the admin anywhere", () => {
    expect(canReadAgencyPrivate(office, OFFICE)).toBe(true);
    expect(canReadAgencyPrivate(appraiser, OFFICE)).toBe(true);
    expect(canReadAgencyPrivate(office, ELSEWHERE)).toBe(false);
    expect(canReadAgencyPrivate(appraiser, ELSEWHERE)).toBe(false);
    expect(canReadAgencyPrivate(admin, ELSEWHERE)).toBe(true);
  });
});

describe("canManageAgency", () => {
  it("lets the agency's focal point and the admin manage", () => {
    expect(canManageAgency(focal, OFFICE)).toBe(true);
    expect(canManageAgency(admin, OFFICE)).toBe(true);
    expect(canManageAgency(admin, ELSEWHERE)).toBe(true);
  });
  it("refuses another agency's focal point and every other role", () => {
    expect(canManageAgency(focalOther, OFFICE)).toBe(false);
    expect(canManageAgency(focal, HOME_AFFAIRS)).toBe(false);
    for (const c of [office, appraiser, division, leader]) expect(canManageAgency(c, OFFICE)).toBe(false);
  });
  it("refuses anonymous callers", () => {
    expect(canManageAgency(null, OFFICE)).toBe(false);
  });
});

describe("canUpdateTask, taskRoleOf, canSteerTask", () => {
  const units = (lead: number[], coordinating: number[] = []) => ({ lead, coordinating });
  it("lets a division post on tasks its unit leads or coordinates, and says which part it plays", () => {
    expect(canUpdateTask(division, OFFICE, units([11]))).toBe(true);
    expect(canUpdateTask(division, OFFICE, units([12], [11]))).toBe(true);
    expect(taskRoleOf(division, OFFICE, units([11]))).toBe("lead");
    expect(taskRoleOf(division, OFFICE, units([12], [11]))).toBe("coordinating");
    // Named both ways (directly and through a resolved group): it leads.
    expect(taskRoleOf(division, OFFICE, units([11], [11]))).toBe("lead");
  });
  it("refuses a division on tasks of other units (an unresolved unit group is in neither list)", () => {
    expect(canUpdateTask(division, OFFICE, units([12]))).toBe(false);
    expect(canUpdateTask(division, OFFICE, units([]))).toBe(false);
    expect(taskRoleOf(division, OFFICE, units([12], [13]))).toBeNull();
  });
  it("refuses a division of another agency even with the same unit id", () => {
    expect(canUpdateTask(divisionOther, OFFICE, units([12], [11]))).toBe(false);
    const sameUnitIdElsewhere = caller("division", 20, 1, 11);
    expect(canUpdateTask(sameUnitIdElsewhere, OFFICE, units([11]))).toBe(false);
  });
  it("refuses a division user without a unit", () => {
    expect(canUpdateTask(divisionNoUnit, OFFICE, units([11], [19]))).toBe(false);
  });
  it("lets the focal point and the admin post on any task of the agency, as its managers", () => {
    expect(canUpdateTask(focal, OFFICE, units([]))).toBe(true);
    expect(taskRoleOf(admin, OFFICE, units([12]))).toBe("manager");
    expect(canUpdateTask(focalOther, OFFICE, units([11]))).toBe(false);
  });
  it("refuses leaders, the province office, appraisers and anonymous callers", () => {
    for (const c of [leader, office, appraiser, null]) {
      expect(canUpdateTask(c, OFFICE, units([11], [19]))).toBe(false);
      expect(canSteerTask(c, OFFICE, units([11], [19]))).toBe(false);
    }
  });
  it("lets only the lead unit and the focal point steer a task (status, dates, targets, indicators)", () => {
    expect(canSteerTask(division, OFFICE, units([11]))).toBe(true);
    expect(canSteerTask(division, OFFICE, units([12], [11]))).toBe(false);
    expect(canSteerTask(focal, OFFICE, units([12], [11]))).toBe(true);
    expect(canSteerTask(focalOther, OFFICE, units([12]))).toBe(false);
    expect([...LEAD_TASK_FIELDS].sort()).toEqual([
      "due",
      "period",
      "progress",
      "startsOn",
      "status",
      "targets",
    ]);
  });
});

describe("canAppraise", () => {
  it("lets an appraiser appraise only the areas assigned in their province", () => {
    expect(canAppraise(appraiser, OFFICE, ["1", "2"], "2")).toBe(true);
    expect(canAppraise(appraiser, OFFICE, ["1", "2"], "3")).toBe(false);
    expect(canAppraise(appraiser, OFFICE, [], "1")).toBe(false);
    expect(canAppraise(appraiser, ELSEWHERE, ["1"], "1")).toBe(false);
  });
  it("lets the province office appraise any area in its province, and the admin anywhere", () => {
    expect(canAppraise(office, OFFICE, [], "5")).toBe(true);
    expect(canAppraise(office, ELSEWHERE, [], "5")).toBe(false);
    expect(canAppraise(admin, ELSEWHERE, [], "5")).toBe(true);
  });
  it("refuses agency roles, even with an assignment, and anonymous callers", () => {
    for (const c of [focal, division, leader, null]) expect(canAppraise(c, OFFICE, ["1"], "1")).toBe(false);
  });
});

describe("canRunProvince", () => {
  it("lets the province office run its own province and the admin any", () => {
    expect(canRunProvince(office, 1)).toBe(true);
    expect(canRunProvince(office, 2)).toBe(false);
    expect(canRunProvince(officeOther, 2)).toBe(true);
    expect(canRunProvince(admin, 2)).toBe(true);
  });
  it("refuses appraisers, agency roles and anonymous callers", () => {
    for (const c of [appraiser, focal, division, leader, null]) expect(canRunProvince(c, 1)).toBe(false);
  });
});

describe("isAdmin", () => {
  it("is true only for the admin role", () => {
    expect(isAdmin(admin)).toBe(true);
    for (const c of [office, appraiser, focal, division, leader]) expect(isAdmin(c)).toBe(false);
    expect(isAdmin(null)).toBe(false);
  });
});
