/**
 * A named ceiling ("không vượt quá tổng biên chế được giao") is stored by its name (migration 015:
 * value null, reference set — exactly one of them), through the task API, the demo, the plan's
 * versions and its document; a target with neither or both is refused with a coded error and
 * changes nothing.
 */
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { countRows, expectError, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORD = "reference-pass-1";
const USERS = ["vp.daumoi", "vp.hctc"];
const NAMED = {
  text: "Sử dụng biên chế công chức không vượt quá tổng biên chế được giao",
  comparator: "<=",
  reference: "tổng biên chế được giao",
};

interface Target {
  text: string;
  comparator: string;
  value: number | string | null;
  reference: string | null;
  unit: string | null;
  met?: boolean | null;
}

forEachEngine("named ceilings of measurable targets", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let officeId: number;
  let demoPlanId: number;
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
    officeId = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0].id;
    demoPlanId = (await json(null, `/agencies/${officeId}/plans`)).items[0].id;
  });

  it("the demo stores the seed's staffing ceiling by its name, not as a number, in its version and document", async () => {
    const plan = await json("vp.daumoi", `/plans/${demoPlanId}`);
    const staffing = plan.tasks.find((t: { section: string }) => t.section === "4.3");
    expect(staffing.targets).toEqual([
      expect.objectContaining({ ...NAMED, value: null, unit: null, indicator: "staff_quota_used" }),
    ]);
    // The task page cannot judge a reported number against a quantity the plan does not size.
    const task = await json("vp.daumoi", `/tasks/${staffing.id}`);
    expect(task.targets[0]).toMatchObject({ reference: NAMED.reference, value: null, met: null });
    // The published version carries the name; the draft equals it (nothing pending).
    const version = await json(null, `/plans/${demoPlanId}/versions/1`);
    const snap = JSON.stringify(version);
    expect(snap).toContain('"reference":"tổng biên chế được giao"');
    expect(plan.publication.pending).toBe(false);
    // The document prints the name whole, never a number.
    const doc = (await call(null, "GET", `/plans/${demoPlanId}/document?format=txt`)).body;
    expect(doc).toContain("không vượt quá tổng biên chế được giao");
    expect(doc).not.toMatch(/không (?:vượt )?quá 00?\b/);
    const rows = await get()
      .ctx.db.selectFrom("task_targets")
      .select(["value", "reference"])
      .where("reference", "is not", null)
      .execute();
    expect(rows).toEqual([{ value: null, reference: "tổng biên chế được giao" }]);
  });

  it("creates and edits a named target through the task API, each write audited", async () => {
    const plan = await call("vp.daumoi", "POST", "/plans", {
      agencyId: officeId,
      year: 2020,
      title: "Kế hoạch cải thiện Chỉ số CCHC năm 2020",
      areaTargets: [{ areaCode: "2", target: 5 }],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const planId = plan.json().id;
    const created = await call("vp.daumoi", "POST", `/plans/${planId}/tasks`, {
      title: "Sử dụng biên chế",
      leadUnits: ["Phòng Hành chính – Tổ chức"],
      targets: [NAMED],
    });
    expect(created.statusCode, created.body).toBe(201);
    const taskId = created.json().id;
    const t1 = (await json("vp.daumoi", `/tasks/${taskId}`)).targets as Target[];
    expect(t1).toEqual([expect.objectContaining({ ...NAMED, value: null, unit: null })]);

    // Renamed, then given a number instead: the name goes, the number is stored.
    const renamed = { ...NAMED, reference: "số biên chế được UBND tỉnh giao" };
    expect((await call("vp.daumoi", "PATCH", `/tasks/${taskId}`, { targets: [renamed] })).statusCode).toBe(
      200,
    );
    expect(((await json("vp.daumoi", `/tasks/${taskId}`)).targets as Target[])[0].reference).toBe(
      "số biên chế được UBND tỉnh giao",
    );
    const numbered = { text: NAMED.text, comparator: "<=", value: 100, unit: "%" };
    expect((await call("vp.daumoi", "PATCH", `/tasks/${taskId}`, { targets: [numbered] })).statusCode).toBe(
      200,
    );
    expect(((await json("vp.daumoi", `/tasks/${taskId}`)).targets as Target[])[0]).toMatchObject({
      value: 100,
      reference: null,
      unit: "%",
    });
    const history = (await json("vp.daumoi", `/tasks/${taskId}/history`)).items as {
      action: string;
      after: { targets?: string[] } | null;
    }[];
    expect(history.map((h) => h.after?.targets)).toEqual([
      [`${NAMED.text}: <= 100 %`],
      [`${NAMED.text}: <= số biên chế được UBND tỉnh giao`],
      [`${NAMED.text}: <= tổng biên chế được giao`],
    ]);
  });

  it("refuses a target with neither a value nor a name, or with both, and changes nothing", async () => {
    const plan = await json("vp.daumoi", `/plans/${demoPlanId}`);
    const staffing = plan.tasks.find((t: { section: string }) => t.section === "4.3");
    const before = {
      targets: await countRows(get().ctx.db, "task_targets"),
      tasks: await countRows(get().ctx.db, "tasks"),
      audit: await countRows(get().ctx.db, "audit_log"),
    };
    const neither = { text: NAMED.text, comparator: "<=" };
    const both = { ...NAMED, value: 100, unit: "%" };
    const blank = { ...NAMED, reference: "   " };
    expectError(
      await call("vp.daumoi", "PATCH", `/tasks/${staffing.id}`, { targets: [neither] }),
      400,
      "validation",
      "targets.0.value",
    );
    expectError(
      await call("vp.daumoi", "PATCH", `/tasks/${staffing.id}`, { targets: [both] }),
      400,
      "validation",
      "targets.0.reference",
    );
    expectError(
      await call("vp.daumoi", "PATCH", `/tasks/${staffing.id}`, { targets: [blank] }),
      400,
      "validation",
    );
    expectError(
      await call("vp.daumoi", "POST", `/plans/${demoPlanId}/tasks`, { title: "Mới", targets: [neither] }),
      400,
      "validation",
      "targets.0.value",
    );
    expectError(
      await call("vp.daumoi", "POST", `/plans/${demoPlanId}/tasks`, {
        title: "Mới",
        targets: [{ text: "Xong", comparator: "done_by", reference: "cuối năm" }],
      }),
      400,
      "validation",
    );
    expect({
      targets: await countRows(get().ctx.db, "task_targets"),
      tasks: await countRows(get().ctx.db, "tasks"),
      audit: await countRows(get().ctx.db, "audit_log"),
    }).toEqual(before);
    expect(((await json("vp.daumoi", `/tasks/${staffing.id}`)).targets as Target[])[0]).toMatchObject({
      reference: NAMED.reference,
      value: null,
    });
  });

  it("the database itself holds exactly one of value and reference", async () => {
    const db = get().ctx.db;
    const taskId = (await db.selectFrom("tasks").select("id").limit(1).executeTakeFirstOrThrow()).id;
    const insert = (value: string | null, reference: string | null) =>
      sql`insert into task_targets (task_id, text, comparator, value, reference)
          values (${taskId}, 'x', '<=', ${value}, ${reference})`.execute(db);
    await expect(insert(null, null)).rejects.toThrow();
    await expect(insert("1", "tổng biên chế")).rejects.toThrow();
  });
});
