import { describe, expect, test } from "vitest";
import { auditTarget } from "../../../core/audit-target.ts";
import { auditTargetLink } from "./auditTarget.ts";

describe("what an audit entry is about, and where to see it", () => {
  test("a participant and a score are read off their composite ids", () => {
    expect(auditTarget({ entity: "participant", entityId: "1:3" })).toMatchObject({
      cycleId: 1,
      agencyId: 3,
    });
    expect(auditTarget({ entity: "score", entityId: "2:3:1.2" })).toMatchObject({
      cycleId: 2,
      agencyId: 3,
      node: "1.2",
    });
    expect(auditTarget({ entity: "appraiser", entityId: "2:8:5" })).toMatchObject({
      cycleId: 2,
      areaCode: "8",
      userId: 5,
    });
  });

  test("the province office is sent to the cycle, the agency's scores and the criterion", () => {
    const office = "province_office";
    expect(auditTargetLink(auditTarget({ entity: "cycle", entityId: "1" }), office)).toBe(
      "/province/cycles/1",
    );
    expect(auditTargetLink(auditTarget({ entity: "participant", entityId: "1:3" }), office)).toBe(
      "/self-assessment/1/3",
    );
    expect(auditTargetLink(auditTarget({ entity: "score", entityId: "1:3:8" }), office)).toBe(
      "/self-assessment/1/3?criterion=8",
    );
    expect(auditTargetLink(auditTarget({ entity: "appraiser", entityId: "2:8:5" }), office)).toBe(
      "/province/cycles/2",
    );
  });

  test("administration pages only for the administrator; nothing for a kind without a page", () => {
    const fw = auditTarget({ entity: "framework", entityId: "2" });
    expect(auditTargetLink(fw, "admin")).toBe("/admin/frameworks/2");
    expect(auditTargetLink(fw, "province_office")).toBeNull();
    expect(auditTargetLink(auditTarget({ entity: "system", entityId: "demo" }), "admin")).toBeNull();
    expect(auditTargetLink(auditTarget({ entity: "auth", entityId: "x" }), "admin")).toBeNull();
    expect(auditTargetLink(auditTarget({ entity: "cycle", entityId: "1" }), "leader")).toBeNull();
  });

  test("a task is found in its plan", () => {
    expect(auditTargetLink(auditTarget({ entity: "task", entityId: "17", planId: 1 }), "focal_point")).toBe(
      "/plans/1/tasks/17",
    );
    expect(auditTargetLink(auditTarget({ entity: "task", entityId: "17" }), "admin")).toBeNull();
  });
});
