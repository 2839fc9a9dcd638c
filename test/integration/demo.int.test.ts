import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { forEachEngine, testApp } from "../db.ts";

forEachEngine("the Quảng Nam 2019 demo through the API", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let officeId: number;
  beforeAll(async () => {
    const creds = await seedDemo(get().ctx, { passwords: { "vp.daumoi": "demo-password-1" } });
    expect(creds).not.toBeNull();
    app = await testApp(get().ctx);
    const r = await app.inject({ url: "/api/agencies?q=van phong ubnd" });
    officeId = r.json().items.find((a: { code: string }) => a.code === "VPUBND").id;
  });

  it("answers health with the engine in use", async () => {
    const r = await app.inject({ url: "/api/health" });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: "ok", database: get().ctx.engine });
  });

  it("shows the Office's 2018 index as 75,40 / 93 = 81,08 %", async () => {
    const r = await app.inject({ url: `/api/agencies/${officeId}/index?year=2018` });
    expect(r.statusCode).toBe(200);
    const b = r.json();
    expect(b).toMatchObject({ code: "VPUBND", points: 75.4, max: 93, percent: 81.08, published: true });
    expect(b.areas.map((a: { points: number }) => a.points)).toEqual([7, 5, 13, 3.5, 7.5, 2, 5.72, 31.68]);
  });

  it("shows plan targets of 86,5 / 93 = 93,01 % against the 2018 baseline", async () => {
    const list = await app.inject({ url: `/api/agencies/${officeId}/plans` });
    const planId = list.json().items[0].id;
    const b = (await app.inject({ url: `/api/plans/${planId}` })).json();
    expect(b).toMatchObject({ number: "1994", code: "KH-VPUBND", issuedOn: "2019-09-03" });
    expect(b.targets).toMatchObject({
      points: 86.5,
      max: 93,
      percent: 93.01,
      baselinePoints: 75.4,
      baselinePercent: 81.08,
    });
    expect(b.targets.areas.map((a: { delta: number }) => a.delta)).toEqual([3, 0, 1, 0, 1.5, 0, 2.28, 3.32]);
    expect(b.overallTarget).toEqual({ percentAtLeast: 85, rankGainMin: 1, rankGainMax: 2 });
  });

  it("lists every task of the seed with its lead and coordinating units", async () => {
    const list = await app.inject({ url: `/api/agencies/${officeId}/plans` });
    const b = (await app.inject({ url: `/api/plans/${list.json().items[0].id}` })).json();
    const names = (us: { name: string }[]) => us.map((u) => u.name);
    expect(b.tasks).toHaveLength(16);
    const bySection = (s: string) => b.tasks.filter((t: { section: string }) => t.section === s);
    expect(bySection("4.1")).toHaveLength(9);
    expect(bySection("5")).toHaveLength(2);
    const inspect = b.tasks.find((t: { title: string }) => t.title === "Kiểm tra cải cách hành chính");
    expect(names(inspect.leadUnits)).toEqual(["Phòng Hành chính – Tổ chức"]);
    expect(names(inspect.coordinatingUnits)).toEqual(["Các Phòng, Ban, Trung tâm"]);
    expect(inspect.due).toBe("2019-10-31");
    expect(inspect.targets[0]).toMatchObject({ comparator: ">=", value: 30, unit: "%" });
    const it46 = b.tasks.find((t: { section: string }) => t.section === "4.6");
    expect(names(it46.leadUnits)).toEqual(["Phòng Quản trị – Tài vụ", "Phòng Hành chính – Tổ chức"]);
    const noLead = b.tasks.filter((t: { leadUnits: unknown[] }) => t.leadUnits.length === 0);
    expect(noLead.map((t: { title: string }) => t.title)).toEqual([
      "Sáng kiến hoặc giải pháp mới trong cải cách hành chính",
      "Gắn kết quả thực hiện CCHC với công tác thi đua, khen thưởng",
    ]);
    // The plan-lint findings of domain.md §3: areas 3 and 8 have targets but no task.
    const empty = b.lint
      .filter((l: { rule: string }) => l.rule === "area_without_task")
      .map((l: { areaCode: string }) => l.areaCode);
    expect(empty).toEqual(["3", "8"]);
  });

  it("ranks the 2018 cycle with ties and predicts the Office's rank if its targets are met", async () => {
    const cycles = (await app.inject({ url: "/api/cycles?year=2018" })).json().items;
    const ranking = (await app.inject({ url: `/api/cycles/${cycles[0].id}/ranking` })).json().items;
    const office = ranking.find((r: { code: string }) => r.code === "VPUBND");
    expect(office).toMatchObject({ percent: 81.08, rank: 8, grade: "A" });
    const stc = ranking.find((r: { code: string }) => r.code === "STC");
    const sttt = ranking.find((r: { code: string }) => r.code === "STTTT");
    expect(stc.rank).toBe(sttt.rank);
    expect(ranking.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3, 4, 4, 6, 7, 8, 9, 10, 11, 12, 13]);
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "vp.daumoi", password: "demo-password-1" },
    });
    const token = login.json().token;
    const w = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/what-if`,
      headers: { authorization: `Bearer ${token}` },
      payload: { baseYear: 2018 },
    });
    expect(w.statusCode).toBe(200);
    expect(w.json()).toMatchObject({ points: 86.5, max: 93, percent: 93.01, currentRank: 8, rank: 2 });
  });

  it("publishes an OpenAPI document", async () => {
    const r = await app.inject({ url: "/api/openapi.json" });
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json().paths)).toContain("/api/agencies/{id}/index");
  });
});

describe("demo loader", () => {
  it("is idempotent: a second load changes nothing", async () => {
    const { createTestDb } = await import("../db.ts");
    const db = await createTestDb("embedded");
    try {
      expect(await seedDemo(db.ctx)).not.toBeNull();
      expect(await seedDemo(db.ctx)).toBeNull();
      const n = await db.ctx.db
        .selectFrom("tasks")
        .select(db.ctx.db.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(16);
    } finally {
      await db.close();
    }
  });
});
