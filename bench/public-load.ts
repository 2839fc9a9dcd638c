/**
 * Issue 8, scope 9: public reads at publication-day load. When results are published, every civil
 * servant of the province opens the ranking at once. Target: the public ranking and a public agency
 * page each serve at least 30 % of the requests per second of a bare route of the same server
 * (GET /api/health, one `select 1`), with a p99 latency of at most 100 ms, at 64 concurrent
 * connections, on the embedded database and on PostgreSQL.
 *
 * For each engine: starts the real server (`parindex serve`, a fresh DATA_DIR, the demo loaded on
 * first start; for PostgreSQL a fresh database, see bench/postgres.ts) as its own process, and drives
 * it from another process (bench/load-client.mjs: autocannon, keep-alive connections, no
 * If-None-Match, as a browser's first visit) for a fixed time per endpoint after a warm-up:
 *   the bare route, measured first, halfway and last (the median is the baseline; the three show
 *   how much the machine drifted during the run);
 *   the public ranking, GET /api/public/cycles/:id (the 2018 cycle the demo publishes);
 *   the ranking as an anonymous caller reads it, GET /api/cycles/:id/ranking;
 *   the public page of the Office (VPUBND), GET /api/public/agencies/:id;
 *   the public ranking again for a signed-in reader (the Office's leader's session cookie);
 * each with a browser's `accept-encoding: gzip, deflate, br` and again with `identity`, so the cost
 * of compression shows (an answer below @fastify/compress's 1 KB threshold is sent as is and only
 * measured once). Besides req/s and latency it reads the server process's CPU time from /proc (and,
 * on PostgreSQL, that of its backends): CPU per request is steadier than req/s on a shared machine.
 *
 * Environment: BENCH_LOAD_SECONDS (7), BENCH_LOAD_WARMUP_SECONDS (2), BENCH_LOAD_CONNECTIONS (64),
 * BENCH_LOAD_ENGINES ("embedded,postgres"), BENCH_DATABASE_URL or DATABASE_URL (a PostgreSQL server
 * in which a fresh database is created and dropped; else a throwaway server when PostgreSQL is
 * installed), BENCH_LOAD=off (skip in `npm run bench`), BENCH_LOAD_PROFILE=DIR (run the server
 * under --cpu-prof, keep the profile in DIR and print where each endpoint's time went).
 *
 * Run by `npm run bench` (bench/run.ts), or alone: `npx tsx bench/public-load.ts [--profile DIR]`.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { readProfile, summariseWindow } from "./cpuprofile.ts";
import type { BenchResult } from "./dashboard.ts";
import { benchDatabase } from "./postgres.ts";
import { median } from "./stats.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
const SECONDS = num(process.env.BENCH_LOAD_SECONDS, 7);
const WARMUP = num(process.env.BENCH_LOAD_WARMUP_SECONDS, 2);
const CONNECTIONS = num(process.env.BENCH_LOAD_CONNECTIONS, 64);
const ENGINES = (process.env.BENCH_LOAD_ENGINES ?? "embedded,postgres").split(",").map((s) => s.trim());
export const TARGET_RATIO = 0.3;
export const TARGET_P99_MS = 100;
const BROWSER = "gzip, deflate, br";
const CLK_TCK = 100; // Linux's USER_HZ, the unit of /proc/<pid>/stat's times

type Engine = "embedded" | "postgres";

/** One measured run of one endpoint. */
export interface LoadRun {
  engine: Engine;
  key: string;
  label: string;
  path: string;
  encoding: string;
  /** The answer's size as sent (after compression) and its content-encoding. */
  size: number;
  sentEncoding: string;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU time of the server process per request (µs); on PostgreSQL, of its backends too. */
  serverCpuUs: number;
  dbCpuUs: number | null;
  startUs: number;
  endUs: number;
}

export interface EngineLoad {
  engine: Engine;
  where: string;
  runs: LoadRun[];
  skipped?: string;
  profile?: string;
}

// ------------------------------------------------------------------------------------- the server

