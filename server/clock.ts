/**
 * The one clock of the server. Every module asks it for the business "today" — the day self-assessment
 * and appraisal windows, overdue tasks and the dashboard's slipping work are judged on — instead of
 * reading the system clock. On a database that started as the demo (a row in demo_clock, migration
 * 012) today is the demo's day, 10/12/2019 unless the administrator moved it; anywhere else, and
 * always with DEMO=off, it is the real date in Vietnam.
 *
 * Instants that record when something really happened (audit entries, sessions and their expiry,
 * sign-in throttling, updated_at/created_at, a submission's or publication's time) stay real time:
 * the audit trail's order and the security windows must not move with a demo setting.
 */
import type { Kysely } from "kysely";
import { todayInVietnam } from "../core/locale.ts";
import type { DB } from "./db/schema.ts";
import { findDemoDate } from "./modules/clock/repository.ts";

/** The demo's day when the demo is loaded: the plan's year, with its work live. */
export const DEMO_DAY = "2019-12-10";

export interface ClockReading {
  /** The business day, ISO (yyyy-mm-dd), in Vietnam. */
  today: string;
  /** True while the demo clock runs: `today` is the demo's day, not the calendar's. */
  demo: boolean;
}

export interface Clock {
  /** The real instant: for timestamps, never for deciding what is open or late. */
  now(): Date;
  /**
   * The business day and whether it is the demo's. Inside a transaction pass it (`db`): the embedded
   * database has one connection, which the transaction holds.
   */
  read(db?: Kysely<DB>): Promise<ClockReading>;
  /** The business day, ISO. */
  today(db?: Kysely<DB>): Promise<string>;
}

/** The server's clock: the database says whether it is a demo and on which day. */
export function databaseClock(opts: {
  db: Kysely<DB>;
  /** False with DEMO=off: the real date whatever the database holds. */
  demoAllowed: boolean;
  /** The real time; tests may set it. */
  now?: () => Date;
}): Clock {
  const now = opts.now ?? (() => new Date());
  const read = async (db: Kysely<DB> = opts.db): Promise<ClockReading> => {
    const demoDate = opts.demoAllowed ? await findDemoDate(db) : null;
    return demoDate ? { today: demoDate, demo: true } : { today: todayInVietnam(now()), demo: false };
  };
  return { now, read, today: async (db) => (await read(db)).today };
}

/** A clock standing still on one day (tests): not a demo, whatever the database holds. */
export function fixedClock(today: string, instant: Date = new Date(`${today}T09:00:00+07:00`)): Clock {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(instant.getTime()))
    throw new RangeError(`fixedClock: not an ISO date: ${today}`);
  const reading = { today, demo: false };
  return { now: () => instant, read: async () => reading, today: async () => today };
}
