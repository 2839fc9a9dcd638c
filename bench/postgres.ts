/**
 * A PostgreSQL database for a benchmark: a fresh database in the server named by BENCH_DATABASE_URL
 * (else DATABASE_URL), or, when neither is set, in a throwaway server started the way `npm test`
 * starts one (scripts/throwaway-postgres.mjs: initdb and pg_ctl from Debian's postgresql, run as the postgres user
 * when root). Null, with the reason, when there is no PostgreSQL to use.
 */
import net from "node:net";
import pg from "pg";
import { findPgBin, startThrowawayPostgres } from "../scripts/throwaway-postgres.mjs";

export interface BenchDatabase {
  /** The fresh database's address, for the server's DATABASE_URL. */
  url: string;
  /** Where it lives, for the report (never a password). */
  where: string;
  drop(): Promise<void>;
}

/** A port nobody listens on now (the system's choice), for the throwaway server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

const redacted = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return `${u.host}${u.pathname}`;
};

/** A fresh database for one benchmark, or the reason there is none. */
export async function benchDatabase(): Promise<BenchDatabase | { skipped: string }> {
  const given = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  let server: { url: string; stop: () => void } | null = null;
  let adminUrl = given;
  if (!adminUrl) {
    const bin = findPgBin();
    if (!bin)
      return {
        skipped:
          "PostgreSQL is not installed (no initdb/pg_ctl; apt-get install postgresql) and neither BENCH_DATABASE_URL nor DATABASE_URL is set",
      };
    try {
      server = startThrowawayPostgres(bin, await freePort(), "parindex-bench-pg-");
    } catch (e) {
      return { skipped: `could not start a throwaway PostgreSQL server: ${(e as Error).message}` };
    }
    adminUrl = server.url;
  }
  const name = `parindex_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (e) {
    await admin.end().catch(() => undefined);
    server?.stop();
    return { skipped: `cannot create a database in ${redacted(adminUrl)}: ${(e as Error).message}` };
  }
  await admin.end();
  const url = withDatabase(adminUrl, name);
  return {
    url,
    where: server ? `a throwaway server (${redacted(url)})` : redacted(url),
    drop: async () => {
      if (server) return server.stop();
      const c = new pg.Client({ connectionString: adminUrl });
      try {
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end().catch(() => undefined);
      }
    },
  };
}
