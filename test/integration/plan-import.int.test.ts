/**
 * Plan documents through the API: a focal point reads a document (file or pasted text) into a plan
 * for review — matched to the agency's units and framework, nothing stored — and anyone can
 * download a plan as DOCX, PDF or text in the official layout.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { importPlanText } from "../../core/plan-import/index.ts";
import { seedDemo } from "../../demo/load.ts";
import { documentText } from "../../server/documents/plan-source.ts";
import { countRows, expectError, multipart, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORDS = { "vp.daumoi": "daumoi-password-1", "vp.hctc": "hctc-password-1" };
const SEED = fs.readFileSync(path.resolve("test/fixtures/plans/quangnam-1994-kh-vpubnd-2019.txt"));

forEachEngine("plan documents in and out", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let officeId: number;
  let planId: number;

  const upload = (user: string, filename: string, content: Buffer) => {
    const m = multipart([{ name: "file", filename, content }]);
    return app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/plans/import`,
      payload: m.payload,
      headers: { ...m.headers, ...as(user) },
    });
  };

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: PASSWORDS });
    app = await testApp(get().ctx);
    as = await signIn(app, PASSWORDS);
    officeId = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0].id;
    planId = (await app.inject({ url: `/api/agencies/${officeId}/plans` })).json().items[0].id;
  });

  it("reads the seed into a plan matched to the Office's units and areas, storing nothing", async () => {
    const before = await countRows(get().ctx.db, "tasks");
    const r = await upload("vp.daumoi", "1994.txt", SEED);
    expect(r.statusCode).toBe(200);
    const { plan } = r.json();
    expect(plan.document).toMatchObject({ number: "1994", code: "KH-VPUBND", date: "2019-09-03" });
    expect(plan.tasks).toHaveLength(16);
    expect(plan.tasks[0].leadUnits).toEqual(["Phòng Hành chính – Tổ chức"]);
    expect(plan.areaTargets.map((a: { area: string }) => a.area)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
    ]);
    expect(plan.warnings.some((w: { code: string }) => w.code === "unit_near_miss")).toBe(true);
    expect(await countRows(get().ctx.db, "tasks")).toBe(before);
  });

  it("reads pasted text the same way", async () => {
    const r = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/plans/import`,
      payload: { text: SEED.toString("utf8") },
      headers: as("vp.daumoi"),
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().plan.tasks).toHaveLength(16);
  });

  it("refuses a binary file, an empty paste and a division user, each clearly", async () => {
    expectError(
      await upload("vp.daumoi", "x.docx", Buffer.from("PK\u0003\u0004not really a zip", "latin1")),
      400,
      "import.bad_docx",
      "file",
    );
    expectError(await upload("vp.daumoi", "x.txt", Buffer.alloc(0)), 400, "import.empty", "file");
    const empty = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/plans/import`,
      payload: { text: "" },
      headers: as("vp.daumoi"),
    });
    expectError(empty, 400, "import.no_text", "text");
    expectError(await upload("vp.hctc", "1994.txt", SEED), 403, "forbidden");
    expectError(
      await app.inject({
        method: "POST",
        url: `/api/agencies/${officeId}/plans/import`,
        payload: { text: "x" },
      }),
      401,
      "unauthenticated",
    );
  });

  it("downloads the demo plan as Word, which reads back into the same plan", async () => {
    const r = await app.inject({ url: `/api/plans/${planId}/document?format=docx` });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain("wordprocessingml");
    expect(r.headers["content-disposition"]).toContain("1994-KH-VPUBND.docx");
    const { text } = await documentText(r.rawPayload, "plan.docx");
    const back = importPlanText(text);
    expect(back.document).toMatchObject({
      number: "1994",
      code: "KH-VPUBND",
      date: "2019-09-03",
      place: "Quảng Nam",
    });
    expect(back.tasks).toHaveLength(16);
    expect(back.totals).toMatchObject({ max: 93, target: 86.5 });
    expect(back.document.references[0]).toMatchObject({
      number: "4183",
      code: "KH-UBND",
      date: "2019-07-17",
    });
  });

  it("downloads PDF and text, and refuses an unknown format or plan", async () => {
    const pdf = await app.inject({ url: `/api/plans/${planId}/document?format=pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const txt = await app.inject({ url: `/api/plans/${planId}/document?format=txt` });
    expect(txt.body).toContain("KẾ HOẠCH");
    expect(txt.body).toContain("Quảng Nam, ngày 03 tháng 9 năm 2019");
    expectError(
      await app.inject({ url: `/api/plans/${planId}/document?format=odt` }),
      400,
      "validation",
      "format",
    );
    expectError(await app.inject({ url: "/api/plans/999999/document" }), 404, "not_found");
  });
});
