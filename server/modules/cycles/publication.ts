/**
 * Publishing a cycle's results, and correcting a publication. A publication is an immutable,
 * versioned snapshot (core/publication.ts): the public reads snapshots only. After publication
 * nothing of the cycle changes except through a correction: reopen with a written reason, change,
 * publish version 2 — whose changes (each agency's old → new figures) the public page shows.
 */
import { canonical } from "../../../core/audit.ts";
import { type CycleAction, cycleStep, publishBlockers } from "../../../core/cycle-state.ts";
import { fromCenti } from "../../../core/decimal.ts";
import {
  type AgencyChange,
  buildSnapshot,
  type PublicationSnapshot,
  sameResults,
  snapshotChanges,
} from "../../../core/publication.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { sha256 } from "../../hash.ts";
import { findAgency } from "../agencies/repository.ts";
import { type Actor, chainHead, recordAudit, SYSTEM } from "../audit/service.ts";
import { registerRecordedHeads } from "../audit/verify.ts";
import type { Caller } from "../auth/policy.ts";
import { cycleTable } from "../ranking/service.ts";
import * as pubs from "./publication-repository.ts";
import * as repo from "./repository.ts";

export interface Decision {
  number: string;
  code: string;
  /** ISO date. */
  date: string;
}

registerRecordedHeads(async (db) =>
  (await pubs.recordedHeads(db)).map((h) => ({
    what: `the publication of cycle ${h.cycle_id}, version ${h.version}`,
    length: Number(h.audit_length),
    hash: h.audit_head,
  })),
);

// ---------------------------------------------------------------- reading publications

/** Publications never change, so a parsed one is kept by id: every process may cache it safely. */
const parsed = new Map<number, { row: pubs.PublicationMeta; snapshot: PublicationSnapshot }>();
const CACHE_SIZE = 64;

function remember(row: pubs.PublicationRow) {
  const { snapshot, ...meta } = row;
  const value = {
    row: meta,
    snapshot: (typeof snapshot === "string" ? JSON.parse(snapshot) : snapshot) as PublicationSnapshot,
  };
  parsed.set(row.id, value);
  if (parsed.size > CACHE_SIZE) parsed.delete(parsed.keys().next().value as number);
  return value;
}

export async function publicationById(ctx: AppContext, id: number) {
  const hit = parsed.get(id);
  if (hit) return hit;
  const row = await pubs.findPublicationById(ctx.db, id);
  return row ? remember(row) : null;
}

export async function publicationVersion(ctx: AppContext, cycleId: number, version: number) {
  const row = await pubs.findPublication(ctx.db, cycleId, version);
  return row ? (parsed.get(row.id) ?? remember(row)) : null;
}

/** The version the public reads now, or null before the first publication. */
export async function currentPublication(ctx: AppContext, cycleId: number) {
  const cur = await pubs.currentVersion(ctx.db, cycleId);
  return cur ? publicationById(ctx, cur.id) : null;
}

// ---------------------------------------------------------------- the live results, as a snapshot

async function liveSnapshot(ctx: AppContext, cycle: repo.CycleRow): Promise<PublicationSnapshot> {
  const table = await cycleTable(ctx, cycle);
  const province = await findAgency(ctx.db, cycle.province_id);
  const fw = table.framework;
  return buildSnapshot(
    {
      id: cycle.id,
      year: cycle.year,
      group: cycle.group_code,
      provinceId: cycle.province_id,
      province: province?.name ?? "",
      frameworkId: fw.meta.id,
      framework: { code: fw.meta.code, title: fw.meta.title },
    },
    fw.nodes,
    table.results,
  );
}

/** What publishing now would publish, what stands in the way, and what a correction would change. */
export async function publicationPreview(ctx: AppContext, cycle: repo.CycleRow) {
  const participants = await repo.listParticipants(ctx.db, cycle.id);
  const states = participants.map((p) => ({
    agencyId: p.id,
    status: p.status,
    excludedReason: p.excluded_reason,
  }));
  const blocking = new Set(publishBlockers(states).map((p) => p.agencyId));
  const snapshot = await liveSnapshot(ctx, cycle);
  const current = await currentPublication(ctx, cycle.id);
  const action: CycleAction = cycle.state === "correcting" ? "publish_correction" : "publish";
  const changed = current ? !sameResults(current.snapshot, snapshot) : true;
  const decision = cycleStep(cycle.state, action, { participants: states, changed });
  return {
    snapshot,
    current,
    changes: current ? snapshotChanges(current.snapshot, snapshot) : [],
    blockers: participants
      .filter((p) => blocking.has(p.id))
      .map((p) => ({ agencyId: p.id, code: p.code, name: p.name, status: p.status })),
    decision,
    action,
  };
}

