/** A division reports progress with a file from the phone form (multipart), and bad files change nothing. */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { countRows, expectError, multipart, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORDS = { "vp.hctc": "hctc-password-1", "vp.qttv": "qttv-password-1" };
const PDF = Buffer.from("%PDF-1.4\n%%EOF\n", "latin1");

forEachEngine("task updates with evidence files", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let taskId: number;
  const files = () => {
    const dir = path.join(get().ctx.config.dataDir, "files");
    return fs.existsSync(dir)
      ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).includes("."))
      : [];
  };
  const post = (user: string, data: object, file?: { filename: string; content: Buffer }) =>
    app.inject({
      method: "POST",
      url: `/api/tasks/${taskId}/updates`,
      ...(() => {
        const m = multipart([
          { name: "data", value: JSON.stringify(data) },
          ...(file ? [{ name: "file", ...file }] : []),
        ]);
        return { payload: m.payload, headers: { ...m.headers, ...as(user) } };
      })(),
    });

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: PASSWORDS });
    app = await testApp(get().ctx);
    as = await signIn(app, PASSWORDS);
    const office = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0];
    const planId = (await app.inject({ url: `/api/agencies/${office.id}/plans` })).json().items[0].id;
    const tasks = (await app.inject({ url: `/api/plans/${planId}/tasks` })).json().items;
    taskId = tasks.find((t: { title: string }) => t.title === "Kiểm tra cải cách hành chính").id;
  });

  it("stores the file with the update and lists it on the task", async () => {
    const r = await post(
      "vp.hctc",
      { progress: 40, note: "Đã kiểm tra 2/7 đơn vị" },
      { filename: "bien-ban.pdf", content: PDF },
    );
    expect(r.statusCode).toBe(201);
    const t = (await app.inject({ url: `/api/tasks/${taskId}`, headers: as("vp.hctc") })).json();
    expect(t.progress).toBe(40);
    expect(t.status).toBe("in_progress");
    expect(t.updates.at(-1)).toMatchObject({
      progress: 40,
      note: "Đã kiểm tra 2/7 đơn vị",
      unit: "Phòng Hành chính – Tổ chức",
    });
    expect(t.updates.at(-1).evidence).toEqual([
      expect.objectContaining({ kind: "file", fileName: "bien-ban.pdf" }),
    ]);
    expect(files()).toHaveLength(1);
  });

  it("rejects a file that is not what its name says, an invalid update and a second file, keeping nothing", async () => {
    const before = { updates: await countRows(get().ctx.db, "task_updates"), files: files().length };
    expectError(
      await post(
        "vp.hctc",
        { progress: 50 },
        { filename: "bien-ban.pdf", content: Buffer.from("not a pdf") },
      ),
      415,
      "upload.bad_type",
      "file",
    );
    expectError(
      await post("vp.hctc", { progress: 150 }, { filename: "bien-ban.pdf", content: PDF }),
      400,
      "validation",
      "progress",
    );
    const two = multipart([
      { name: "data", value: "{}" },
      { name: "file", filename: "a.pdf", content: PDF },
      { name: "file", filename: "b.pdf", content: PDF },
    ]);
    const r = await app.inject({
      method: "POST",
      url: `/api/tasks/${taskId}/updates`,
      payload: two.payload,
      headers: { ...two.headers, ...as("vp.hctc") },
    });
    expectError(r, 400, "upload.too_many", "file");
    const bad = multipart([{ name: "data", value: "{progress" }]);
    const r2 = await app.inject({
      method: "POST",
      url: `/api/tasks/${taskId}/updates`,
      payload: bad.payload,
      headers: { ...bad.headers, ...as("vp.hctc") },
    });
    expectError(r2, 400, "validation", "data");
    expect(await countRows(get().ctx.db, "task_updates")).toBe(before.updates);
    expect(files()).toHaveLength(before.files);
  });
});
