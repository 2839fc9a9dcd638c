/**
 * Plan documents through the API: a focal point reads a document (file or pasted text) into a plan
 * for review — matched to the agency's units and framework, nothing stored — and anyone can
 * download a plan as DOCX, PDF or text in the official layout.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { normalizeText } from "../../core/locale.ts";
import { importPlanText } from "../../core/plan-import/index.ts";
import { seedDemo } from "../../demo/load.ts";
import { documentText } from "../../server/documents/plan-source.ts";
import { countRows, expectError, multipart, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORDS = { "vp.daumoi": "daumoi-password-1", "vp.hctc": "hctc-password-1" };
const SEED = fs.readFileSync(path.resolve("test/fixtures/plans/quangnam-1994-kh-vpubnd-2019.txt"));
/** The web page states no signer; the same plan with its signature block after the last paragraph. */
const SIGNER = { authority: "KT. CHÁNH VĂN PHÒNG", position: "PHÓ CHÁNH VĂN PHÒNG", name: "Nguyễn Văn An" };
const SIGNED = Buffer.from(
  SEED.toString("utf8").replace(
    "(lồng ghép trong báo cáo cải cách hành chính)./.",
    `$&\n\n${SIGNER.authority}\n${SIGNER.position}\n\n${SIGNER.name}\n`,
  ),
);

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

  /** The body the import screen sends after review, built from the importer's answer. */
  async function reviewed(year: number, text = SEED) {
    const { plan } = (await upload("vp.daumoi", "1994.txt", text)).json();
    const d = plan.document;
    return {
      year,
      document: {
        number: d.number,
        code: d.code,
        issuedOn: d.date,
        place: d.place,
        title: d.title,
        implements: "Kế hoạch số 4183/KH-UBND ngày 17/7/2019 của UBND tỉnh",
        signer: d.signer
          ? { authority: d.signerAuthority, position: d.signerPosition ?? "", name: d.signer }
          : null,
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
      ),
    };
  }
  const accept = (user: string, body: unknown) =>
    app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/plans/import/accept`,
      payload: body as object,
      headers: as(user),
    });

  it("accepting a reviewed import creates the year's plan, with every task and its units", async () => {
    const r = await accept("vp.daumoi", await reviewed(2020, SIGNED));
    expect(r.statusCode).toBe(200);
    const res = r.json();
    expect(res.created).toBe(true);
    expect(res.changes).toMatchObject({
      areaTargets: 8,
      tasksAdded: 16,
      tasksUpdated: 0,
      tasksNotInDocument: 0,
    });
    // The imported plan is a draft: the agency reads it, the public not yet.
    expectError(await app.inject({ url: `/api/plans/${res.planId}` }), 404, "not_found");
    const plan = (await app.inject({ url: `/api/plans/${res.planId}`, headers: as("vp.daumoi") })).json();
    expect(plan.publishedAt).toBeNull();
    expect(plan.year).toBe(2020);
    expect(plan.number).toBe("1994");
    expect(plan.tasks).toHaveLength(16);
    expect(plan.tasks[1]).toMatchObject({ title: "Kiểm tra cải cách hành chính", due: "2019-10-31" });
    expect(plan.tasks[4].leadUnits.map((u: { name: string }) => u.name)).toEqual([
      "Phòng Hành chính – Tổ chức",
      "Phòng Nội chính",
      "Phòng Quản trị – Tài vụ",
      "Phòng Kiểm soát thủ tục hành chính",
    ]);
    expect(plan.targets.points).toBe(86.5);
    // The signature block read from the document is stored with the plan.
    expect(plan.signer).toEqual(SIGNER);
    // Accepting the same document again changes nothing.
    const again = (await accept("vp.daumoi", await reviewed(2020, SIGNED))).json();
    expect(again).toMatchObject({
      created: false,
      changes: { fields: [], areaTargets: 0, tasksAdded: 0, tasksUpdated: 0, tasksUnchanged: 16 },
    });
    // A document that does not state its signer (the web page) keeps the stored one.
    const unsigned = await reviewed(2020);
    expect(unsigned.document.signer).toBeNull();
    expect((await accept("vp.daumoi", unsigned)).json().changes.fields).toEqual([]);
    const kept = (await app.inject({ url: `/api/plans/${res.planId}`, headers: as("vp.daumoi") })).json();
    expect(kept.signer).toEqual(SIGNER);
  });

  it("prints the stored signer in the exported document's signature block", async () => {
    const { items } = (
      await app.inject({ url: `/api/agencies/${officeId}/plans`, headers: as("vp.daumoi") })
    ).json();
    const id = items.find((p: { year: number }) => p.year === 2020).id;
    const txt = await app.inject({
      url: `/api/plans/${id}/document?format=txt`,
      headers: as("vp.daumoi"),
    });
    expect(txt.statusCode).toBe(200);
    const lines = txt.body.split("\n");
    const at = lines.indexOf(SIGNER.authority);
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe(SIGNER.position);
    expect(lines.slice(at + 2, at + 4)).toContain(SIGNER.name);
  });

  it("accepting into the existing 2019 plan updates it and says what changed", async () => {
    const { publishedAt } = (await app.inject({ url: `/api/plans/${planId}` })).json();
    expect(publishedAt).not.toBeNull();
    const body = await reviewed(2019);
    body.tasks[1].due = "2019-11-15";
    const res = (await accept("vp.daumoi", body)).json();
    expect(res.created).toBe(false);
    const c = res.changes;
    expect(c.tasksAdded + c.tasksUpdated + c.tasksUnchanged).toBe(16);
    expect(c.tasksUpdated).toBeGreaterThanOrEqual(1);
    expect(c.tasksNotInDocument).toBe(16 - c.tasksUpdated - c.tasksUnchanged);
    // The published plan stays published, with its date; the change is in the agency's draft only.
    const plan = (await app.inject({ url: `/api/plans/${planId}`, headers: as("vp.daumoi") })).json();
    expect(plan.publishedAt).toBe(publishedAt);
    expect(plan.tasks.find((t: { title: string }) => t.title === "Kiểm tra cải cách hành chính").due).toBe(
      "2019-11-15",
    );
    const pub = (await app.inject({ url: `/api/plans/${planId}` })).json();
    expect(pub.tasks.find((t: { title: string }) => t.title === "Kiểm tra cải cách hành chính").due).toBe(
      "2019-10-31",
    );
  });

  it("a bad unit, an area target above its max or a division user writes nothing", async () => {
    const before = [await countRows(get().ctx.db, "plans"), await countRows(get().ctx.db, "tasks")];
    const badUnit = await reviewed(2020);
    badUnit.tasks[0].leadUnits = ["Phòng Không Có"];
    expectError(await accept("vp.daumoi", badUnit), 400, "plan.unknown_unit", "tasks.0.leadUnits");
    const aboveMax = await reviewed(2020);
    aboveMax.areaTargets[0].target = 99;
    expectError(await accept("vp.daumoi", aboveMax), 400, "plan.target_above_max", "areaTargets.0.target");
    const badArea = await reviewed(2020);
    badArea.tasks[3].areaCode = "99";
    expectError(await accept("vp.daumoi", badArea), 400, "plan.unknown_area", "tasks.3.areaCode");
    const badDates = await reviewed(2020);
    Object.assign(badDates.tasks[1], { startsOn: "2019-12-01", due: "2019-10-31" });
    expectError(await accept("vp.daumoi", badDates), 400, "task.bad_dates", "tasks.1.due");
    const badSigner = await reviewed(2022, SIGNED);
    badSigner.document.signer = { ...SIGNER, name: "N".repeat(500) };
    expectError(await accept("vp.daumoi", badSigner), 400, "validation", "document.signer.name");
    expectError(await accept("vp.hctc", await reviewed(2020)), 403, "forbidden");
    expectError(await accept("vp.daumoi", { year: 2021 }), 400, "validation");
    expect([await countRows(get().ctx.db, "plans"), await countRows(get().ctx.db, "tasks")]).toEqual(before);
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
    const stored = (await app.inject({ url: `/api/plans/${planId}` })).json();
    expect(back.tasks.map((t) => t.title)).toEqual(
      // Tasks are written grouped by area, in the framework's order, then those without an area.
      [
        ...["1", "2", "3", "4", "5", "6", "7", "8"].flatMap((a) =>
          stored.tasks.filter((t: { areaCode: string }) => t.areaCode === a),
        ),
        ...stored.tasks.filter((t: { areaCode: string | null }) => t.areaCode === null),
      ].map((t: { title: string }) => normalizeText(t.title)),
    );
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
