/**
 * Accepting a reviewed import: creates the agency's plan for the year, or updates it as a reviewed
 * diff. Everything is checked before anything is written (units, areas, dates, targets, the
 * reviewer's pairings and removals). Tasks of the document are matched to the stored ones by section
 * and title, tolerant to rewording (core/plan-import/match.ts), one to one — so importing the same
 * document again never duplicates a task — and each is unchanged, changed (field by field), new, or
 * (a stored task the document no longer has) removed, which is kept unless the reviewer removes it;
 * a task with updates is never removed. The preview answers the same diff without writing anything.
 * A new plan is a draft; a published plan changes in its draft only, until the focal point publishes.
 */

import type { Kysely } from "kysely";
import type {
  AcceptImportBody,
  AcceptImportResult,
  ImportDiff,
  ImportTaskDiff,
} from "../../../core/contracts/plan-import.ts";
import { toCenti } from "../../../core/decimal.ts";
import { nfc } from "../../../core/locale.ts";
import type { MeasurableTarget } from "../../../core/plan.ts";
import { matchTasks } from "../../../core/plan-import/match.ts";
import {
  comparableTask,
  type SnapshotTask,
  snapshotTarget,
  taskChanges,
} from "../../../core/plan-version.ts";
import type { AppContext } from "../../context.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, badInput, forbidden } from "../../errors.ts";
import { pts } from "../../presenters.ts";
import { listUnits } from "../agencies/repository.ts";
import { agencyFacts } from "../agencies/service.ts";
import { type AuditEntry, recordAudit } from "../audit/service.ts";
import { type Caller, canManageAgency } from "../auth/policy.ts";
import { auditScope, onlyChanged, planRecord, taskRecord } from "../plans/audit.ts";
import * as plans from "../plans/repository.ts";
import { buildAreaTargets, checkTaskDates, taskChecker } from "../plans/service.ts";
import { draftSnapshot } from "../plans/snapshot.ts";

const nfcOrNull = (s: string | null | undefined) => (s ? nfc(s) : null);

type PlanFields = Omit<plans.PlanInput, "agencyId" | "year" | "baselineCycleId">;
type IncomingTask = AcceptImportBody["tasks"][number] & {
  leadUnitIds: number[];
  coordinatingUnitIds: number[];
};

/** The import, checked: area targets with their baselines, tasks with their units' ids, the plan's fields. */
async function prepare(ctx: AppContext, caller: Caller, agencyId: number, body: AcceptImportBody) {
  const facts = await agencyFacts(ctx, agencyId);
  if (!canManageAgency(caller, facts))
    throw forbidden(
      "Only the agency's PAR focal point writes its plan",
      "Chỉ đầu mối CCHC của cơ quan lập kế hoạch",
    );
  const targets = await buildAreaTargets(
    ctx,
    agencyId,
    body.year,
    body.areaTargets.map((a) => ({ areaCode: a.areaCode, target: toCenti(a.target), kept: a.kept })),
  );
  const tasks: IncomingTask[] = [];
  const check = await taskChecker(ctx, agencyId, body.year);
  for (const [i, t] of body.tasks.entries()) {
    checkTaskDates(t.startsOn, t.due, `tasks.${i}.due`);
    check.area(t.areaCode, `tasks.${i}.areaCode`);
    tasks.push({
      ...t,
      title: nfc(t.title),
      body: t.body ? nfc(t.body) : null,
      leadUnitIds: check.units(t.leadUnits, `tasks.${i}.leadUnits`),
      coordinatingUnitIds: check.units(t.coordinatingUnits, `tasks.${i}.coordinatingUnits`),
    });
  }
  const fields: PlanFields & { title: string } = {
    number: body.document.number ?? null,
    code: body.document.code ?? null,
    issuedOn: body.document.issuedOn ?? null,
    place: body.document.place ?? null,
    title: nfc(body.document.title),
    implements: body.document.implements ?? null,
    percentTarget:
      body.overallTarget?.percentAtLeast == null ? null : toCenti(body.overallTarget.percentAtLeast),
    rankGainMin: body.overallTarget?.rankGainMin ?? null,
    rankGainMax: body.overallTarget?.rankGainMax ?? null,
    // Stated as a whole or not at all: a signer the document does not state keeps the stored one.
    signerAuthority: body.document.signer ? nfcOrNull(body.document.signer.authority) : null,
    signerPosition: body.document.signer ? nfc(body.document.signer.position) : null,
    signerName: body.document.signer ? nfc(body.document.signer.name) : null,
  };
  const units = new Map((await listUnits(ctx.db, agencyId)).map((u) => [u.id, u]));
  return { facts, targets, tasks, fields, units, body };
}
type Prepared = Awaited<ReturnType<typeof prepare>>;

