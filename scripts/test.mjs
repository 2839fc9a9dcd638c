#!/usr/bin/env node
// `npm test`: runs the whole suite on both databases and ends with a plain "N passed, N failed" line.
// When TEST_DATABASE_URL is not set and PostgreSQL is installed, it starts a throwaway server for the
// run. Under CI=true a missing PostgreSQL makes its tests fail instead of being skipped.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findPgBin, startThrowawayPostgres } from "./throwaway-postgres.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const extraArgs = process.argv.slice(2);

function startPostgres() {
  const bin = findPgBin();
  if (!bin) return null;
  return startThrowawayPostgres(bin, 54000 + Math.floor(Math.random() * 900));
}

const env = { ...process.env };
// TEST_ENGINES=embedded runs only the embedded database's half (test/db.ts): no PostgreSQL needed.
const wantsPostgres = !env.TEST_ENGINES || env.TEST_ENGINES.split(",").some((e) => e.trim() === "postgres");
let pgServer = null;
if (wantsPostgres && !env.TEST_DATABASE_URL) {
  try {
    pgServer = startPostgres();
  } catch (e) {
    console.error(`Could not start a PostgreSQL server for the tests: ${e.message}`);
  }
  if (pgServer) {
    env.TEST_DATABASE_URL = pgServer.url;
    console.log(`PostgreSQL for the tests: ${pgServer.url}`);
  } else if (env.CI === "true") {
    console.error(
      "CI=true and no PostgreSQL: the PostgreSQL half of the suite will fail. Install it (apt-get install postgresql) or set TEST_DATABASE_URL.",
    );
  } else {
    console.warn(
      "PostgreSQL not found: the PostgreSQL half of the suite is SKIPPED. Install postgresql or set TEST_DATABASE_URL to run it.",
    );
  }
}

const chromium = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  if (env.CI === "true")
    console.error(
      `CI=true and no Chromium at ${chromium}: the browser journeys will FAIL. Install it: apt-get install chromium`,
    );
  else
    console.warn(
      `Chromium not found at ${chromium}: the browser journeys (test/e2e) are SKIPPED. Install it: apt-get install chromium`,
    );
}

const resultsDir = path.join(root, "test-results");
fs.mkdirSync(resultsDir, { recursive: true });
const jsonFile = path.join(resultsDir, "vitest.json");
fs.rmSync(jsonFile, { force: true });
const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
const child = spawn(
  process.execPath,
  [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${jsonFile}`, ...extraArgs],
  {
    cwd: root,
    env,
    stdio: "inherit",
  },
);
const code = await new Promise((resolve) => child.on("exit", (c, sig) => resolve(c ?? (sig ? 1 : 0))));
pgServer?.stop();

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
  passed = r.numPassedTests ?? 0;
  failed =
    (r.numFailedTests ?? 0) +
    (r.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0)
      .length;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
if (code !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(code === 0 && failed === 0 ? 0 : 1);
