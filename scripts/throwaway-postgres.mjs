// A throwaway PostgreSQL server under the temporary directory, for `npm test` (scripts/test.mjs) and
// the benchmarks (bench/postgres.ts): initdb and pg_ctl from Debian's postgresql package, run as the
// postgres user when this process is root (PostgreSQL refuses to run as root).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The directory holding initdb and pg_ctl (PATH first, then Debian's versions, newest first), or null. */
export function findPgBin() {
  const candidates = (process.env.PATH ?? "").split(path.delimiter);
  try {
    for (const v of fs.readdirSync("/usr/lib/postgresql").sort().reverse())
      candidates.push(`/usr/lib/postgresql/${v}/bin`);
  } catch {}
  for (const dir of candidates)
    if (fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) return dir;
  return null;
}

/**
 * Starts a server on 127.0.0.1:`port` (fsync off: its data is thrown away) and returns its address
 * and a function that stops it and removes its files. Throws with PostgreSQL's own message when
 * initdb or pg_ctl fail, leaving nothing behind.
 */
export function startThrowawayPostgres(bin, port, prefix = "parindex-pg-") {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(base, "data");
  const isRoot = process.getuid?.() === 0;
  const run = (cmd, args) => {
    const [exe, argv] = isRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args]]
      : [path.join(bin, cmd), args];
    const r = spawnSync(exe, argv, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout || r.error?.message}`);
  };
  if (isRoot) {
    fs.chmodSync(base, 0o777);
    execFileSync("chown", ["postgres", base]);
  }
  try {
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
  } catch (e) {
    fs.rmSync(base, { recursive: true, force: true });
    throw e;
  }
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
