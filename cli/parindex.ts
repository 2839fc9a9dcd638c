/** The `parindex` command: thin wrappers over the same services as the HTTP API. */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatPercentCenti, formatPoints } from "../core/locale.ts";
import { type DemoCredential, isDatabaseEmpty, seedDemo } from "../demo/load.ts";
import { buildApp } from "../server/app.ts";
import { type Config, loadConfig } from "../server/config.ts";
import { type AppContext, createContext } from "../server/context.ts";
import { type Database, migrate, openDatabase } from "../server/db/connect.ts";
import { AppError } from "../server/errors.ts";
import { findAgencyByCode } from "../server/modules/agencies/repository.ts";
import { verifyAudit } from "../server/modules/audit/verify.ts";
import { createUser, ROLES } from "../server/modules/auth/service.ts";
import { backfillPublications } from "../server/modules/cycles/publication.ts";
import { listCycles } from "../server/modules/cycles/repository.ts";
import { cycleResults, presentResult } from "../server/modules/ranking/service.ts";
import { PLAN_IMPORT_USAGE, runPlanImport } from "./plan-import.ts";
import { runScore } from "./score.ts";

const HELP = `parindex — Chỉ số cải cách hành chính (PAR INDEX)

Usage:
  parindex serve                      start the web server and API (PORT, HOST, DATABASE_URL, DATA_DIR)
  parindex migrate                    bring the database schema up to date
  parindex seed-demo                  load the Quảng Nam 2019 demo into an empty database
  parindex users add --username U --role R --name "Họ tên" [--agency CODE] [--unit CODE] [--password P]
  parindex index --year YYYY [--group G] [--json]
                                      the ranking of a cycle as stored (the same figures as the API)
  parindex score FILE [--json]        score a results table (CSV/XLSX) and rank its agencies
  parindex plan import FILE [--json] [--agency CODE]
                                      read a plan document (.txt/.html/.docx) into a structured plan
  parindex audit verify [--json]      recompute the audit trail's hash chain: OK with its length and
                                      head hash, or the first entry that does not fit (exit code 1)

Roles: ${ROLES.join(", ")}
`;

const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s);

async function open(
  config: Config,
  purpose: string,
  autoMigrate = true,
): Promise<{ database: Database; ctx: AppContext }> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, purpose });
  if (autoMigrate) await migrate(database.db);
  return { database, ctx: createContext(database, config) };
}

function printCredentials(config: Config, creds: DemoCredential[]) {
  const lines = creds.map(
    (c) => `  ${c.username.padEnd(12)} ${c.password.padEnd(14)} ${c.role.padEnd(16)} ${c.who}`,
  );
  const text = `Tài khoản demo / demo accounts (user, password, role):\n${lines.join("\n")}\n`;
  out(`\n${text}`);
  const file = path.join(config.dataDir, "demo-credentials.txt");
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o600 });
  out(`(also written to ${file})\n\n`);
}

async function serve(config: Config) {
  const { database, ctx } = await open(config, `parindex serve on port ${config.PORT}`);
  await backfillPublications(ctx);
  if (config.DEMO === "auto" && (await isDatabaseEmpty(ctx))) {
    out("Loading the Quảng Nam 2019 demo (first start)…\n");
    const creds = await seedDemo(ctx);
    if (creds) printCredentials(config, creds);
  }
  const app = await buildApp(ctx, { logger: config.LOG_LEVEL !== "silent" });
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  out(
    `parindex is serving ${address.replace("127.0.0.1", "localhost")} (database: ${database.engine === "embedded" ? `embedded, ${config.dataDir}` : "PostgreSQL"})\n`,
  );
  if (!fs.existsSync(path.join(config.appDist, "index.html")))
    out(`The web app is not built (${config.appDist}): run \`npm run build\`; the API works meanwhile.\n`);
}

async function withDb<T>(
  config: Config,
  purpose: string,
  fn: (ctx: AppContext) => Promise<T>,
  autoMigrate = true,
): Promise<T> {
  const { database, ctx } = await open(config, purpose, autoMigrate);
  try {
    return await fn(ctx);
  } finally {
    await database.close();
  }
}

async function index(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: { year: { type: "string" }, group: { type: "string" }, json: { type: "boolean" } },
  });
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year) || year < 2000 || year > 2100) {
    err("index: --year YYYY is required (e.g. --year 2018)\n");
    return 2;
  }
  return withDb(config, "parindex index", async (ctx) => {
    const list = await listCycles(ctx.db, { year, group: values.group });
    if (!list.length) {
      err(`index: no cycle for ${year}${values.group ? ` in group ${values.group}` : ""}\n`);
      return 1;
    }
    const results = [];
    for (const c of list) results.push(...(await cycleResults(ctx, null, c.id, true)).results);
    if (values.json) {
      // The API's figures, in the shape the issue fixes for scripts.
      const rows = results
        .map(presentResult)
        .map(({ agency, code, group, points, max, percent, grade, rank }) => ({
          agency,
          code,
          group,
          points,
          max,
          percent,
          grade,
          rank,
        }));
      out(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      out(`Hạng  Mã        Điểm    Tối đa  Chỉ số    Loại  Cơ quan\n`);
      for (const r of results) {
        const percent = r.index.percent === null ? "-" : formatPercentCenti(r.index.percent);
        out(
          `${String(r.rank ?? "-").padStart(4)}  ${r.code.padEnd(8)}  ${formatPoints(r.index.achieved).padStart(6)}  ${formatPoints(r.index.max).padStart(6)}  ${percent.padStart(8)}  ${(r.grade ?? "-").padEnd(4)}  ${r.name}${r.sample ? " (dữ liệu mẫu)" : ""}\n`,
        );
      }
    }
    return 0;
  });
}

