/**
 * Every DB-backed test runs on both engines: `forEachEngine("…", (getCtx) => { … })` declares the
 * same tests once for the embedded database and once for PostgreSQL. Each test file gets fresh,
 * migrated databases of its own, so tests create their own data and run in any order.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { type AppContext, createContext } from "../server/context.ts";
import { type Database, openDatabase, pgliteParsers } from "../server/db/connect.ts";

export type EngineName = "embedded" | "postgres";
/**
 * The engines this run tests: both, unless TEST_ENGINES names some (`TEST_ENGINES=embedded` is how
 * CI repeats the embedded half on another Node.js; the PostgreSQL half then is not declared at all).
 */
export const ENGINES: EngineName[] = enginesFrom(process.env.TEST_ENGINES);

function enginesFrom(value: string | undefined): EngineName[] {
  if (!value) return ["embedded", "postgres"];
  const names = value.split(",").map((s) => s.trim());
  const wrong = names.filter((n) => n !== "embedded" && n !== "postgres");
  if (wrong.length || !names.length)
    throw new Error(`TEST_ENGINES: expected embedded and/or postgres, got ${JSON.stringify(value)}`);
  return names as EngineName[];
}
const TEMPLATE = "parindex_test_template";

export interface TestDb {
  ctx: AppContext;
  close(): Promise<void>;
}

/**
 * `demoClock`: the clock runs on the demo's day once the demo is loaded, as with `npm start`. Off by
 * default (DEMO=off): most tests load the demo as a backdrop and build cycles around the real date.
 */
export async function createTestDb(engine: EngineName, opts: { demoClock?: boolean } = {}): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-data-"));
  const config = {
    ...loadConfig({ LOG_LEVEL: "silent", DEMO: opts.demoClock ? "auto" : "off" }),
    dataDir,
    UPLOAD_MAX_MB: 1,
  };
  let database: Database;
  let drop: (() => Promise<void>) | null = null;
  if (engine === "embedded") {
    const file = process.env.PARINDEX_PGLITE_TEMPLATE;
    if (!file)
      throw new Error("PARINDEX_PGLITE_TEMPLATE is not set: run the tests through vitest's global setup");
    const blob = new Blob([fs.readFileSync(file)]);
    const pglite = await PGlite.create({ loadDataDir: blob, parsers: pgliteParsers() });
    database = await openDatabase({ dataDir, pglite });
  } else {
    const url = process.env.TEST_DATABASE_URL;
    if (!url)
      throw new Error(
        "TEST_DATABASE_URL is not set: PostgreSQL tests need a server (npm test starts one when PostgreSQL is installed)",
      );
    const name = `parindex_t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${TEMPLATE}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: u.toString(), dataDir, poolSize: 4 });
    drop = async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  const ctx: AppContext = createContext(database, config);
  return {
    ctx,
    close: async () => {
      await database.close();
      await drop?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** PostgreSQL is required under CI=true; elsewhere its tests are reported as skipped when absent. */
export function engineAvailable(engine: EngineName): boolean {
  if (engine === "embedded") return true;
  return !!process.env.TEST_DATABASE_URL || process.env.CI === "true";
}

export function forEachEngine(
  name: string,
  body: (get: () => TestDb, engine: EngineName) => void,
  opts: { demoClock?: boolean } = {},
) {
  for (const engine of ENGINES) {
    describe.skipIf(!engineAvailable(engine))(`${name} [${engine}]`, () => {
      let db: TestDb | null = null;
      beforeAll(async () => {
        db = await createTestDb(engine, opts);
      });
      afterAll(async () => {
        await db?.close();
      });
      body(() => {
        if (!db) throw new Error(`no ${engine} database (see the error of beforeAll)`);
        return db;
      }, engine);
    });
  }
}

export async function testApp(ctx: AppContext) {
  return buildApp(ctx);
}
