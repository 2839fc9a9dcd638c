import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/connect.ts";
import { ENGINES, engineAvailable } from "../db.ts";

const run = promisify(execFile);
const BIN = path.resolve("bin/parindex.mjs");
const SEED_PLAN = path.resolve("test/fixtures/plans/quangnam-1994-kh-vpubnd-2019.txt");

async function parindex(args: string[], env: Record<string, string>) {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe.each(ENGINES)("parindex CLI [%s]", (engine) => {
  const env: Record<string, string> = {};
  let dropDb: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    if (!engineAvailable(engine)) return;
    env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-cli-"));
    if (engine === "postgres") {
      const url = process.env.TEST_DATABASE_URL;
      if (!url) throw new Error("TEST_DATABASE_URL is not set");
      const name = `parindex_cli_${crypto.randomBytes(5).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const u = new URL(url);
      u.pathname = `/${name}`;
      env.DATABASE_URL = u.toString();
      dropDb = async () => {
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      };
    }
    const seeded = await parindex(["seed-demo"], env);
    expect(seeded.stderr).toBe("");
    expect(seeded.stdout).toContain("vp.daumoi");
  }, 180_000);
  afterAll(async () => {
    await dropDb?.();
    if (env.DATA_DIR) fs.rmSync(env.DATA_DIR, { recursive: true, force: true });
  });

  it.skipIf(!engineAvailable(engine))("index --year 2018 --json lists the Office at 81,08 %", async () => {
    const r = await parindex(["index", "--year", "2018", "--json"], env);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.find((x: { code: string }) => x.code === "VPUBND")).toEqual({
      agency: "Văn phòng UBND tỉnh Quảng Nam",
      code: "VPUBND",
      group: "so-ban-nganh",
      points: 75.4,
      max: 93,
      percent: 81.08,
      grade: "A",
      rank: 8,
    });
    expect(rows).toHaveLength(13);
  });

  it.skipIf(!engineAvailable(engine))("index prints a vi-VN table, and rejects a missing year", async () => {
    const r = await parindex(["index", "--year", "2018"], env);
    expect(r.stdout).toMatch(/VPUBND\s+75,4\s+93\s+81,08%/);
    const bad = await parindex(["index"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--year");
    const none = await parindex(["index", "--year", "2030"], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no cycle for 2030");
  });

  it.skipIf(!engineAvailable(engine))("seed-demo a second time changes nothing", async () => {
    const r = await parindex(["seed-demo"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("already loaded");
  });

  it.skipIf(!engineAvailable(engine))("users add refuses an unknown agency and a weak password", async () => {
    const r = await parindex(
      ["users", "add", "--username", "x.user", "--role", "focal_point", "--name", "X", "--agency", "NOPE"],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("No agency with code NOPE");
    const weak = await parindex(
      [
        "users",
        "add",
        "--username",
        "x.user",
        "--role",
        "focal_point",
        "--name",
        "X",
        "--agency",
        "VPUBND",
        "--password",
        "short",
      ],
      env,
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("at least 10 characters");
    const ok = await parindex(
      ["users", "add", "--username", "x.user", "--role", "focal_point", "--name", "X", "--agency", "VPUBND"],
      env,
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/user x\.user created .*password: \S{10,}/);
  });

  it.skipIf(!engineAvailable(engine))(
    "plan import --agency matches the seed's unit names to the Office's units and its areas",
    async () => {
      const r = await parindex(["plan", "import", SEED_PLAN, "--json", "--agency", "VPUBND"], env);
      expect(r.stderr).toBe("");
      const plan = JSON.parse(r.stdout);
      expect(plan.tasks).toHaveLength(16);
      // "Phòng Hành chính –Tổ chứ" (the typo) is read as the Office's division, with a warning.
      expect(plan.tasks[0].leadUnits).toEqual(["Phòng Hành chính – Tổ chức"]);
      expect(plan.warnings.some((w: { code: string }) => w.code === "unit_near_miss")).toBe(true);
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
      const unknown = await parindex(["plan", "import", SEED_PLAN, "--agency", "NOPE"], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("NOPE");
    },
  );
  it.skipIf(!engineAvailable(engine))(
    "audit verify prints OK with the chain's length and head, and names an entry changed behind the trigger's back",
    async () => {
      const ok = await parindex(["audit", "verify"], env);
      expect(ok.stderr).toBe("");
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^OK: \d+ entries, head [0-9a-f]{64}\n$/);
      const json = JSON.parse((await parindex(["audit", "verify", "--json"], env)).stdout);
      expect(json).toMatchObject({ ok: true });
      expect(json.length).toBeGreaterThanOrEqual(3);
      // Rewrite entry 2 as someone with the database's owner rights could, switching the trigger off.
      const database = await openDatabase({
        databaseUrl: env.DATABASE_URL ?? null,
        dataDir: env.DATA_DIR,
        purpose: "the CLI test",
      });
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
      await sql`update audit_log set note = 'rewritten' where id = 2`.execute(database.db);
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
      await database.close();
      const broken = await parindex(["audit", "verify"], env);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain("BROKEN at entry 2");
      expect(broken.stderr).toContain("content does not match its hash");
    },
    120_000,
  );
});

describe("parindex plan import without a database", () => {
  it("prints the structured plan as JSON with the text its spans point into", async () => {
    const r = await parindex(["plan", "import", SEED_PLAN, "--json"], { DATA_DIR: "/nonexistent-parindex" });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.document).toMatchObject({ number: "1994", code: "KH-VPUBND", date: "2019-09-03" });
    expect(plan.totals).toMatchObject({ max: 93, target: 86.5, impliedBaseline: 75.4 });
    const t = plan.tasks[1];
    expect(plan.text.slice(t.span.start, t.span.end)).toContain("Kiểm tra cải cách hành chính");
  });

  it("prints a readable summary, and refuses a missing, empty or binary file with a clear message", async () => {
    const ok = await parindex(["plan", "import", SEED_PLAN], {});
    expect(ok.stdout).toContain("Kế hoạch số 1994/KH-VPUBND ngày 03/09/2019");
    expect(ok.stdout).toContain("Nhiệm vụ (16)");
    const missing = await parindex(["plan", "import", "/nonexistent/plan.txt"], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("ENOENT");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-plan-"));
    fs.writeFileSync(path.join(dir, "empty.txt"), "");
    const empty = await parindex(["plan", "import", path.join(dir, "empty.txt")], {});
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("Tệp rỗng");
    fs.writeFileSync(path.join(dir, "bin.docx"), crypto.randomBytes(5000));
    const binary = await parindex(["plan", "import", path.join(dir, "bin.docx")], {});
    expect(binary.code).toBe(1);
    expect(binary.stderr.length).toBeGreaterThan(10);
    const usage = await parindex(["plan", "import"], {});
    expect(usage.code).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the embedded database belongs to one process", () => {
  it("a command says who holds it and how to proceed instead of opening it twice", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-lock-"));
    // This test process stands in for a running server.
    fs.writeFileSync(
      path.join(dir, "parindex.lock"),
      JSON.stringify({ pid: process.pid, purpose: "parindex serve on port 3000" }),
    );
    const r = await parindex(["index", "--year", "2018"], { DATA_DIR: dir, DATABASE_URL: "" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`in use by process ${process.pid} (parindex serve on port 3000)`);
    expect(r.stderr).toContain("DATABASE_URL");
    expect(fs.existsSync(path.join(dir, "pgdata", "PG_VERSION"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes over a stale lock left by a process that died", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-lock-"));
    fs.writeFileSync(path.join(dir, "parindex.lock"), JSON.stringify({ pid: 2 ** 22 + 7, purpose: "dead" }));
    const r = await parindex(["migrate"], { DATA_DIR: dir, DATABASE_URL: "" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("applied: 001_initial");
    expect(fs.existsSync(path.join(dir, "parindex.lock"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