// ---------------------------------------------------------------- transitions

const refusal = (code: string, extra?: string) => {
  const text: Record<string, { vi: string; en: string; status?: number; field?: string }> = {
    "cycle.not_open": {
      vi: "Kỳ đánh giá đã công bố: muốn sửa kết quả, hãy mở đính chính",
      en: "The cycle is published: open a correction to change its results",
      status: 409,
    },
    "cycle.not_published": {
      vi: "Kỳ đánh giá chưa công bố",
      en: "The cycle is not published",
      status: 409,
    },
    "cycle.not_correcting": {
      vi: "Kỳ đánh giá không ở trạng thái đính chính",
      en: "The cycle is not being corrected",
      status: 409,
    },
    "cycle.unfinished": {
      vi: `Chưa công bố được: còn cơ quan chưa chốt kết quả và chưa được loại khỏi xếp hạng (${extra ?? ""})`,
      en: `Cannot publish yet: some agencies are neither finalised nor excluded (${extra ?? ""})`,
      status: 409,
    },
    "cycle.no_participants": {
      vi: "Kỳ đánh giá không có cơ quan nào để xếp hạng",
      en: "The cycle has no agency to rank",
      status: 409,
    },
    "correction.reason_required": {
      vi: "Cần ghi rõ lý do đính chính (ít nhất 10 ký tự)",
      en: "Give the reason for the correction (at least 10 characters)",
      status: 400,
      field: "reason",
    },
    "correction.no_change": {
      vi: "Đính chính chưa thay đổi kết quả nào so với bản đã công bố",
      en: "The correction changes no result of the published version",
      status: 409,
    },
    "correction.has_changes": {
      vi: "Kết quả đã được sửa trong đợt đính chính: hãy công bố đính chính, hoặc hoàn tác các thay đổi trước khi hủy",
      en: "Results were changed in this correction: publish it, or undo the changes before cancelling",
      status: 409,
    },
  };
  const t = text[code] ?? { vi: code, en: code, status: 409 };
  return new AppError(code, t.status ?? 409, { vi: t.vi, en: t.en }, t.field);
};

const concurrent = () =>
  new AppError("cycle.changed", 409, {
    vi: "Kỳ đánh giá vừa được người khác thay đổi; hãy tải lại trang",
    en: "Someone else changed the cycle meanwhile; reload and try again",
  });

const decisionText = (d: Decision | null) => (d ? `${d.number}/${d.code} ngày ${d.date}` : null);

/**
 * Publishes the cycle (version 1) or a correction (version 2, 3, …). The snapshot is computed first;
 * the state moves only if nobody moved it meanwhile; the audit entry and the chain head it records
 * go in the same transaction as the publication.
 */
export async function publish(
  ctx: AppContext,
  caller: Caller | Actor,
  cycle: repo.CycleRow,
  decision: Decision | null,
  note: string | null,
  /** When it was published: now, unless the demo or a backfill records a past publication. */
  at = new Date(),
) {
  const preview = await publicationPreview(ctx, cycle);
  if (!preview.decision.ok)
    throw refusal(preview.decision.code, preview.blockers.map((b) => b.name).join("; "));
  const correction = preview.action === "publish_correction";
  return record(ctx, caller, cycle, {
    snapshot: preview.snapshot,
    changes: preview.changes,
    version: (preview.current?.row.version ?? 0) + 1,
    decision,
    reason: correction ? cycle.correction_reason : null,
    note,
    at,
  });
}

