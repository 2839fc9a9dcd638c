/**
 * The embedded database belongs to one process at a time: two PGlite instances on one data
 * directory corrupt it. A lock file names the holder so the second process can say who it is.
 */
import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors.ts";

export interface DataDirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireDataDirLock(dataDir: string, purpose: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "parindex.lock");
  const body = JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, body, { flag: "wx" });
      const onExit = () => {
        try {
          if (fs.readFileSync(file, "utf8") === body) fs.unlinkSync(file);
        } catch {}
      };
      process.once("exit", onExit);
      return {
        release() {
          process.removeListener("exit", onExit);
          onExit();
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let holder: { pid?: number; purpose?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch {}
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) {
        throw new AppError("db.locked", 409, {
          vi: `Cơ sở dữ liệu nhúng tại ${dataDir} đang được tiến trình ${holder.pid} (${holder.purpose ?? "parindex"}) sử dụng. Hãy dừng tiến trình đó, hoặc dùng API của máy chủ đang chạy, hoặc đặt DATABASE_URL để dùng PostgreSQL.`,
          en: `The embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.purpose ?? "parindex"}). Stop that process first, use the running server's API instead, or set DATABASE_URL to use PostgreSQL, which many processes can share.`,
        });
      }
      // A stale lock from a process that died: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
