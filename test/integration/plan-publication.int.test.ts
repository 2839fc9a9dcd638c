/**
 * Plan publication: a new plan is a draft that only its agency and the province read — its tasks,
 * lint, task detail and document included — until the agency's focal point publishes it; then the
 * public reads it. It is never taken back silently: unpublishing answers 409, and a withdrawal needs
 * a reason the public page shows. Refusals answer a coded 4xx and change nothing.
 */
import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { expectError, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORD = "publication-pass-1";
const DEMO_USERS = ["admin", "snv.cchc", "vp.daumoi", "vp.lanhdao", "vp.hctc"];
/** A focal point of another agency (the Department of Finance), created by the test. */
const OUTSIDER = "stc.daumoi";

interface Listed {
  id: number;
  publishedAt: string | null;
}

forEachEngine("plan publication", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let officeId: number;
  let demoPlanId: number;
  let planId: number;
  let taskId: number;
  const inject = (user: string | null, method: "GET" | "POST", url: string, payload?: object) =>
    app.inject({ method, url: `/api${url}`, headers: user ? as(user) : {}, payload });
  const publishedAt = async () =>
    (
      await get()
        .ctx.db.selectFrom("plans")
        .select("published_at")
        .where("id", "=", planId)
        .executeTakeFirstOrThrow()
    ).published_at;
  /** Every read of the plan: the plan, its lint, its tasks, one task, its document, the public page. */
  const reads = () => [
    `/plans/${planId}`,
    `/plans/${planId}/lint`,
    `/plans/${planId}/tasks`,
    `/tasks/${taskId}`,
    `/plans/${planId}/document?format=txt`,
    `/public/plans/${planId}`,
  ];
  const listed = async (user: string | null) => ({
    agency: ((await inject(user, "GET", `/agencies/${officeId}/plans`)).json().items as Listed[]).map(
      (p) => p.id,
    ),
    overview: ((await inject(user, "GET", "/public/overview")).json().plans as Listed[]).map((p) => p.id),
    publicAgency: ((await inject(user, "GET", `/public/agencies/${officeId}`)).json().plans as Listed[]).map(
      (p) => p.id,
    ),
  });

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: Object.fromEntries(DEMO_USERS.map((u) => [u, PASSWORD])) });
    app = await testApp(get().ctx);
    const admin = await signIn(app, { admin: PASSWORD });
    const agencies = (await app.inject({ url: "/api/agencies?kind=agency&limit=500" })).json().items as {
      id: number;
      code: string;
    }[];
    officeId = agencies.find((a) => a.code === "VPUBND")!.id;
    const created = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin("admin"),
      payload: {
        username: OUTSIDER,
        role: "focal_point",
        agencyId: agencies.find((a) => a.code === "STC")!.id,
        password: PASSWORD,
        displayName: "Đầu mối CCHC, Sở Tài chính",
      },
    });
    expect(created.statusCode).toBe(201);
    as = await signIn(app, Object.fromEntries([...DEMO_USERS, OUTSIDER].map((u) => [u, PASSWORD])));
    demoPlanId = (await inject(null, "GET", `/agencies/${officeId}/plans`)).json().items[0].id;
    const plan = await inject("vp.daumoi", "POST", "/plans", {
      agencyId: officeId,
      year: 2020,
      title: "Kế hoạch cải thiện Chỉ số CCHC năm 2020 (dự thảo)",
    });
    expect(plan.statusCode).toBe(201);
    planId = plan.json().id;
    const task = await inject("vp.daumoi", "POST", `/plans/${planId}/tasks`, {
      title: "Rà soát quy trình nội bộ giải quyết thủ tục hành chính",
      leadUnits: ["Phòng Hành chính – Tổ chức"],
      coordinatingUnits: [],
      targets: [],
      due: "2020-06-30",
    });
    expect(task.statusCode).toBe(201);
    taskId = task.json().id;
  });

  it("keeps a new plan a draft that only its agency and the province read", async () => {
    expect(await publishedAt()).toBeNull();
    // To anyone else a draft answers exactly as a plan that does not exist: its id tells nothing.
    for (const user of [null, OUTSIDER])
      for (const url of reads()) {
        const res = await inject(user, "GET", url);
        expectError(res, 404, "not_found");
        const missing = url.replace(/\/(plans|tasks)\/\d+/, "/$1/999999");
        expect(res.json(), url).toEqual((await inject(user, "GET", missing)).json());
      }
    // The public answers are the same for everyone, signed in or not.
    expectError(await inject("vp.daumoi", "GET", `/public/plans/${planId}`), 404, "not_found");
    for (const user of ["vp.daumoi", "vp.lanhdao", "vp.hctc", "snv.cchc", "admin"])
      for (const url of reads().slice(0, -1))
        expect((await inject(user, "GET", url)).statusCode, `${user} ${url}`).toBe(200);
    const own = (await inject("vp.hctc", "GET", `/plans/${planId}`)).json();
    expect(own).toMatchObject({ publishedAt: null, can: { edit: false, publish: false, withdraw: false } });
    expect((await inject("vp.daumoi", "GET", `/plans/${planId}`)).json().can).toEqual({
      edit: true,
      publish: true,
      withdraw: false,
    });
    // Never published: publishing would make version 1 of everything.
    expect(own.publication).toMatchObject({ versions: 0, latest: null, changes: null, pending: true });
  });

  it("lists the draft only to its agency and the province, and never on the public pages", async () => {
    for (const user of [null, OUTSIDER]) {
      const l = await listed(user);
      expect(l.agency).toEqual([demoPlanId]);
      expect(l.overview).toContain(demoPlanId);
      expect(l.overview).not.toContain(planId);
      expect(l.publicAgency).toEqual([demoPlanId]);
    }
    for (const user of ["vp.hctc", "snv.cchc"]) {
      const l = await listed(user);
      expect(l.agency).toEqual([planId, demoPlanId]);
      expect(l.overview).not.toContain(planId);
      expect(l.publicAgency).toEqual([demoPlanId]);
    }
    const items = (await inject("vp.daumoi", "GET", `/agencies/${officeId}/plans`)).json().items as Listed[];
    expect(items.find((p) => p.id === planId)!.publishedAt).toBeNull();
    expect(items.find((p) => p.id === demoPlanId)!.publishedAt).toBe("2019-09-03T01:00:00.000Z");
  });

  it("lets only the agency's focal point (and admin) publish", async () => {
    expectError(await inject(null, "POST", `/plans/${planId}/publish`), 401, "unauthenticated");
    for (const user of ["vp.hctc", "vp.lanhdao", "snv.cchc"])
      expectError(await inject(user, "POST", `/plans/${planId}/publish`), 403, "forbidden");
    // Another agency does not know the draft exists.
    expectError(await inject(OUTSIDER, "POST", `/plans/${planId}/publish`), 404, "not_found");
    expect(await publishedAt()).toBeNull();
  });

  it("shows a published plan to the public, and keeps its date when published again", async () => {
    const before = Date.now();
    const r = await inject("vp.daumoi", "POST", `/plans/${planId}/publish`);
    expect(r.statusCode).toBe(200);
    const at = r.json().publishedAt as string;
    expect(Date.parse(at)).toBeGreaterThanOrEqual(before - 1000);
    expect(r.json()).toMatchObject({ id: planId, can: { publish: true } });
    for (const url of reads()) expect((await inject(null, "GET", url)).statusCode, url).toBe(200);
    expect((await inject(OUTSIDER, "GET", `/tasks/${taskId}`)).statusCode).toBe(200);
    expect((await inject(null, "GET", `/public/plans/${planId}`)).json()).toMatchObject({
      id: planId,
      publishedAt: at,
      progress: { tasks: 1 },
    });
    const l = await listed(null);
    expect(l.agency).toEqual([planId, demoPlanId]);
    expect(l.overview).toContain(planId);
    expect(l.publicAgency).toEqual([planId, demoPlanId]);
    const items = (await inject(null, "GET", "/public/overview")).json().plans as Listed[];
    expect(items.find((p) => p.id === planId)!.publishedAt).toBe(at);
    // Publishing again (here by admin) keeps the first date.
    const again = await inject("admin", "POST", `/plans/${planId}/publish`);
    expect(again.statusCode).toBe(200);
    expect(again.json().publishedAt).toBe(at);
  });

  it("never takes a published plan back silently: unpublishing answers 409 and says how to change it", async () => {
    expectError(await inject(null, "POST", `/plans/${planId}/unpublish`), 401, "unauthenticated");
    for (const user of ["vp.hctc", "snv.cchc", OUTSIDER])
      expectError(await inject(user, "POST", `/plans/${planId}/unpublish`), 403, "forbidden");
    const e = expectError(
      await inject("vp.daumoi", "POST", `/plans/${planId}/unpublish`),
      409,
      "plan.published_versions",
    );
    expect(e.messageEn).toContain("publish a new version");
    expect(await publishedAt()).not.toBeNull();
    for (const url of reads()) expect((await inject(null, "GET", url)).statusCode, url).toBe(200);
    expect((await listed(null)).overview).toContain(planId);
  });

  it("withdraws a published plan only with a reason, which the public reads with the plan", async () => {
    const reason = "Kế hoạch được thay thế bởi Kế hoạch số 25/KH-VPUBND ngày 10/3/2020";
    for (const user of ["vp.hctc", "snv.cchc", OUTSIDER])
      expectError(await inject(user, "POST", `/plans/${planId}/withdraw`, { reason }), 403, "forbidden");
    expectError(
      await inject("vp.daumoi", "POST", `/plans/${planId}/withdraw`, { reason: "sai" }),
      400,
      "validation",
      "reason",
    );
    expectError(
      await inject("vp.daumoi", "POST", `/plans/${planId}/withdraw`, {}),
      400,
      "validation",
      "reason",
    );
    expect((await inject(null, "GET", `/public/plans/${planId}`)).json().withdrawn).toBeNull();
    const r = await inject("vp.daumoi", "POST", `/plans/${planId}/withdraw`, { reason });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ withdrawn: { reason }, can: { withdraw: false } });
    // Still on the record: the public reads the plan and why it was withdrawn.
    const pub = (await inject(null, "GET", `/public/plans/${planId}`)).json();
    expect(pub.withdrawn).toMatchObject({ reason });
    expect(Date.parse(pub.withdrawn.at)).not.toBeNaN();
    const listedPlan = (
      (await inject(null, "GET", "/public/overview")).json().plans as (Listed & {
        withdrawnAt: string | null;
      })[]
    ).find((p) => p.id === planId)!;
    expect(listedPlan.withdrawnAt).toBe(pub.withdrawn.at);
    expectError(
      await inject("vp.daumoi", "POST", `/plans/${planId}/withdraw`, { reason }),
      409,
      "plan.withdrawn",
    );
    // A draft never published has nothing to withdraw.
    const draft = await inject("vp.daumoi", "POST", "/plans", {
      agencyId: officeId,
      year: 2021,
      title: "Kế hoạch cải thiện Chỉ số CCHC năm 2021",
    });
    expectError(
      await inject("vp.daumoi", "POST", `/plans/${draft.json().id}/withdraw`, { reason }),
      409,
      "plan.not_published",
    );
    // Unpublishing a draft changes nothing.
    expect(
      (await inject("admin", "POST", `/plans/${draft.json().id}/unpublish`)).json().publishedAt,
    ).toBeNull();
    // Publishing a new version puts the plan back in force.
    const again = await inject("vp.daumoi", "POST", `/plans/${planId}/publish`, { note: "Áp dụng lại" });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ withdrawn: null, version: { version: 2, note: "Áp dụng lại" } });
    expect((await inject(null, "GET", `/public/plans/${planId}`)).json().withdrawn).toBeNull();
  });

  it("answers 404 for a plan or an agency that does not exist", async () => {
    for (const action of ["publish", "unpublish", "withdraw"])
      expectError(
        await inject(
          "vp.daumoi",
          "POST",
          `/plans/999999/${action}`,
          action === "withdraw" ? { reason: "Lý do đủ dài để rút" } : undefined,
        ),
        404,
        "not_found",
        "planId",
      );
    expectError(await inject(null, "GET", "/plans/999999"), 404, "not_found");
    expectError(await inject(null, "GET", "/agencies/999999/plans"), 404, "not_found");
    expectError(await inject("vp.daumoi", "POST", "/plans/abc/publish"), 400, "validation");
  });
});
