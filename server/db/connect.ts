/**
 * Opens the database: PGlite under DATA_DIR when no DATABASE_URL is given, else a PostgreSQL server.
 * Both engines get the same type parsing, so the rest of the code never asks which one it runs on.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { AppError } from "../errors.ts";
import { acquireDataDirLock, type DataDirLock } from "./lock.ts";
import * as m001 from "./migrations/001_initial.ts";
import * as m002 from "./migrations/002_score_history.ts";
import * as m003 from "./migrations/003_user_disabled.ts";
import * as m004 from "./migrations/004_plan_published.ts";
import * as m005 from "./migrations/005_plan_signer.ts";
import * as m006 from "./migrations/006_audit.ts";
import * as m007 from "./migrations/007_drop_score_history.ts";
import * as m008 from "./migrations/008_cycle_state.ts";
import * as m009 from "./migrations/009_login_throttle.ts";
import * as m010 from "./migrations/010_plan_versions.ts";
import * as m011 from "./migrations/011_framework_owner.ts";
import * as m012 from "./migrations/012_password_change.ts";
import * as m013 from "./migrations/013_demo_clock.ts";
import * as m014 from "./migrations/014_audit_plan_index.ts";
import * as m015 from "./migrations/015_target_reference.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import type { DB } from "./schema.ts";

export type Engine = "embedded" | "postgres";

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
}

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 };
const identity = (v: string) => v;
const int8 = (v: string) => Number.parseInt(v, 10);

/** Splits a migration into statements: PGlite's extended protocol runs one statement at a time. */
export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A migration: SQL, and for a few a data step run after it (in the same transaction). */
interface MigrationText {
  up: string;
  down: string;
  data?: (db: Kysely<DB>) => Promise<void>;
}

const MIGRATIONS: Record<string, MigrationText> = {
  "001_initial": m001,
  "002_score_history": m002,
  "003_user_disabled": m003,
  "004_plan_published": m004,
  "005_plan_signer": m005,
  "006_audit": m006,
  "007_drop_score_history": m007,
  "008_cycle_state": m008,
  "009_login_throttle": m009,
  "010_plan_versions": m010,
  "011_framework_owner": m011,
  "012_password_change": m012,
  "013_demo_clock": m013,
  "014_audit_plan_index": m014,
  "015_target_reference": m015,
};

class InRepoMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) {
      out[name] = {
        up: async (db) => {
          for (const s of splitStatements(m.up)) await sql.raw(s).execute(db);
          await m.data?.(db as Kysely<DB>);
        },
        down: async (db) => {
          for (const s of splitStatements(m.down)) await sql.raw(s).execute(db);
        },
      };
    }
    return out;
  }
}

export async function migrate(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new InRepoMigrations() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

pg.types.setTypeParser(OID.INT8, int8);
pg.types.setTypeParser(OID.NUMERIC, identity);
pg.types.setTypeParser(OID.DATE, identity);

export interface OpenOptions {
  databaseUrl?: string | null;
  dataDir: string;
  /** Used in the lock file so a second process can say who holds the embedded database. */
  purpose?: string;
  /** Open an existing PGlite instance instead (tests load one from a template). */
  pglite?: PGlite;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client whose server went away (a restart, an administrator's kill, a dropped test
    // database) emits "error" on the pool; unhandled, that would end the process. The pool drops
    // the client and the next query opens a new connection.
    pool.on("error", (e) => {
      process.emitWarning(`PostgreSQL connection lost: ${e.message}`, { code: "PARINDEX_PG_IDLE" });
    });
    try {
      const c = await pool.connect();
      c.release();
    } catch (e) {
      await pool.end();
      throw new AppError("db.unreachable", 503, {
        vi: `Không kết nối được PostgreSQL (${(e as Error).message})`,
        en: `Cannot connect to PostgreSQL (${(e as Error).message}); check DATABASE_URL`,
      });
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: "postgres", close: () => db.destroy() };
  }
  let lock: DataDirLock | null = null;
  let instance = opts.pglite;
  if (!instance) {
    const dir = path.resolve(opts.dataDir, "pgdata");
    fs.mkdirSync(dir, { recursive: true });
    lock = acquireDataDirLock(path.resolve(opts.dataDir), opts.purpose ?? "parindex");
    try {
      instance = await PGlite.create(dir, { parsers: pgliteParsers() });
    } catch (e) {
      lock.release();
      throw e;
    }
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(instance) });
  return {
    db,
    engine: "embedded",
    close: async () => {
      await db.destroy();
      lock?.release();
    },
  };
}

export function pgliteParsers() {
  return {
    [pgliteTypes.INT8]: int8,
    [pgliteTypes.NUMERIC]: identity,
    [pgliteTypes.DATE]: identity,
  };
}
