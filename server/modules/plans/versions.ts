/**
 * Publication: a published plan never changes silently. Publishing stores version N+1 — an immutable
 * snapshot of the draft, who published it, when, and an optional note — and the public reads the
 * latest version while the agency edits its draft. A published plan cannot be quietly unpublished;
 * it can be withdrawn with a reason the public page shows (its versions stay readable, so what was
 * once public stays on the record), and publishing a new version puts it back in force.
 */
import type { Kysely } from "kysely";
import { nfc } from "../../../core/locale.ts";
import { changeCounts, diffSnapshots, hasChanges, type PlanSnapshot } from "../../../core/plan-version.ts";
import type { AppContext } from "../../context.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../audit/service.ts";
import type { Caller } from "../auth/policy.ts";
import { type PlanRow, planToManage, planWithAccess, readsDraft } from "./access.ts";
import { auditScope } from "./audit.ts";
import * as repo from "./repository.ts";
import { draftSnapshot, snapshotHash } from "./snapshot.ts";
import { type PlanView, presentVersion, versionContent } from "./view.ts";

const ONLY_FOCAL = [
  "Only the agency's PAR focal point publishes its plan",
  "Chỉ đầu mối CCHC của cơ quan được công bố kế hoạch",
] as const;

/**
 * Stores the draft as the plan's next version (no access check: the service, the demo loader and
 * migration 010 call it). The first publication sets the plan's `published_at`, which stays; a new
 * version ends a withdrawal.
 */
export async function storeVersion(
  db: Kysely<DB>,
  plan: PlanRow,
  opts: {
    at: Date;
    by: number | null;
    note: string | null;
    snapshot?: PlanSnapshot;
    /** The latest version, when the caller has just read it in the same transaction. */
    latest?: Awaited<ReturnType<typeof repo.findVersion>>;
  },
) {
  const snapshot = opts.snapshot ?? (await draftSnapshot(db, plan)).snapshot;
  const latest = "latest" in opts ? opts.latest : await repo.findVersion(db, plan.id);
  const version = (latest?.version ?? 0) + 1;
  await repo.insertVersion(db, {
    planId: plan.id,
    version,
    publishedAt: opts.at,
    publishedBy: opts.by,
    note: opts.note,
    title: snapshot.document.title,
    number: snapshot.document.number,
    code: snapshot.document.code,
    issuedOn: snapshot.document.issuedOn,
    content: snapshot,
    contentHash: snapshotHash(snapshot),
  });
  if (plan.published_at === null) await repo.setPlanPublished(db, plan.id, opts.at);
  if (plan.withdrawn_at !== null) await repo.setPlanWithdrawn(db, plan.id, null);
  return { version, snapshot, previous: latest ? versionContent(latest) : null };
}

const draftChanged = () =>
  new AppError(
    "plan.draft_changed",
    409,
    {
      vi: "Bản nháp đã thay đổi sau khi bạn mở xác nhận công bố; hãy xem lại các thay đổi rồi công bố lại",
      en: "The draft changed after you opened the confirmation; review the changes and publish again",
    },
    "draftHash",
  );

/**
 * The focal point publishes the draft as a new version. `draftHash` is the draft the confirmation
 * showed: when the draft has changed since, nothing is published (409 plan.draft_changed). A draft
 * equal to the latest version publishes nothing (unless the plan was withdrawn).
 */
export async function publishPlan(
  ctx: AppContext,
  caller: Caller,
  planId: number,
  input: { note?: string | null; draftHash?: string | null } = {},
) {
  const { facts } = await planToManage(ctx, caller, planId, ...ONLY_FOCAL);
  const note = input.note?.trim() ? nfc(input.note.trim()) : null;
  return ctx.db.transaction().execute(async (trx) => {
    // One publication at a time per plan: a second one waits, then sees the version before it.
    const plan = await repo.lockPlan(trx, planId);
    const { snapshot } = await draftSnapshot(trx, plan);
    if (input.draftHash && input.draftHash !== snapshotHash(snapshot)) throw draftChanged();
    const latest = await repo.findVersion(trx, planId);
    if (latest && latest.content_hash === snapshotHash(snapshot) && plan.withdrawn_at === null)
      return { version: latest.version, published: false };
    const at = new Date();
    const stored = await storeVersion(trx, plan, { at, by: caller.id, note, snapshot, latest });
    const counts = stored.previous ? changeCounts(diffSnapshots(stored.previous, snapshot)) : null;
    await recordAudit(trx, caller, {
      action: "plan.published",
      entity: "plan",
      entityId: planId,
      ...auditScope(facts, planId),
      before: latest ? { version: latest.version, withdrawn: plan.withdrawn_at !== null } : null,
      after: {
        version: stored.version,
        tasks: snapshot.tasks.length,
        ...(counts ? { changes: counts } : {}),
      },
      note,
    });
    return { version: stored.version, published: true };
  });
}

