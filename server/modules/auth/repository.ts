import type { Kysely } from "kysely";
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

export async function listUsers(db: Kysely<DB>) {
  return db
    .selectFrom("users")
    .select(["id", "username", "display_name", "role", "agency_id", "unit_id"])
    .orderBy("username")
    .execute();
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
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<DB>, tokenHash: string) {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>) {
  await db.deleteFrom("sessions").where("expires_at", "<", new Date()).execute();
}
