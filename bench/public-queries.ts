/**
 * What one public read costs, query by query: the app built in this process (buildApp, unchanged)
 * over a fresh demo database whose Kysely instance carries a timing plugin; each endpoint answered
 * one at a time through Fastify's inject (no sockets, no concurrency), so every query's time is its
 * own. Prints, per engine and endpoint, the time of a whole request, how many queries it asks and
 * the time of each. Complements bench/public-load.ts (the load) and its --profile (where the
 * server's CPU goes): this says which queries a change would remove and what each is worth.
 *
 * `npx tsx bench/public-queries.ts` (BENCH_LOAD_ENGINES and BENCH_DATABASE_URL/DATABASE_URL as for
 * the load bench; BENCH_QUERY_REPEATS, default 300). Not part of `npm run bench`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
} from "kysely";
import { isDatabaseEmpty, seedDemo } from "../demo/load.ts";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { type AppContext, createContext } from "../server/context.ts";
import { migrate, openDatabase } from "../server/db/connect.ts";
import { backfillPublications } from "../server/modules/cycles/publication.ts";
import { benchDatabase } from "./postgres.ts";

const REPEATS = Number(process.env.BENCH_QUERY_REPEATS ?? 300);
const ENGINES = (process.env.BENCH_LOAD_ENGINES ?? "embedded,postgres").split(",").map((s) => s.trim());

/** Times every query from transformQuery to transformResult, by query id. */
class QueryTimer implements KyselyPlugin {
  private started = new WeakMap<object, { t0: bigint; sql: string }>();
  private compiler = new PostgresQueryCompiler();
  /** Compile each query's SQL for the listing (off while timing). */
  withSql = false;
  log: { sql: string; us: number }[] = [];
  transformQuery(args: PluginTransformQueryArgs) {
    const sql = this.withSql ? this.compiler.compileQuery(args.node, args.queryId).sql : "";
    this.started.set(args.queryId, { t0: process.hrtime.bigint(), sql });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<Record<string, unknown>>> {
    const s = this.started.get(args.queryId);
    if (s) this.log.push({ sql: s.sql, us: Number(process.hrtime.bigint() - s.t0) / 1000 });
    return args.result;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

async function engineReport(engine: string) {
  let databaseUrl: string | null = null;
  let drop: (() => Promise<void>) | null = null;
  if (engine === "postgres") {
    const db = await benchDatabase();
    if ("skipped" in db) {
      console.log(`queries (postgres): SKIPPED — ${db.skipped}`);
      return;
    }
    databaseUrl = db.url;
    drop = db.drop;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-bench-queries-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const database = await openDatabase({ databaseUrl, dataDir, purpose: "bench/public-queries.ts" });
  try {
    const plain: AppContext = createContext(database, config);
    await migrate(plain.db);
    await backfillPublications(plain);
    const creds = (await isDatabaseEmpty(plain)) ? await seedDemo(plain) : null;
    const timer = new QueryTimer();
    // Every module gets ctx.db, so the plugin sees each query the endpoints ask.
    const ctx: AppContext = { ...plain, db: plain.db.withPlugin(timer) };
    const app = await buildApp(ctx);
    // A civil servant who is signed in sends the session cookie to the public pages too.
    let cookie = "";
    const get = async (url: string, enc = "gzip, deflate, br", signedIn = false) =>
      app.inject({
        method: "GET",
        url,
        headers: { "accept-encoding": enc, ...(signedIn ? { cookie } : {}) },
      });
    const overview = JSON.parse((await get("/api/public/overview", "identity")).body);
    const cycleId = overview.cycles.find((c: { year: number }) => c.year === 2018).id;
    const agencies = JSON.parse((await get("/api/agencies?kind=agency&limit=500", "identity")).body);
    const office = agencies.items.find((a: { code: string }) => a.code === "VPUBND").id;
    const leader = creds?.find((c) => c.username === "vp.lanhdao");
    if (leader) {
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: leader.username, password: leader.password },
      });
      const set = login.headers["set-cookie"];
      cookie = String(Array.isArray(set) ? set[0] : set).split(";")[0];
    }
    console.log(`\nqueries (${engine}), ${REPEATS} requests each, one at a time (app.inject), medians:`);
    for (const [label, url, signedIn] of [
      ["bare route", "/api/health", false],
      ["public ranking", `/api/public/cycles/${cycleId}`, false],
      ["ranking, anonymous", `/api/cycles/${cycleId}/ranking`, false],
      ["public agency page", `/api/public/agencies/${office}`, false],
      ...(cookie
        ? ([
            ["public ranking, signed in (session cookie)", `/api/public/cycles/${cycleId}`, true],
            ["public agency page, signed in (session cookie)", `/api/public/agencies/${office}`, true],
          ] as const)
        : []),
    ] as const) {
      for (const enc of signedIn ? ["identity"] : ["gzip, deflate, br", "identity"]) {
        for (let i = 0; i < 30; i++) await get(url, enc, signedIn); // warm: caches filled, code optimised
        timer.withSql = true;
        timer.log = [];
        await get(url, enc, signedIn);
        const sqls = timer.log.map((q) => q.sql.replace(/\s+/g, " ").slice(0, 110));
        timer.withSql = false;
        const totals: number[] = [];
        const perQuery: number[][] = [];
        let count = 0;
        let size = 0;
        for (let i = 0; i < REPEATS; i++) {
          timer.log = [];
          const t0 = process.hrtime.bigint();
          const res = await get(url, enc, signedIn);
          totals.push(Number(process.hrtime.bigint() - t0) / 1000);
          if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          size = res.rawPayload.length;
          count = timer.log.length;
          for (const [j, q] of timer.log.entries()) {
            perQuery[j] = perQuery[j] ?? [];
            perQuery[j].push(q.us);
          }
        }
        const q = perQuery.map(median);
        const inQueries = q.reduce((a, b) => a + b, 0);
        console.log(
          `  ${label} ${url} [${enc === "identity" ? "identity" : "gzip/br"}, ${size} B]: ${median(totals).toFixed(0)} µs/request, ${count} quer${
            count === 1 ? "y" : "ies"
          } ${inQueries.toFixed(0)} µs, the rest ${(median(totals) - inQueries).toFixed(0)} µs`,
        );
        if (enc === "identity")
          for (const [j, sql] of sqls.entries())
            console.log(`      ${q[j]?.toFixed(0).padStart(6)} µs  ${sql}`);
      }
    }
    await app.close();
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await drop?.();
  }
}

for (const e of ENGINES) await engineReport(e);