/** A task of the document as a snapshot task, so it compares with a stored one field by field. */
function incomingSnapshot(p: Prepared, t: IncomingTask, stored?: SnapshotTask): SnapshotTask {
  const unit = (id: number) => {
    const u = p.units.get(id)!;
    return { id, name: u.name, shortName: u.short_name, kind: u.kind };
  };
  return {
    id: stored?.id ?? 0,
    section: t.section ?? null,
    title: t.title,
    // A document that gives no text keeps the stored one.
    body: t.body || (stored?.body ?? null),
    areaCode: t.areaCode ?? null,
    startsOn: t.startsOn ?? null,
    due: t.due ?? null,
    period: t.period ?? null,
    leadUnits: t.leadUnitIds.map(unit),
    coordinatingUnits: t.coordinatingUnitIds.map(unit),
    targets: t.targets.map((x) =>
      snapshotTarget({ ...x, indicator: x.indicator ?? null, value: x.value ?? null, unit: x.unit ?? null }),
    ),
  };
}

const changesOf = (stored: SnapshotTask, incoming: SnapshotTask) =>
  taskChanges(comparableTask(stored, { members: false }), comparableTask(incoming, { members: false }));

/**
 * The measurable targets to store: the document's, each keeping the indicator code of the stored
 * target it is (same comparator, value and unit; else the same place and comparator), so tracking
 * survives a re-import of a document that names no indicators.
 */
function withIndicators(incoming: MeasurableTarget[], stored: SnapshotTask["targets"]): MeasurableTarget[] {
  const used = new Set<number>();
  const pick = (i: number, t: MeasurableTarget) => {
    if (t.indicator) return t.indicator;
    let k = stored.findIndex(
      (s, j) =>
        !used.has(j) &&
        s.comparator === t.comparator &&
        s.value === (t.value ?? null) &&
        (s.reference ?? null) === (t.reference ?? null) &&
        s.unit === (t.unit ?? null),
    );
    if (k < 0 && stored[i] && !used.has(i) && stored[i].comparator === t.comparator) k = i;
    if (k < 0) return null;
    used.add(k);
    return stored[k].indicator;
  };
  return incoming.map((t, i) => ({ ...t, indicator: pick(i, t) }));
}

