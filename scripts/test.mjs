#!/usr/bin/env node
// `npm test`: runs the whole suite on both databases and ends with a plain "N passed, N failed" line.
// When TEST_DATABASE_URL is not set and PostgreSQL is installed, it starts a throwaway server for the
// run. Under CI=true a missing PostgreSQL makes its tests fail instead of being skipped.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const extraArgs = process.argv.slice(2);

function findPgBin() {
  const candidates = [];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) candidates.push(dir);
  try {
    for (const v of fs.readdirSync("/usr/lib/postgresql").sort().reverse())
      candidates.push(`/usr/lib/postgresql/${v}/bin`);
  } catch {}
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  return null;
}

function startPostgres() {
  const bin = findPgBin();
  if (!bin) return null;
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-pg-"));
  const dataDir = path.join(base, "data");
  const port = 54000 + Math.floor(Math.random() * 900);
  const isRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: run it as the postgres user Debian's package creates.
  const run = (cmd, args) => {
    const full = isRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args]]
      : [path.join(bin, cmd), args];
    const r = spawnSync(full[0], full[1], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (isRoot) {
    fs.chmodSync(base, 0o777);
    execFileSync("chown", ["postgres", base]);
  }
  run("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale"]);
  run("pg_ctl", [
    "-D",
    dataDir,
    "-l",
    path.join(base, "log"),
    "-w",
    "-o",
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${base} -c fsync=off -c max_connections=200`,
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run("pg_ctl", ["-D", dataDir, "-m", "immediate", "stop"]);
      } catch {}
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

const env = { ...process.env };
let pgServer = null;
if (!env.TEST_DATABASE_URL) {
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
