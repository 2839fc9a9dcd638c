/**
 * A published plan never changes silently: edits after publication change the agency's draft; the
 * public reads the latest published version (with the tasks' live progress) until the focal point
 * publishes the next one, having been told what changes. Earlier versions stay readable.
 */
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { expectError, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORD = "versions-pass-1";
const USERS = ["admin", "snv.cchc", "vp.daumoi", "vp.hctc", "vp.qttv"];
const INSPECT = "Kiểm tra cải cách hành chính";

interface Task {
  id: number;
  title: string;
  due: string | null;
  progress: number;
  status: string;
}

forEachEngine("plan versions", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let planId: number;
  let inspectId: number;
  let officeId: number;
  const call = (user: string | null, method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
    app.inject({ method, url: `/api${url}`, headers: user ? as(user) : {}, payload });
  const json = async (user: string | null, url: string) => {
    const r = await call(user, "GET", url);
    expect(r.statusCode, url).toBe(200);
    return r.json();
  };

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: Object.fromEntries(USERS.map((u) => [u, PASSWORD])) });
    app = await testApp(get().ctx);
    as = await signIn(app, Object.fromEntries(USERS.map((u) => [u, PASSWORD])));
    const office = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0];
    officeId = office.id;
    planId = (await json(null, `/agencies/${office.id}/plans`)).items[0].id;
    inspectId = ((await json(null, `/plans/${planId}/tasks`)).items as Task[]).find(
      (t) => t.title === INSPECT,
    )!.id;
  });

  it("the demo plan is published as version 1, dated the day it was issued, with nothing pending", async () => {
    const versions = (await json(null, `/plans/${planId}/versions`)).items;
    expect(versions).toEqual([
      expect.objectContaining({
        version: 1,
        publishedAt: "2019-09-03T01:00:00.000Z",
        by: null,
        changes: null,
        tasks: 16,
      }),
    ]);
    const draft = await json("vp.daumoi", `/plans/${planId}`);
    expect(draft).toMatchObject({
      view: "draft",
      version: { version: 1 },
      publication: {
        versions: 1,
        pending: false,
        counts: { tasksAdded: 0, tasksChanged: 0, tasksRemoved: 0 },
      },
    });
    const pub = await json(null, `/plans/${planId}`);
    expect(pub).toMatchObject({ view: "published", version: { version: 1, by: null }, publication: null });
  });

  it("edits after publication change the draft only; the public keeps reading version 1 with live progress", async () => {
    const publicBefore = await json(null, `/public/plans/${planId}`);
    const docBefore = (await call(null, "GET", `/plans/${planId}/document?format=txt`)).body;
    const created = await call("vp.daumoi", "POST", `/plans/${planId}/tasks`, {
      title: "Số hóa hồ sơ công việc của Văn phòng",
      areaCode: "7",
      leadUnits: ["Trung tâm Tin học – Công báo"],
    });
    expect(created.statusCode).toBe(201);
    expect(
      (
        await call("vp.daumoi", "PATCH", `/tasks/${inspectId}`, {
          title: "Kiểm tra công tác cải cách hành chính",
        })
      ).statusCode,
    ).toBe(200);
    // The lead division moves its deadline: plan content too, so a draft change.
    expect((await call("vp.hctc", "PATCH", `/tasks/${inspectId}`, { due: "2019-11-30" })).statusCode).toBe(
      200,
    );
    // Progress is tracking: the public sees it at once.
    expect((await call("vp.hctc", "POST", `/tasks/${inspectId}/updates`, { progress: 50 })).statusCode).toBe(
      201,
    );

    const pub = await json(null, `/public/plans/${planId}`);
    expect(pub.tasks).toHaveLength(16);
    const inspect = pub.tasks.find((t: Task) => t.id === inspectId);
    expect(inspect).toMatchObject({ title: INSPECT, due: "2019-10-31", progress: 50, status: "in_progress" });
    expect(pub.targets).toEqual(publicBefore.targets);
    expect(pub.version).toMatchObject({ version: 1 });
    // The same for anyone outside the agency, through every read of the plan.
    const anon = await json(null, `/plans/${planId}`);
    expect(anon.tasks.map((t: Task) => t.title)).toEqual(publicBefore.tasks.map((t: Task) => t.title));
    expect((await json(null, `/plans/${planId}/tasks`)).items).toHaveLength(16);
    expect((await json(null, `/tasks/${inspectId}`)).title).toBe(INSPECT);
    expectError(await call(null, "GET", `/tasks/${created.json().id}`), 404, "not_found");
    expect((await call(null, "GET", `/plans/${planId}/document?format=txt`)).body).toBe(docBefore);
    // The agency reads its draft, with what publishing would change.
    const draft = await json("vp.daumoi", `/plans/${planId}`);
    expect(draft.tasks).toHaveLength(17);
    expect(draft.publication).toMatchObject({
      pending: true,
      counts: { tasksAdded: 1, tasksChanged: 1, tasksRemoved: 0, areaTargetsChanged: 0 },
    });
    expect(draft.publication.changes.tasksChanged).toEqual([
      { id: inspectId, title: "Kiểm tra công tác cải cách hành chính", fields: ["title", "due"] },
    ]);
    expect((await json("vp.qttv", `/tasks/${inspectId}`)).title).toBe(
      "Kiểm tra công tác cải cách hành chính",
    );
  });

  it("publishes version 2 only as confirmed: a draft changed since the confirmation is refused", async () => {
    const { draftHash } = (await json("vp.daumoi", `/plans/${planId}`)).publication;
    expect(
      (await call("vp.daumoi", "PATCH", `/tasks/${inspectId}`, { period: "trong tháng 11/2019" })).statusCode,
    ).toBe(200);
    expectError(
      await call("vp.daumoi", "POST", `/plans/${planId}/publish`, {
        draftHash,
        note: "Bổ sung nhiệm vụ số hóa",
      }),
      409,
      "plan.draft_changed",
      "draftHash",
    );
    expect((await json(null, `/plans/${planId}/versions`)).items).toHaveLength(1);
    for (const user of ["vp.hctc", "snv.cchc"])
      expectError(await call(user, "POST", `/plans/${planId}/publish`), 403, "forbidden");
    const fresh = (await json("vp.daumoi", `/plans/${planId}`)).publication.draftHash;
    const r = await call("vp.daumoi", "POST", `/plans/${planId}/publish`, {
      draftHash: fresh,
      note: "Bổ sung nhiệm vụ số hóa",
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      version: { version: 2, note: "Bổ sung nhiệm vụ số hóa" },
      publishedAt: "2019-09-03T01:00:00.000Z",
      publication: { pending: false, versions: 2 },
    });
    const pub = await json(null, `/public/plans/${planId}`);
    expect(pub.tasks).toHaveLength(17);
    expect(pub.version).toMatchObject({ version: 2, note: "Bổ sung nhiệm vụ số hóa" });
    expect(pub.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(pub.tasks.find((t: Task) => t.id === inspectId)).toMatchObject({
      due: "2019-11-30",
      progress: 50,
    });
    // Listed with its latest version, and the day it was first published.
    for (const list of [
      (await json(null, `/agencies/${officeId}/plans`)).items,
      (await json(null, `/public/agencies/${officeId}`)).plans,
      (await json("vp.daumoi", `/agencies/${officeId}/plans`)).items,
    ])
      expect(list[0]).toMatchObject({ id: planId, version: 2, publishedAt: "2019-09-03T01:00:00.000Z" });
    // Publishing an unchanged draft makes no version 3.
    expect((await call("vp.daumoi", "POST", `/plans/${planId}/publish`)).json().version.version).toBe(2);
    const versions = (await json(null, `/plans/${planId}/versions`)).items;
    expect(versions[0]).toMatchObject({ version: 2, by: null, changes: { tasksAdded: 1, tasksChanged: 1 } });
    expect((await json("vp.daumoi", `/plans/${planId}/versions`)).items[0].by).toBe(
      "Đầu mối CCHC, VP UBND tỉnh",
    );
  });

  it("earlier versions stay readable by anyone: the plan, the public page and the document", async () => {
    const v1 = await json(null, `/plans/${planId}/versions/1`);
    expect(v1).toMatchObject({ view: "published", version: { version: 1 } });
    expect(v1.tasks).toHaveLength(16);
    expect(v1.tasks.find((t: Task) => t.id === inspectId).title).toBe(INSPECT);
    const pub1 = await json(null, `/public/plans/${planId}/versions/1`);
    expect(pub1.tasks).toHaveLength(16);
    expect(pub1.version.version).toBe(1);
    const doc1 = await call(null, "GET", `/plans/${planId}/document?format=txt&version=1`);
    expect(doc1.body).toContain(INSPECT);
    expect(doc1.headers["content-disposition"]).toContain("1994-KH-VPUBND-v1.txt");
    expect((await call(null, "GET", `/plans/${planId}/document?format=txt`)).body).toContain(
      "Kiểm tra công tác cải cách hành chính",
    );
    expectError(await call(null, "GET", `/plans/${planId}/versions/9`), 404, "plan.no_version", "version");
    expectError(await call(null, "GET", `/public/plans/${planId}/versions/9`), 404, "plan.no_version");
  });

  it("a stored version cannot be rewritten, even by SQL", async () => {
    await expect(
      sql`update plan_versions set note = 'rewritten' where plan_id = ${planId}`.execute(get().ctx.db),
    ).rejects.toThrow(/immutable/);
  });

  it("records each publication in the plan's history, with who published, the version and its note", async () => {
    const items = (await json("vp.daumoi", `/plans/${planId}/history`)).items as {
      action: string;
      after: Record<string, unknown> | null;
      note: string | null;
      by: string | null;
    }[];
    const published = items.filter((i) => i.action === "plan.published");
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      by: "Đầu mối CCHC, VP UBND tỉnh",
      note: "Bổ sung nhiệm vụ số hóa",
      after: { version: 2, changes: { tasksAdded: 1, tasksChanged: 1 } },
    });
  });
});
