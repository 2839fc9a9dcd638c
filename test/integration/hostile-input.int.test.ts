/**
 * Hostile input, each finding of the fuzzing reproduced: ids past PostgreSQL's integer in a path
 * (404, anonymous reads included), in a query or a body (400); control characters in a JSON body, a
 * query, a path, a multipart field and a file name (400 naming the field); pasted plan text keeping
 * its page breaks; no server path in any error message; evidence files served with the right
 * disposition and a sandbox. Every refusal changes nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { countRows, expectError, multipart, type Part, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORDS = { "vp.daumoi": "daumoi-password-1", admin: "admin-password-1" };
const PDF = Buffer.from("%PDF-1.4\n%%EOF\n", "latin1");
const PNG = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), Buffer.alloc(32)]);
const SEED = fs.readFileSync(path.resolve("test/fixtures/plans/quangnam-1994-kh-vpubnd-2019.txt"));

forEachEngine("hostile input", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let officeId: number;
  let planId: number;
  let taskId: number;

  /** What a refused request must leave as it was: the rows it could touch and the stored files. */
  const state = async () => {
    const db = get().ctx.db;
    const dir = path.join(get().ctx.config.dataDir, "files");
    return {
      tasks: await countRows(db, "tasks"),
      updates: await countRows(db, "task_updates"),
      evidence: await countRows(db, "evidence"),
      users: await countRows(db, "users"),
      indicators: await countRows(db, "indicator_values"),
      files: fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).length : 0,
    };
  };
  const inject = (user: string | null, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as "GET",
      url: `/api${url}`,
      headers: user ? as(user) : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const form = (user: string, url: string, parts: Part[]) => {
    const m = multipart(parts);
    return app.inject({
      method: "POST",
      url: `/api${url}`,
      payload: m.payload,
      headers: { ...m.headers, ...as(user) },
    });
  };

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: PASSWORDS });
    app = await testApp(get().ctx);
    as = await signIn(app, PASSWORDS);
    officeId = (await inject(null, "GET", "/agencies?kind=agency&q=VPUBND")).json().items[0].id;
    planId = (await inject(null, "GET", `/agencies/${officeId}/plans`)).json().items[0].id;
    taskId = (await inject(null, "GET", `/plans/${planId}/tasks`)).json().items[0].id;
  });

  it("answers a path id past the integer range with 404 on every route, anonymous reads included", async () => {
    const before = await state();
    expectError(await inject(null, "GET", "/plans/99999999999"), 404, "not_found", "id");
    for (const huge of ["2147483648", "9223372036854775808", "99999999999999999999999", "1e10"]) {
      expectError(await inject(null, "GET", `/plans/${huge}`), 404, "not_found", "id");
      expectError(await inject(null, "GET", `/public/agencies/${huge}`), 404, "not_found");
      expectError(await inject(null, "GET", `/evidence/${huge}/file`), 404, "not_found");
      expectError(await inject("vp.daumoi", "PATCH", `/tasks/${huge}`, { title: "x" }), 404, "not_found");
      expectError(
        await inject("vp.daumoi", "GET", `/cycles/1/agencies/${huge}/scores`),
        404,
        "not_found",
        "agencyId",
      );
      expectError(
        await inject("vp.daumoi", "DELETE", `/cycles/1/agencies/${officeId}/scores/1/evidence/${huge}`),
        404,
        "not_found",
        "evidenceId",
      );
      expectError(await inject("admin", "POST", `/users/${huge}/reset-password`), 404, "not_found");
    }
    // The largest id there can be is simply not found; a malformed id is still the schema's 400.
    expectError(await inject(null, "GET", "/plans/2147483647"), 404, "not_found");
    expectError(await inject(null, "GET", "/plans/abc"), 400, "validation", "id");
    // The router's own refusals answer with the same coded body: a segment that does not decode,
    // and one longer than any id or code.
    expectError(await inject(null, "GET", "/plans/%FF%FE"), 400, "bad_url");
    expectError(await inject(null, "GET", `/plans/${"9".repeat(300)}`), 404, "not_found");
    expect(await state()).toEqual(before);
  });

  it("answers an id past the integer range in a query or a body with 400 naming it", async () => {
    const before = await state();
    expectError(
      await inject("admin", "POST", "/users", {
        username: "qua.lon",
        password: "a-long-password",
        displayName: "Quá lớn",
        role: "leader",
        agencyId: 2 ** 31,
      }),
      400,
      "validation",
      "agencyId",
    );
    expectError(
      await inject("admin", "POST", "/cycles/1/participants", { agencyIds: [officeId, 2 ** 31] }),
      400,
      "validation",
      "agencyIds.1",
    );
    expectError(await inject("admin", "GET", "/audit?agencyId=99999999999"), 400, "validation", "agencyId");
    // A route whose own schema lets such a number through still answers 400, not 500: the
    // database's refusal is the request's fault and changes nothing.
    const r = await inject(null, "GET", "/agencies?parentId=99999999999");
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toMatch(/^validation/);
    expect(await state()).toEqual(before);
  });

  it("refuses a control character in a JSON body, a query and a path, naming the field", async () => {
    const before = await state();
    expectError(
      await inject("vp.daumoi", "POST", `/plans/${planId}/tasks`, { title: "Kiểm tra\u0000" }),
      400,
      "validation.control_character",
      "title",
    );
    const accept = {
      year: 2026,
      document: { title: "Kế hoạch CCHC" },
      areaTargets: [],
      tasks: [{ title: "a" }, { title: "b" }, { title: "c" }, { title: "d\u0007" }],
    };
    const deep = expectError(
      await inject("vp.daumoi", "POST", `/agencies/${officeId}/plans/import/accept`, accept),
      400,
      "validation.control_character",
      "tasks.3.title",
    );
    expect(deep.message).toContain("tasks.3.title");
    expect(deep.messageEn).toContain("tasks.3.title");
    for (const c of ["\u0001", "\u001b", "\u007f", "\f", "\v"])
      expectError(
        await inject("vp.daumoi", "PATCH", `/tasks/${taskId}`, { body: `x${c}y` }),
        400,
        "validation.control_character",
        "body",
      );
    // A key is text too.
    expectError(
      await inject("vp.daumoi", "POST", `/plans/${planId}/tasks`, { title: "ok", "x\u0000": 1 }),
      400,
      "validation.control_character",
      "x\\u0000",
    );
    expectError(
      await inject(null, "GET", `/plans/${planId}/tasks?q=ki%00m`),
      400,
      "validation.control_character",
      "q",
    );
    expectError(
      await inject("vp.daumoi", "PUT", `/cycles/1/agencies/${officeId}/scores/1%00`, { points: 1 }),
      400,
      "validation.control_character",
      "nodeCode",
    );
    expectError(await inject(null, "GET", "/plans/%00"), 400, "validation.control_character", "id");
    // Tab, line feed and carriage return are text.
    const ok = await inject("vp.daumoi", "POST", `/plans/${planId}/tasks`, {
      title: "Tiêu đề\tcó tab",
      body: "dòng 1\r\ndòng 2\n",
    });
    expect(ok.statusCode).toBe(201);
    expect(await state()).toEqual({ ...before, tasks: before.tasks + 1 });
  });

  it("refuses a control character in a multipart field or a file name, storing nothing", async () => {
    const before = await state();
    const url = `/tasks/${taskId}/updates`;
    expectError(
      await form("vp.daumoi", url, [
        { name: "data", value: '{"progress":10}\u0000' },
        { name: "file", filename: "a.pdf", content: PDF },
      ]),
      400,
      "validation.control_character",
      "data",
    );
    const e = expectError(
      await form("vp.daumoi", url, [
        { name: "data", value: '{"progress":10}' },
        { name: "file", filename: "bien\u0000ban.pdf", content: PDF },
      ]),
      400,
      "validation.control_character",
      "file",
    );
    expect(e.messageEn).toMatch(/file name/);
    expectError(
      await form("vp.daumoi", `/agencies/${officeId}/indicators/import`, [
        { name: "code", value: "signed\u0001" },
        { name: "period", value: "2019-q1" },
        { name: "column", value: "x" },
        { name: "file", filename: "r.csv", content: "x\n1\n" },
      ]),
      400,
      "validation.control_character",
      "code",
    );
    // JSON in a form field can spell a NUL as an escape: refused once read, naming the field.
    expectError(
      await form("vp.daumoi", url, [
        { name: "data", value: JSON.stringify({ progress: 10, note: "a\u0000b" }) },
      ]),
      400,
      "validation.control_character",
      "note",
    );
    expectError(
      await form("vp.daumoi", url, [{ name: "da\u0000ta", value: "{}" }]),
      400,
      "validation.control_character",
    );
    // A form cut short is malformed, not a server error.
    const m = multipart([{ name: "file", filename: "a.pdf", content: PDF }]);
    expectError(
      await app.inject({
        method: "POST",
        url: `/api${url}`,
        payload: m.payload.subarray(0, m.payload.length - 30),
        headers: { ...m.headers, ...as("vp.daumoi") },
      }),
      400,
      "upload.malformed",
    );
    expect(await state()).toEqual(before);
  });

  it("takes pasted plan text with PDF page breaks and Word line breaks, but no other control character", async () => {
    const paste = (text: string) =>
      inject("vp.daumoi", "POST", `/agencies/${officeId}/plans/import`, { text });
    const text = SEED.toString("utf8");
    const plain = await paste(text);
    expect(plain.statusCode).toBe(200);
    // The same document as a PDF's text: a form feed between pages, a vertical tab in a line.
    const cut = text.indexOf("\n", Math.floor(text.length / 2));
    const fromPdf = await paste(`${text.slice(0, cut)}\f${text.slice(cut).replace("\n", "\v")}`);
    expect(fromPdf.statusCode).toBe(200);
    expect(fromPdf.json().plan.tasks).toHaveLength(plain.json().plan.tasks.length);
    expect(JSON.stringify(fromPdf.json())).not.toMatch(/\\[fv]|\\u000[bc]/i);
    expectError(await paste(`${text}\u0000`), 400, "validation.control_character", "text");
    expectError(await paste(`${text}\u0001`), 400, "validation.control_character", "text");
    // Only this route's text field: a page break anywhere else is refused as before.
    expectError(
      await inject("vp.daumoi", "POST", `/plans/${planId}/tasks`, { title: "a\fb" }),
      400,
      "validation.control_character",
      "title",
    );
  });

  it("tells no server path in an error, whatever failed to parse", async () => {
    const dataDir = get().ctx.config.dataDir;
    const answers = [
      // A broken Word file to the plan importer, and a broken workbook to the register import
      // (read through a temporary file: its path was in the message).
      await form("vp.daumoi", `/agencies/${officeId}/plans/import`, [
        { name: "file", filename: "ke-hoach.docx", content: Buffer.from("PK\u0003\u0004broken", "latin1") },
      ]),
      await form("vp.daumoi", `/agencies/${officeId}/indicators/import`, [
        { name: "code", value: "signed_outgoing" },
        { name: "period", value: "2019-q1" },
        { name: "column", value: "Ký số" },
        { name: "file", filename: "so.xlsx", content: Buffer.from("PK\u0003\u0004not a workbook", "latin1") },
      ]),
      await form("vp.daumoi", `/tasks/${taskId}/updates`, [
        { name: "data", value: "{}" },
        { name: "file", filename: "../../etc/passwd.pdf", content: Buffer.from("not a pdf") },
      ]),
      await inject("vp.daumoi", "POST", `/plans/${planId}/tasks`, "{not json"),
    ];
    for (const r of answers) {
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, r.body).toBeLessThan(500);
      expect(r.body).not.toContain(dataDir);
      expect(r.body).not.toMatch(/\/tmp\/|parindex-register|\/home\/|\/root\//);
    }
    expect(answers[1]!.json().error.code).toBe("register.unreadable");
  });

  it("serves evidence PDF and images inline only in a sandbox, anything else as a download", async () => {
    const XLSX = Buffer.concat([Buffer.from("PK\u0003\u0004", "latin1"), Buffer.from("xl/workbook.xml")]);
    const upload = async (filename: string, content: Buffer) => {
      const r = await form("vp.daumoi", `/tasks/${taskId}/updates`, [
        { name: "data", value: JSON.stringify({ progress: 20 }) },
        { name: "file", filename, content },
      ]);
      expect(r.statusCode, r.body).toBe(201);
      const t = (await inject("vp.daumoi", "GET", `/tasks/${taskId}`)).json();
      return t.updates.at(-1).evidence[0].id as number;
    };
    for (const [name, content, type, inline] of [
      ["bien-ban.pdf", PDF, "application/pdf", true],
      ["anh.png", PNG, "image/png", true],
      ["so-lieu.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false],
    ] as const) {
      const id = await upload(name, content);
      const r = await inject("vp.daumoi", "GET", `/evidence/${id}/file`);
      expect(r.statusCode).toBe(200);
      expect(r.headers["content-type"]).toBe(type);
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.headers["content-disposition"]).toBe(
        `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      if (inline) expect(r.headers["content-security-policy"]).toBe("sandbox");
      expect(r.rawPayload.equals(content)).toBe(true);
    }
  });
});
