/**
 * The endpoints behind the dashboard and the public pages: one dashboard answer per agency (index now,
 * target, last year, areas, trend, place, gap, points at risk, what-if start), what-if bounds, and
 * the public overview, agency and plan — which never carry unpublished scores or private notes.
 */
import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { countRows, expectError, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORDS = {
  admin: "admin-password-1",
  "snv.cchc": "snv-password-12",
  "vp.lanhdao": "leader-pass-123",
  "vp.daumoi": "focal-password-1",
  "vp.hctc": "division-pass-12",
};

forEachEngine("dashboard and public endpoints", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let officeId: number;
  let planId: number;
  const inject = (
    user: string | null,
    method: "GET" | "POST" | "PUT" | "PATCH",
    url: string,
    payload?: Record<string, unknown>,
  ) => app.inject({ method, url: `/api${url}`, headers: user ? as(user) : {}, payload });

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: PASSWORDS });
    app = await testApp(get().ctx);
    as = await signIn(app, PASSWORDS);
    const agencies = (await inject(null, "GET", "/agencies?kind=agency&limit=500")).json().items;
    officeId = agencies.find((a: { code: string }) => a.code === "VPUBND").id;
    planId = (await inject(null, "GET", `/agencies/${officeId}/plans`)).json().items[0].id;
  });

  it("gives the Office's leader 2019 now, the 1994 plan's target and 2018 with its rank, in one answer", async () => {
    const r = await inject("vp.lanhdao", "GET", `/agencies/${officeId}/dashboard`);
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.agency).toMatchObject({ id: officeId, code: "VPUBND" });
    // 2019 is the latest cycle: not published, nothing scored yet, so no grade and no rank.
    expect(d.current).toMatchObject({
      year: 2019,
      published: false,
      points: 0,
      max: 93,
      percent: 0,
      grade: null,
      rankVisible: false,
      rank: null,
      rankOf: null,
    });
    expect(d.current.missing).toBeGreaterThan(0);
    expect(d.previous).toMatchObject({ year: 2018, published: true, points: 75.4, percent: 81.08, rank: 8 });
    expect(d.previous.rankOf).toBe(13);
    expect(d.target).toMatchObject({
      planId,
      number: "1994",
      code: "KH-VPUBND",
      points: 86.5,
      max: 93,
      percent: 93.01,
    });
    expect(d.ranking).toMatchObject({ year: 2018, rank: 8, rankOf: 13, rankChange: null });
    expect(d.trend.map((t: { year: number }) => t.year)).toEqual([2018, 2019]);
    const a7 = d.areas.find((a: { code: string }) => a.code === "7");
    expect(a7).toMatchObject({ max: 8.5, points: 0, previousPoints: 5.72, target: 8, targetPercent: 94.12 });
    expect(d.gap.year).toBe(2018);
    expect(d.gap.items.slice(0, 2)).toMatchObject([
      { code: "8", lost: 6.32 },
      { code: "1", lost: 5 },
    ]);
    expect(d.whatIf).toMatchObject({ baseYear: 2018, available: true, planYear: 2019 });
    expect(d.whatIf.areas.find((a: { code: string }) => a.code === "1")).toMatchObject({
      max: 12,
      current: 7,
      start: 10,
    });
  });

  it("answers the caller's own dashboard at /me/dashboard, and says so when the caller has no agency", async () => {
    const mine = await inject("vp.lanhdao", "GET", "/me/dashboard");
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual(
      (await inject("vp.lanhdao", "GET", `/agencies/${officeId}/dashboard`)).json(),
    );
    expectError(await inject("admin", "GET", "/me/dashboard"), 404, "dashboard.no_agency");
    expectError(await inject(null, "GET", "/me/dashboard"), 401, "unauthenticated");
  });

  it("shows the province the unpublished 2019 rank, and nobody outside the agency the dashboard", async () => {
    const province = (await inject("snv.cchc", "GET", `/agencies/${officeId}/dashboard`)).json();
    expect(province.current).toMatchObject({ year: 2019, rankVisible: true, rankOf: 13 });
    expect(province.ranking.year).toBe(2019);
    expectError(await inject(null, "GET", `/agencies/${officeId}/dashboard`), 401, "unauthenticated");
    const sample = (await inject(null, "GET", "/agencies?kind=agency&q=so noi vu")).json().items[0];
    expectError(await inject("vp.lanhdao", "GET", `/agencies/${sample.id}/dashboard`), 403, "forbidden");
    expectError(await inject("vp.lanhdao", "GET", "/agencies/999999/dashboard"), 404, "not_found");
  });

  it("puts the points of an area at risk when one of its tasks is overdue or behind, with the tasks", async () => {
    const create = async (body: Record<string, unknown>) => {
      const r = await inject("vp.daumoi", "POST", `/plans/${planId}/tasks`, {
        leadUnits: ["HC-TC"],
        ...body,
      });
      expect(r.statusCode).toBe(201);
      return r.json().id as number;
    };
    const overdue = await create({
      title: "Số hóa hồ sơ lưu trữ (quá hạn)",
      areaCode: "7",
      due: "2020-01-15",
    });
    const behind = await create({
      title: "Chữ ký số cho văn bản đi (chậm tiến độ)",
      areaCode: "7",
      startsOn: "2020-01-01",
      due: "2099-12-31",
    });
    const onTrack = await create({
      title: "Cập nhật cổng thông tin (đúng tiến độ)",
      areaCode: "7",
      startsOn: "2020-01-01",
      due: "2099-12-31",
    });
    const finished = await create({ title: "Đã xong", areaCode: "6", due: "2020-01-15" });
    expect((await inject("vp.daumoi", "PATCH", `/tasks/${onTrack}`, { progress: 99 })).statusCode).toBe(200);
    expect((await inject("vp.daumoi", "PATCH", `/tasks/${finished}`, { status: "done" })).statusCode).toBe(
      200,
    );

    const risk = (await inject("vp.lanhdao", "GET", `/agencies/${officeId}/dashboard`)).json().atRisk;
    expect(risk.planId).toBe(planId);
    const a7 = risk.areas.find((a: { areaCode: string }) => a.areaCode === "7");
    expect(a7).toMatchObject({ target: 8, baseline: 5.72, max: 8.5, points: 2.28 });
    const ids = a7.tasks.map((t: { id: number }) => t.id);
    expect(ids).toContain(overdue);
    expect(ids).toContain(behind);
    expect(ids).not.toContain(onTrack);
    expect(a7.tasks.find((t: { id: number }) => t.id === overdue)).toMatchObject({
      overdue: true,
      behind: false,
    });
    expect(a7.tasks.find((t: { id: number }) => t.id === behind)).toMatchObject({
      overdue: false,
      behind: true,
      progress: 0,
    });
    // The kept area 6 has only a done task: not at risk.
    expect(risk.areas.some((a: { areaCode: string }) => a.areaCode === "6")).toBe(false);
    // The total is the sum of the areas' points, computed exactly (hundredths).
    const sum = risk.areas.reduce((s: number, a: { points: number }) => s + Math.round(a.points * 100), 0);
    expect(Math.round(risk.points * 100)).toBe(sum);
  });

  it("refuses what-if points above an area's max or below zero, and a forecast in an unpublished table", async () => {
    const url = `/agencies/${officeId}/what-if`;
    expectError(
      await inject("vp.daumoi", "POST", url, { baseYear: 2018, areas: { "4": "3,75" } }),
      400,
      "whatif.above_max",
      "areas.4",
    );
    expectError(
      await inject("vp.daumoi", "POST", url, { baseYear: 2018, areas: { "4": -0.5 } }),
      400,
      "whatif.negative",
      "areas.4",
    );
    expectError(
      await inject("vp.daumoi", "POST", url, { baseYear: 2018, areas: { "4": "3,555" } }),
      400,
      "validation",
    );
    const atMax = await inject("vp.daumoi", "POST", url, {
      baseYear: 2018,
      areas: { "4": "3,5", "1": "12" },
    });
    expect(atMax.json()).toMatchObject({ points: 80.4, percent: 86.45 });
    // 2019's table is not published: its ranks belong to the province until then.
    expectError(await inject("vp.daumoi", "POST", url, { baseYear: 2019, areas: {} }), 403, "forbidden");
    expect((await inject("snv.cchc", "POST", url, { baseYear: 2019, areas: {} })).statusCode).toBe(200);
  });

  it("lists only published cycles for the public, as published, and every published plan", async () => {
    const o = (await inject(null, "GET", "/public/overview")).json();
    // The unpublished 2019 cycle is not even listed: the public sees nothing of it.
    expect(o.cycles.map((c: { year: number; published: boolean }) => [c.year, c.published])).toEqual([
      [2018, true],
    ]);
    expect(o.cycles.find((c: { year: number }) => c.year === 2018)).toMatchObject({
      agencies: 13,
      group: "so-ban-nganh",
      version: 1,
      publishedAt: "2019-03-29T02:00:00.000Z",
    });
    expect(o.plans).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: planId,
          number: "1994",
          agency: expect.objectContaining({ id: officeId }),
        }),
      ]),
    );

    const a = (await inject(null, "GET", `/public/agencies/${officeId}`)).json();
    expect(a.agency).toMatchObject({ id: officeId, code: "VPUBND" });
    expect(a.cycles).toEqual([
      expect.objectContaining({
        year: 2018,
        published: true,
        version: 1,
        excludedReason: null,
        result: expect.objectContaining({ percent: 81.08, rank: 8, rankOf: 13, grade: "A" }),
      }),
    ]);
    // The same for a signed-in province user: the public page never shows what the public may not see.
    const asProvince = (await inject("snv.cchc", "GET", `/public/agencies/${officeId}`)).json();
    expect(asProvince.cycles).toHaveLength(1);
    expect(a.plans.map((p: { id: number }) => p.id)).toEqual([planId]);
    expectError(await inject(null, "GET", "/public/agencies/999999"), 404, "not_found");
  });

  it("publishes a plan's progress without the divisions' notes", async () => {
    const tasks = (await inject(null, "GET", `/public/plans/${planId}`)).json().tasks;
    const task = tasks.find((t: { section: string }) => t.section === "4.1");
    const before = await countRows(get().ctx.db, "task_updates");
    const note = "Ghi chú nội bộ: chờ ý kiến Chánh Văn phòng";
    const u = await inject("vp.hctc", "POST", `/tasks/${task.id}/updates`, { progress: 40, note });
    expect(u.statusCode).toBe(201);
    expect(await countRows(get().ctx.db, "task_updates")).toBe(before + 1);

    const r = await inject(null, "GET", `/public/plans/${planId}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).not.toContain("Ghi chú nội bộ");
    const p = r.json();
    expect(p).toMatchObject({ number: "1994", code: "KH-VPUBND", targets: { points: 86.5, percent: 93.01 } });
    const t = p.tasks.find((x: { id: number }) => x.id === task.id);
    expect(t).toMatchObject({ status: "in_progress", progress: 40 });
    expect(Object.keys(t)).not.toContain("updates");
    const counts = p.progress;
    expect(counts.tasks).toBe(p.tasks.length);
    expect(counts.done + counts.inProgress + counts.notStarted + counts.cancelled).toBe(counts.tasks);
    expect(counts.inProgress).toBeGreaterThanOrEqual(1);
    // Mean progress of the tasks not cancelled, a done task counting as 100 %, whole percent.
    const open = p.tasks.filter((x: { status: string }) => x.status !== "cancelled");
    const sum = open.reduce(
      (s: number, x: { status: string; progress: number }) => s + (x.status === "done" ? 100 : x.progress),
      0,
    );
    expect(counts.percent).toBe(Math.round(sum / open.length));
    expectError(await inject(null, "GET", "/public/plans/999999"), 404, "not_found");
  });

  it("keeps unpublished 2019 scores from an anonymous visitor on every route", async () => {
    expect((await inject(null, "GET", "/cycles?year=2019")).json().items).toEqual([]);
    const cycle2019 = (await inject("snv.cchc", "GET", "/cycles?year=2019")).json().items[0].id;
    // An unpublished cycle answers as if it did not exist.
    expectError(await inject(null, "GET", `/cycles/${cycle2019}`), 404, "not_found");
    expectError(await inject(null, "GET", `/cycles/${cycle2019}/ranking`), 404, "not_found");
    expectError(await inject(null, "GET", `/public/cycles/${cycle2019}`), 404, "not_found");
    expectError(await inject(null, "GET", `/agencies/${officeId}/index?year=2019`), 404, "not_found");
    expectError(await inject(null, "GET", `/agencies/${officeId}/gap?year=2019`), 404, "not_found");
    // The agency itself is public, its dashboard and what-if are not: they need a session.
    expectError(await inject(null, "GET", `/agencies/${officeId}/dashboard`), 401, "unauthenticated");
    expectError(
      await inject(null, "POST", `/agencies/${officeId}/what-if`, { baseYear: 2018 }),
      401,
      "unauthenticated",
    );
    const pub = (await inject(null, "GET", `/public/agencies/${officeId}`)).json();
    expect(pub.cycles.map((c: { year: number }) => c.year)).toEqual([2018]);
  });
});
