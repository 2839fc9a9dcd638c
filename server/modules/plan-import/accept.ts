/**
 * Accepting a reviewed import: creates the agency's plan for the year, or updates it. Everything is
 * checked before anything is written (units, areas, dates, targets), then written in one
 * transaction. Tasks are matched to the stored ones by title (accents, case and dashes ignored);
 * stored tasks the document does not mention are kept and counted, and so is a plan field the
 * document does not state. A new plan is a draft until its focal point publishes it; an updated
 * plan stays published or draft as it was.
 */
import type { AcceptImportBody, AcceptImportResult } from "../../../core/contracts/plan-import.ts";
import { toCenti } from "../../../core/decimal.ts";
import { nfc, searchKey } from "../../../core/locale.ts";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import { agencyFacts } from "../agencies/service.ts";
import { type Caller, canManageAgency } from "../auth/policy.ts";
import * as plans from "../plans/repository.ts";
import { buildAreaTargets, checkTaskDates, taskChecker } from "../plans/service.ts";

const nfcOrNull = (s: string | null | undefined) => (s ? nfc(s) : null);

export async function acceptImport(
  ctx: AppContext,
  caller: Caller,
  agencyId: number,
  body: AcceptImportBody,
): Promise<AcceptImportResult> {
  const facts = await agencyFacts(ctx, agencyId);
  if (!canManageAgency(caller, facts))
    throw forbidden(
      "Only the agency's PAR focal point writes its plan",
      "Chỉ đầu mối CCHC của cơ quan lập kế hoạch",
    );

  // 1. Check everything.
  const targets = await buildAreaTargets(
    ctx,
    agencyId,
    body.year,
    body.areaTargets.map((a) => ({ areaCode: a.areaCode, target: toCenti(a.target), kept: a.kept })),
  );
  const tasks: (AcceptImportBody["tasks"][number] & {
    leadUnitIds: number[];
    coordinatingUnitIds: number[];
  })[] = [];
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
  const fields = {
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

  // 2. Write it in one transaction.
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await plans.findPlanFor(trx, agencyId, body.year);
    const changes: AcceptImportResult["changes"] = {
      fields: [],
      areaTargets: 0,
      tasksAdded: 0,
      tasksUpdated: 0,
      tasksUnchanged: 0,
      tasksNotInDocument: 0,
    };
    let planId: number;
    if (!existing) {
      planId = await plans.insertPlan(trx, {
        agencyId,
        year: body.year,
        ...fields,
        baselineCycleId: targets.baselineCycleId,
      });
      changes.fields = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== null);
      changes.areaTargets = targets.rows.length;
      await plans.replaceAreaTargets(trx, planId, targets.rows);
    } else {
      planId = existing.id;
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
      // A field the document does not state (null) keeps the stored value; the signer is one field.
      const merged = Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [k, v === null ? before[k] : v]),
      ) as typeof fields;
      if (body.document.signer) merged.signerAuthority = fields.signerAuthority;
      changes.fields = Object.keys(fields).filter((k) => before[k] !== merged[k as keyof typeof fields]);
      if (changes.fields.length) await plans.updatePlanFields(trx, planId, merged);
      const old = await plans.listAreaTargets(trx, planId);
      changes.areaTargets = targets.rows.filter(
        (r) => !old.some((o) => o.areaCode === r.areaCode && o.target === r.target && o.kept === r.kept),
      ).length;
      if (changes.areaTargets) await plans.replaceAreaTargets(trx, planId, targets.rows);
    }

    const stored = existing ? await plans.listTasks(trx, planId) : [];
    const units = await plans.taskUnits(
      trx,
      stored.map((t) => t.id),
    );
    const storedTargets = await plans.taskTargets(
      trx,
      stored.map((t) => t.id),
    );
    const matched = new Set<number>();
    let position = stored.length;
    for (const t of tasks) {
      const s = stored.find((x) => !matched.has(x.id) && searchKey(x.title) === searchKey(t.title));
      if (!s) {
        await plans.insertTask(trx, planId, { ...t, position: position++ });
        changes.tasksAdded++;
        continue;
      }
      matched.add(s.id);
      const lead = units.filter((u) => u.task_id === s.id && u.role === "lead").map((u) => u.unit_id);
      const coord = units
        .filter((u) => u.task_id === s.id && u.role === "coordinating")
        .map((u) => u.unit_id);
      const targetsOf = storedTargets
        .filter((x) => x.task_id === s.id)
        .map((x) => `${x.comparator} ${x.value} ${x.unit ?? ""}`);
      const same =
        (s.section ?? null) === (t.section ?? null) &&
        (s.area_code ?? null) === (t.areaCode ?? null) &&
        (s.starts_on ?? null) === (t.startsOn ?? null) &&
        (s.due_on ?? null) === (t.due ?? null) &&
        (s.period ?? null) === (t.period ?? null) &&
        JSON.stringify(lead) === JSON.stringify(t.leadUnitIds) &&
        JSON.stringify(coord) === JSON.stringify(t.coordinatingUnitIds) &&
        JSON.stringify(targetsOf) ===
          JSON.stringify(t.targets.map((x) => `${x.comparator} ${x.value} ${x.unit ?? ""}`));
      if (same) {
        changes.tasksUnchanged++;
        continue;
      }
      await plans.updateTaskFields(trx, s.id, {
        section: t.section ?? null,
        area_code: t.areaCode ?? null,
        starts_on: t.startsOn ?? null,
        due_on: t.due ?? null,
        period: t.period ?? null,
        ...(t.body ? { body: t.body } : {}),
      });
      await plans.replaceTaskUnits(trx, s.id, t.leadUnitIds, t.coordinatingUnitIds);
      await plans.replaceTaskTargets(trx, s.id, t.targets);
      changes.tasksUpdated++;
    }
    changes.tasksNotInDocument = stored.length - matched.size;
    return { planId, created: !existing, changes };
  });
}
