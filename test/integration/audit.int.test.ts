import { sql } from "kysely";
import { expect, it } from "vitest";
import { GENESIS_HASH } from "../../core/audit.ts";
import { chainHead, recordAudit, SYSTEM, verifyChain } from "../../server/modules/audit/service.ts";
import { verifyAudit } from "../../server/modules/audit/verify.ts";
import { forEachEngine } from "../db.ts";

const actor = { id: null, name: "tester", role: "admin", session: "abc123", ip: "127.0.0.1" };

forEachEngine("audit trail", (getDb) => {
  it("chains entries and verifies them from the genesis, whatever they hold", async () => {
    const { db } = getDb().ctx;
    expect(await verifyChain(db)).toEqual({ ok: true, length: 0, head: GENESIS_HASH });
    await recordAudit(db, actor, {
      action: "cycle.published",
      entity: "cycle",
      entityId: 7,
      provinceId: 1,
      cycleId: 7,
      before: { state: "open" },
      after: {
        state: "published",
        points: 75.4,
        percent: 81.08,
        applicable: false,
        nested: { z: [1, 2.5, null, true], a: "Ủy ban" },
      },
      note: "Quyết định 617/QĐ-UBND ngày 29/3/2023",
    });
    // Decomposed text, a NUL, a date and an undefined field: what comes back hashes the same.
    await recordAudit(db, SYSTEM, [
      {
        action: "score.appraised",
        entity: "score",
        entityId: "7:3:1.1",
        after: { remark: "Hoa\u0300\u0000", at: new Date(0), gone: undefined },
      },
      {
        action: "score.appraised",
        entity: "score",
        entityId: "7:3:1.2",
        before: { appraised: 0 },
        after: { appraised: 12345.67 },
      },
    ]);
    const r = await verifyChain(db);
    expect(r).toMatchObject({ ok: true, length: 3 });
    expect(r.ok && r.head).toBe((await chainHead(db)).hash);
  });

  it("refuses to update, delete or truncate an entry", async () => {
    const { db } = getDb().ctx;
    await expect(sql`update audit_log set note = 'rewritten' where id = 1`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where id = 3`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verifyChain(db)).ok).toBe(true);
  });

  it("names the first entry changed behind the trigger's back, and a removed one", async () => {
    const { db } = getDb().ctx;
    await recordAudit(db, actor, {
      action: "task.updated",
      entity: "task",
      entityId: 1,
      after: { progress: 50 },
    });
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
    await sql`update audit_log set after = '{"appraised": 99}' where id = 3`.execute(db);
    expect(await verifyChain(db)).toMatchObject({ ok: false, entryId: 3, length: 2 });
    // Rehashing entry 3 is not enough: entry 4 carries the old hash.
    const rows = await sql<{ hash: string }>`select hash from audit_log where id = 3`.execute(db);
    expect(rows.rows[0].hash).toHaveLength(64);
    await sql`delete from audit_log where id = 2`.execute(db);
    expect(await verifyChain(db)).toMatchObject({ ok: false, entryId: 3 });
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
    expect((await verifyAudit(db)).ok).toBe(false);
  });
});
