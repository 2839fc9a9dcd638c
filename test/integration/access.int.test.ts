/**
 * The access matrix (issue 8): every route of the OpenAPI document × every actor — anonymous, admin,
 * the province office, appraisers assigned or not, the Office's focal point, leader and two divisions,
 * another agency's focal point, and the other province's office, focal point and division — each call
 * made on the resource the row names and its answer compared with the product's rule
 * (access/table.ts). Every write that succeeds must leave an audit entry. The test fails when a route
 * has no row, when a row names no route, and when docs/security.md's matrix differs from the table.
 *
 * `ACCESS_MATRIX_WRITE=1 npx vitest run test/integration/access.int.test.ts` (or `npm run docs:access`)
 * rewrites the document.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitStatements } from "../../server/db/connect.ts";
import * as m011 from "../../server/db/migrations/011_framework_owner.ts";
import { expectError } from "../api.ts";
import { forEachEngine } from "../db.ts";
import { ACTORS, type Outcome } from "./access/actors.ts";
import { MATRIX_FILE, matrixSection, renderMatrix, withMatrixSection } from "./access/render.ts";
import { ROWS } from "./access/table.ts";
import { buildWorld, type World } from "./access/world.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

describe("access matrix: the table and its document", () => {
  it("has one row per route", () => {
    const seen = new Set<string>();
    const twice = ROWS.map((r) => r.route).filter((k) => seen.has(k) || !seen.add(k));
    expect(twice, "routes with two rows").toEqual([]);
  });

  it(`${MATRIX_FILE}'s role × action matrix is the rendering of the table (npm run docs:access)`, () => {
    const file = path.join(ROOT, MATRIX_FILE);
    const text = renderMatrix(ROWS);
    if (process.env.ACCESS_MATRIX_WRITE)
      fs.writeFileSync(file, withMatrixSection(fs.readFileSync(file, "utf8"), text));
    const committed = matrixSection(fs.readFileSync(file, "utf8"));
    expect(committed === text, `${MATRIX_FILE}'s matrix is out of date: run npm run docs:access`).toBe(true);
  });
});

const outcomeOf = (status: number): Outcome | number => (status >= 200 && status < 300 ? "ok" : status);
const show = (o: Outcome | number | undefined) => (o === "ok" ? "2xx" : String(o));

forEachEngine("access matrix", (get, engine) => {
  let w: World;
  let started = 0;
  let built = 0;
  beforeAll(async () => {
    started = Date.now();
    w = await buildWorld(get().ctx);
    built = Date.now();
  }, 120_000);
  afterAll(() => {
    const n = ROWS.length * ACTORS.length;
    console.info(
      `access matrix [${engine}]: ${ROWS.length} routes × ${ACTORS.length} actors = ${n} calls; ` +
        `world ${built - started} ms, calls ${Date.now() - built} ms`,
    );
  });

  it("has a row for every route of the OpenAPI document, and no row for a route it lacks", () => {
    const paths = (w.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const routes = Object.entries(paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const rows = new Set(ROWS.map((r) => r.route));
    expect(
      routes.filter((r) => !rows.has(r)),
      "routes without a row in test/integration/access/table.ts",
    ).toEqual([]);
    expect(
      [...rows].filter((r) => !routes.includes(r)),
      "rows for routes the OpenAPI document does not have",
    ).toEqual([]);
  });

  for (const row of ROWS) {
    it(row.route, async () => {
      const method = row.route.split(" ")[0];
      const writes = WRITES.has(method);
      const problems: string[] = [];
      for (const a of ACTORS) {
        await row.setup?.(w, a.key);
        const c = await row.call(w, a.key);
        const before = writes ? await w.audits() : 0;
        const r = await w.app.inject({
          method: method as "GET",
          url: c.url,
          payload: c.payload as never,
          headers: { ...w.as(a.key), ...c.headers },
        });
        const got = outcomeOf(r.statusCode);
        const should = row.expect[a.key];
        const today = row.today?.outcomes[a.key];
        const detail = r.statusCode >= 300 ? ` ${r.body.slice(0, 160)}` : "";
        if (today !== undefined && today === should)
          problems.push(`${a.key}: its "today" mark says what the rule says: remove the mark`);
        else if (today !== undefined && today !== should) {
          if (got === should)
            problems.push(
              `${a.key}: answers ${show(got)} as it should now: remove it from the row's "today"`,
            );
          else if (got !== today)
            problems.push(
              `${a.key}: ${show(got)}, known as ${show(today)} today, should be ${show(should)}${detail}`,
            );
        } else if (got !== should)
          problems.push(`${a.key}: ${show(got)}, should be ${show(should)}${detail}`);
        if (row.lists && got === "ok") {
          const shown = row.lists.shown(w, r.json());
          if (shown !== row.lists.to.includes(a.key))
            problems.push(`${a.key}: ${shown ? "is shown" : "is not shown"} ${row.lists.what}`);
        }
        if (writes && got === "ok") {
          const added = (await w.audits()) - before;
          const covers = (m?: { actors?: readonly string[] }) =>
            !!m && (!m.actors || m.actors.includes(a.key));
          if (covers(row.noAudit)) {
            if (added > 0) problems.push(`${a.key}: said to store nothing, yet left ${added} audit entries`);
          } else if (covers(row.auditGap)) {
            if (added > 0) problems.push(`${a.key}: now leaves an audit entry: remove the row's "auditGap"`);
          } else if (added < 1) problems.push(`${a.key}: succeeded without an audit entry`);
        }
      }
      await row.after?.(w);
      expect(problems, `${row.route} on ${row.target}`).toEqual([]);
    });
  }

  // The hole the table found first: any province's office could create or replace any framework.
  it("keeps each province's frameworks its own: its office issues and replaces them, another province's cannot", async () => {
    const { app } = w;
    const call = (actor: Parameters<World["as"]>[0], method: string, url: string, payload?: unknown) =>
      app.inject({
        method: method as "GET",
        url: `/api${url}`,
        headers: w.as(actor),
        payload: payload as never,
      });
    const body = (code: string) => ({
      code,
      title: `Bộ chỉ số ${code}`,
      year: 2031,
      agencyType: "department",
      nodes: [{ code: "1", kind: "area", title: "Chỉ đạo, điều hành", max: 10 }],
    });
    // Left out, the owner is the office's own province (national for the administrator).
    const dn = await call("dnsnv", "POST", "/frameworks", body("DN-2031"));
    expect(dn.statusCode).toBe(201);
    const dnId = dn.json().id as number;
    expect((await call("anon", "GET", `/frameworks/${dnId}`)).json().provinceId).toBe(w.ids.danang);
    const national = await call("admin", "POST", "/frameworks", body("QG-2031"));
    expect(national.statusCode).toBe(201);
    expect((await call("anon", "GET", `/frameworks/${national.json().id}`)).json().provinceId).toBeNull();
    expectError(
      await call("snv", "POST", "/frameworks", { ...body("QG-2032"), provinceId: null }),
      403,
      "forbidden",
    );
    // A new version belongs to its base's owner, when the caller may edit that one; else to the caller's.
    const owner = async (r: { json(): { id: number } }) =>
      (await call("anon", "GET", `/frameworks/${r.json().id}`)).json().provinceId;
    const v2 = await call("admin", "POST", "/frameworks", {
      ...body("QNAM-2031-V2"),
      basedOnId: w.ids.fw2019,
    });
    expect(v2.statusCode).toBe(201);
    expect(await owner(v2)).toBe(w.ids.qnam);
    const copy = await call("snv", "POST", "/frameworks", {
      ...body("QNAM-FROM-QG"),
      basedOnId: national.json().id,
    });
    expect(copy.statusCode).toBe(201);
    expect(await owner(copy)).toBe(w.ids.qnam);
    expectError(
      await call("snv", "POST", "/frameworks", { ...body("DN-2032"), provinceId: w.ids.danang }),
      403,
      "forbidden",
    );
    expectError(
      await call("admin", "POST", "/frameworks", { ...body("X-2032"), provinceId: w.ids.office }),
      400,
      "framework.unknown_province",
      "provinceId",
    );
    // Replacing: the owner's office (or admin) only; a national one is the administrator's.
    expectError(await call("snv", "PUT", `/frameworks/${dnId}`, body("DN-2031")), 403, "forbidden");
    expect((await call("dnsnv", "PUT", `/frameworks/${dnId}`, body("DN-2031"))).statusCode).toBe(200);
    expectError(
      await call("snv", "PUT", `/frameworks/${national.json().id}`, body("QG-2031")),
      403,
      "forbidden",
    );
    // The list: a province's people see theirs and the national ones; admin and the public see all.
    const codes = async (actor: Parameters<World["as"]>[0]) =>
      ((await call(actor, "GET", "/frameworks")).json().items as { code: string }[]).map((f) => f.code);
    expect(await codes("snv")).toEqual(expect.arrayContaining(["QNAM-SBN-2019", "QG-2031"]));
    expect(await codes("snv")).not.toContain("DN-2031");
    expect(await codes("fp")).not.toContain("DN-2031");
    expect(await codes("dnsnv")).toEqual(expect.arrayContaining(["DN-2031", "QG-2031"]));
    expect(await codes("dnsnv")).not.toContain("QNAM-SBN-2019");
    for (const actor of ["admin", "anon"] as const)
      expect(await codes(actor)).toEqual(expect.arrayContaining(["DN-2031", "QG-2031", "QNAM-SBN-2019"]));
    // A cycle runs on its province's framework or a national one.
    const cycle = (frameworkId: number, group: string) =>
      call("snv", "POST", "/cycles", { year: 2031, frameworkId, provinceId: w.ids.qnam, group });
    expectError(await cycle(dnId, "matrix-dn"), 400, "cycle.framework_of_other_province", "frameworkId");
    expect((await cycle(national.json().id, "matrix-national")).statusCode).toBe(201);
    // Its office reads the trail of its frameworks.
    const trail = (await call("dnsnv", "GET", `/audit?entity=framework&entityId=${dnId}`)).json().items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual([
      "framework.replaced",
      "framework.created",
    ]);
    expect((await call("snv", "GET", `/audit?entity=framework&entityId=${dnId}`)).json().items).toEqual([]);
  });

  it("migration 011 gives a framework the province of the cycles that use it, and leaves others national", async () => {
    const db = w.ctx.db;
    const owners = async () =>
      new Map(
        (await db.selectFrom("frameworks").select(["id", "province_id"]).execute()).map((f) => [
          f.id,
          f.province_id,
        ]),
      );
    const before = await owners();
    await db.updateTable("frameworks").set({ province_id: null }).execute();
    for (const s of splitStatements(m011.up).filter((x) => x.startsWith("update")))
      await sql.raw(s).execute(db);
    const after = await owners();
    expect(after.get(w.ids.fw2018)).toBe(w.ids.qnam);
    expect(after.get(w.ids.fw2019)).toBe(w.ids.qnam);
    expect(after.get(w.ids.fwFree)).toBeNull();
    for (const [id, owner] of before)
      await db.updateTable("frameworks").set({ province_id: owner }).where("id", "=", id).execute();
  });

  it("shows appraisers a cycle's history without the sessions and addresses the changes came from", async () => {
    const read = async (actor: Parameters<World["as"]>[0]) =>
      (await w.app.inject({ url: `/api/cycles/${w.ids.cycle}/history`, headers: w.as(actor) })).json()
        .items as { action: string; actor: { name: string; session: string | null; ip: string | null } }[];
    const office = await read("snv");
    const created = office.find((e) => e.action === "cycle.created")!;
    expect(created.actor.name).toBe("snv.cchc");
    expect(created.actor.session).not.toBeNull();
    expect(created.actor.ip).not.toBeNull();
    const appraiser = await read("appr");
    expect(appraiser.map((e) => e.action)).toEqual(office.map((e) => e.action));
    expect(appraiser.find((e) => e.action === "cycle.created")!.actor).toMatchObject({
      name: "snv.cchc",
      session: null,
      ip: null,
    });
    expect(appraiser.every((e) => e.actor.session === null && e.actor.ip === null)).toBe(true);
  });
});
