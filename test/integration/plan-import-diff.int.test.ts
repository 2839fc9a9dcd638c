/**
 * Importing a plan document into a plan that exists is a reviewed diff: the document's tasks are
 * matched to the stored ones (wording may differ), nothing is duplicated, each task is unchanged,
 * changed field by field, new or removed, and removed tasks are kept unless the reviewer removes
 * them (never one with updates). Accepting into a published plan changes its draft only: the public
 * plan and its document stay as published until the focal point publishes a new version.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { countRows, expectError, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORDS = { "vp.daumoi": "daumoi-password-1", "vp.hctc": "hctc-password-1" };
const SEED = fs.readFileSync(path.resolve("test/fixtures/plans/quangnam-1994-kh-vpubnd-2019.txt"), "utf8");
const INSPECT = "Kiểm tra cải cách hành chính";

interface DiffTask {
  kind: "unchanged" | "changed" | "new" | "removed";
  index: number | null;
  taskId: number | null;
  title: string;
  changes: { field: string; before: unknown; after: unknown }[];
  updates: number;
  remove: boolean;
}

forEachEngine("plan import into an existing plan", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let officeId: number;
  let planId: number;
  const post = (url: string, payload: unknown, user = "vp.daumoi") =>
    app.inject({ method: "POST", url: `/api${url}`, payload: payload as object, headers: as(user) });
  const read = async (url: string, user?: string) => {
    const r = await app.inject({ url: `/api${url}`, headers: user ? as(user) : {} });
    expect(r.statusCode, url).toBe(200);
    return r;
  };

  /** The body the import screen sends for the seed, as the reviewer left it. */
  async function reviewed() {
    const { plan } = (await post(`/agencies/${officeId}/plans/import`, { text: SEED })).json();
    return {
      year: 2019,
      document: {
        number: plan.document.number,
        code: plan.document.code,
        issuedOn: plan.document.date,
        place: plan.document.place,
        title: plan.document.title,
      },
      overallTarget: plan.overallTarget && {
        percentAtLeast: plan.overallTarget.percentAtLeast,
        rankGainMin: plan.overallTarget.rankGainMin,
        rankGainMax: plan.overallTarget.rankGainMax,
      },
      areaTargets: plan.areaTargets.map((a: { area: string; target: number; kept: boolean }) => ({
        areaCode: a.area,
        target: a.target,
        kept: a.kept,
      })),
      tasks: plan.tasks.map(
        (t: {
          section: string;
          title: string;
          text: string;
          area: string | null;
          startsOn: string | null;
          due: string | null;
          period: string | null;
          leadUnits: string[];
          coordinatingUnits: string[];
          targets: {
            text: string;
            comparator: string;
            value: number | null;
            reference?: string | null;
            unit: string | null;
          }[];
        }) => ({
          section: t.section,
          title: t.title,
          body: t.text,
          areaCode: t.area,
          startsOn: t.startsOn,
          due: t.due,
          period: t.period ?? null,
          leadUnits: t.leadUnits,
          coordinatingUnits: t.coordinatingUnits,
          // A named ceiling ("tổng biên chế được giao") has no number: it is stored by its name.
          targets: t.targets.map((x) => ({
            text: x.text,
            comparator: x.comparator,
            value: x.value,
            ...(x.value === null ? { reference: x.reference } : {}),
            unit: x.unit,
          })),
        }),
      ) as { title: string; match?: number | null; due: string | null }[],
      remove: [] as number[],
    };
  }

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: PASSWORDS });
    app = await testApp(get().ctx);
    as = await signIn(app, PASSWORDS);
    officeId = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0].id;
    planId = (await app.inject({ url: `/api/agencies/${officeId}/plans` })).json().items[0].id;
  });

  it("previews the seed against the demo's published plan: the same 16 tasks, no new, no removed, and what differs", async () => {
    const before = await countRows(get().ctx.db, "tasks");
    const diff = (await post(`/agencies/${officeId}/plans/import/preview`, await reviewed())).json();
    expect(diff).toMatchObject({ planId, published: true });
    const tasks = diff.tasks as DiffTask[];
    expect(tasks).toHaveLength(16);
    expect(tasks.filter((t) => t.kind === "new" || t.kind === "removed")).toEqual([]);
    expect(new Set(tasks.map((t) => t.taskId)).size).toBe(16);
    expect(diff.counts).toMatchObject({ added: 0, removed: 0, kept: 0 });
    expect(diff.counts.unchanged + diff.counts.changed).toBe(16);
    // Field by field: the document's first sentence of 4.3 is not the demo's editorial title.
    const staffing = tasks.find((t) => t.title.startsWith("Thực hiện đầy đủ các quy định"))!;
    expect(staffing.kind).toBe("changed");
    expect(staffing.changes.find((c) => c.field === "title")).toMatchObject({
      before: "Sắp xếp tổ chức bộ máy, kiện toàn chức năng nhiệm vụ, sử dụng biên chế",
    });
    // A title ends before its bracketed remark, whole: "Tham gia Hội thi …" is the demo's title.
    const contest = tasks.find((t) => t.title.startsWith("Tham gia Hội thi"))!;
    expect(contest.changes.map((c) => c.field)).not.toContain("title");
    const inspect = tasks.find((t) => t.title === INSPECT)!;
    expect(inspect.changes.map((c) => c.field)).not.toContain("title");
    expect(inspect.changes.map((c) => c.field)).not.toContain("due");
    expect(await countRows(get().ctx.db, "tasks")).toBe(before);
  });

  it("accepting creates no duplicate, keeps indicators, and leaves the public plan and its document as published", async () => {
    const publicBefore = (await read(`/public/plans/${planId}`)).json();
    const docBefore = (await read(`/plans/${planId}/document?format=txt`)).body;
    const anonBefore = (await read(`/plans/${planId}`)).json();
    const r = await post(`/agencies/${officeId}/plans/import/accept`, await reviewed());
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      planId,
      created: false,
      published: true,
      changes: { tasksAdded: 0, tasksNotInDocument: 0, tasksRemoved: 0 },
    });
    const draft = (await read(`/plans/${planId}`, "vp.daumoi")).json();
    expect(draft.tasks).toHaveLength(16);
    expect(draft.view).toBe("draft");
    // The indicator codes the document does not name survive.
    expect(draft.tasks.find((t: { title: string }) => t.title === INSPECT).targets[0].indicator).toBe(
      "units_inspected",
    );
    // Unit groups keep the divisions they were resolved to.
    expect(draft.lint.filter((i: { rule: string }) => i.rule === "unresolved_group")).toEqual([]);
    expect(draft.publication).toMatchObject({ pending: true, counts: { tasksAdded: 0, tasksRemoved: 0 } });
    expect(draft.publication.counts.tasksChanged).toBeGreaterThan(0);
    // The public reads what was published, to the byte.
    expect((await read(`/public/plans/${planId}`)).json()).toEqual(publicBefore);
    expect((await read(`/plans/${planId}/document?format=txt`)).body).toBe(docBefore);
    expect((await read(`/plans/${planId}`)).json()).toEqual(anonBefore);
    // The lists name the plan as published too; the agency's own list, as its draft says.
    expect(draft.title).not.toBe(anonBefore.title);
    expect((await read(`/agencies/${officeId}/plans`)).json().items[0].title).toBe(anonBefore.title);
    expect((await read(`/public/agencies/${officeId}`)).json().plans[0].title).toBe(anonBefore.title);
    expect((await read("/public/overview")).json().plans[0].title).toBe(anonBefore.title);
    expect((await read(`/agencies/${officeId}/plans`, "vp.daumoi")).json().items[0].title).toBe(draft.title);
    // Accepting the same document again: nothing left to change.
    const again = (await post(`/agencies/${officeId}/plans/import/preview`, await reviewed())).json();
    expect(again.counts).toEqual({ unchanged: 16, changed: 0, added: 0, removed: 0, kept: 0 });
    // Once published, the public reads the imported wording.
    const published = await post(`/plans/${planId}/publish`, { draftHash: draft.publication.draftHash });
    expect(published.statusCode).toBe(200);
    expect(published.json().version.version).toBe(2);
    const after = (await read(`/public/plans/${planId}`)).json();
    expect(after.tasks).toHaveLength(16);
    expect(after.tasks.map((t: { title: string }) => t.title)).toContain(
      draft.tasks.find((t: { title: string }) => t.title.startsWith("Tham gia Hội thi")).title,
    );
    expect((await read(`/plans/${planId}/document?format=txt`)).body).not.toBe(docBefore);
    expect((await read(`/plans/${planId}/document?format=txt&version=1`)).body).toBe(docBefore);
  });

  it("a task the document no longer has is kept, unless the reviewer removes it; one with updates never is", async () => {
    const body = await reviewed();
    const dropped = body.tasks.splice(15, 1)[0];
    const droppedToo = body.tasks.splice(1, 1)[0];
    expect(droppedToo.title).toBe(INSPECT);
    const diff = (await post(`/agencies/${officeId}/plans/import/preview`, body)).json();
    const removed = (diff.tasks as DiffTask[]).filter((t) => t.kind === "removed");
    // The draft has the document's wording since the last import: the titles are the document's.
    expect(removed.map((t) => t.title).sort()).toEqual([INSPECT, dropped.title].sort());
    expect(removed.every((t) => !t.remove)).toBe(true);
    expect(diff.counts).toMatchObject({ removed: 0, kept: 2 });
    expect(dropped.title).toMatch(/theo dõi, đôn đốc/);
    // A division's update on one of them: that one cannot be removed.
    const inspectId = removed.find((t) => t.title === INSPECT)!.taskId!;
    const followId = removed.find((t) => t.title !== INSPECT)!.taskId!;
    expect((await post(`/tasks/${inspectId}/updates`, { progress: 30 }, "vp.hctc")).statusCode).toBe(201);
    const before = await countRows(get().ctx.db, "tasks");
    expectError(
      await post(`/agencies/${officeId}/plans/import/accept`, { ...body, remove: [inspectId, followId] }),
      409,
      "import.task_has_updates",
      "remove",
    );
    expectError(
      await post(`/agencies/${officeId}/plans/import/accept`, {
        ...body,
        remove: [body.tasks.length + 999_999],
      }),
      400,
      "import.bad_remove",
      "remove",
    );
    expect(await countRows(get().ctx.db, "tasks")).toBe(before);
    const preview = (
      await post(`/agencies/${officeId}/plans/import/preview`, { ...body, remove: [followId] })
    ).json();
    expect(preview.counts).toMatchObject({ removed: 1, kept: 1, added: 0 });
    const ok = await post(`/agencies/${officeId}/plans/import/accept`, { ...body, remove: [followId] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().changes).toMatchObject({ tasksRemoved: 1, tasksNotInDocument: 1, tasksAdded: 0 });
    expect(await countRows(get().ctx.db, "tasks")).toBe(before - 1);
    const draft = (await read(`/plans/${planId}`, "vp.daumoi")).json();
    expect(draft.tasks.map((t: { id: number }) => t.id)).not.toContain(followId);
    expect(draft.tasks.map((t: { id: number }) => t.id)).toContain(inspectId);
    expect(draft.publication.counts.tasksRemoved).toBe(1);
    // Still published as it was: the removed task is on the public page until a new version.
    expect((await read(`/public/plans/${planId}`)).json().tasks.map((t: { id: number }) => t.id)).toContain(
      followId,
    );
  });

  it("the reviewer may pair a task by hand or call it new; a pairing that does not exist is refused", async () => {
    const body = await reviewed();
    const diff = (await post(`/agencies/${officeId}/plans/import/preview`, body)).json();
    const first = (diff.tasks as DiffTask[]).find((t) => t.index === 0)!;
    body.tasks[0].match = null;
    const asNew = (await post(`/agencies/${officeId}/plans/import/preview`, body)).json();
    expect((asNew.tasks as DiffTask[]).find((t) => t.index === 0)).toMatchObject({
      kind: "new",
      taskId: null,
    });
    expect(
      (asNew.tasks as DiffTask[]).find((t) => t.kind === "removed" && t.taskId === first.taskId),
    ).toBeTruthy();
    body.tasks[0].match = 999_999;
    expectError(
      await post(`/agencies/${officeId}/plans/import/preview`, body),
      400,
      "import.bad_match",
      "tasks.0.match",
    );
    body.tasks[0].match = first.taskId;
    body.tasks[1].match = first.taskId;
    expectError(
      await post(`/agencies/${officeId}/plans/import/preview`, body),
      400,
      "import.bad_match",
      "tasks.1.match",
    );
    expectError(
      await post(`/agencies/${officeId}/plans/import/preview`, await reviewed(), "vp.hctc"),
      403,
      "forbidden",
    );
  });

  it("records the import in the plan's history: the import, each task changed, each task removed", async () => {
    const items = (await read(`/plans/${planId}/history`, "vp.daumoi")).json().items as {
      action: string;
      entity: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];
    const actions = items.map((i) => i.action);
    expect(actions).toContain("plan.imported");
    expect(actions).toContain("task.updated");
    expect(actions).toContain("task.removed");
    expect(actions).toContain("plan.published");
    const change = items.find((i) => i.action === "task.updated" && i.after && "title" in i.after)!;
    expect(Object.keys(change.before!)).toEqual(Object.keys(change.after!));
    expectError(await app.inject({ url: `/api/plans/${planId}/history` }), 401, "unauthenticated");
  });
});