async function usersAdd(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      agency: { type: "string" },
      unit: { type: "string" },
      password: { type: "string" },
    },
  });
  if (!values.username || !values.role || !values.name) {
    err("users add: --username, --role and --name are required\n");
    return 2;
  }
  return withDb(config, "parindex users add", async (ctx) => {
    const agency = values.agency ? await findAgencyByCode(ctx.db, values.agency) : undefined;
    if (values.agency && !agency)
      throw new AppError("user.unknown_agency", 400, {
        vi: `Không có cơ quan mã ${values.agency}`,
        en: `No agency with code ${values.agency}`,
      });
    const unit = values.unit ? await findAgencyByCode(ctx.db, values.unit) : undefined;
    if (values.unit && !unit)
      throw new AppError("user.unknown_unit", 400, {
        vi: `Không có phòng mã ${values.unit}`,
        en: `No unit with code ${values.unit}`,
      });
    const password =
      values.password ??
      process.env.PARINDEX_PASSWORD ??
      (await import("node:crypto")).randomBytes(12).toString("base64url");
    const id = await createUser(
      ctx,
      {
        username: values.username!,
        password,
        displayName: values.name!,
        role: values.role as (typeof ROLES)[number],
        agencyId: agency?.id ?? null,
        unitId: unit?.id ?? null,
      },
      // The audit trail's actor for whoever runs the command on the server itself.
      { id: null, name: "cli", role: "system", session: null, ip: null },
    );
    out(
      `user ${values.username} created (id ${id})${values.password || process.env.PARINDEX_PASSWORD ? "" : `, password: ${password}`}\n`,
    );
    return 0;
  });
}

async function auditVerify(ctx: AppContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const r = await verifyAudit(ctx.db);
  if (values.json) out(`${JSON.stringify(r, null, 2)}\n`);
  else if (r.ok) out(`OK: ${r.length} entries, head ${r.head}\n`);
  else
    err(
      `BROKEN at entry ${r.entryId}: ${r.reason} (${r.length} entries before it verify)\n` +
        `Chuỗi nhật ký bị phá vỡ tại bản ghi ${r.entryId}\n`,
    );
  return r.ok ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "help" || cmd === "--help" || cmd === "-h") {
    out(HELP);
    return cmd ? 0 : 2;
  }
  if (cmd === "score") return runScore(rest, { stdout: out, stderr: err });
  if (cmd === "plan" && rest[0] === "import" && !rest.includes("--agency"))
    return runPlanImport(rest.slice(1), { stdout: out, stderr: err }, () =>
      Promise.reject(new Error("no database")),
    );
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    err(`${(e as Error).message}\n`);
    return 2;
  }
  try {
    switch (cmd) {
      case "serve":
        await serve(config);
        return -1; // keeps running
      case "migrate":
        return await withDb(
          config,
          "parindex migrate",
          async (ctx) => {
            const done = await migrate(ctx.db);
            out(done.length ? `applied: ${done.join(", ")}\n` : "schema is up to date\n");
            return 0;
          },
          false,
        );
      case "seed-demo":
        return await withDb(config, "parindex seed-demo", async (ctx) => {
          const creds = await seedDemo(ctx);
          if (!creds) {
            out("The demo is already loaded; nothing changed.\n");
            return 0;
          }
          printCredentials(config, creds);
          return 0;
        });
      case "users":
        if (rest[0] !== "add") {
          err("usage: parindex users add --username U --role R --name N [--agency CODE] [--unit CODE]\n");
          return 2;
        }
        return await usersAdd(config, rest.slice(1));
      case "index":
        return await index(config, rest);
      case "audit":
        if (rest[0] !== "verify") {
          err("usage: parindex audit verify [--json]\n");
          return 2;
        }
        return await withDb(config, "parindex audit verify", (ctx) => auditVerify(ctx, rest.slice(1)));
      case "plan":
        if (rest[0] !== "import") {
          err(PLAN_IMPORT_USAGE);
          return 2;
        }
        return await runPlanImport(rest.slice(1), { stdout: out, stderr: err }, (fn) =>
          withDb(config, "parindex plan import", fn),
        );
      default:
        err(`unknown command "${cmd}"\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof AppError) {
      err(`${e.messages.en}\n${e.messages.vi}\n`);
      return 1;
    }
    if ((e as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      err(`${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e) => {
    err(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);
