/** The SQL of cycle publications: immutable rows, read by cycle and version. */
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

export type PublicationRow = Selectable<DB["cycle_publications"]>;
export type PublicationMeta = Omit<PublicationRow, "snapshot">;

const META = [
  "id",
  "cycle_id",
  "version",
  "published_at",
  "published_by",
  "publisher_name",
  "decision_number",
  "decision_code",
  "decision_date",
  "reason",
  "audit_length",
  "audit_head",
  "hash",
] as const;

export async function insertPublication(
  db: Kysely<DB>,
  p: Omit<PublicationRow, "id" | "snapshot"> & { snapshot: unknown },
): Promise<number> {
  const r = await db
    .insertInto("cycle_publications")
    .values({ ...p, snapshot: JSON.stringify(p.snapshot) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Every version of a cycle, oldest first, without the snapshots. */
export async function listPublications(db: Kysely<DB>, cycleId: number): Promise<PublicationMeta[]> {
  return db
    .selectFrom("cycle_publications")
    .select(META)
    .where("cycle_id", "=", cycleId)
    .orderBy("version")
    .execute();
}

export async function findPublication(
  db: Kysely<DB>,
  cycleId: number,
  version: number,
): Promise<PublicationRow | undefined> {
  return db
    .selectFrom("cycle_publications")
    .selectAll()
    .where("cycle_id", "=", cycleId)
    .where("version", "=", version)
    .executeTakeFirst();
}

export async function findPublicationById(db: Kysely<DB>, id: number): Promise<PublicationRow | undefined> {
  return db.selectFrom("cycle_publications").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The current version of each given cycle that has one: one row per cycle, without snapshots. */
export async function latestPublications(
  db: Kysely<DB>,
  cycleIds: readonly number[],
): Promise<PublicationMeta[]> {
  if (!cycleIds.length) return [];
  return db
    .selectFrom("cycle_publications as p")
    .select(META.map((c) => `p.${c}` as const))
    .where("p.cycle_id", "in", [...cycleIds])
    .where(({ eb, selectFrom }) =>
      eb(
        "p.version",
        "=",
        selectFrom("cycle_publications as q")
          .select(sql<number>`max(q.version)`.as("v"))
          .whereRef("q.cycle_id", "=", "p.cycle_id"),
      ),
    )
    .execute();
}

/** The current version of one cycle (id and version only): the cheap question every public read asks first. */
export async function currentVersion(db: Kysely<DB>, cycleId: number) {
  return db
    .selectFrom("cycle_publications")
    .select(["id", "version", "hash"])
    .where("cycle_id", "=", cycleId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The audit heads publications recorded, for `audit verify`. */
export async function recordedHeads(db: Kysely<DB>) {
  return db
    .selectFrom("cycle_publications")
    .select(["cycle_id", "version", "audit_length", "audit_head"])
    .orderBy("id")
    .execute();
}
