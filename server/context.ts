import type { Kysely } from "kysely";
import type { Config } from "./config.ts";
import type { Engine } from "./db/connect.ts";
import type { DB } from "./db/schema.ts";

/** What every module gets: the database and the configuration. No other shared state. */
export interface AppContext {
  db: Kysely<DB>;
  engine: Engine;
  config: Config;
}