async function startServer(
  dataDir: string,
  databaseUrl: string | null,
  profileDir: string | null,
): Promise<{ child: ChildProcess; url: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  Object.assign(env, {
    DATA_DIR: dataDir,
    PORT: "0",
    HOST: "127.0.0.1",
    DEMO: "auto",
    LOG_LEVEL: "silent",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, "bin", "parindex.mjs"), "serve"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 180_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /serving (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace("localhost", "127.0.0.1"));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  // Keep draining its output so a full pipe never blocks it, and keep its end to say why it stopped.
  child.stdout?.removeAllListeners("data");
  child.stderr?.removeAllListeners("data");
  child.removeAllListeners("exit");
  let tail = "";
  const keep = (b: Buffer) => {
    tail = (tail + b.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.once("exit", (code, signal) => {
    if (!stopping.has(child))
      console.log(`  the server stopped during the run (${signal ?? `exit code ${code}`}):\n${tail}`);
  });
  return { child, url };
}

const stopping = new WeakSet<ChildProcess>();

async function stopServer(child: ChildProcess) {
  stopping.add(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
}

/** One GET, its body decoded as sent (not decompressed): status, headers and size. */
function probe(
  url: string,
  encoding: string,
  cookie?: string,
): Promise<{ status: number; encoding: string; size: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { "accept-encoding": encoding, ...(cookie ? { cookie } : {}) };
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          encoding: String(res.headers["content-encoding"] ?? "identity"),
          size: body.length,
          body,
        });
      });
    });
    req.on("error", reject);
  });
}

/**
 * Signs in as the demo Office's leader (the password the server wrote into DATA_DIR on first start)
 * and returns the session cookie, or null when that is not possible.
 */
async function signIn(base: string, dataDir: string): Promise<string | null> {
  let password: string | undefined;
  try {
    const text = fs.readFileSync(path.join(dataDir, "demo-credentials.txt"), "utf8");
    password = text
      .split("\n")
      .find((l) => l.trim().startsWith("vp.lanhdao "))
      ?.trim()
      .split(/\s+/)[1];
  } catch {}
  if (!password) return null;
  const body = JSON.stringify({ username: "vp.lanhdao", password });
  return new Promise((resolve) => {
    const req = http.request(
      `${base}/api/auth/login`,
      { method: "POST", headers: { "content-type": "application/json" }, agent: false },
      (res) => {
        res.resume();
        const set = res.headers["set-cookie"]?.[0];
        resolve(res.statusCode === 200 && set ? set.split(";")[0] : null);
      },
    );
    req.on("error", () => resolve(null));
    req.end(body);
  });
}

async function getJson<T>(url: string): Promise<T> {
  const r = await probe(url, "identity");
  if (r.status !== 200)
    throw new Error(`GET ${url} answered ${r.status}: ${r.body.toString().slice(0, 300)}`);
  return JSON.parse(r.body.toString()) as T;
}

// ---------------------------------------------------------------------------------- CPU accounting

function cpuTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]); // utime + stime (fields 14 and 15)
  } catch {
    return 0;
  }
}

/** CPU ticks of the PostgreSQL backends serving one database, by pid. */
function backendTicks(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, "utf8");
      if (cmd.startsWith("postgres: ") && cmd.includes(` ${database} `))
        out.set(Number(d), cpuTicks(Number(d)));
    } catch {}
  }
  return out;
}

// ------------------------------------------------------------------------------------------- load

function runClient(
  url: string,
  seconds: number,
  encoding: string,
  cookie?: string,
): Promise<Record<string, number>> {
  const args = JSON.stringify({
    url,
    connections: CONNECTIONS,
    seconds,
    headers: { "accept-encoding": encoding, ...(cookie ? { cookie } : {}) },
  });
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "bench", "load-client.mjs"), args],
      { cwd: ROOT, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`the load generator failed: ${err.message}\n${stderr}`));
        resolve(JSON.parse(stdout.trim().split("\n").pop()!));
      },
    );
  });
}

interface Target {
  key: string;
  label: string;
  path: string;
  /** A signed-in reader's session cookie, sent with every request. */
  cookie?: string;
}

