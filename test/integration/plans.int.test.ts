/**
 * Improvement plans on the Quảng Nam demo: division updates, who may post them, task validation,
 * task lists, plan creation and what-if. A rejected request answers a coded 4xx and changes nothing.
 */
import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { expectError } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORD = "test-password-1";
const USERS = ["admin", "snv.cchc", "vp.daumoi", "vp.hctc", "vp.qttv"];
const FOLLOW_UP = "Theo dõi, đôn đốc và tổng hợp báo cáo định kỳ về UBND tỉnh";
const INSPECT = "Kiểm tra cải cách hành chính";
const REPORTS = "Thực hiện chế độ báo cáo định kỳ";
const PLAN_DONE = "Xây dựng và thực hiện Kế hoạch cải cách hành chính";
const HCTC = "Phòng Hành chính – Tổ chức";
const QTTV = "Phòng Quản trị – Tài vụ";

interface Unit {
  id: number;
  name: string;
  kind: string;
  members?: { id: number; name: string }[] | null;
}
interface Task {
  id: number;
  title: string;
  status: string;
  progress: number;
  overdue: boolean;
  due: string | null;
  startsOn: string | null;
  leadUnits: Unit[];
  coordinatingUnits: Unit[];
  updates?:
    | {
        progress: number | null;
        note: string | null;
        unit: string | null;
        evidence: { kind: string; docNumber: string | null }[];
      }[]
    | null;
}

