/**
 * `parindex audit verify` and GET /api/audit/verify: the chain recomputed from its first entry.
 * Publications record the chain's head when they are made; a later rewrite of history that kept the
 * chain consistent would still change the hash at that position, so each recorded head is checked too.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import * as repo from "./repository.ts";
import { type ChainCheck, verifyChain } from "./service.ts";

export interface RecordedHead {
  /** What recorded it, e.g. "cycle 2 version 1". */
  what: string;
  length: number;
  hash: string;
}

/** Heads recorded outside the trail (publications), registered by the modules that record them. */
const sources: ((db: Kysely<DB>) => Promise<RecordedHead[]>)[] = [];
export function registerRecordedHeads(source: (db: Kysely<DB>) => Promise<RecordedHead[]>) {
  sources.push(source);
}

export async function verifyAudit(db: Kysely<DB>): Promise<ChainCheck> {
  const chain = await verifyChain(db);
  if (!chain.ok) return chain;
  for (const source of sources)
    for (const h of await source(db)) {
      if (h.length === 0) continue;
      const row = await repo.rowAt(db, h.length);
      if (!row || row.hash !== h.hash)
        return {
          ok: false,
          length: chain.length,
          entryId: h.length,
          reason: `the head recorded by ${h.what} (${h.hash.slice(0, 12)}…) is not entry ${h.length}'s hash`,
        };
    }
  return chain;
}
