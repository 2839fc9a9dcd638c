import { type Kysely, sql } from "kysely";
import type { DB, Role } from "../../db/schema.ts";

export async function findUserByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
}

export async function findUserById(db: Kysely<DB>, id: number) {
  return db
    .selectFrom("users")
    .select(["id", "username", "role", "agency_id", "unit_id"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertUser(
  db: Kysely<DB>,
  u: {
    username: string;
    passwordHash: string;
    displayName: string;
    role: Role;
    agencyId: number | null;
    unitId: number | null;
  },
): Promise<number> {
  const r = await db
    .insertInto("users")
    .values({
      username: u.username,
      password_hash: u.passwordHash,
      display_name: u.displayName,
      role: u.role,
      agency_id: u.agencyId,
      unit_id: u.unitId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

const USER_COLS = ["id", "username", "display_name", "role", "agency_id", "unit_id", "disabled_at"] as const;

/** Every user with the names of their agency and division, for the administrator's list. */
export async function listUsers(db: Kysely<DB>) {
  return db
    .selectFrom("users as u")
    .leftJoin("agencies as a", "a.id", "u.agency_id")
    .leftJoin("agencies as d", "d.id", "u.unit_id")
    .select([
      "u.id",
      "u.username",
      "u.display_name",
      "u.role",
      "u.agency_id",
      "u.unit_id",
      "u.disabled_at",
      "a.name as agency_name",
      "d.name as unit_name",
    ])
    .orderBy("u.username")
    .execute();
}

export async function findUserRow(db: Kysely<DB>, id: number) {
  return db.selectFrom("users").select(USER_COLS).where("id", "=", id).executeTakeFirst();
}

/** Users of a role whose agency lies in a province (the province itself or anything below it). */
export async function listUsersInProvince(db: Kysely<DB>, provinceId: number, role: Role) {
  const r = await sql<{ id: number; username: string; display_name: string; agency_id: number | null }>`
    with recursive down(id, depth) as (
      select id, 0 from agencies where id = ${provinceId}
      union all
      select a.id, down.depth + 1 from agencies a join down on a.parent_id = down.id where down.depth < 20
    )
    select u.id, u.username, u.display_name, u.agency_id from users u
    where u.role = ${role} and u.disabled_at is null and u.agency_id in (select id from down)
    order by u.username`.execute(db);
  return r.rows;
}

export async function updateUser(
  db: Kysely<DB>,
  id: number,
  patch: Partial<{
    displayName: string;
    role: Role;
    agencyId: number | null;
    unitId: number | null;
    disabledAt: Date | null;
    passwordHash: string;
    mustChangePassword: boolean;
  }>,
) {
  await db
    .updateTable("users")
    .set({
      ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.agencyId !== undefined ? { agency_id: patch.agencyId } : {}),
      ...(patch.unitId !== undefined ? { unit_id: patch.unitId } : {}),
      ...(patch.disabledAt !== undefined ? { disabled_at: patch.disabledAt } : {}),
      ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
      ...(patch.mustChangePassword !== undefined ? { must_change_password: patch.mustChangePassword } : {}),
    })
    .where("id", "=", id)
    .execute();
}

export async function deleteSessionsOf(db: Kysely<DB>, userId: number) {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Ends every session of a user but one (the one that just changed the password). */
export async function deleteOtherSessionsOf(db: Kysely<DB>, userId: number, keepTokenHash: string) {
  await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("token_hash", "<>", keepTokenHash)
    .execute();
}

/** The stored hash of a user's password, and the names the strength check is fed. */
export async function findPasswordFacts(db: Kysely<DB>, id: number) {
  return db
    .selectFrom("users as u")
    .leftJoin("agencies as a", "a.id", "u.agency_id")
    .leftJoin("agencies as d", "d.id", "u.unit_id")
    .select([
      "u.id",
      "u.username",
      "u.display_name",
      "u.password_hash",
      "u.agency_id",
      "a.name as agency_name",
      "d.name as unit_name",
    ])
    .where("u.id", "=", id)
    .executeTakeFirst();
}

export async function insertSession(db: Kysely<DB>, tokenHash: string, userId: number, expiresAt: Date) {
  await db
    .insertInto("sessions")
    .values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt })
    .execute();
}

export async function findSessionUser(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "users.id",
      "users.username",
      "users.display_name",
      "users.role",
      "users.agency_id",
      "users.unit_id",
      "users.must_change_password",
      "sessions.expires_at",
    ])
    .where("sessions.token_hash", "=", tokenHash)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
}

/** Ends a session; whether there was one. */
export async function deleteSession(db: Kysely<DB>, tokenHash: string): Promise<boolean> {
  const r = await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteExpiredSessions(db: Kysely<DB>) {
  await db.deleteFrom("sessions").where("expires_at", "<", new Date()).execute();
}

// ---- sign-in throttle and known devices (migration 009) ----

/**
 * Serialises decisions about one user name and one address across processes until the
 * transaction ends, so parallel guesses cannot all read the same count before any is charged. Locks
 * are always taken user name first, then address: no two transactions wait on each other in a cycle.
 */
export async function lockLoginKeys(trx: Kysely<DB>, username: string, address: string | null) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`parindex.login.user:${username}`}, 0))`.execute(
    trx,
  );
  if (address !== null)
    await sql`select pg_advisory_xact_lock(hashtextextended(${`parindex.login.address:${address}`}, 0))`.execute(
      trx,
    );
}

export type FailureKey =
  | { device: string; username: string }
  | { username: string; address: string }
  | { address: string }
  | { username: string };

/**
 * The times (ms) of the newest `limit` failures for a key since `since`, newest first. Failures from
 * a known device count only for that device; the other keys count only the rest.
 */
export async function recentFailures(
  db: Kysely<DB>,
  key: FailureKey,
  since: Date,
  limit: number,
): Promise<number[]> {
  let q = db.selectFrom("login_failures").select("at").where("at", ">", since);
  if ("device" in key) q = q.where("device", "=", key.device).where("username", "=", key.username);
  else {
    q = q.where("device", "is", null);
    if ("username" in key) q = q.where("username", "=", key.username);
    if ("address" in key) q = q.where("address", "=", key.address);
  }
  const rows = await q.orderBy("at", "desc").limit(limit).execute();
  return rows.map((r) => new Date(r.at).getTime());
}

export async function insertFailure(
  db: Kysely<DB>,
  f: { at: Date; username: string; address: string; device: string | null },
): Promise<number> {
  const r = await db.insertInto("login_failures").values(f).returning("id").executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Forgets failures older than any window: the table holds the last quarter hour or so. */
export async function pruneFailures(db: Kysely<DB>, before: Date) {
  await db.deleteFrom("login_failures").where("at", "<", before).execute();
}

/**
 * After a success: the charge taken up front, and the user name's failures from where it just
 * signed in (that device, or that address from unknown devices): someone who mistyped and then got
 * it right starts afresh there.
 */
export async function clearFailuresAfterSuccess(
  db: Kysely<DB>,
  chargeId: number,
  where: { username: string; device: string } | { username: string; address: string },
) {
  await db.deleteFrom("login_failures").where("id", "=", chargeId).execute();
  let q = db.deleteFrom("login_failures").where("username", "=", where.username);
  q =
    "device" in where
      ? q.where("device", "=", where.device)
      : q.where("device", "is", null).where("address", "=", where.address);
  await q.execute();
}

/** Whether a device cookie's hash is known for the user of that (login) name. */
export async function isDeviceOf(db: Kysely<DB>, tokenHash: string, username: string): Promise<boolean> {
  const r = await db
    .selectFrom("login_devices as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .select("d.user_id")
    .where("d.token_hash", "=", tokenHash)
    .where("u.username", "=", username)
    .executeTakeFirst();
  return r !== undefined;
}

/** Whether this server ever gave out the device cookie with that hash (to anyone). */
export async function isKnownDevice(db: Kysely<DB>, tokenHash: string): Promise<boolean> {
  const r = await db
    .selectFrom("login_devices")
    .select("user_id")
    .where("token_hash", "=", tokenHash)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Remembers (or refreshes) a device for a user, and forgets that user's devices unused for `staleBefore`. */
export async function rememberDevice(
  db: Kysely<DB>,
  tokenHash: string,
  userId: number,
  now: Date,
  staleBefore: Date,
) {
  await db
    .insertInto("login_devices")
    .values({ token_hash: tokenHash, user_id: userId, first_seen: now, last_seen: now })
    .onConflict((oc) => oc.columns(["token_hash", "user_id"]).doUpdateSet({ last_seen: now }))
    .execute();
  await db
    .deleteFrom("login_devices")
    .where("user_id", "=", userId)
    .where("last_seen", "<", staleBefore)
    .execute();
}

export async function forgetDevicesOf(db: Kysely<DB>, userId: number) {
  await db.deleteFrom("login_devices").where("user_id", "=", userId).execute();
}

/** Whether a refused sign-in for this user name from this address is already in the audit trail since `since`. */
export async function throttledRecently(db: Kysely<DB>, username: string, ip: string, since: Date) {
  const r = await db
    .selectFrom("audit_log")
    .select("id")
    .where("entity", "=", "login")
    .where("entity_id", "=", username)
    .where("action", "=", "auth.throttled")
    .where("ip", "=", ip)
    .where("at", ">", since)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}
