/**
 * Every write to a plan leaves an entry in the audit trail, in its own transaction, with only what
 * changed (before → after); the plan's and a task's history read them back, for the agency and the
 * province only. A refused write records nothing.
 */
import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { verifyChain } from "../../server/modules/audit/service.ts";
import { countRows, expectError, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORD = "history-pass-1";
const USERS = ["snv.cchc", "vp.daumoi", "vp.lanhdao", "vp.hctc", "vp.qttv"];

interface Entry {
  action: string;
  entity: string;
  entityId: string;
  by: string | null;
  role: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
}

forEachEngine("plan and task history", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let officeId: number;
  let planId: number;
  let taskId: number;
  const call = (
    user: string | null,
    method: "GET" | "POST" | "PATCH" | "PUT",
    url: string,
    payload?: object,
  ) => app.inject({ method, url: `/api${url}`, headers: user ? as(user) : {}, payload });
  const history = async (url: string, user = "vp.daumoi") => {
    const r = await call(user, "GET", url);
    expect(r.statusCode, url).toBe(200);
    return r.json().items as Entry[];
  };

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: Object.fromEntries(USERS.map((u) => [u, PASSWORD])) });
    app = await testApp(get().ctx);
    as = await signIn(app, Object.fromEntries(USERS.map((u) => [u, PASSWORD])));
    officeId = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0].id;
  });

  it("records a plan's creation and a task's creation, edits by the focal point and by the lead unit", async () => {
    const plan = await call("vp.daumoi", "POST", "/plans", {
      agencyId: officeId,
      year: 2020,
      title: "Kế hoạch cải thiện Chỉ số CCHC năm 2020",
      areaTargets: [{ areaCode: "2", target: 5 }],
    });
    expect(plan.statusCode).toBe(201);
    planId = plan.json().id;
    const task = await call("vp.daumoi", "POST", `/plans/${planId}/tasks`, {
      title: "Rà soát quy chế làm việc",
      areaCode: "2",
      leadUnits: ["Phòng Hành chính – Tổ chức"],
      coordinatingUnits: ["Các Phòng, Ban, Trung tâm"],
      targets: [
        {
          text: "100% văn bản được rà soát",
          indicator: "legal_docs_reviewed",
          comparator: ">=",
          value: 100,
          unit: "%",
        },
      ],
    });
    expect(task.statusCode).toBe(201);
    taskId = task.json().id;
    expect(
      (
        await call("vp.daumoi", "PATCH", `/tasks/${taskId}`, {
          title: "Rà soát quy chế làm việc của Văn phòng",
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call("vp.hctc", "PATCH", `/tasks/${taskId}`, { due: "2020-06-30", status: "in_progress" }))
        .statusCode,
    ).toBe(200);
    // A refused edit records nothing.
    const before = await countRows(get().ctx.db, "audit_log");
    expectError(
      await call("vp.hctc", "PATCH", `/tasks/${taskId}`, { title: "Không được" }),
      403,
      "task.fields_not_allowed",
    );
    expect(await countRows(get().ctx.db, "audit_log")).toBe(before);

    const items = await history(`/tasks/${taskId}/history`);
    expect(items.map((i) => i.action)).toEqual(["task.updated", "task.updated", "task.created"]);
    const [lead, focal, created] = items;
    expect(created).toMatchObject({
      by: "Đầu mối CCHC, VP UBND tỉnh",
      role: "focal_point",
      before: null,
      after: {
        title: "Rà soát quy chế làm việc",
        leadUnits: ["Phòng Hành chính – Tổ chức"],
        coordinatingUnits: ["Các Phòng, Ban, Trung tâm"],
        targets: ["100% văn bản được rà soát: >= 100 %"],
      },
    });
    expect(focal).toMatchObject({
      before: { title: "Rà soát quy chế làm việc" },
      after: { title: "Rà soát quy chế làm việc của Văn phòng" },
    });
    expect(Object.keys(focal.after!)).toEqual(["title"]);
    expect(lead).toMatchObject({
      by: "Phòng Hành chính – Tổ chức",
      role: "division",
      before: { due: null, status: "not_started" },
      after: { due: "2020-06-30", status: "in_progress" },
    });
    expect(Object.keys(lead.after!).sort()).toEqual(["due", "status"]);
    const planItems = await history(`/plans/${planId}/history`);
    expect(planItems.at(-1)).toMatchObject({
      action: "plan.created",
      after: { title: "Kế hoạch cải thiện Chỉ số CCHC năm 2020" },
    });
  });

  it("records a group's resolution, each update with the part its unit played, and the values it set", async () => {
    const groupId = (await call("vp.daumoi", "GET", `/tasks/${taskId}`)).json().coordinatingUnits[0].id;
    expect(
      (await call("vp.daumoi", "PUT", `/tasks/${taskId}/groups/${groupId}`, { units: ["QT-TV", "NC"] }))
        .statusCode,
    ).toBe(200);
    expect(
      (await call("vp.qttv", "POST", `/tasks/${taskId}/updates`, { progress: 70, note: "Phần QT-TV" }))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await call("vp.hctc", "POST", `/tasks/${taskId}/updates`, {
          progress: 60,
          indicator: { code: "legal_docs_reviewed", value: 80, period: "2020" },
          link: "https://vpubnd.quangnam.gov.vn/bao-cao",
        })
      ).statusCode,
    ).toBe(201);
    const items = await history(`/tasks/${taskId}/history`);
    expect(items.slice(0, 4).map((i) => i.action)).toEqual([
      "task_update.posted",
      "task.updated",
      "task_update.posted",
      "task.group_resolved",
    ]);
    const [leadUpdate, moved, part, resolved] = items;
    expect(resolved).toMatchObject({
      before: { group: "Các Phòng, Ban, Trung tâm", members: [] },
      after: { members: ["Phòng Quản trị – Tài vụ", "Phòng Nội chính"] },
    });
    expect(part).toMatchObject({
      entity: "task_update",
      after: { role: "coordinating", progress: 70 },
      note: "Phần QT-TV",
    });
    expect(moved).toMatchObject({ before: { progress: 0 }, after: { progress: 60 } });
    expect(leadUpdate).toMatchObject({
      after: {
        role: "lead",
        indicator: { code: "legal_docs_reviewed", value: 80, period: "2020" },
        evidence: ["link: https://vpubnd.quangnam.gov.vn/bao-cao"],
      },
    });
    // The value itself, in the plan's history.
    const planItems = await history(`/plans/${planId}/history`);
    expect(planItems.find((i) => i.action === "indicator.recorded")).toMatchObject({
      entity: "indicator_value",
      after: { code: "legal_docs_reviewed", value: 80, source: "task_update" },
    });
  });

  it("records publication and withdrawal, with the reason", async () => {
    expect(
      (await call("vp.daumoi", "POST", `/plans/${planId}/publish`, { note: "Ban hành" })).statusCode,
    ).toBe(200);
    expect(
      (
        await call("vp.daumoi", "POST", `/plans/${planId}/withdraw`, {
          reason: "Thay bằng kế hoạch sửa đổi số 30/KH",
        })
      ).statusCode,
    ).toBe(200);
    const items = await history(`/plans/${planId}/history`);
    expect(items[0]).toMatchObject({ action: "plan.withdrawn", note: "Thay bằng kế hoạch sửa đổi số 30/KH" });
    expect(items[1]).toMatchObject({ action: "plan.published", note: "Ban hành", after: { version: 1 } });
    expect((await verifyChain(get().ctx.db)).ok).toBe(true);
  });

  it("shows the history to the agency and the province, to no one else", async () => {
    for (const user of ["vp.lanhdao", "vp.hctc", "snv.cchc"]) {
      expect((await call(user, "GET", `/plans/${planId}/history`)).statusCode, user).toBe(200);
      expect((await call(user, "GET", `/tasks/${taskId}/history`)).statusCode, user).toBe(200);
    }
    // The plan is public now, its history is not.
    expectError(await call(null, "GET", `/plans/${planId}/history`), 401, "unauthenticated");
    expectError(await call(null, "GET", `/tasks/${taskId}/history`), 401, "unauthenticated");
    expectError(await call("vp.daumoi", "GET", "/plans/999999/history"), 404, "not_found");
    expectError(await call("vp.daumoi", "GET", "/tasks/999999/history"), 404, "not_found");
  });
});