async function measure(
  engine: Engine,
  base: string,
  t: Target,
  encoding: string,
  serverPid: number,
  database: string | null,
): Promise<LoadRun> {
  const p = await probe(base + t.path, encoding, t.cookie);
  if (p.status !== 200) throw new Error(`${t.path} answered ${p.status}: ${p.body.toString().slice(0, 300)}`);
  if (WARMUP > 0) await runClient(base + t.path, WARMUP, encoding, t.cookie);
  const cpu0 = cpuTicks(serverPid);
  const db0 = database ? backendTicks(database) : null;
  const r = await runClient(base + t.path, SECONDS, encoding, t.cookie);
  const cpu1 = cpuTicks(serverPid);
  if (!fs.existsSync(`/proc/${serverPid}`) || (await probe(base, "identity").catch(() => null)) === null)
    throw new Error(`the server is gone after ${t.path}`);
  let dbCpuUs: number | null = null;
  if (database && db0) {
    let ticks = 0;
    for (const [pid, after] of backendTicks(database)) ticks += after - (db0.get(pid) ?? 0);
    dbCpuUs = ((ticks / CLK_TCK) * 1e6) / Math.max(1, r.requests);
  }
  return {
    engine,
    key: t.key,
    label: t.label,
    path: t.path,
    encoding,
    size: p.size,
    sentEncoding: p.encoding,
    requests: r.requests,
    rps: r.rps,
    p50: r.p50,
    p90: r.p90,
    p99: r.p99,
    max: r.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    serverCpuUs: (((cpu1 - cpu0) / CLK_TCK) * 1e6) / Math.max(1, r.requests),
    dbCpuUs,
    startUs: r.startUs,
    endUs: r.endUs,
  };
}

