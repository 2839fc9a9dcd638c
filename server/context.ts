import type { Kysely } from "kysely";
import { type Clock, databaseClock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Engine } from "./db/connect.ts";
import type { DB } from "./db/schema.ts";

/** What every module gets: the database, the configuration and the clock. No other shared state. */
export interface AppContext {
  db: Kysely<DB>;
  engine: Engine;
  config: Config;
  /** The business today and the real now (server/clock.ts). */
  clock: Clock;
}

/** The context of an opened database: its clock reads the demo's day from that database. */
export function createContext(database: { db: Kysely<DB>; engine: Engine }, config: Config): AppContext {
  return {
    db: database.db,
    engine: database.engine,
    config,
    clock: databaseClock({ db: database.db, demoAllowed: config.DEMO !== "off" }),
  };
}
