/**
 * The demo clock through the API: a database that started as the demo lives on 10/12/2019 (the 2019
 * self-assessment open, appraisal possible, overdue judged on that day); any other database, and
 * DEMO=off, on the real date. Moving the demo's day is the administrator's, validated and audited.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { todayInVietnam } from "../../core/locale.ts";
import { DEMO_USERNAMES, seedDemo } from "../../demo/load.ts";
import { createUser } from "../../server/modules/auth/service.ts";
import { findDemoDate } from "../../server/modules/clock/repository.ts";
import { countRows, expectError, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORD = "demo-clock-Passw0rd";
const passwords = Object.fromEntries(DEMO_USERNAMES.map((u) => [u, PASSWORD]));
type App = Awaited<ReturnType<typeof testApp>>;

forEachEngine(
  "a database that started as the demo",
  (get) => {
    let app: App;
    let as: Awaited<ReturnType<typeof signIn>>;
    const ids = { cycle2019: 0, office: 0, stp: 0, plan: 0 };
    beforeAll(async () => {
      // Before the demo: an empty database runs on the real date and has no demo day to move.
      const ctx = get().ctx;
      await createUser(ctx, {
        username: "root",
        password: PASSWORD,
        displayName: "Quản trị",
        role: "admin",
        agencyId: null,
        unitId: null,
      });
      app = await testApp(ctx);
      expect((await app.inject({ url: "/api/clock" })).json()).toEqual({
        today: todayInVietnam(),
        demo: false,
      });
      const root = await signIn(app, { root: PASSWORD });
      const before = await countRows(ctx.db, "audit_log");
      expectError(
        await app.inject({
          method: "PUT",
          url: "/api/clock",
          headers: root("root"),
          payload: { demoDate: "2019-12-20" },
        }),
        409,
        "clock.not_demo",
        "demoDate",
      );
      expect(await countRows(ctx.db, "audit_log")).toBe(before);
      expect(await findDemoDate(ctx.db)).toBeNull();

      await seedDemo(ctx, { passwords });
      as = await signIn(app, { ...passwords, root: PASSWORD });
      const cycles = (await app.inject({ url: "/api/me/assessments", headers: as("vp.daumoi") })).json();
      ids.cycle2019 = cycles.items.find((c: { year: number }) => c.year === 2019).cycleId;
      ids.office = cycles.current.agencyId;
      const agencies = (await app.inject({ url: "/api/agencies?q=tu phap" })).json().items;
      ids.stp = agencies.find((a: { code: string }) => a.code === "STP").id;
      ids.plan = (await app.inject({ url: `/api/agencies/${ids.office}/plans` })).json().items[0].id;
    });

    it("answers with the demo's day, 10/12/2019, to everyone", async () => {
      expect((await app.inject({ url: "/api/clock" })).json()).toEqual({ today: "2019-12-10", demo: true });
      expect((await app.inject({ url: "/api/clock", headers: as("vp.hctc") })).json().today).toBe(
        "2019-12-10",
      );
    });

    it("has the 2019 self-assessment open: the focal point's current cycle, and a score is saved", async () => {
      const mine = (await app.inject({ url: "/api/me/assessments", headers: as("vp.daumoi") })).json();
      expect(mine.current.cycleId).toBe(ids.cycle2019);
      const c2019 = mine.items.find((c: { year: number }) => c.year === 2019);
      expect(c2019.selfAssessmentWindow).toBe("open");
      const base = `/api/cycles/${ids.cycle2019}/agencies/${ids.office}`;
      const r = await app.inject({
        method: "PUT",
        url: `${base}/scores/2`,
        headers: as("vp.daumoi"),
        payload: { points: 4.5, explanation: "Thử đồng hồ demo" },
      });
      expect(r.statusCode).toBe(200);
      const scores = (await app.inject({ url: `${base}/scores`, headers: as("vp.daumoi") })).json();
      expect(scores.nodes.find((n: { code: string }) => n.code === "2")).toMatchObject({
        self: 4.5,
        explanation: "Thử đồng hồ demo",
      });
    });

    it("lets the demo's appraiser appraise the department that submitted", async () => {
      const list = (await app.inject({ url: "/api/me/appraisals", headers: as("thamdinh") })).json();
      const stp = (list.items as { agencyId: number; year: number; status: string }[]).find(
        (x) => x.agencyId === ids.stp && x.year === 2019,
      );
      expect(stp).toMatchObject({ status: "submitted" });
      const r = await app.inject({
        method: "PUT",
        url: `/api/cycles/${ids.cycle2019}/agencies/${ids.stp}/scores/2/appraisal`,
        headers: as("thamdinh"),
        payload: { points: 4.75, remark: null },
      });
      expect(r.statusCode).toBe(200);
    });

    it("judges overdue on 10/12/2019: the inspection due 31/10 is overdue, the task done by 30/11 is not", async () => {
      const tasks = (
        await app.inject({ url: `/api/plans/${ids.plan}/tasks`, headers: as("vp.daumoi") })
      ).json().items as { title: string; due: string | null; status: string; overdue: boolean }[];
      const overdue = tasks.filter((t) => t.overdue);
      expect(overdue.map((t) => t.due)).toEqual(["2019-10-31"]);
      const staff = tasks.find((t) => t.due === "2019-11-30")!;
      expect(staff).toMatchObject({ status: "done", overdue: false });
      expect(tasks.filter((t) => t.status === "done")).toHaveLength(2);
    });

    it("lets only the administrator move the demo's day: 401 without a session, 403 for others", async () => {
      const put = (headers: Record<string, string>, demoDate: unknown) =>
        app.inject({ method: "PUT", url: "/api/clock", headers, payload: { demoDate } });
      expect((await put({}, "2019-12-20")).statusCode).toBe(401);
      for (const user of ["snv.cchc", "vp.daumoi", "thamdinh"])
        expectError(await put(as(user), "2019-12-20"), 403, "forbidden");
      expect(await findDemoDate(get().ctx.db)).toBe("2019-12-10");
    });

    it("refuses a date that is not one, with a coded error, and changes nothing", async () => {
      const before = await countRows(get().ctx.db, "audit_log");
      for (const bad of ["31/02/2019", "2019-13-01", "hôm qua", "1999-12-31", ""])
        expectError(
          await app.inject({
            method: "PUT",
            url: "/api/clock",
            headers: as("admin"),
            payload: { demoDate: bad },
          }),
          400,
          "clock.invalid_date",
          "demoDate",
        );
      expect(await countRows(get().ctx.db, "audit_log")).toBe(before);
      expect((await app.inject({ url: "/api/clock" })).json().today).toBe("2019-12-10");
    });

    it("moves the day for the administrator, with an audit entry, and every window follows it", async () => {
      const r = await app.inject({
        method: "PUT",
        url: "/api/clock",
        headers: as("admin"),
        payload: { demoDate: "15/01/2020" },
      });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ today: "2020-01-15", demo: true });
      const audit = (
        await app.inject({ url: "/api/audit?action=clock.demo_date_moved", headers: as("admin") })
      ).json();
      expect(audit.items[0]).toMatchObject({
        action: "clock.demo_date_moved",
        before: { demoDate: "2019-12-10" },
        after: { demoDate: "2020-01-15" },
      });
      // The 2019 self-assessment closed on 31/12/2019.
      expectError(
        await app.inject({
          method: "PUT",
          url: `/api/cycles/${ids.cycle2019}/agencies/${ids.office}/scores/2`,
          headers: as("vp.daumoi"),
          payload: { points: 5 },
        }),
        409,
        "cycle.closed",
      );
      const back = await app.inject({
        method: "PUT",
        url: "/api/clock",
        headers: as("admin"),
        payload: { demoDate: "2019-12-10" },
      });
      expect(back.json().today).toBe("2019-12-10");
    });
  },
  { demoClock: true },
);

forEachEngine("the demo loaded with DEMO=off", (get) => {
  it("runs on the real date: the demo's data, not its day", async () => {
    await seedDemo(get().ctx, { passwords });
    const app = await testApp(get().ctx);
    expect((await app.inject({ url: "/api/clock" })).json()).toEqual({
      today: todayInVietnam(),
      demo: false,
    });
    const as = await signIn(app, { "vp.daumoi": PASSWORD });
    const mine = (await app.inject({ url: "/api/me/assessments", headers: as("vp.daumoi") })).json();
    expect(mine.items.find((c: { year: number }) => c.year === 2019).selfAssessmentWindow).toBe("closed");
  });
});

describe("the demo's day", () => {
  it("is inside the 2019 self-assessment window of the demo", async () => {
    const { DEMO_DAY } = await import("../../server/clock.ts");
    expect(DEMO_DAY >= "2019-12-01" && DEMO_DAY <= "2019-12-31").toBe(true);
  });
});