const fmtRun = (r: LoadRun) =>
  `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; ${r.size} B ${
    r.sentEncoding
  }; server CPU ${r.serverCpuUs.toFixed(0)} µs/req${
    r.dbCpuUs === null ? "" : ` + PostgreSQL ${r.dbCpuUs.toFixed(0)} µs/req`
  }${r.non2xx || r.errors || r.timeouts ? ` — ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : ""}`;

async function loadEngine(engine: Engine, profileDir: string | null): Promise<EngineLoad> {
  let databaseUrl: string | null = null;
  let database: string | null = null;
  let where = "embedded (PGlite)";
  let drop: (() => Promise<void>) | null = null;
  if (engine === "postgres") {
    const db = await benchDatabase();
    if ("skipped" in db) return { engine, where: "PostgreSQL", runs: [], skipped: db.skipped };
    databaseUrl = db.url;
    database = new URL(db.url).pathname.slice(1);
    where = `PostgreSQL, ${db.where}`;
    drop = db.drop;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-bench-load-"));
  const profDir = profileDir ? path.join(profileDir, engine) : null;
  if (profDir) fs.mkdirSync(profDir, { recursive: true });
  const started = Date.now();
  const { child, url } = await startServer(dataDir, databaseUrl, profDir);
  console.log(
    `public load (${engine}): server ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${url}`,
  );
  const runs: LoadRun[] = [];
  let profile: string | undefined;
  try {
    const overview = await getJson<{ cycles: { id: number; year: number }[] }>(`${url}/api/public/overview`);
    const cycle = overview.cycles.find((c) => c.year === 2018);
    if (!cycle) throw new Error("the demo has no published 2018 cycle");
    const agencies = await getJson<{ items: { id: number; code: string }[] }>(
      `${url}/api/agencies?kind=agency&limit=500`,
    );
    const office = agencies.items.find((a) => a.code === "VPUBND");
    if (!office) throw new Error("the demo has no VPUBND agency");
    const bare: Target = { key: "bare", label: "bare route", path: "/api/health" };
    const targets: Target[] = [
      { key: "public-ranking", label: "public ranking", path: `/api/public/cycles/${cycle.id}` },
      { key: "anon-ranking", label: "ranking, anonymous", path: `/api/cycles/${cycle.id}/ranking` },
      { key: "agency-page", label: "public agency page", path: `/api/public/agencies/${office.id}` },
    ];
    const pid = child.pid!;
    const one = async (t: Target, enc: string) => {
      const r = await measure(engine, url, t, enc, pid, database);
      console.log(`  ${t.label} ${t.path} [${enc === BROWSER ? "gzip/br" : enc}]: ${fmtRun(r)}`);
      runs.push(r);
      return r;
    };
    // A server just started (and just loaded with the demo) is slower for a few seconds: warm it up
    // before the first measurement. The bare route is then measured first, halfway and last; its
    // median is the baseline, and the three show how much the machine drifted during the run.
    await runClient(url + bare.path, Math.max(3, WARMUP), BROWSER);
    await one(bare, BROWSER);
    for (const [i, t] of targets.entries()) {
      if (i === Math.floor(targets.length / 2)) await one(bare, BROWSER);
      const r = await one(t, BROWSER);
      // Below the compression threshold the two would be the same request: measured once.
      if (r.sentEncoding !== "identity") await one(t, "identity");
    }
    // A civil servant who is signed in sends the session cookie to the public pages too.
    const cookie = await signIn(url, dataDir);
    if (cookie)
      await one(
        {
          key: "public-ranking-signed-in",
          label: "public ranking, signed in",
          path: targets[0].path,
          cookie,
        },
        BROWSER,
      );
    else console.log("  (could not sign in as vp.lanhdao: the signed-in reader is not measured)");
    await one(bare, BROWSER);
  } finally {
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await drop?.().catch((e) =>
      console.log(`  (could not drop the bench database: ${(e as Error).message})`),
    );
  }
  if (profDir) {
    // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (tsx's loader
    // hooks run in another).
    const main = fs.readdirSync(profDir).find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
    if (main) profile = path.join(profDir, main);
  }
  return { engine, where, runs, profile };
}

/** The load of every engine asked for (BENCH_LOAD_ENGINES), one after the other. */
export async function benchPublicLoad(profileDir: string | null = null): Promise<EngineLoad[]> {
  const out: EngineLoad[] = [];
  for (const e of ENGINES) {
    if (e !== "embedded" && e !== "postgres") throw new Error(`BENCH_LOAD_ENGINES: unknown engine ${e}`);
    const r = await loadEngine(e, profileDir);
    if (r.skipped) console.log(`public load (${e}): SKIPPED — ${r.skipped}`);
    out.push(r);
  }
  return out;
}

// ------------------------------------------------------------------------------------------ report

/**
 * CPU per request of the server process, plus its PostgreSQL backends: steadier than req/s on a
 * shared machine, and what bounds req/s once the machine is the server's alone.
 */
const cpuOf = (r: LoadRun) => r.serverCpuUs + (r.dbCpuUs ?? 0);

/** Prints `name: value unit, ratio× baseline` lines and the verdicts; returns results.json's rows. */
export function reportPublicLoad(loads: EngineLoad[]): BenchResult[] {
  const results: BenchResult[] = [];
  const verdicts: string[] = [];
  for (const load of loads) {
    if (load.skipped) {
      verdicts.push(`target (${load.engine}): not measured — ${load.skipped}`);
      continue;
    }
    const bares = load.runs.filter((r) => r.key === "bare");
    const rps = median(bares.map((r) => r.rps));
    const p99 = median(bares.map((r) => r.p99));
    const cpu = median(bares.map(cpuOf));
    const prefix = `public load (${load.engine}, ${CONNECTIONS} connections, ${SECONDS} s)`;
    results.push(
      {
        name: `${prefix}: baseline GET /api/health (median of first, halfway, last: ${bares.map((r) => r.rps.toFixed(0)).join(", ")} req/s)`,
        value: rps,
        unit: "req/s",
        baseline: rps,
        ratio: 1,
      },
      {
        name: `${prefix}: baseline GET /api/health p99`,
        value: p99,
        unit: "ms",
        baseline: p99,
        ratio: 1,
      },
      {
        name: `${prefix}: baseline GET /api/health CPU per request${load.engine === "postgres" ? " (server + PostgreSQL backends)" : ""}`,
        value: cpu,
        unit: "µs",
        baseline: cpu,
        ratio: 1,
      },
    );
    for (const r of load.runs.filter((x) => x.key !== "bare")) {
      const enc = r.encoding === BROWSER ? `accept-encoding gzip/br → ${r.sentEncoding}` : "no compression";
      const name = `${prefix}: ${r.label} GET ${r.path} (${enc})`;
      results.push(
        { name, value: r.rps, unit: "req/s", baseline: rps, ratio: r.rps / rps },
        { name: `${name} p99`, value: r.p99, unit: "ms", baseline: p99, ratio: r.p99 / p99 },
        {
          name: `${name} CPU per request`,
          value: cpuOf(r),
          unit: "µs",
          baseline: cpu,
          ratio: cpuOf(r) / cpu,
        },
      );
      if (r.encoding === BROWSER) {
        const ok = r.rps / rps >= TARGET_RATIO && r.p99 <= TARGET_P99_MS && !r.non2xx && !r.errors;
        verdicts.push(
          `target (${load.engine}): ${r.label} ≥ ${TARGET_RATIO * 100} % of the bare route and p99 ≤ ${TARGET_P99_MS} ms → ${
            ok ? "met" : "NOT met"
          } (${((r.rps / rps) * 100).toFixed(0)} %, p99 ${r.p99} ms; by CPU per request ${(
            (cpu / cpuOf(r)) * 100
          ).toFixed(0)} % of the bare route's rate)`,
        );
      }
    }
  }
  for (const r of results) {
    const v = r.unit === "ms" ? r.value.toFixed(0) : r.value.toFixed(0);
    console.log(`${r.name}: ${v} ${r.unit}, ${r.ratio.toFixed(2)}× baseline`);
  }
  for (const v of verdicts) console.log(v);
  return results;
}