forEachEngine("improvement plans through the API", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  const tokens: Record<string, string> = {};
  let officeId: number;
  let planId: number;
  let tasks: Task[];
  const auth = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const task = (title: string) => tasks.find((t) => t.title === title)!;
  const count = async (table: "task_updates" | "tasks" | "plans" | "indicator_values" | "evidence") => {
    const db = get().ctx.db;
    const r = await db.selectFrom(table).select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const updatesOf = async (taskId: number) => {
    const db = get().ctx.db;
    const r = await db
      .selectFrom("task_updates")
      .select(db.fn.countAll<number>().as("n"))
      .where("task_id", "=", taskId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const taskDetail = async (id: number, user = "vp.daumoi") =>
    (await app.inject({ url: `/api/tasks/${id}`, headers: auth(user) })).json() as Task;
  const postUpdate = (id: number, user: string, payload: object) =>
    app.inject({ method: "POST", url: `/api/tasks/${id}/updates`, headers: auth(user), payload });
  const createTask = (payload: object) =>
    app.inject({ method: "POST", url: `/api/plans/${planId}/tasks`, headers: auth("vp.daumoi"), payload });

  beforeAll(async () => {
    const creds = await seedDemo(get().ctx, {
      passwords: Object.fromEntries(USERS.map((u) => [u, PASSWORD])),
    });
    expect(creds).not.toBeNull();
    app = await testApp(get().ctx);
    for (const username of USERS) {
      const r = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username, password: PASSWORD },
      });
      expect(r.statusCode).toBe(200);
      tokens[username] = r.json().token;
    }
    const r = await app.inject({ url: "/api/agencies?q=van phong ubnd" });
    officeId = r.json().items.find((a: { code: string }) => a.code === "VPUBND").id;
    planId = (await app.inject({ url: `/api/agencies/${officeId}/plans` })).json().items[0].id;
    tasks = (await app.inject({ url: `/api/plans/${planId}/tasks` })).json().items;
    expect(tasks).toHaveLength(16);
  });

  it("lets a division post an update to a task it leads: progress, note, document", async () => {
    const t = task(FOLLOW_UP);
    expect(t.leadUnits.map((u) => u.name)).toEqual([HCTC]);
    expect(t).toMatchObject({ status: "not_started", progress: 0 });
    const before = { evidence: await count("evidence") };
    const r = await postUpdate(t.id, "vp.hctc", {
      progress: 40,
      note: "Đã tổng hợp báo cáo quý III",
      docNumber: "215/BC-VPUBND",
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().id).toBeGreaterThan(0);
    const d = await taskDetail(t.id);
    expect(d).toMatchObject({ progress: 40, status: "in_progress" });
    expect(d.updates).toHaveLength(1);
    expect(d.updates![0]).toMatchObject({
      progress: 40,
      note: "Đã tổng hợp báo cáo quý III",
      unit: HCTC,
      role: "lead",
    });
    expect(d.updates![0].evidence).toMatchObject([{ kind: "document", docNumber: "215/BC-VPUBND" }]);
    expect(await count("evidence")).toBe(before.evidence + 1);
  });

  it("sets only the indicators the task's targets name, and only as its lead unit or the focal point", async () => {
    const reports = task(REPORTS);
    expect(reports.leadUnits.map((u) => u.name)).toContain(QTTV);
    const before = await count("indicator_values");
    const r = await postUpdate(reports.id, "vp.qttv", {
      indicator: { code: "reports_on_time", value: 3, period: "2019-Q3" },
    });
    expect(r.statusCode).toBe(201);
    const iv = await get()
      .ctx.db.selectFrom("indicator_values")
      .select(["code", "period", "value", "agency_id"])
      .where("task_update_id", "=", r.json().id)
      .executeTakeFirstOrThrow();
    expect(iv).toMatchObject({ code: "reports_on_time", period: "2019-Q3", agency_id: officeId });
    expect(Number(iv.value)).toBe(3);
    // An indicator no target of the task names: refused, whoever asks.
    for (const user of ["vp.qttv", "vp.daumoi"])
      expectError(
        await postUpdate(reports.id, user, {
          progress: 10,
          indicator: { code: "plan_completion", value: 100, period: "2019" },
        }),
        400,
        "task_update.indicator_not_in_task",
        "indicator.code",
      );
    expect(await count("indicator_values")).toBe(before + 1);
    // The focal point sets it on the task that names it.
    const own = await postUpdate(task(PLAN_DONE).id, "vp.daumoi", {
      indicator: { code: "plan_completion", value: 35, period: "2019" },
    });
    expect(own.statusCode).toBe(201);
    expect(await count("indicator_values")).toBe(before + 2);
  });

  it("a coordinating division cannot cancel a task or set the agency's indicators; its part is recorded beside the task", async () => {
    // The probe: a division named only through "Các Phòng, Ban, Trung tâm" cancelled the task and set plan_completion = 100.
    const t = task(PLAN_DONE);
    const group = t.coordinatingUnits.find((u) => u.kind === "unit_group")!;
    expect(group.members!.map((m) => m.name)).toContain(QTTV);
    const before = await taskDetail(t.id);
    const values = await count("indicator_values");
    const updates = await updatesOf(t.id);
    expectError(
      await postUpdate(t.id, "vp.qttv", { status: "cancelled", note: "Hủy" }),
      403,
      "task_update.status_by_lead",
      "status",
    );
    expectError(
      await postUpdate(t.id, "vp.qttv", {
        indicator: { code: "plan_completion", value: 100, period: "2019" },
      }),
      403,
      "task_update.indicator_by_lead",
      "indicator",
    );
    expectError(
      await app.inject({
        method: "PATCH",
        url: `/api/tasks/${t.id}`,
        headers: auth("vp.qttv"),
        payload: { status: "cancelled" },
      }),
      403,
      "task.not_lead",
    );
    expect(await count("indicator_values")).toBe(values);
    expect(await updatesOf(t.id)).toBe(updates);
    // Its own part: recorded with its progress, the task's status and progress untouched.
    const part = await postUpdate(t.id, "vp.qttv", { progress: 80, note: "Phòng QT-TV đã xong phần mình" });
    expect(part.statusCode).toBe(201);
    const after = (await app.inject({ url: `/api/tasks/${t.id}`, headers: auth("vp.qttv") })).json();
    expect(after).toMatchObject({ status: before.status, progress: before.progress });
    expect(after.can).toMatchObject({ update: true, steer: false, role: "coordinating" });
    expect(after.updates.at(-1)).toMatchObject({ progress: 80, role: "coordinating", unit: QTTV });
    expect(after.parts).toEqual([expect.objectContaining({ unit: QTTV, progress: 80 })]);
  });

  it("refuses a division that neither leads nor coordinates the task (no unit group involved)", async () => {
    const t = task(FOLLOW_UP);
    expect(t.coordinatingUnits).toEqual([]);
    const before = await updatesOf(t.id);
    const r = await postUpdate(t.id, "vp.qttv", { progress: 90, note: "Không phải việc của phòng" });
    expectError(r, 403, "forbidden");
    expect(await updatesOf(t.id)).toBe(before);
    expect((await taskDetail(t.id)).progress).toBe(40);
  });

  it("lets a division that a unit group on the task was resolved to post on it", async () => {
    const t = task(INSPECT);
    expect(t.coordinatingUnits.map((u) => u.kind)).toEqual(["unit_group"]);
    const r = await postUpdate(t.id, "vp.qttv", { note: "Phòng QT-TV đã tự kiểm tra" });
    expect(r.statusCode).toBe(201);
    expect((await taskDetail(t.id)).updates!.map((u) => u.unit)).toEqual([QTTV]);
  });

  it("a division named only through an unresolved unit group cannot act until the focal point resolves it", async () => {
    const created = await createTask({
      title: "Rà soát quy trình tiếp nhận văn bản đến",
      areaCode: "7",
      leadUnits: ["Phòng Nội chính"],
      coordinatingUnits: ["Các Phòng, Ban, Trung tâm"],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const qttv = (await taskDetail(id)).leadUnits; // read to be sure the task is there
    expect(qttv).toHaveLength(1);
    const before = await updatesOf(id);
    const e = expectError(await postUpdate(id, "vp.qttv", { progress: 10 }), 403, "task.group_unresolved");
    expect(e.message).toContain("Các Phòng, Ban, Trung tâm");
    expect(await updatesOf(id)).toBe(before);
    const lint = (await app.inject({ url: `/api/plans/${planId}/lint`, headers: auth("vp.daumoi") })).json()
      .items as { rule: string; taskId: number; groupId: number; field: string }[];
    const issue = lint.find((i) => i.rule === "unresolved_group" && i.taskId === id)!;
    expect(issue).toMatchObject({ field: "coordinatingUnits" });
    const units = (await app.inject({ url: `/api/agencies/${officeId}` })).json().units as Unit[];
    const qttvId = units.find((u) => u.name === QTTV)!.id;
    const mine = async () =>
      ((await app.inject({ url: "/api/me/tasks", headers: auth("vp.qttv") })).json().items as Task[]).map(
        (t) => t.id,
      );
    const filtered = async () =>
      (
        (
          await app.inject({ url: `/api/plans/${planId}/tasks?unitId=${qttvId}`, headers: auth("vp.daumoi") })
        ).json().items as Task[]
      ).map((t) => t.id);
    expect(await mine()).not.toContain(id);
    expect(await filtered()).not.toContain(id);
    expect((await mine()).sort()).toEqual((await filtered()).sort());
    // Only the focal point resolves a group, and only to named divisions.
    const resolve = (user: string, units: (string | number)[]) =>
      app.inject({
        method: "PUT",
        url: `/api/tasks/${id}/groups/${issue.groupId}`,
        headers: auth(user),
        payload: { units },
      });
    expectError(await resolve("vp.qttv", [QTTV]), 403, "forbidden");
    expectError(
      await resolve("vp.daumoi", ["Các Phòng, Ban, Trung tâm liên quan"]),
      400,
      "task.group_member_not_division",
      "units",
    );
    expectError(
      await app.inject({
        method: "PUT",
        url: `/api/tasks/${id}/groups/${qttvId}`,
        headers: auth("vp.daumoi"),
        payload: { units: [QTTV] },
      }),
      404,
      "task.not_a_group",
      "groupId",
    );
    const ok = await resolve("vp.daumoi", [QTTV, "HC-TC"]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().coordinatingUnits[0].members.map((m: Unit) => m.name)).toEqual([QTTV, HCTC]);
    expect(ok.json().unresolvedGroups).toEqual([]);
    expect((await postUpdate(id, "vp.qttv", { progress: 10, note: "Phần của QT-TV" })).statusCode).toBe(201);
    expect(await mine()).toContain(id);
    expect((await mine()).sort()).toEqual((await filtered()).sort());
    const lintAfter = (
      await app.inject({ url: `/api/plans/${planId}/lint`, headers: auth("vp.daumoi") })
    ).json().items as { rule: string; taskId: number }[];
    expect(lintAfter.some((i) => i.rule === "unresolved_group" && i.taskId === id)).toBe(false);
  });

  it("rejects an empty or malformed update and stores nothing", async () => {
    const t = task(FOLLOW_UP);
    const before = await updatesOf(t.id);
    expectError(await postUpdate(t.id, "vp.hctc", {}), 400, "task_update.empty", "progress");
    expectError(await postUpdate(t.id, "vp.hctc", { progress: 140 }), 400, "validation", "progress");
    expectError(await postUpdate(t.id, "vp.hctc", { progress: 50, extra: 1 }), 400, "validation");
    expectError(
      await postUpdate(t.id, "vp.hctc", { link: "javascript:alert(1)" }),
      400,
      "validation",
      "link",
    );
    expect(await updatesOf(t.id)).toBe(before);
    expect((await taskDetail(t.id)).progress).toBe(40);
  });

  it("the lead division may change its task's status and dates, but not its title or units", async () => {
    const t = task(FOLLOW_UP);
    const patch = (user: string, payload: object) =>
      app.inject({ method: "PATCH", url: `/api/tasks/${t.id}`, headers: auth(user), payload });
    expectError(
      await patch("vp.hctc", { title: "Đổi tên", progress: 100 }),
      403,
      "task.fields_not_allowed",
      "title",
    );
    expectError(await patch("vp.hctc", { leadUnits: [QTTV] }), 403, "task.fields_not_allowed", "leadUnits");
    expectError(await patch("vp.hctc", { coordinatingUnits: [QTTV] }), 403, "task.fields_not_allowed");
    let d = await taskDetail(t.id);
    expect(d).toMatchObject({ title: FOLLOW_UP, progress: 40, status: "in_progress", due: null });
    expect(d.leadUnits.map((u) => u.name)).toEqual([HCTC]);
    // Another division (not on the task) may not PATCH at all.
    expectError(await patch("vp.qttv", { status: "done" }), 403, "forbidden");
    const ok = await patch("vp.hctc", {
      status: "in_progress",
      progress: 45,
      startsOn: "2019-10-01",
      due: "2019-12-20",
    });
    expect(ok.statusCode).toBe(200);
    d = await taskDetail(t.id);
    expect(d).toMatchObject({ title: FOLLOW_UP, progress: 45, startsOn: "2019-10-01", due: "2019-12-20" });
    expect(d.leadUnits.map((u) => u.name)).toEqual([HCTC]);
    // Back as it was, for the tests after this one.
    expect((await patch("vp.hctc", { progress: 40, startsOn: null, due: null })).statusCode).toBe(200);
  });

  it("PATCHes only the fields given: units and targets survive a progress change", async () => {
    const t = task("Xây dựng và thực hiện Kế hoạch cải cách hành chính");
    expect(t.leadUnits.map((u) => u.name)).toEqual([HCTC]);
    const before = await taskDetail(t.id);
    expect(before.coordinatingUnits).toHaveLength(1);
    expect((before as unknown as { targets: unknown[] }).targets).toHaveLength(1);
    const r = await app.inject({
      method: "PATCH",
      url: `/api/tasks/${t.id}`,
      headers: auth("vp.daumoi"),
      payload: { progress: 20, status: "in_progress" },
    });
    expect(r.statusCode).toBe(200);
    const after = await taskDetail(t.id);
    expect(after).toMatchObject({ progress: 20, status: "in_progress", title: before.title });
    expect(after.leadUnits).toEqual(before.leadUnits);
    expect(after.coordinatingUnits).toEqual(before.coordinatingUnits);
    expect((after as unknown as { targets: unknown[] }).targets).toEqual(
      (before as unknown as { targets: unknown[] }).targets,
    );
  });

  it("refuses a PATCH naming an unknown unit, changing nothing", async () => {
    const t = task("Xây dựng và thực hiện Kế hoạch cải cách hành chính");
    const before = await taskDetail(t.id);
    const r = await app.inject({
      method: "PATCH",
      url: `/api/tasks/${t.id}`,
      headers: auth("vp.daumoi"),
      payload: { title: "Tên mới", leadUnits: ["Phòng Không Có"] },
    });
    expectError(r, 400, "plan.unknown_unit", "leadUnits");
    const after = await taskDetail(t.id);
    expect(after.title).toBe(before.title);
    expect(after.leadUnits).toEqual(before.leadUnits);
  });

  it("refuses a PATCH with the deadline before the start", async () => {
    const t = task(INSPECT);
    const r = await app.inject({
      method: "PATCH",
      url: `/api/tasks/${t.id}`,
      headers: auth("vp.daumoi"),
      payload: { startsOn: "2019-11-15" },
    });
    expectError(r, 400, "task.bad_dates", "due");
    expect((await taskDetail(t.id)).startsOn).toBeNull();
  });

  it("rejects a misspelt unit with plan.unknown_unit suggesting the right name", async () => {
    const before = await count("tasks");
    const r = await createTask({ title: "Rà soát quy chế", leadUnits: ["Phòng Hành chính –Tổ chứ"] });
    const e = expectError(r, 400, "plan.unknown_unit", "leadUnits");
    expect(e.message).toContain(`"${HCTC}"`);
    expect(e.messageEn).toContain(`did you mean "${HCTC}"`);
    expect(await count("tasks")).toBe(before);
  });

  it("rejects a unit of another agency given by id", async () => {
    const before = await count("tasks");
    const agencies = (await app.inject({ url: "/api/agencies?kind=agency&limit=500" })).json().items;
    const snv = agencies.find((a: { code: string }) => a.code === "SNV").id;
    expectError(
      await createTask({ title: "X", coordinatingUnits: [snv] }),
      400,
      "plan.unknown_unit",
      "coordinatingUnits",
    );
    expect(await count("tasks")).toBe(before);
  });

  it("rejects a task due before it starts, and an unknown area", async () => {
    const before = await count("tasks");
    expectError(
      await createTask({
        title: "Rà soát quy chế",
        startsOn: "01/12/2019",
        due: "30/11/2019",
        leadUnits: [HCTC],
      }),
      400,
      "task.bad_dates",
      "due",
    );
    expectError(
      await createTask({ title: "Rà soát", areaCode: "99", leadUnits: [HCTC] }),
      400,
      "plan.unknown_area",
      "areaCode",
    );
    expectError(await createTask({ title: "Rà soát", due: "31/02/2019" }), 400, "validation", "due");
    expect(await count("tasks")).toBe(before);
  });

  it("creates a task with the right unit names (short names accepted) and Vietnamese dates", async () => {
    const r = await createTask({
      section: "4.9",
      title: "Rà soát quy chế làm việc",
      areaCode: "2",
      startsOn: "01/12/2019",
      due: "31/12/2099",
      leadUnits: [HCTC],
      coordinatingUnits: ["QT-TV"],
    });
    expect(r.statusCode).toBe(201);
    const d = await taskDetail(r.json().id);
    expect(d).toMatchObject({ startsOn: "2019-12-01", due: "2099-12-31", overdue: false });
    expect(d.leadUnits.map((u) => u.name)).toEqual([HCTC]);
    expect(d.coordinatingUnits.map((u) => u.name)).toEqual([QTTV]);
  });

  it("refuses a division creating a task", async () => {
    const before = await count("tasks");
    const r = await app.inject({
      method: "POST",
      url: `/api/plans/${planId}/tasks`,
      headers: auth("vp.hctc"),
      payload: { title: "Việc tự đặt", leadUnits: [HCTC] },
    });
    expectError(r, 403, "forbidden");
    expect(await count("tasks")).toBe(before);
  });

  it("filters a plan's tasks by overdue", async () => {
    const all = (await app.inject({ url: `/api/plans/${planId}/tasks` })).json().items as Task[];
    const over = (await app.inject({ url: `/api/plans/${planId}/tasks?overdue=true` })).json()
      .items as Task[];
    const notOver = (await app.inject({ url: `/api/plans/${planId}/tasks?overdue=false` })).json()
      .items as Task[];
    expect(over.map((t) => t.title).sort()).toEqual(
      [INSPECT, "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức"].sort(),
    );
    expect(over.every((t) => t.overdue && t.due !== null)).toBe(true);
    expect(notOver.every((t) => !t.overdue)).toBe(true);
    expect(over.length + notOver.length).toBe(all.length);
    const bad = await app.inject({ url: `/api/plans/${planId}/tasks?overdue=yes` });
    expectError(bad, 400, "validation");
  });

  it("lists a division's own tasks with the overdue ones first", async () => {
    const r = await app.inject({ url: "/api/me/tasks", headers: auth("vp.qttv") });
    expect(r.statusCode).toBe(200);
    const mine = r.json().items as (Task & { role: string })[];
    expect(mine.length).toBeGreaterThan(2);
    // Only tasks where QT-TV takes part: named, or among the divisions a unit group was resolved to.
    for (const t of mine) {
      const units = [...t.leadUnits, ...t.coordinatingUnits];
      expect(units.some((u) => u.name === QTTV || u.members?.some((m) => m.name === QTTV))).toBe(true);
      expect(["lead", "coordinating"]).toContain(t.role);
    }
    expect(mine.map((t) => t.title)).not.toContain(FOLLOW_UP);
    expect(mine.map((t) => t.title)).toContain("Rà soát quy chế làm việc");
    // Overdue first, then by deadline.
    expect(mine.slice(0, 2).map((t) => t.title)).toEqual([
      INSPECT,
      "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
    ]);
    expect(mine.slice(2).every((t) => !t.overdue)).toBe(true);
    const hctc = (await app.inject({ url: "/api/me/tasks", headers: auth("vp.hctc") })).json()
      .items as Task[];
    expect(hctc.map((t) => t.title)).toContain(FOLLOW_UP);
    expectError(await app.inject({ url: "/api/me/tasks" }), 401, "unauthenticated");
  });

  it("refuses a second plan for a year that already has one", async () => {
    const before = await count("plans");
    const r = await app.inject({
      method: "POST",
      url: "/api/plans",
      headers: auth("vp.daumoi"),
      payload: { agencyId: officeId, year: 2019, title: "Kế hoạch trùng năm" },
    });
    expectError(r, 409, "plan.exists", "year");
    expect(await count("plans")).toBe(before);
  });

  it("rejects an area target above the area's max, an unknown area and a duplicate, storing no plan", async () => {
    const before = await count("plans");
    const create = (areaTargets: object[], extra: object = {}) =>
      app.inject({
        method: "POST",
        url: "/api/plans",
        headers: auth("vp.daumoi"),
        payload: { agencyId: officeId, year: 2020, title: "Kế hoạch CCHC năm 2020", areaTargets, ...extra },
      });
    // Area 2 ("Cải cách thể chế") has a max of 5.
    expectError(
      await create([{ areaCode: "2", target: "5,5" }]),
      400,
      "plan.target_above_max",
      "areaTargets.0.target",
    );
    expectError(
      await create([
        { areaCode: "1", target: 10 },
        { areaCode: "99", target: 1 },
      ]),
      400,
      "plan.unknown_area",
      "areaTargets.1.areaCode",
    );
    expectError(
      await create([
        { areaCode: "2", target: 4 },
        { areaCode: "2", target: 5 },
      ]),
      400,
      "plan.duplicate_area",
      "areaTargets.1.areaCode",
    );
    expectError(
      await create([], { rankGainMin: 3, rankGainMax: 1 }),
      400,
      "plan.bad_rank_gain",
      "rankGainMax",
    );
    // Targets per area need last year's result for their baseline and maxima: none for 2029.
    expectError(
      await create([{ areaCode: "2", target: 4 }], { year: 2030 }),
      400,
      "plan.no_baseline",
      "year",
    );
    expect(await count("plans")).toBe(before);
    // A division may not write the plan.
    const div = await app.inject({
      method: "POST",
      url: "/api/plans",
      headers: auth("vp.hctc"),
      payload: { agencyId: officeId, year: 2020, title: "Kế hoạch" },
    });
    expectError(div, 403, "forbidden");
    expect(await count("plans")).toBe(before);
    // Three decimals cannot be stored exactly: refused rather than silently dropped.
    expectError(await create([], { percentTarget: 85.555 }), 400, "validation", "percentTarget");
    expect(await count("plans")).toBe(before);
    const ok = await create([{ areaCode: "2", target: 5 }], { percentTarget: 85.5 });
    expect(ok.statusCode).toBe(201);
    expect(await count("plans")).toBe(before + 1);
    // A new plan is a draft: its agency reads it.
    const plan = (await app.inject({ url: `/api/plans/${ok.json().id}`, headers: auth("vp.daumoi") })).json();
    expect(plan.publishedAt).toBeNull();
    expect(plan.overallTarget.percentAtLeast).toBe(85.5);
    expect(plan.targets.areas).toMatchObject([{ areaCode: "2", target: 5, max: 5 }]);
  });

  it("rejects a what-if with an unknown area", async () => {
    const r = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/what-if`,
      headers: auth("vp.daumoi"),
      payload: { baseYear: 2018, areas: { "1": 12, "99": 5 } },
    });
    expectError(r, 400, "whatif.unknown_area", "areas.99");
    const bad = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/what-if`,
      headers: auth("vp.daumoi"),
      payload: { baseYear: 2018, areas: { "1": "mười" } },
    });
    expectError(bad, 400, "validation");
    const ok = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/what-if`,
      headers: auth("vp.daumoi"),
      payload: { baseYear: 2018, areas: { "1": 12 } },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().areas.find((a: { code: string }) => a.code === "1")).toMatchObject({
      current: 7,
      predicted: 12,
    });
    const anon = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/what-if`,
      payload: { baseYear: 2018, areas: { "1": 12 } },
    });
    expectError(anon, 401, "unauthenticated");
  });
});