/** What accepting would do to the stored plan of that year (none: it creates the plan). */
async function diffWith(db: Kysely<DB>, p: Prepared, agencyId: number) {
  const existing = await plans.findPlanFor(db, agencyId, p.body.year);
  const empty: ImportDiff["counts"] = { unchanged: 0, changed: 0, added: 0, removed: 0, kept: 0 };
  if (!existing) {
    const diff: ImportDiff = {
      planId: null,
      published: false,
      fields: [],
      areaTargets: p.targets.rows.map((r) => ({
        areaCode: r.areaCode,
        before: null,
        after: { target: pts(r.target) as number, kept: r.kept },
      })),
      tasks: p.tasks.map(newTaskDiff),
      counts: { ...empty, added: p.tasks.length },
    };
    return { existing: null, diff, stored: [] as SnapshotTask[], pairing: p.tasks.map(() => null) };
  }
  const { snapshot } = await draftSnapshot(db, existing);
  const stored = snapshot.tasks;
  const byId = new Map(stored.map((t, i) => [t.id, i]));
  // The reviewer's pairings first, then the matcher for the rest, one stored task each.
  const pairing: (number | null)[] = p.tasks.map(() => null);
  const score: (number | null)[] = p.tasks.map(() => null);
  const taken = new Set<number>();
  for (const [i, t] of p.body.tasks.entries()) {
    if (t.match === undefined) continue;
    if (t.match === null) continue;
    const k = byId.get(t.match);
    if (k === undefined || taken.has(k))
      throw badInput(
        "import.bad_match",
        `tasks.${i}.match`,
        "Nhiệm vụ được ghép không có trong kế hoạch đã lưu, hoặc đã được ghép với nhiệm vụ khác",
        "The stored task this task is paired with is not in the plan, or is paired twice",
      );
    pairing[i] = k;
    taken.add(k);
  }
  const auto = p.body.tasks.flatMap((t, i) => (t.match === undefined ? [i] : []));
  const free = stored.flatMap((_, k) => (taken.has(k) ? [] : [k]));
  const m = matchTasks(
    free.map((k) => stored[k]),
    auto.map((i) => p.tasks[i]),
  );
  for (const [a, i] of auto.entries()) {
    const f = m.stored[a];
    if (f === null) continue;
    pairing[i] = free[f];
    score[i] = m.score[a];
    taken.add(free[f]);
  }
  const removeIds = new Set(p.body.remove);
  const updates = await plans.updateCounts(
    db,
    stored.map((t) => t.id),
  );
  for (const id of removeIds) {
    const k = byId.get(id);
    if (k === undefined || taken.has(k))
      throw badInput(
        "import.bad_remove",
        "remove",
        "Chỉ bỏ được nhiệm vụ đã lưu mà văn bản không còn",
        "Only a stored task the document no longer has can be removed",
      );
    if (updates.get(id))
      throw new AppError(
        "import.task_has_updates",
        409,
        {
          vi: `Nhiệm vụ "${stored[k].title}" đã có cập nhật tiến độ nên không bỏ được; nhiệm vụ được giữ lại`,
          en: `Task "${stored[k].title}" has progress updates, so it cannot be removed; it is kept`,
        },
        "remove",
      );
  }
  const tasks: ImportTaskDiff[] = p.tasks.map((t, i) => {
    const k = pairing[i];
    if (k === null) return newTaskDiff(t, i);
    const changes = changesOf(stored[k], incomingSnapshot(p, t, stored[k]));
    return {
      kind: changes.length ? "changed" : "unchanged",
      index: i,
      taskId: stored[k].id,
      title: t.title,
      section: t.section ?? null,
      score: score[i],
      changes,
      updates: updates.get(stored[k].id) ?? 0,
      remove: false,
    };
  });
  for (const [k, s] of stored.entries())
    if (!taken.has(k))
      tasks.push({
        kind: "removed",
        index: null,
        taskId: s.id,
        title: s.title,
        section: s.section,
        score: null,
        changes: [],
        updates: updates.get(s.id) ?? 0,
        remove: removeIds.has(s.id),
      });
  // The plan's fields: a field the document does not state (null) keeps the stored value.
  const before: Record<string, unknown> = {
    number: existing.number,
    code: existing.code,
    issuedOn: existing.issued_on,
    place: existing.place,
    title: existing.title,
    implements: existing.implements,
    percentTarget: existing.percent_target === null ? null : toCenti(Number(existing.percent_target)),
    rankGainMin: existing.rank_gain_min,
    rankGainMax: existing.rank_gain_max,
    signerAuthority: existing.signer_authority,
    signerPosition: existing.signer_position,
    signerName: existing.signer_name,
  };
  const merged = Object.fromEntries(
    Object.entries(p.fields).map(([k, v]) => [k, v === null ? before[k] : v]),
  ) as typeof p.fields;
  if (p.body.document.signer) merged.signerAuthority = p.fields.signerAuthority;
  const shown = (k: string, v: unknown) => (k === "percentTarget" && typeof v === "number" ? pts(v) : v);
  const fields = Object.keys(p.fields)
    .filter((k) => before[k] !== merged[k as keyof typeof merged])
    .map((k) => ({
      field: k,
      before: shown(k, before[k]),
      after: shown(k, merged[k as keyof typeof merged]),
    }));
  const old = new Map(snapshot.areaTargets.map((a) => [a.areaCode, a]));
  const next = new Map(p.targets.rows.map((r) => [r.areaCode, r]));
  const areaTargets = [...new Set([...old.keys(), ...next.keys()])].flatMap((code) => {
    const o = old.get(code);
    const n = next.get(code);
    const b = o ? { target: o.target, kept: o.kept } : null;
    const a = n ? { target: pts(n.target) as number, kept: n.kept } : null;
    return JSON.stringify(b) === JSON.stringify(a) ? [] : [{ areaCode: code, before: b, after: a }];
  });
  const count = (kind: ImportTaskDiff["kind"]) => tasks.filter((t) => t.kind === kind).length;
  const diff: ImportDiff = {
    planId: existing.id,
    published: existing.published_at !== null,
    fields,
    areaTargets,
    tasks,
    counts: {
      unchanged: count("unchanged"),
      changed: count("changed"),
      added: count("new"),
      removed: tasks.filter((t) => t.kind === "removed" && t.remove).length,
      kept: tasks.filter((t) => t.kind === "removed" && !t.remove).length,
    },
  };
  return { existing, diff, stored, pairing, merged };
}

/** The diff accepting would make, written nowhere. */
/** A task of the document that matches none stored: it will be added. */
const newTaskDiff = (t: { title: string; section?: string | null }, index: number): ImportTaskDiff => ({
  kind: "new",
  index,
  taskId: null,
  title: t.title,
  section: t.section ?? null,
  score: null,
  changes: [],
  updates: 0,
  remove: false,
});