/** Where each endpoint's server time went, from the profile cut at each run's window. */
export function reportProfiles(loads: EngineLoad[]) {
  for (const load of loads) {
    if (!load.profile) continue;
    const p = readProfile(load.profile);
    console.log(`\nprofile (${load.engine}): ${load.profile}`);
    for (const r of load.runs) {
      const s = summariseWindow(p, r.startUs, r.endUs, 14);
      const per = (ms: number) => `${((ms * 1000) / Math.max(1, r.requests)).toFixed(0)} µs/req`;
      console.log(
        `\n== ${r.label} ${r.path} [${r.encoding === BROWSER ? "gzip/br" : r.encoding}]: ${r.requests} requests, ${r.rps.toFixed(0)} req/s, main thread busy ${(
          (100 * s.busyMs) / s.wallMs
        ).toFixed(
          0,
        )} % = ${per(s.busyMs)} (not running for ${((100 * s.descheduledMs) / s.wallMs).toFixed(0)} % of the time: another process had the core)`,
      );
      console.log("  by kind of work:");
      for (const k of s.byKind.filter((k) => k.kind !== "idle"))
        console.log(
          `    ${per(k.ms).padStart(12)}  ${((100 * k.ms) / s.busyMs).toFixed(1).padStart(5)} %  ${k.kind}`,
        );
      console.log("  self time, top functions:");
      for (const f of s.selfTop) console.log(`    ${per(f.ms).padStart(12)}  ${f.fn}`);
      console.log("  inclusive time (synchronous stacks), top functions:");
      for (const f of s.inclusiveTop) console.log(`    ${per(f.ms).padStart(12)}  ${f.fn}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (flag: string) => {
    const i = process.argv.indexOf(flag);
    return i >= 0 ? path.resolve(process.argv[i + 1] ?? "bench-profiles") : null;
  };
  const again = arg("--report");
  if (again) {
    // Summarise a profiled run again: `--report DIR` reads DIR/runs.json and the profiles beside it.
    reportProfiles(JSON.parse(fs.readFileSync(path.join(again, "runs.json"), "utf8")));
  } else {
    const profileDir = arg("--profile") ?? (process.env.BENCH_LOAD_PROFILE || null);
    const loads = await benchPublicLoad(profileDir);
    reportPublicLoad(loads);
    if (profileDir) {
      fs.writeFileSync(path.join(profileDir, "runs.json"), JSON.stringify(loads, null, 1));
      reportProfiles(loads);
    }
  }
}
