/**
 * What the self-assessment and appraisal pages need beyond the core scores API: the caller's cycles
 * and appraisals, the windows enforced by date, score history, task evidence attached to a
 * criterion, evidence removal, and evidence files served inline or as downloads by type.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { todayInVietnam } from "../../core/locale.ts";
import { seedDemo } from "../../demo/load.ts";
import * as cycles from "../../server/modules/cycles/repository.ts";
import { completeSelfAssessment, countRows, expectError, multipart, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORD = "web-password-1";
const USERS = ["admin", "snv.cchc", "thamdinh", "vp.daumoi", "vp.lanhdao", "vp.hctc"];
const PDF = Buffer.from("%PDF-1.4\n%%EOF\n", "latin1");
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489" +
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082",
  "hex",
);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("....word/document.xml")]);

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

forEachEngine("scores API for the self-assessment and appraisal pages", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let officeId: number;
  let cycleId: number;
  let cycle2019: number;
  let base: string;
  let thamdinhId: number;
  let taskEvidenceId: number;
  let taskPngId: number;

  const scores = async (user = "vp.daumoi", url = base) => {
    const r = await app.inject({ url: `/api${url}/scores`, headers: as(user) });
    expect(r.statusCode).toBe(200);
    return r.json();
  };
  const node = async (code: string, user = "vp.daumoi") =>
    (await scores(user)).nodes.find((n: { code: string }) => n.code === code);
  const call = (user: string, method: string, url: string, payload?: object) =>
    app.inject({ method: method as "GET", url: `/api${url}`, headers: as(user), payload });
  const files = () => {
    const dir = path.join(get().ctx.config.dataDir, "files");
    return fs.existsSync(dir)
      ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).includes("."))
      : [];
  };
  const upload = (code: string, filename: string, content: Buffer, user = "vp.daumoi") => {
    const m = multipart([
      { name: "note", value: filename },
      { name: "file", filename, content },
    ]);
    return app.inject({
      method: "POST",
      url: `/api${base}/scores/${code}/evidence`,
      headers: { ...as(user), ...m.headers },
      payload: m.payload,
    });
  };

  beforeAll(async () => {
    const ctx = get().ctx;
    await seedDemo(ctx, { passwords: Object.fromEntries(USERS.map((u) => [u, PASSWORD])) });
    app = await testApp(ctx);
    as = await signIn(app, Object.fromEntries(USERS.map((u) => [u, PASSWORD])));
    const agencies = (await app.inject({ url: "/api/agencies?kind=agency&limit=500" })).json().items;
    officeId = agencies.find((a: { code: string }) => a.code === "VPUBND").id;
    const provinceId = (await app.inject({ url: "/api/agencies?kind=province" }))
      .json()
      .items.find((a: { code: string }) => a.code === "QNAM").id;
    const all = (await call("snv.cchc", "GET", "/cycles")).json().items;
    const c2019 = all.find((c: { year: number }) => c.year === 2019);
    cycle2019 = c2019.id;
    const today = todayInVietnam();
    const created = await call("snv.cchc", "POST", "/cycles", {
      year: 2033,
      frameworkId: c2019.frameworkId,
      provinceId,
      group: c2019.group,
      selfAssessmentOpens: addDays(today, -5),
      selfAssessmentCloses: addDays(today, 20),
      appraisalCloses: addDays(today, 40),
      agencyIds: [officeId],
    });
    expect(created.statusCode).toBe(201);
    cycleId = created.json().id;
    base = `/cycles/${cycleId}/agencies/${officeId}`;
    thamdinhId = (await call("admin", "GET", "/users"))
      .json()
      .items.find((u: { username: string }) => u.username === "thamdinh").id;
    // A division posts two updates with evidence on a task of the Office's plan.
    const planId = (await app.inject({ url: `/api/agencies/${officeId}/plans` })).json().items[0].id;
    const tasks = (await app.inject({ url: `/api/plans/${planId}/tasks` })).json().items;
    const taskId = tasks.find((t: { title: string }) => t.title === "Kiểm tra cải cách hành chính").id;
    for (const file of [
      { filename: "bien-ban.pdf", content: PDF },
      { filename: "anh.png", content: PNG },
    ]) {
      const m = multipart([
        { name: "data", value: JSON.stringify({ progress: 50, note: file.filename }) },
        { name: "file", ...file },
      ]);
      const r = await app.inject({
        method: "POST",
        url: `/api/tasks/${taskId}/updates`,
        headers: { ...m.headers, ...as("vp.hctc") },
        payload: m.payload,
      });
      expect(r.statusCode).toBe(201);
    }
  });

  it("gives the focal point their cycles and opens the one taking self-assessments", async () => {
    const r = (await call("vp.daumoi", "GET", "/me/assessments")).json();
    expect(r.current).toEqual({ cycleId, agencyId: officeId });
    const byYear = (y: number) => r.items.find((i: { year: number }) => i.year === y);
    expect(byYear(2033)).toMatchObject({ cycleId, selfAssessmentWindow: "open", status: "draft" });
    expect(byYear(2019)).toMatchObject({ selfAssessmentWindow: "closed" });
    expect(byYear(2018)).toMatchObject({
      selfAssessmentWindow: "published",
      published: true,
      status: "finalised",
    });
    expect((await call("admin", "GET", "/me/assessments")).json()).toEqual({ current: null, items: [] });
    expect((await app.inject({ url: "/api/me/assessments" })).statusCode).toBe(401);
  });

  it("says what the caller may do, and refuses edits after the deadline (409 cycle.closed)", async () => {
    const open = await scores();
    expect(open).toMatchObject({
      status: "draft",
      selfAssessmentWindow: "open",
      agency: { code: "VPUBND" },
      cycle: { year: 2033 },
      can: { selfAssess: true, submit: false, withdraw: false, appraise: false, finalise: false },
    });
    // Nothing is scored yet: submitting waits for every leaf, and the page is told which.
    expect(open.submitMissing.length).toBeGreaterThan(10);
    expect(open.submitMissing[0]).toMatchObject({ lack: "no_points", message: "chưa có điểm" });
    const leader = await scores("vp.lanhdao");
    expect(leader.can.selfAssess).toBe(false);
    const old = await scores("vp.daumoi", `/cycles/${cycle2019}/agencies/${officeId}`);
    expect(old.selfAssessmentWindow).toBe("closed");
    expect(old.can).toMatchObject({ selfAssess: false, submit: false, withdraw: false });
    const before = await countRows(get().ctx.db, "scores");
    const r = await call("vp.daumoi", "PUT", `/cycles/${cycle2019}/agencies/${officeId}/scores/1.6`, {
      points: 1,
    });
    const e = expectError(r, 409, "cycle.closed");
    expect(e.message).toContain("31/12/2019");
    expectError(
      await call("vp.daumoi", "POST", `/cycles/${cycle2019}/agencies/${officeId}/submit`),
      409,
      "cycle.closed",
    );
    expect(await countRows(get().ctx.db, "scores")).toBe(before);
  });

  it("refuses self-assessment before the window opens (409 cycle.not_open)", async () => {
    const c = (await call("snv.cchc", "GET", `/cycles/${cycleId}`)).json();
    const later = await call("snv.cchc", "POST", "/cycles", {
      year: 2034,
      frameworkId: c.frameworkId,
      provinceId: c.provinceId,
      group: c.group,
      selfAssessmentOpens: addDays(todayInVietnam(), 3),
      selfAssessmentCloses: addDays(todayInVietnam(), 30),
      agencyIds: [officeId],
    });
    expect(later.statusCode).toBe(201);
    const url = `/cycles/${later.json().id}/agencies/${officeId}`;
    expectError(await call("vp.daumoi", "PUT", `${url}/scores/2`, { points: 1 }), 409, "cycle.not_open");
    expect((await scores("vp.daumoi", url)).can.selfAssess).toBe(false);
  });

  it("checks a manual criterion's grid: 1,3 on a 0,25 grid is refused, 1,25 is taken", async () => {
    expectError(
      await call("vp.daumoi", "PUT", `${base}/scores/1.6`, { points: "1,3" }),
      400,
      "score.not_on_step",
      "points",
    );
    const r = await call("vp.daumoi", "PUT", `${base}/scores/1.6`, {
      points: "1,25",
      explanation: "Giải trình",
    });
    expect(r.json()).toEqual({ points: 1.25 });
  });

  it("keeps the explanation when a later save leaves it out, and clears it on null", async () => {
    await call("vp.daumoi", "PUT", `${base}/scores/1.6`, { points: "1,5" });
    expect(await node("1.6")).toMatchObject({ self: 1.5, explanation: "Giải trình", lacksEvidence: false });
    await call("vp.daumoi", "PUT", `${base}/scores/1.6`, { points: "1,5", explanation: null });
    expect(await node("1.6")).toMatchObject({ explanation: null, lacksEvidence: true });
    expect((await scores()).lackingEvidence).toEqual(["1.6"]);
  });

  it("returns the rule's computed points and keeps the inputs for the form", async () => {
    const r = await call("vp.daumoi", "PUT", `${base}/scores/1.1`, {
      inputs: { values: { plan_completion: 8000 } },
    });
    expect(r.json()).toEqual({ points: 1.5 });
    const n = await node("1.1");
    expect(n).toMatchObject({
      self: 1.5,
      leaf: true,
      area: "1",
      inputs: { values: { plan_completion: 8000 } },
    });
    expect(n.rule.kind).toBe("percent_bands");
    const area = await node("1");
    expect(area).toMatchObject({ leaf: false, selfTotal: 3 });
  });

  it("lists the agency's task evidence and attaches an item to a criterion once", async () => {
    const list = (await call("vp.daumoi", "GET", `${base}/task-evidence`)).json().items;
    expect(list.map((e: { fileName: string }) => e.fileName)).toEqual(["anh.png", "bien-ban.pdf"]);
    expect(list[0]).toMatchObject({
      kind: "file",
      inline: true,
      task: { title: "Kiểm tra cải cách hành chính" },
    });
    taskPngId = list[0].id;
    taskEvidenceId = list[1].id;
    const r = await call("vp.daumoi", "POST", `${base}/scores/1.1/evidence/attach`, {
      evidenceId: taskEvidenceId,
    });
    expect(r.statusCode).toBe(201);
    const n = await node("1.1");
    expect(n.evidence).toHaveLength(1);
    expect(n.evidence[0]).toMatchObject({
      kind: "file",
      fileName: "bien-ban.pdf",
      mime: "application/pdf",
      inline: true,
      fromTask: { title: "Kiểm tra cải cách hành chính" },
    });
    expect(n.lacksEvidence).toBe(false);
    const rows = await countRows(get().ctx.db, "evidence");
    expectError(
      await call("vp.daumoi", "POST", `${base}/scores/1.1/evidence/attach`, { evidenceId: taskEvidenceId }),
      409,
      "evidence.already_attached",
      "evidenceId",
    );
    expectError(
      await call("vp.daumoi", "POST", `${base}/scores/1.1/evidence/attach`, { evidenceId: n.evidence[0].id }),
      404,
      "not_found",
      "evidenceId",
    );
    expectError(
      await call("vp.daumoi", "POST", `${base}/scores/1.1/evidence/attach`, { evidenceId: 999999 }),
      404,
      "not_found",
    );
    expectError(
      await call("vp.lanhdao", "POST", `${base}/scores/1.1/evidence/attach`, { evidenceId: taskPngId }),
      403,
      "forbidden",
    );
    expectError(await call("vp.daumoi", "POST", `${base}/scores/1.1/evidence/attach`, {}), 400, "validation");
    expect(await countRows(get().ctx.db, "evidence")).toBe(rows);
    // The attached copy serves the task's file.
    const f = await app.inject({ url: `/api/evidence/${n.evidence[0].id}/file`, headers: as("thamdinh") });
    expect(f.statusCode).toBe(200);
    expect(f.rawPayload.equals(PDF)).toBe(true);
  });

  it("removes a criterion's evidence, keeping a file that a task still uses and deleting an orphan", async () => {
    const filesBefore = files().length;
    const attached = (await node("1.1")).evidence[0];
    let r = await call("vp.daumoi", "DELETE", `${base}/scores/1.1/evidence/${attached.id}`);
    expect(r.statusCode).toBe(200);
    expect((await node("1.1")).evidence).toEqual([]);
    expect(files().length).toBe(filesBefore);
    const up = await upload("1.1", "rieng.pdf", PDF);
    expect(up.statusCode).toBe(201);
    expect(files().length).toBe(filesBefore + 1);
    expectError(
      await call("vp.daumoi", "DELETE", `${base}/scores/1.6/evidence/${up.json().id}`),
      404,
      "not_found",
    );
    expectError(
      await call("vp.lanhdao", "DELETE", `${base}/scores/1.1/evidence/${up.json().id}`),
      403,
      "forbidden",
    );
    r = await call("vp.daumoi", "DELETE", `${base}/scores/1.1/evidence/${up.json().id}`);
    expect(r.statusCode).toBe(200);
    expect(files().length).toBe(filesBefore);
    // The task's own evidence is not a criterion's to remove.
    expectError(
      await call("vp.daumoi", "DELETE", `${base}/scores/1.1/evidence/${taskEvidenceId}`),
      404,
      "not_found",
    );
  });

  it("serves PDFs and images inline with their type, other files as attachments", async () => {
    const pdf = await upload("1.1", "bao-cao.pdf", PDF);
    const png = await upload("1.1", "anh chup.png", PNG);
    const docx = await upload("1.1", "bieu-mau.docx", DOCX);
    for (const r of [pdf, png, docx]) expect(r.statusCode).toBe(201);
    const get1 = (id: number) => app.inject({ url: `/api/evidence/${id}/file`, headers: as("vp.daumoi") });
    const a = await get1(pdf.json().id);
    expect(a.headers["content-type"]).toBe("application/pdf");
    expect(a.headers["content-disposition"]).toBe("inline; filename*=UTF-8''bao-cao.pdf");
    const b = await get1(png.json().id);
    expect(b.headers["content-type"]).toBe("image/png");
    expect(b.headers["content-disposition"]).toBe("inline; filename*=UTF-8''anh%20chup.png");
    expect(b.rawPayload.equals(PNG)).toBe(true);
    const c = await get1(docx.json().id);
    expect(c.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(c.headers["content-disposition"]).toMatch(/^attachment; /);
    expect(c.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("records who changed what: self-assessment, appraisal with remark, reply, submission", async () => {
    await call("vp.daumoi", "PUT", `${base}/scores/1.6`, { points: "1,5", explanation: "Có giải trình" });
    await completeSelfAssessment(app, as("vp.daumoi"), base);
    expect((await call("vp.daumoi", "POST", `${base}/submit`)).statusCode).toBe(200);
    // Not assigned yet: the appraiser is refused, the list is empty.
    expectError(
      await call("thamdinh", "PUT", `${base}/scores/1.1/appraisal`, { points: 1 }),
      403,
      "forbidden",
    );
    expect((await call("thamdinh", "GET", "/me/appraisals")).json().items).toEqual([]);
    await call("snv.cchc", "POST", `/cycles/${cycleId}/appraisers`, { areaCode: "1", userId: thamdinhId });
    const mine = (await call("thamdinh", "GET", "/me/appraisals")).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      cycleId,
      agencyId: officeId,
      agencyCode: "VPUBND",
      status: "submitted",
      appraisalWindow: "open",
      areas: [{ code: "1", max: 12, self: 3, points: 3, leaves: 6, appraisedLeaves: 0 }],
    });
    // The appraiser appraises; concluding waits for every leaf; finalising is the province office's.
    expect((await scores("thamdinh")).can).toMatchObject({
      appraise: true,
      completeAppraisal: false,
      finalise: false,
    });
    expect((await scores("thamdinh")).appraiserAreas).toEqual(["1"]);
    expectError(
      await call("thamdinh", "PUT", `${base}/scores/1.6/appraisal`, { points: "1,1" }),
      400,
      "score.not_on_step",
      "points",
    );
    let r = await call("thamdinh", "PUT", `${base}/scores/1.6/appraisal`, {
      points: "1,25",
      remark: "Thiếu báo cáo",
    });
    expect(r.statusCode).toBe(200);
    r = await call("thamdinh", "PUT", `${base}/scores/1.6/appraisal`, {
      points: 1,
      remark: "Thiếu báo cáo quý",
    });
    expect(r.statusCode).toBe(200);
    expectError(
      await call("vp.daumoi", "PUT", `${base}/scores/1.1/reply`, { reply: "?" }),
      409,
      "score.no_remark",
    );
    expectError(
      await call("vp.daumoi", "PUT", `${base}/scores/1.6/reply`, { reply: "   " }),
      400,
      "validation",
    );
    r = await call("vp.daumoi", "PUT", `${base}/scores/1.6/reply`, { reply: "Đã bổ sung báo cáo quý" });
    expect(r.statusCode).toBe(200);
    const h = (await call("thamdinh", "GET", `${base}/history?node=1.6`)).json().items;
    expect(h.map((x: { action: string }) => x.action)).toEqual([
      "replied",
      "appraised",
      "appraised",
      "submitted",
      "self_assessed",
      "self_assessed",
      "self_assessed",
      "self_assessed",
    ]);
    expect(h[0]).toMatchObject({ note: "Đã bổ sung báo cáo quý", by: "Đầu mối CCHC, VP UBND tỉnh" });
    expect(h[1]).toMatchObject({
      points: 1,
      previousPoints: 1.25,
      note: "Thiếu báo cáo quý",
      role: "appraiser",
    });
    expect(h[4]).toMatchObject({ points: 1.5, previousPoints: 1.5, note: "Có giải trình" });
    expect(typeof h[0].at).toBe("string");
    const all = (await call("vp.daumoi", "GET", `${base}/history`)).json().items;
    expect(all.some((x: { nodeCode: string }) => x.nodeCode === "1.1")).toBe(true);
    expectError(await app.inject({ url: `/api${base}/history` }), 401, "unauthenticated");
    const after = (await call("thamdinh", "GET", "/me/appraisals")).json().items[0];
    expect(after.areas[0]).toMatchObject({ self: 3, points: 2.5, appraisedLeaves: 1 });
    // Scoring a leaf the agency left at 0 is fine; a leaf it never scored needs a remark (see the trust test).
  });

  it("the appraisal team concludes and the province office finalises; then nothing more is appraised, replied or withdrawn", async () => {
    const office = (await call("snv.cchc", "GET", "/me/appraisals")).json().items;
    const row = office.find((i: { cycleId: number }) => i.cycleId === cycleId);
    expect(row.areas.map((a: { code: string }) => a.code)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect((await call("vp.daumoi", "GET", "/me/appraisals")).json().items).toEqual([]);
    expectError(await call("vp.daumoi", "POST", `${base}/finalise`), 403, "forbidden");
    expectError(await call("thamdinh", "POST", `${base}/complete-appraisal`), 409, "appraisal.incomplete");
    expect((await call("snv.cchc", "POST", `${base}/confirm`, {})).statusCode).toBe(200);
    expect((await scores("thamdinh")).can).toMatchObject({ completeAppraisal: true, finalise: false });
    expect((await call("thamdinh", "POST", `${base}/complete-appraisal`)).json()).toEqual({
      status: "appraised",
    });
    expectError(await call("thamdinh", "POST", `${base}/finalise`), 403, "forbidden");
    expect((await call("snv.cchc", "POST", `${base}/finalise`)).json()).toEqual({ status: "finalised" });
    expect((await scores()).status).toBe("finalised");
    expectError(
      await call("thamdinh", "PUT", `${base}/scores/1.6/appraisal`, { points: 1 }),
      409,
      "assessment.finalised",
    );
    expectError(
      await call("vp.daumoi", "PUT", `${base}/scores/1.6/reply`, { reply: "x" }),
      409,
      "assessment.finalised",
    );
    expectError(await call("vp.daumoi", "POST", `${base}/withdraw`), 409, "participant.not_submitted");
    const h = (await call("vp.daumoi", "GET", `${base}/history`)).json().items;
    expect(h[0]).toMatchObject({ action: "finalised", nodeCode: null, role: "province_office" });
    expect(h[1]).toMatchObject({ action: "appraisal_completed", nodeCode: null, role: "appraiser" });
  });

  it("refuses appraisal after the cycle's appraisal deadline (409 cycle.appraisal_closed)", async () => {
    await cycles.setParticipantStatus(get().ctx.db, cycle2019, officeId, "submitted");
    const r = await call("snv.cchc", "PUT", `/cycles/${cycle2019}/agencies/${officeId}/scores/2/appraisal`, {
      points: 3,
    });
    const e = expectError(r, 409, "cycle.appraisal_closed");
    expect(e.message).toContain("28/02/2020");
    const s = await scores("snv.cchc", `/cycles/${cycle2019}/agencies/${officeId}`);
    expect(s).toMatchObject({ appraisalWindow: "closed", can: { appraise: false, finalise: false } });
    expect(s.nodes.find((n: { code: string }) => n.code === "2").appraised).toBeNull();
  });
});