/** Writes a publication: the state moves, the audit entry is appended, the head it leaves is recorded. */
async function record(
  ctx: AppContext,
  caller: Caller | Actor,
  cycle: repo.CycleRow,
  p: {
    snapshot: PublicationSnapshot;
    changes: AgencyChange[];
    version: number;
    decision: Decision | null;
    reason: string | null;
    note: string | null;
    at: Date;
  },
) {
  const correction = p.version > 1;
  const hash = sha256(canonical(p.snapshot));
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await repo.moveCycleState(trx, cycle.id, cycle.state, "published", {
      correctionReason: null,
      publishedAt: correction ? undefined : p.at,
    });
    if (!moved) throw concurrent();
    await recordAudit(trx, caller, {
      action: correction ? "cycle.correction_published" : "cycle.published",
      entity: "cycle",
      entityId: cycle.id,
      provinceId: cycle.province_id,
      cycleId: cycle.id,
      before: { state: cycle.state, version: p.version - 1 },
      after: {
        state: "published",
        version: p.version,
        decision: decisionText(p.decision),
        snapshotHash: hash,
        ranked: p.snapshot.agencies.length,
        excluded: p.snapshot.excluded.map((e) => ({ agencyId: e.agencyId, reason: e.reason })),
        changes: p.changes.map((c) => ({
          agencyId: c.agencyId,
          old: c.old && { points: fromCenti(c.old.points), max: fromCenti(c.old.max), rank: c.old.rank },
          new: c.new && { points: fromCenti(c.new.points), max: fromCenti(c.new.max), rank: c.new.rank },
        })),
      },
      note: p.reason ?? p.note,
    });
    const head = await chainHead(trx);
    await pubs.insertPublication(trx, {
      cycle_id: cycle.id,
      version: p.version,
      published_at: p.at,
      published_by: caller.id,
      publisher_name: "username" in caller ? caller.displayName : caller.name,
      decision_number: p.decision?.number ?? null,
      decision_code: p.decision?.code ?? null,
      decision_date: p.decision?.date ?? null,
      reason: p.reason,
      audit_length: head.length,
      audit_head: head.hash,
      snapshot: p.snapshot,
      hash,
    });
  });
  return { version: p.version };
}

/** Reopens a published cycle for a correction, with the written reason the public will read. */
export async function reopenForCorrection(
  ctx: AppContext,
  caller: Caller,
  cycle: repo.CycleRow,
  reason: string,
) {
  const d = cycleStep(cycle.state, "reopen_for_correction", { participants: [], reason });
  if (!d.ok) throw refusal(d.code);
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await repo.moveCycleState(trx, cycle.id, "published", "correcting", {
      correctionReason: reason.trim(),
    });
    if (!moved) throw concurrent();
    await recordAudit(trx, caller, {
      action: "cycle.correction_opened",
      entity: "cycle",
      entityId: cycle.id,
      provinceId: cycle.province_id,
      cycleId: cycle.id,
      before: { state: "published" },
      after: { state: "correcting" },
      note: reason.trim(),
    });
  });
}

/** Closes a correction that changed nothing: the published version stands as it was. */
export async function cancelCorrection(ctx: AppContext, caller: Caller, cycle: repo.CycleRow) {
  const current = await currentPublication(ctx, cycle.id);
  const live = await liveSnapshot(ctx, cycle);
  const participants = await repo.listParticipants(ctx.db, cycle.id);
  const d = cycleStep(cycle.state, "cancel_correction", {
    participants: participants.map((p) => ({
      agencyId: p.id,
      status: p.status,
      excludedReason: p.excluded_reason,
    })),
    changed: current ? !sameResults(current.snapshot, live) : false,
  });
  if (!d.ok) throw refusal(d.code);
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await repo.moveCycleState(trx, cycle.id, "correcting", "published", {
      correctionReason: null,
    });
    if (!moved) throw concurrent();
    await recordAudit(trx, caller, {
      action: "cycle.correction_cancelled",
      entity: "cycle",
      entityId: cycle.id,
      provinceId: cycle.province_id,
      cycleId: cycle.id,
      before: { state: "correcting", reason: cycle.correction_reason },
      after: { state: "published" },
    });
  });
}

/**
 * Cycles published before publications were snapshots (an older database) get their version 1 from
 * the results as stored, dated as first published, so the public reads a snapshot for every cycle.
 * What was published then is recorded as it stands, whatever the guards of today would say.
 */
export async function backfillPublications(ctx: AppContext) {
  for (const c of await repo.listCycles(ctx.db, {})) {
    if (c.state !== "published" || (await pubs.currentVersion(ctx.db, c.id))) continue;
    await record(ctx, SYSTEM, c, {
      snapshot: await liveSnapshot(ctx, c),
      changes: [],
      version: 1,
      decision: null,
      reason: null,
      note: "Bản chụp kết quả đã công bố trước khi có phiên bản / snapshot of results published before versions",
      at: c.published_at ? new Date(c.published_at) : new Date(),
    });
  }
}
