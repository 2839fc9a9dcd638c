/**
 * What the web app's plan and task pages need from the API: text search ignoring accents, what the
 * caller may do, the criteria a task links to, its targets with their latest values, the upload
 * limits, and the lint field that fixes each warning. Refusals change nothing.
 */
import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { countRows, expectError, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORD = "web-password-1";
const USERS = ["vp.daumoi", "vp.lanhdao", "vp.hctc", "vp.qttv"];
const FOLLOW_UP = "Theo dõi, đôn đốc và tổng hợp báo cáo định kỳ về UBND tỉnh";
const INSPECT = "Kiểm tra cải cách hành chính";
const AUTONOMY = "Thực hiện cơ chế tự chủ về kinh phí quản lý hành chính";

interface Task {
  id: number;
  title: string;
  body: string | null;
  areaCode: string | null;
  canUpdate?: boolean;
}

forEachEngine("plan and task pages through the API", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let planId: number;
  let tasks: Task[];
  const byTitle = (title: string) => tasks.find((t) => t.title === title)!;
  const getJson = async (url: string, user?: string) => {
    const r = await app.inject({ url: `/api${url}`, headers: user ? as(user) : {} });
    expect(r.statusCode, url).toBe(200);
    return r.json();
  };

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: Object.fromEntries(USERS.map((u) => [u, PASSWORD])) });
    app = await testApp(get().ctx);
    as = await signIn(app, Object.fromEntries(USERS.map((u) => [u, PASSWORD])));
    const me = (await getJson("/auth/me", "vp.daumoi")).user;
    planId = (await getJson(`/agencies/${me.agencyId}/plans`)).items[0].id;
    tasks = (await getJson(`/plans/${planId}/tasks`)).items;
    expect(tasks).toHaveLength(16);
  });

  it("finds tasks by text ignoring accents, case and tone placement, alone or with other filters", async () => {
    const search = async (q: string, more = "") =>
      (await getJson(`/plans/${planId}/tasks?q=${encodeURIComponent(q)}${more}`)).items as Task[];
    const plain = await search("cai cach");
    const accented = await search("Cải Cách");
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.length).toBeLessThan(16);
    expect(plain.map((t) => t.id)).toEqual(accented.map((t) => t.id));
    for (const t of plain) expect(`${t.title} ${t.body}`.toLowerCase()).toMatch(/cải cách|cchc/);
    expect((await search("tu chu ve kinh phi")).map((t) => t.title)).toEqual([AUTONOMY]);
    // Unit names are searched too: the short name of the Administration division.
    expect((await search("QT-TV")).map((t) => t.title)).toContain(AUTONOMY);
    // A dash in a unit name also matches a space: "quan tri tai vu" finds "Phòng Quản trị – Tài vụ".
    expect((await search("quan tri tai vu")).map((t) => t.title)).toContain(AUTONOMY);
    const area1 = await search("cai cach", "&areaCode=1");
    expect(area1.length).toBeGreaterThan(0);
    expect(area1.every((t) => t.areaCode === "1")).toBe(true);
    expect(await search("không có nhiệm vụ nào như thế")).toEqual([]);
    expect(await search("   ")).toHaveLength(16);
  });

  it("refuses a search text longer than 200 characters", async () => {
    const r = await app.inject({ url: `/api/plans/${planId}/tasks?q=${"a".repeat(201)}` });
    expectError(r, 400, "validation", "q");
  });

  it("tells the plan page whether the caller may edit and publish the plan", async () => {
    const none = { edit: false, publish: false, withdraw: false };
    expect((await getJson(`/plans/${planId}`, "vp.daumoi")).can).toEqual({
      edit: true,
      publish: true,
      withdraw: true,
    });
    expect((await getJson(`/plans/${planId}`, "vp.lanhdao")).can).toEqual(none);
    expect((await getJson(`/plans/${planId}`, "vp.hctc")).can).toEqual(none);
    expect((await getJson(`/plans/${planId}`)).can).toEqual(none);
  });

  it("names the field that fixes each lint warning", async () => {
    const lint = (await getJson(`/plans/${planId}/lint`)).items as { rule: string; field: string }[];
    const fieldOf = Object.fromEntries(lint.map((i) => [i.rule, i.field]));
    expect(fieldOf).toEqual({
      area_without_task: "areaCode",
      task_without_lead: "leadUnits",
      task_without_deadline: "due",
    });
  });

  it("gives a task's plan, linked criteria and upload limits, and what the caller may do", async () => {
    const t = await getJson(`/tasks/${byTitle(INSPECT).id}`, "vp.hctc");
    expect(t.plan).toEqual({
      id: planId,
      agencyId: expect.any(Number),
      year: 2019,
      number: "1994",
      code: "KH-VPUBND",
    });
    expect(t.framework.linked).toMatchObject({ code: "1", kind: "area", max: 12 });
    expect(t.framework.area).toMatchObject({ code: "1", kind: "area" });
    expect(t.framework.criteria.length).toBeGreaterThan(0);
    expect(t.framework.criteria.every((c: { kind: string }) => c.kind === "criterion")).toBe(true);
    expect(t.upload.maxBytes).toBe(get().ctx.config.UPLOAD_MAX_MB * 1024 * 1024);
    expect(t.upload.extensions).toEqual(expect.arrayContaining([".pdf", ".png", ".jpg", ".docx", ".xlsx"]));
    expect(t.can).toEqual({ edit: false, update: true, steer: true, role: "lead" });
    expect((await getJson(`/tasks/${byTitle(INSPECT).id}`, "vp.qttv")).can).toEqual({
      edit: false,
      update: true,
      steer: false,
      role: "coordinating",
    });
    expect((await getJson(`/tasks/${byTitle(INSPECT).id}`, "vp.daumoi")).can).toEqual({
      edit: true,
      update: true,
      steer: true,
      role: "manager",
    });
    expect((await getJson(`/tasks/${byTitle(INSPECT).id}`, "vp.lanhdao")).can).toEqual({
      edit: false,
      update: false,
      steer: false,
      role: null,
    });
    const sectionFive = await getJson(`/tasks/${byTitle(FOLLOW_UP).id}`, "vp.hctc");
    expect(sectionFive.framework).toEqual({ linked: null, area: null, criteria: [] });
  });

  it("a division cannot update a task of another division: the task says so and the API refuses, changing nothing", async () => {
    const t = byTitle(FOLLOW_UP); // led by HC-TC alone, no unit group
    expect((await getJson(`/tasks/${t.id}`, "vp.qttv")).can.update).toBe(false);
    expect((await getJson(`/tasks/${t.id}`, "vp.hctc")).can.update).toBe(true);
    const before = await countRows(get().ctx.db, "task_updates");
    const r = await app.inject({
      method: "POST",
      url: `/api/tasks/${t.id}/updates`,
      headers: as("vp.qttv"),
      payload: { progress: 50 },
    });
    expectError(r, 403, "forbidden");
    expect(await countRows(get().ctx.db, "task_updates")).toBe(before);
    const mine = (await getJson("/me/tasks", "vp.qttv")).items as Task[];
    expect(mine.map((x) => x.id)).not.toContain(t.id);
    expect(mine.every((x) => x.canUpdate)).toBe(true);
    const leader = (await getJson("/me/tasks", "vp.lanhdao")).items as Task[];
    expect(leader).toHaveLength(16);
    expect(leader.some((x) => x.canUpdate)).toBe(false);
    // Read in one go for all the agency's plans, each task still says its plan's year.
    expect(new Set(leader.map((x) => (x as Task & { planYear: number }).planYear))).toEqual(new Set([2019]));
  });

  it("shows each measurable target with the latest value reported for its indicator and whether it is met", async () => {
    const t = byTitle(INSPECT);
    const before = await getJson(`/tasks/${t.id}`, "vp.hctc");
    const inspected = before.targets.find(
      (x: { indicator: string | null }) => x.indicator === "units_inspected",
    );
    expect(inspected).toMatchObject({ comparator: ">=", value: 30, latest: null, met: null });
    const post = (value: number) =>
      app.inject({
        method: "POST",
        url: `/api/tasks/${t.id}/updates`,
        headers: as("vp.hctc"),
        payload: { progress: 30, indicator: { code: "units_inspected", value, period: "2019" } },
      });
    expect((await post(28.5)).statusCode).toBe(201);
    let after = await getJson(`/tasks/${t.id}`, "vp.hctc");
    let target = after.targets.find((x: { indicator: string | null }) => x.indicator === "units_inspected");
    expect(target).toMatchObject({ latest: { value: 28.5, period: "2019" }, met: false });
    expect((await post(42.86)).statusCode).toBe(201);
    after = await getJson(`/tasks/${t.id}`, "vp.hctc");
    target = after.targets.find((x: { indicator: string | null }) => x.indicator === "units_inspected");
    expect(target).toMatchObject({ latest: { value: 42.86, period: "2019" }, met: true });
    // The public sees the task but not the agency's private values and updates.
    const anon = await getJson(`/tasks/${t.id}`);
    expect(anon.updates).toBeNull();
    expect(anon.targets[0].latest).toBeUndefined();
    expect(anon.can).toEqual({ edit: false, update: false, steer: false, role: null });
    expect(anon.view).toBe("published");
  });

  it("refuses a task whose deadline comes before its start, with the field named", async () => {
    const before = await countRows(get().ctx.db, "tasks");
    const r = await app.inject({
      method: "POST",
      url: `/api/plans/${planId}/tasks`,
      headers: as("vp.daumoi"),
      payload: { title: "Ngược ngày", startsOn: "01/11/2019", due: "31/10/2019" },
    });
    expectError(r, 400, "task.bad_dates", "due");
    const blank = await app.inject({
      method: "POST",
      url: `/api/plans/${planId}/tasks`,
      headers: as("vp.daumoi"),
      payload: { title: "   " },
    });
    expectError(blank, 400, "validation", "title");
    expect(await countRows(get().ctx.db, "tasks")).toBe(before);
  });
});
