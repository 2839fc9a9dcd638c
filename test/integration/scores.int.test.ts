/**
 * Self-assessment, evidence, appraisal and publication through the API, on a fresh cycle of the
 * demo's 2019 framework whose self-assessment window includes today. Every rejected request must
 * answer a coded 4xx and leave the stored data as it was.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { todayInVietnam } from "../../core/locale.ts";
import { seedDemo } from "../../demo/load.ts";
import { completeSelfAssessment, expectError, multipart, type Part } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORD = "test-password-1";
const USERS = ["admin", "snv.cchc", "thamdinh", "vp.daumoi", "vp.lanhdao"];

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const TINY_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  "latin1",
);

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

interface ScoreNode {
  code: string;
  self: number | null;
  appraised: number | null;
  points: number | null;
  explanation: string | null;
  remark: string | null;
  reply: string | null;
  evidence: {
    id: number;
    kind: string;
    fileName: string | null;
    url: string | null;
    docNumber: string | null;
    note: string | null;
  }[];
}

forEachEngine("self-assessment, evidence and appraisal through the API", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  const tokens: Record<string, string> = {};
  let officeId: number;
  let stcId: number;
  let snvId: number;
  let cycleId: number;
  let base: string;
  const auth = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });

  const countRows = async (table: "scores" | "evidence") => {
    const r = await get()
      .ctx.db.selectFrom(table)
      .select(get().ctx.db.fn.countAll<number>().as("n"))
      .where("cycle_id", "=", cycleId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const scores = async (user = "vp.daumoi") => {
    const r = await app.inject({ url: `${base}/scores`, headers: auth(user) });
    expect(r.statusCode).toBe(200);
    return r.json() as { status: string; nodes: ScoreNode[] };
  };
  const node = async (code: string) => (await scores()).nodes.find((n) => n.code === code)!;
  const put = (code: string, payload: unknown, user = "vp.daumoi") =>
    app.inject({
      method: "PUT",
      url: `${base}/scores/${code}`,
      headers: auth(user),
      payload: payload as object,
    });
  const action = (what: string, user = "vp.daumoi", payload?: object) =>
    app.inject({ method: "POST", url: `${base}/${what}`, headers: auth(user), payload });
  const completeTheRest = () => completeSelfAssessment(app, auth("vp.daumoi"), base.slice(4));

  beforeAll(async () => {
    const ctx = get().ctx;
    const creds = await seedDemo(ctx, { passwords: Object.fromEntries(USERS.map((u) => [u, PASSWORD])) });
    expect(creds).not.toBeNull();
    app = await testApp(ctx);
    const login = async (username: string, password = PASSWORD) => {
      const r = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
      expect(r.statusCode).toBe(200);
      tokens[username] = r.json().token;
    };
    for (const u of USERS) await login(u);
    const agencies = (await app.inject({ url: "/api/agencies?kind=agency&limit=500" })).json().items as {
      id: number;
      code: string;
    }[];
    officeId = agencies.find((a) => a.code === "VPUBND")!.id;
    stcId = agencies.find((a) => a.code === "STC")!.id;
    snvId = agencies.find((a) => a.code === "SNV")!.id;
    const provinceId = (await app.inject({ url: "/api/agencies?kind=province" }))
      .json()
      .items.find((a: { code: string }) => a.code === "QNAM").id;
    // A focal point of another agency, and a second appraiser of the province.
    for (const u of [
      { username: "stc.daumoi", role: "focal_point", agencyId: stcId },
      { username: "thamdinh2", role: "appraiser", agencyId: snvId },
    ]) {
      const r = await app.inject({
        method: "POST",
        url: "/api/users",
        headers: auth("admin"),
        payload: { ...u, password: PASSWORD, displayName: u.username },
      });
      expect(r.statusCode).toBe(201);
      await login(u.username);
    }
    const fw = (await app.inject({ url: "/api/frameworks" }))
      .json()
      .items.find((f: { code: string }) => f.code === "QNAM-SBN-2019");
    const today = todayInVietnam();
    const created = await app.inject({
      method: "POST",
      url: "/api/cycles",
      headers: auth("snv.cchc"),
      payload: {
        year: 2031,
        frameworkId: fw.id,
        provinceId,
        group: "so-ban-nganh",
        selfAssessmentOpens: addDays(today, -10),
        selfAssessmentCloses: addDays(today, 30),
        appraisalCloses: addDays(today, 60),
        agencyIds: [officeId, stcId],
      },
    });
    expect(created.statusCode).toBe(201);
    cycleId = created.json().id;
    base = `/api/cycles/${cycleId}/agencies/${officeId}`;
  });

  it("rejects a cycle with bad dates, a taken year, a foreign agency or a caller who is not the province", async () => {
    const db = get().ctx.db;
    const cycles = async () =>
      Number(
        (await db.selectFrom("cycles").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
      );
    const before = await cycles();
    const c = (await app.inject({ url: `/api/cycles/${cycleId}`, headers: auth("snv.cchc") })).json();
    const body = { year: 2032, frameworkId: c.frameworkId, provinceId: c.provinceId, group: c.group };
    const post = (payload: object, user = "snv.cchc") =>
      app.inject({
        method: "POST",
        url: "/api/cycles",
        headers: auth(user),
        payload: { ...body, ...payload },
      });
    expectError(
      await post({ selfAssessmentOpens: "10/12/2032", selfAssessmentCloses: "01/12/2032" }),
      400,
      "cycle.bad_dates",
      "selfAssessmentCloses",
    );
    expectError(
      await post({ selfAssessmentCloses: "31/12/2032", appraisalCloses: "30/12/2032" }),
      400,
      "cycle.bad_dates",
      "appraisalCloses",
    );
    expectError(await post({ selfAssessmentOpens: "32/12/2032" }), 400, "validation", "selfAssessmentOpens");
    expectError(await post({ year: 2031 }), 409, "cycle.exists", "year");
    const province = (await app.inject({ url: "/api/agencies?kind=province" })).json().items;
    const danang = province.find((a: { code: string }) => a.code === "DANANG").id;
    expectError(await post({ agencyIds: [officeId, danang] }), 400, "cycle.unknown_agency", "agencyIds");
    expectError(await post({}, "vp.daumoi"), 403, "forbidden");
    expectError(await post({}, "thamdinh"), 403, "forbidden");
    expect(await cycles()).toBe(before);
  });

  it("rejects points above the criterion's max with score.above_max on points and stores nothing", async () => {
    const before = await countRows("scores");
    const r = await put("1.6", { points: 5 });
    expectError(r, 400, "score.above_max", "points");
    expect(await countRows("scores")).toBe(before);
    expect((await node("1.6")).self).toBeNull();
  });

  it("rejects negative points and points with three decimals", async () => {
    expectError(await put("1.6", { points: -1 }), 400, "score.negative", "points");
    expectError(await put("1.6", { points: "1,234" }), 400, "validation", "points");
    expect((await node("1.6")).self).toBeNull();
  });

  it("rejects an unknown criterion with score.unknown_criterion", async () => {
    const before = await countRows("scores");
    expectError(await put("9.9", { points: 1 }), 400, "score.unknown_criterion", "nodeCode");
    expect(await countRows("scores")).toBe(before);
  });

  it("rejects points on an inner node (an area with criteria)", async () => {
    expectError(await put("1", { points: 1 }), 400, "score.not_leaf", "nodeCode");
    expect((await node("1")).self).toBeNull();
  });

  it('accepts "3,5" as 3.5', async () => {
    const r = await put("2", { points: "3,5" });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ points: 3.5 });
    expect((await node("2")).self).toBe(3.5);
  });

  it("computes points from rule inputs on a percent_bands criterion", async () => {
    let r = await put("1.1", { inputs: { values: { plan_completion: 8000 } } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ points: 1.5 });
    r = await put("1.1", { inputs: { values: { plan_completion: 10000 } } });
    expect(r.json()).toEqual({ points: 3 });
    expect((await node("1.1")).self).toBe(3);
    // Below the first band: 0 points.
    r = await put("7.2", { inputs: { values: { signed_outgoing: 6999 } } });
    expect(r.json()).toEqual({ points: 0 });
    expect((await node("7.2")).self).toBe(0);
  });

  it("rejects rule inputs without the criterion's indicator and keeps the previous points", async () => {
    const r = await put("1.1", { inputs: { values: { something_else: 5000 } } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toMatch(/^inputs\./);
    expect((await node("1.1")).self).toBe(3);
  });

  it("refuses to submit an incomplete self-assessment, listing each criterion with what it lacks", async () => {
    const r = await action("submit");
    const e = expectError(r, 409, "assessment.incomplete", "nodes.1.1") as unknown as {
      messageEn: string;
      details: { missing: { code: string; lack: string }[] };
    };
    expect(e.messageEn).toContain("1.1");
    // 1.1 and 7.2 have points but no evidence; 2 has points; everything else has nothing yet.
    const lacks = Object.fromEntries(e.details.missing.map((m) => [m.code, m.lack]));
    expect(lacks).toMatchObject({
      "1.1": "no_evidence",
      "7.2": "no_evidence",
      "2": "no_evidence",
      "3": "no_points",
    });
    // The page gets the same list before anyone clicks.
    const s = (await scores()) as unknown as {
      status: string;
      submitMissing: { code: string }[];
      can: { submit: boolean };
    };
    expect(s.submitMissing.map((m) => m.code).sort()).toEqual(e.details.missing.map((m) => m.code).sort());
    expect(s.can.submit).toBe(false);
    expect(s.status).toBe("draft");
  });

  it("rejects malformed evidence and stores none", async () => {
    const before = await countRows("evidence");
    const bad = [
      { kind: "link", url: "ftp://example.org/x" },
      { kind: "document", docNumber: "1" },
      { kind: "explanation", note: "" },
      { kind: "fax", note: "x" },
    ];
    for (const payload of bad) {
      const r = await app.inject({
        method: "POST",
        url: `${base}/scores/2/evidence`,
        headers: auth("vp.daumoi"),
        payload,
      });
      expectError(r, 400, "validation");
    }
    const unknown = await app.inject({
      method: "POST",
      url: `${base}/scores/9.9/evidence`,
      headers: auth("vp.daumoi"),
      payload: { kind: "link", url: "https://example.org/x" },
    });
    expectError(unknown, 400, "score.unknown_criterion");
    const other = await app.inject({
      method: "POST",
      url: `${base}/scores/2/evidence`,
      headers: auth("stc.daumoi"),
      payload: { kind: "link", url: "https://example.org/x" },
    });
    // Another agency's part in the cycle is not theirs to see: 404, as if it did not exist.
    expectError(other, 404, "not_found", "agencyId");
    expect(await countRows("evidence")).toBe(before);
  });

  it("adds a link, a document number and an explanation, then submits", async () => {
    const add = async (code: string, payload: object) => {
      const r = await app.inject({
        method: "POST",
        url: `${base}/scores/${code}/evidence`,
        headers: auth("vp.daumoi"),
        payload,
      });
      expect(r.statusCode).toBe(201);
      expect(r.json().id).toBeGreaterThan(0);
    };
    await add("2", { kind: "link", url: "https://vpubnd.quangnam.gov.vn/cchc/ke-hoach" });
    await add("1.1", { kind: "document", docNumber: "1994/KH-VPUBND", note: "Kế hoạch năm" });
    await add("7.2", { kind: "explanation", note: "Hệ thống ký số chưa triển khai đủ" });
    const n2 = await node("2");
    expect(n2.evidence).toMatchObject([
      { kind: "link", url: "https://vpubnd.quangnam.gov.vn/cchc/ke-hoach" },
    ]);
    expect((await node("1.1")).evidence).toMatchObject([{ kind: "document", docNumber: "1994/KH-VPUBND" }]);
    await completeTheRest();
    const r = await action("submit");
    expect(r.statusCode).toBe(200);
    expect((await scores()).status).toBe("submitted");
  });

  it("refuses edits while submitted (409), then allows them after withdrawing, and resubmits", async () => {
    expectError(await put("2", { points: 4 }), 409, "assessment.submitted");
    expect((await node("2")).self).toBe(3.5);
    expectError(await action("submit"), 409, "participant.not_draft");
    expect((await action("withdraw")).statusCode).toBe(200);
    expect((await scores()).status).toBe("draft");
    expectError(await action("withdraw"), 409, "participant.not_submitted");
    const r = await put("2", { points: 4 });
    expect(r.statusCode).toBe(200);
    expect((await node("2")).self).toBe(4);
    expect((await action("submit")).statusCode).toBe(200);
    expect((await scores()).status).toBe("submitted");
  });

  it("lets only the agency's focal point submit or withdraw", async () => {
    expectError(await action("withdraw", "stc.daumoi"), 404, "not_found", "agencyId");
    expectError(await action("withdraw", "thamdinh"), 403, "forbidden");
    expectError(await action("withdraw", "vp.lanhdao"), 403, "forbidden");
    expect((await scores()).status).toBe("submitted");
  });

  it("refuses an appraiser who is not assigned to the area", async () => {
    const appraise = (user: string) =>
      app.inject({
        method: "PUT",
        url: `${base}/scores/2/appraisal`,
        headers: auth(user),
        payload: { points: 3, remark: "Thiếu văn bản" },
      });
    expectError(await appraise("thamdinh"), 403, "forbidden");
    // Assigned to area 1 only: area 2 is still not theirs.
    const assign = await app.inject({
      method: "POST",
      url: `/api/cycles/${cycleId}/appraisers`,
      headers: auth("snv.cchc"),
      payload: { areaCode: "1", userId: await userId("thamdinh2") },
    });
    expect(assign.statusCode).toBe(200);
    expectError(await appraise("thamdinh2"), 403, "forbidden");
    expectError(await appraise("vp.daumoi"), 403, "forbidden");
    const n = await node("2");
    expect(n.appraised).toBeNull();
    expect(n.remark).toBeNull();
  });

  it("rejects assigning an appraiser to an unknown area or a user who is not an appraiser", async () => {
    const r1 = await app.inject({
      method: "POST",
      url: `/api/cycles/${cycleId}/appraisers`,
      headers: auth("snv.cchc"),
      payload: { areaCode: "99", userId: await userId("thamdinh") },
    });
    expectError(r1, 400, "cycle.unknown_area", "areaCode");
    const r2 = await app.inject({
      method: "POST",
      url: `/api/cycles/${cycleId}/appraisers`,
      headers: auth("snv.cchc"),
      payload: { areaCode: "2", userId: await userId("vp.daumoi") },
    });
    expectError(r2, 400, "cycle.not_appraiser", "userId");
    const r3 = await app.inject({
      method: "POST",
      url: `/api/cycles/${cycleId}/appraisers`,
      headers: auth("vp.daumoi"),
      payload: { areaCode: "2", userId: await userId("thamdinh") },
    });
    expectError(r3, 403, "forbidden");
  });

  it("lets the assigned appraiser set appraised points with a remark; the scores show them", async () => {
    const assign = await app.inject({
      method: "POST",
      url: `/api/cycles/${cycleId}/appraisers`,
      headers: auth("snv.cchc"),
      payload: { areaCode: "2", userId: await userId("thamdinh") },
    });
    expect(assign.statusCode).toBe(200);
    const above = await app.inject({
      method: "PUT",
      url: `${base}/scores/2/appraisal`,
      headers: auth("thamdinh"),
      payload: { points: 6 },
    });
    expectError(above, 400, "score.above_max", "points");
    expect((await node("2")).appraised).toBeNull();
    const r = await app.inject({
      method: "PUT",
      url: `${base}/scores/2/appraisal`,
      headers: auth("thamdinh"),
      payload: { points: "3,25", remark: "Chưa có văn bản quy phạm pháp luật đầy đủ" },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ points: 3.25 });
    const n = await node("2");
    expect(n).toMatchObject({
      self: 4,
      appraised: 3.25,
      points: 3.25,
      remark: "Chưa có văn bản quy phạm pháp luật đầy đủ",
    });
    // The appraiser assigned to area 1 appraises 1.1.
    const r11 = await app.inject({
      method: "PUT",
      url: `${base}/scores/1.1/appraisal`,
      headers: auth("thamdinh2"),
      payload: { points: 3 },
    });
    expect(r11.statusCode).toBe(200);
  });

  it("lets the agency reply to the remark, only where there is one", async () => {
    const r = await app.inject({
      method: "PUT",
      url: `${base}/scores/2/reply`,
      headers: auth("vp.daumoi"),
      payload: { reply: "Đã bổ sung Quyết định 12/QĐ-VPUBND" },
    });
    expect(r.statusCode).toBe(200);
    expect((await node("2")).reply).toBe("Đã bổ sung Quyết định 12/QĐ-VPUBND");
    const other = await app.inject({
      method: "PUT",
      url: `${base}/scores/2/reply`,
      headers: auth("stc.daumoi"),
      payload: { reply: "Không phải của tôi" },
    });
    expectError(other, 404, "not_found", "agencyId");
    // Criterion 5 carries no remark: there is nothing to answer.
    const noRemark = await app.inject({
      method: "PUT",
      url: `${base}/scores/5/reply`,
      headers: auth("vp.daumoi"),
      payload: { reply: "x" },
    });
    expectError(noRemark, 409, "score.no_remark", "reply");
    expect((await node("2")).reply).toBe("Đã bổ sung Quyết định 12/QĐ-VPUBND");
    expect((await node("5")).reply).toBeNull();
  });

  it("hides unpublished scores from another agency's focal point and from anonymous readers", async () => {
    // 404 alike: what a caller may not see is answered as what does not exist; live scores are
    // never public, so without a session 401.
    expectError(await app.inject({ url: `${base}/scores`, headers: auth("stc.daumoi") }), 404, "not_found");
    expectError(await app.inject({ url: `${base}/scores` }), 401, "unauthenticated");
    // The agency's leader and the province appraisers may read.
    expect((await app.inject({ url: `${base}/scores`, headers: auth("vp.lanhdao") })).statusCode).toBe(200);
    expect((await app.inject({ url: `${base}/scores`, headers: auth("thamdinh") })).statusCode).toBe(200);
  });

  it("answers 404 for an agency that is not in the cycle, or does not exist", async () => {
    for (const id of [snvId, officeId + 100000]) {
      const r = await app.inject({
        url: `/api/cycles/${cycleId}/agencies/${id}/scores`,
        headers: auth("admin"),
      });
      expectError(r, 404, "not_found", "agencyId");
    }
    const r = await put("2", { points: 1 });
    expect(r.statusCode).toBe(409); // still submitted: nothing changed
    const notIn = await app.inject({
      method: "PUT",
      url: `/api/cycles/${cycleId}/agencies/${snvId}/scores/2`,
      headers: auth("admin"),
      payload: { points: 1 },
    });
    expectError(notIn, 404, "not_found", "agencyId");
  });

  // ---- evidence files ----

  // The Office's assessment is under appraisal now: files go to STC's draft, whose focal point uploads.
  const stcBase = () => `/api/cycles/${cycleId}/agencies/${stcId}`;
  const upload = (parts: Part[], user = "stc.daumoi", code = "1.1") => {
    const m = multipart(parts);
    return app.inject({
      method: "POST",
      url: `${stcBase()}/scores/${code}/evidence`,
      headers: { ...auth(user), ...m.headers },
      payload: m.payload,
    });
  };

  it("refuses new evidence while the assessment is submitted, and a withdrawal once appraisal has started", async () => {
    const before = await countRows("evidence");
    const link = await app.inject({
      method: "POST",
      url: `${base}/scores/1.1/evidence`,
      headers: auth("vp.daumoi"),
      payload: { kind: "link", url: "https://example.org/bao-cao" },
    });
    expectError(link, 409, "assessment.submitted");
    expect(await countRows("evidence")).toBe(before);
    // Areas 1 and 2 are appraised already: the agency can no longer take its submission back.
    expectError(await action("withdraw"), 409, "assessment.appraisal_started");
    expect((await scores()).status).toBe("submitted");
  });

  it("stores a real PDF and serves it to the agency, not to another agency", async () => {
    const r = await upload([
      { name: "note", value: "Báo cáo tự đánh giá" },
      { name: "file", filename: "bao-cao.pdf", contentType: "application/pdf", content: TINY_PDF },
    ]);
    expect(r.statusCode).toBe(201);
    const id = r.json().id as number;
    const stc = (await app.inject({ url: `${stcBase()}/scores`, headers: auth("stc.daumoi") })).json();
    const ev = (stc.nodes as ScoreNode[]).find((n) => n.code === "1.1")!.evidence.find((e) => e.id === id);
    expect(ev).toMatchObject({ kind: "file", fileName: "bao-cao.pdf", note: "Báo cáo tự đánh giá" });
    const mine = await app.inject({ url: `/api/evidence/${id}/file`, headers: auth("stc.daumoi") });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers["content-type"]).toBe("application/pdf");
    expect(mine.rawPayload.equals(TINY_PDF)).toBe(true);
    // Another agency's file is not found, as one that does not exist; evidence is never public.
    expectError(
      await app.inject({ url: `/api/evidence/${id}/file`, headers: auth("vp.daumoi") }),
      404,
      "not_found",
    );
    expectError(await app.inject({ url: `/api/evidence/${id}/file` }), 401, "unauthenticated");
    expect(listFiles(path.join(get().ctx.config.dataDir, "files"))).toHaveLength(1);
  });

  it("rejects a .pdf whose bytes are not a PDF with 415, keeping no row and no file", async () => {
    const files = path.join(get().ctx.config.dataDir, "files");
    const beforeFiles = listFiles(files);
    const beforeRows = await countRows("evidence");
    const r = await upload([
      {
        name: "file",
        filename: "x.pdf",
        contentType: "application/pdf",
        content: Buffer.from("hello, not a pdf"),
      },
    ]);
    const e = expectError(r, 415, "upload.bad_type", "file");
    expect(e.message).toContain("x.pdf");
    expect(await countRows("evidence")).toBe(beforeRows);
    expect(listFiles(files)).toEqual(beforeFiles);
  });

  it("rejects a file over UPLOAD_MAX_MB with 413 and keeps nothing", async () => {
    const files = path.join(get().ctx.config.dataDir, "files");
    const beforeFiles = listFiles(files);
    const beforeRows = await countRows("evidence");
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const r = await upload([
      { name: "file", filename: "lon.pdf", contentType: "application/pdf", content: big },
    ]);
    expectError(r, 413, "upload.too_large", "file");
    expect(await countRows("evidence")).toBe(beforeRows);
    expect(listFiles(files)).toEqual(beforeFiles);
  });

  it("rejects an .exe with 415 and keeps nothing", async () => {
    const files = path.join(get().ctx.config.dataDir, "files");
    const beforeFiles = listFiles(files);
    const beforeRows = await countRows("evidence");
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(64, 0)]);
    const r = await upload([
      { name: "file", filename: "setup.exe", contentType: "application/x-msdownload", content: exe },
    ]);
    expectError(r, 415, "upload.bad_type", "file");
    // A PDF's bytes under an .exe name are refused as well: the name must match an allowed type.
    const r2 = await upload([{ name: "file", filename: "setup.exe", content: TINY_PDF }]);
    expectError(r2, 415, "upload.bad_type", "file");
    expect(await countRows("evidence")).toBe(beforeRows);
    expect(listFiles(files)).toEqual(beforeFiles);
  });

  it("rejects an empty file and a multipart body without a file", async () => {
    const beforeRows = await countRows("evidence");
    expectError(
      await upload([{ name: "file", filename: "rong.pdf", content: Buffer.alloc(0) }]),
      400,
      "upload.empty",
      "file",
    );
    expectError(await upload([{ name: "note", value: "chỉ có ghi chú" }]), 400, "upload.no_file", "file");
    expect(await countRows("evidence")).toBe(beforeRows);
  });

  it("refuses an upload from another agency's focal point and leaves no file behind", async () => {
    const files = path.join(get().ctx.config.dataDir, "files");
    const beforeFiles = listFiles(files);
    const beforeRows = await countRows("evidence");
    const r = await upload([{ name: "file", filename: "a.pdf", content: TINY_PDF }], "vp.daumoi");
    expectError(r, 404, "not_found", "agencyId");
    expect(await countRows("evidence")).toBe(beforeRows);
    expect(listFiles(files)).toEqual(beforeFiles);
  });

  // ---- the cycle's steps, and publication ----

  it("concludes the appraisal only when every leaf is appraised or confirmed; then the province finalises", async () => {
    expectError(await action("finalise", "snv.cchc"), 409, "participant.not_appraised");
    const missing = expectError(
      await action("complete-appraisal", "thamdinh"),
      409,
      "appraisal.incomplete",
    ) as unknown as {
      details: { missing: { code: string; lack: string }[] };
    };
    expect(missing.details.missing.map((m) => m.code)).not.toContain("2");
    expect(missing.details.missing.every((m) => m.lack === "not_appraised")).toBe(true);
    // An appraiser confirms only the leaves of the areas assigned to them (thamdinh: area 2, done).
    expect((await action("confirm", "thamdinh", {})).json()).toEqual({ confirmed: [] });
    expectError(await action("confirm", "thamdinh", { nodeCodes: ["3"] }), 403, "forbidden");
    // Scoring a leaf the agency left empty needs a remark; here every leaf was self-assessed.
    // The province office confirms the rest as self-assessed.
    const confirmed = await action("confirm", "snv.cchc", {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().confirmed).toContain("3");
    expect((await node("3")).appraised).toBe((await node("3")).self);
    // Confirming does not overwrite what was appraised.
    expect((await node("2")).appraised).toBe(3.25);
    expectError(await action("complete-appraisal", "vp.daumoi"), 403, "forbidden");
    expect((await action("complete-appraisal", "thamdinh")).json()).toEqual({ status: "appraised" });
    // Concluded: no more appraisal until the province office returns it.
    expectError(
      await app.inject({
        method: "PUT",
        url: `${base}/scores/2/appraisal`,
        headers: auth("thamdinh"),
        payload: { points: 3, remark: "Sửa" },
      }),
      409,
      "assessment.appraised",
    );
    expectError(await action("finalise", "thamdinh"), 403, "forbidden");
    expect((await action("finalise", "snv.cchc")).json()).toEqual({ status: "finalised" });
    expect((await scores()).status).toBe("finalised");
  });

  it("publishes only when every participant is finalised or excluded with a reason, and names the decision", async () => {
    const publish = (
      user?: string,
      payload: object = { decision: { number: "45", code: "QĐ-UBND", date: "05/3/2032" } },
    ) =>
      app.inject({
        method: "POST",
        url: `/api/cycles/${cycleId}/publish`,
        headers: user ? auth(user) : {},
        payload,
      });
    expectError(await publish("vp.daumoi"), 403, "forbidden");
    expectError(await publish("thamdinh"), 403, "forbidden");
    expectError(await publish("vp.lanhdao"), 403, "forbidden");
    expectError(await publish(), 401, "unauthenticated");
    expectError(await publish("snv.cchc", {}), 400, "cycle.decision_required", "decision");
    // STC has not even submitted: the refusal names it, and the status page says so beforehand.
    const refused = expectError(await publish("snv.cchc"), 409, "cycle.unfinished");
    expect(refused.message).toContain("Sở Tài chính");
    const status = (
      await app.inject({ url: `/api/cycles/${cycleId}/publication`, headers: auth("snv.cchc") })
    ).json();
    expect(status).toMatchObject({
      canPublish: false,
      refusal: "cycle.unfinished",
      blockers: [{ agencyId: stcId, status: "draft" }],
    });
    expect(status.preview.items.map((i: { agencyId: number }) => i.agencyId)).toEqual([officeId, stcId]);
    expectError(
      await app.inject({ url: `/api/cycles/${cycleId}/publication`, headers: auth("vp.daumoi") }),
      403,
      "forbidden",
    );
    let c = (await app.inject({ url: `/api/cycles/${cycleId}`, headers: auth("snv.cchc") })).json();
    expect(c).toMatchObject({ published: false, publishedAt: null, state: "open" });
    // Excluding STC needs a reason the public will read.
    const exclude = (reason: string) =>
      app.inject({
        method: "POST",
        url: `/api/cycles/${cycleId}/participants/${stcId}/exclude`,
        headers: auth("snv.cchc"),
        payload: { reason },
      });
    expectError(await exclude("không"), 400, "validation", "reason");
    expect((await exclude("Sáp nhập vào Sở Kế hoạch và Đầu tư giữa năm")).statusCode).toBe(200);
    const r = await publish("snv.cchc");
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ published: true, state: "published", version: 1 });
    c = (await app.inject({ url: `/api/cycles/${cycleId}` })).json();
    expect(c.published).toBe(true);
    const pub = (await app.inject({ url: `/api/public/cycles/${cycleId}` })).json();
    expect(pub.publication).toMatchObject({
      version: 1,
      decision: { number: "45", code: "QĐ-UBND", date: "2032-03-05" },
    });
    expect(pub.excluded).toEqual([
      {
        agencyId: stcId,
        code: "STC",
        name: expect.stringContaining("Tài chính"),
        reason: "Sáp nhập vào Sở Kế hoạch và Đầu tư giữa năm",
      },
    ]);
    expect(pub.items.map((i: { agencyId: number; rank: number }) => [i.agencyId, i.rank])).toEqual([
      [officeId, 1],
    ]);
  });

  it("freezes a published cycle: scores, appraisals, applicability and exclusions change only in a correction", async () => {
    // The live scores stay the agency's and the province's; the public reads the publication.
    expectError(await app.inject({ url: `${base}/scores` }), 401, "unauthenticated");
    const area2 = (await app.inject({ url: `/api/public/cycles/${cycleId}` }))
      .json()
      .items[0].areas.find((a: { code: string }) => a.code === "2");
    expect(area2).toMatchObject({ points: 3.25, max: 5 });
    expectError(await put("2", { points: 1 }), 409, "cycle.published");
    const ap = await app.inject({
      method: "PUT",
      url: `${base}/scores/2/appraisal`,
      headers: auth("thamdinh"),
      payload: { points: 1 },
    });
    expectError(ap, 409, "cycle.published");
    expectError(
      await app.inject({
        method: "PUT",
        url: `${base}/scores/5/applicability`,
        headers: auth("snv.cchc"),
        payload: { applicable: false },
      }),
      409,
      "cycle.published",
    );
    expectError(
      await action("reopen", "snv.cchc", { reason: "Sai điểm lĩnh vực 2" }),
      409,
      "cycle.published",
    );
    expectError(
      await app.inject({
        method: "POST",
        url: `/api/cycles/${cycleId}/participants/${stcId}/include`,
        headers: auth("snv.cchc"),
      }),
      409,
      "cycle.published",
    );
    expect((await node("2")).appraised).toBe(3.25);
  });

  async function userId(username: string): Promise<number> {
    const r = await app.inject({ url: "/api/users", headers: auth("admin") });
    return r.json().items.find((u: { username: string }) => u.username === username).id;
  }
});