/** A plan with published versions is not taken back silently: 409, saying what to do instead. */
export async function unpublishPlan(ctx: AppContext, caller: Caller, planId: number) {
  const { plan } = await planToManage(ctx, caller, planId, ...ONLY_FOCAL);
  if (plan.published_at === null) return;
  throw new AppError("plan.published_versions", 409, {
    vi: "Kế hoạch đã công bố không thể âm thầm thu hồi. Muốn thay đổi, hãy sửa bản nháp rồi công bố phiên bản mới; muốn rút kế hoạch, hãy dùng “Rút kế hoạch” và ghi rõ lý do (lý do được công khai)",
    en: "A published plan cannot be unpublished silently. To change it, edit the draft and publish a new version; to withdraw it, use withdraw with a reason (the reason is shown publicly)",
  });
}

/** Withdraws a published plan with a reason the public page shows; its versions stay readable. */
export async function withdrawPlan(ctx: AppContext, caller: Caller, planId: number, reason: string) {
  const { facts } = await planToManage(ctx, caller, planId, ...ONLY_FOCAL);
  const text = nfc(reason.trim());
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await repo.lockPlan(trx, planId);
    if (plan.published_at === null)
      throw new AppError("plan.not_published", 409, {
        vi: "Kế hoạch chưa công bố nên không có gì để rút; bản nháp chỉ cơ quan và Sở Nội vụ xem được",
        en: "The plan was never published, so there is nothing to withdraw; the draft is private already",
      });
    if (plan.withdrawn_at !== null)
      throw new AppError("plan.withdrawn", 409, {
        vi: "Kế hoạch đã được rút trước đó",
        en: "The plan has already been withdrawn",
      });
    await repo.setPlanWithdrawn(trx, planId, { at: new Date(), reason: text, by: caller.id });
    await recordAudit(trx, caller, {
      action: "plan.withdrawn",
      entity: "plan",
      entityId: planId,
      ...auditScope(facts, planId),
      before: { withdrawn: false },
      after: { withdrawn: true },
      note: text,
    });
  });
}

/**
 * For the agency's draft view: the latest version, what publishing now would change (null when the
 * plan was never published: everything is new), and the hash the publish confirmation sends back.
 */
export function publicationState(v: PlanView, versions: number) {
  if (v.kind !== "draft") return null;
  const changes = v.version ? diffSnapshots(versionContent(v.version), v.snapshot) : null;
  return {
    versions,
    latest: v.version ? presentVersion(v.version, true) : null,
    changes,
    counts: changes ? changeCounts(changes) : null,
    /** Whether publishing now would make a new version. */
    pending: changes === null || hasChanges(changes) || v.plan.withdrawn_at !== null,
    draftHash: snapshotHash(v.snapshot),
  };
}

/** The plan's published versions, newest first, each with what it changed from the one before. */
export async function listVersions(ctx: AppContext, caller: Caller | null, planId: number) {
  const { facts } = await planWithAccess(ctx, caller, planId);
  const rows = await repo.listVersionsWithContent(ctx.db, planId);
  const contents = rows.map(versionContent);
  return rows.map((r, i) => {
    const prev = contents[i + 1];
    return {
      ...presentVersion(r, readsDraft(caller, facts)),
      title: r.title,
      tasks: contents[i].tasks.length,
      changes: prev ? changeCounts(diffSnapshots(prev, contents[i])) : null,
    };
  });
}