export async function previewImport(
  ctx: AppContext,
  caller: Caller,
  agencyId: number,
  body: AcceptImportBody,
) {
  const p = await prepare(ctx, caller, agencyId, body);
  return (await diffWith(ctx.db, p, agencyId)).diff;
}

export async function acceptImport(
  ctx: AppContext,
  caller: Caller,
  agencyId: number,
  body: AcceptImportBody,
): Promise<AcceptImportResult> {
  const p = await prepare(ctx, caller, agencyId, body);
  return ctx.db.transaction().execute(async (trx) => {
    const d = await diffWith(trx, p, agencyId);
    const { diff } = d;
    const changes: AcceptImportResult["changes"] = {
      fields: diff.fields.map((f) => f.field),
      areaTargets: diff.areaTargets.length,
      tasksAdded: diff.counts.added,
      tasksUpdated: diff.counts.changed,
      tasksUnchanged: diff.counts.unchanged,
      tasksNotInDocument: diff.counts.kept,
      tasksRemoved: diff.counts.removed,
    };
    let planId: number;
    const entries: Omit<AuditEntry, "provinceId" | "agencyId" | "planId">[] = [];
    if (!d.existing) {
      planId = await plans.insertPlan(trx, {
        agencyId,
        year: body.year,
        ...p.fields,
        baselineCycleId: p.targets.baselineCycleId,
      });
      changes.fields = Object.keys(p.fields).filter((k) => p.fields[k as keyof typeof p.fields] !== null);
      await plans.replaceAreaTargets(trx, planId, p.targets.rows);
    } else {
      planId = d.existing.id;
      const before = planRecord((await draftSnapshot(trx, d.existing)).snapshot);
      if (diff.fields.length && d.merged) await plans.updatePlanFields(trx, planId, d.merged);
      if (diff.areaTargets.length) await plans.replaceAreaTargets(trx, planId, p.targets.rows);
      if (diff.fields.length || diff.areaTargets.length) {
        const plan = await plans.findPlan(trx, planId);
        const change = onlyChanged(before, planRecord((await draftSnapshot(trx, plan!)).snapshot));
        if (change)
          entries.push({
            action: "plan.updated",
            entity: "plan",
            entityId: planId,
            ...change,
            note: "import",
          });
      }
    }
    const scope = auditScope(p.facts, planId);
    let position = d.stored.length;
    for (const [i, t] of p.tasks.entries()) {
      const k = d.pairing[i];
      if (k === null) {
        const id = await plans.insertTask(trx, planId, { ...t, position: position++ });
        entries.push({
          action: "task.created",
          entity: "task",
          entityId: id,
          after: taskRecord(incomingSnapshot(p, t)),
          note: "import",
        });
        continue;
      }
      const stored = d.stored[k];
      if (diff.tasks[i].kind === "unchanged") continue;
      const incoming = incomingSnapshot(p, t, stored);
      await plans.updateTaskFields(trx, stored.id, {
        title: t.title,
        section: t.section ?? null,
        area_code: t.areaCode ?? null,
        starts_on: t.startsOn ?? null,
        due_on: t.due ?? null,
        period: t.period ?? null,
        ...(t.body ? { body: t.body } : {}),
      });
      await plans.replaceTaskUnits(trx, stored.id, t.leadUnitIds, t.coordinatingUnitIds);
      await plans.replaceTaskTargets(trx, stored.id, withIndicators(t.targets, stored.targets));
      const change = onlyChanged(taskRecord(stored), taskRecord(incoming));
      if (change)
        entries.push({
          action: "task.updated",
          entity: "task",
          entityId: stored.id,
          ...change,
          note: "import",
        });
    }
    for (const r of diff.tasks)
      if (r.kind === "removed" && r.remove && r.taskId !== null) {
        const stored = d.stored.find((s) => s.id === r.taskId)!;
        await plans.deleteTask(trx, r.taskId);
        entries.push({
          action: "task.removed",
          entity: "task",
          entityId: r.taskId,
          before: taskRecord(stored),
          note: "import",
        });
      }
    await recordAudit(trx, caller, [
      {
        action: d.existing ? "plan.imported" : "plan.created",
        entity: "plan",
        entityId: planId,
        ...scope,
        after: { year: body.year, title: p.fields.title, changes },
        note: "import",
      },
      ...entries.map((e) => ({ ...e, ...scope })),
    ]);
    return { planId, created: !d.existing, changes, published: diff.published };
  });
}
