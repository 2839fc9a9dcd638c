/**
 * Runs once before the suite: builds a migrated PGlite template (each test database loads it in
 * under a second instead of initialising for seconds) and, when TEST_DATABASE_URL is set, a migrated
 * PostgreSQL template database that each test clones. Also builds the web app for the browser tests.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { build } from "vite";
import { migrate, openDatabase, pgliteParsers } from "../server/db/connect.ts";

export const PG_TEMPLATE = "parindex_test_template";

export default async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-test-"));
  const pglite = await PGlite.create({ parsers: pgliteParsers() });
  const database = await openDatabase({ dataDir: dir, pglite });
  await migrate(database.db);
  const blob = await pglite.dumpDataDir("gzip");
  const file = path.join(dir, "template.tar.gz");
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await database.close();
  process.env.PARINDEX_PGLITE_TEMPLATE = file;

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${PG_TEMPLATE}`);
    await admin.query(`create database ${PG_TEMPLATE}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${PG_TEMPLATE}`;
    const tpl = await openDatabase({ databaseUrl: u.toString(), dataDir: dir, poolSize: 1 });
    await migrate(tpl.db);
    await tpl.close();
  }
  // The browser journeys serve a build of the web app made for this run (or PARINDEX_APP_DIST's).
  if (!process.env.PARINDEX_APP_DIST) {
    const outDir = path.join(dir, "app-dist");
    // vitest sets NODE_ENV=test, which would give a development bundle; the journeys test what ships.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    await build({
      mode: "production",
      configFile: path.resolve(import.meta.dirname, "..", "app", "vite.config.ts"),
      logLevel: "error",
      build: { outDir },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    process.env.PARINDEX_APP_DIST = outDir;
  }

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
