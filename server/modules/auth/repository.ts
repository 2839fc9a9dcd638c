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
    })
    .where("id", "=", id)
    .execute();
}

export async function deleteSessionsOf(db: Kysely<DB>, userId: number) {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
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
      "sessions.expires_at",
    ])
    .where("sessions.token_hash", "=", tokenHash)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<DB>, tokenHash: string) {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>) {
  await db.deleteFrom("sessions").where("expires_at", "<", new Date()).execute();
}
