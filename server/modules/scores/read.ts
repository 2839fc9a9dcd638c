/**
 * Reading scores: an agency's assessment with what the caller may do, the evidence divisions posted
 * on tasks, the history of a criterion, and the caller's own assessments and appraisals.
 */
import { isInlineMime } from "../../../core/contracts/scores.ts";
import {
  appraisalMissing,
  appraisalWindow,
  type ParticipantAction,
  participantStep,
  selfAssessmentWindow,
  submitMissing,
} from "../../../core/cycle-state.ts";
import type { Centi } from "../../../core/decimal.ts";
import { areaOf, type FrameworkTree, isLeaf, subtreeCodes } from "../../../core/framework.ts";
import { computeIndex } from "../../../core/scoring.ts";
import type { AppContext } from "../../context.ts";
import { presentEvidence, pts } from "../../presenters.ts";
import { agencyFacts } from "../agencies/service.ts";
import { entityHistory } from "../audit/access.ts";
import {
  type AgencyFacts,
  type Caller,
  canAppraise,
  canManageAgency,
  canReadAgencyPrivate,
  canRunProvince,
} from "../auth/policy.ts";
import * as cycles from "../cycles/repository.ts";
import { cycleFacts } from "../cycles/service.ts";
import { loadFramework } from "../frameworks/service.ts";
import { type Key, leafFacts, participation, presentMissing } from "./context.ts";
import { canFinalise } from "./policy.ts";
import * as repo from "./repository.ts";

/** Areas the caller may appraise for this agency: assigned ones, or every area for the province office. */
async function appraiserAreas(
  ctx: AppContext,
  caller: Caller | null,
  facts: AgencyFacts,
  k: Key,
  tree: FrameworkTree,
) {
  if (!caller) return { areas: [] as string[], assigned: [] as string[] };
  const assigned =
    caller.role === "appraiser" ? await cycles.assignedAreas(ctx.db, k.cycleId, caller.id) : [];
  return {
    areas: tree.areas.map((a) => a.code).filter((a) => canAppraise(caller, facts, assigned, a)),
    assigned,
  };
}

function presentCriterionEvidence(e: Awaited<ReturnType<typeof repo.listCriterionEvidence>>[number]) {
  return {
    ...presentEvidence(e),
    mime: e.mime,
    size: e.size,
    inline: isInlineMime(e.mime),
    createdAt: new Date(e.created_at).toISOString(),
    fromTask: e.task_id ? { id: e.task_id, planId: e.plan_id, title: e.task_title } : null,
  };
}

export async function readScores(ctx: AppContext, caller: Caller | null, k: Key) {
  // The live scores are the agency's and the province's working view (participation answers 404 to
  // anyone else); the public reads what was published (GET /public/cycles/:id), never these.
  const { cycle, facts, participant, state } = await participation(ctx, caller, k);
  const fw = await loadFramework(ctx, cycle.framework_id);
  const scores = await repo.listScores(ctx.db, k.cycleId, k.agencyId);
  const na = new Set((await repo.listNotApplicable(ctx.db, k.cycleId, k.agencyId)).map((r) => r.node_code));
  const final = new Map<string, Centi>();
  const selfOnly = new Map<string, Centi>();
  for (const s of scores) {
    const f = s.appraised ?? s.self;
    if (f !== null) final.set(s.nodeCode, f);
    if (s.self !== null) selfOnly.set(s.nodeCode, s.self);
  }
  const index = computeIndex(fw.tree, final, na);
  const selfIndex = computeIndex(fw.tree, selfOnly, na);
  const byCode = new Map(scores.map((s) => [s.nodeCode, s]));
  // Evidence and history are the agency's business: the public sees published points only.
  const privateView = canReadAgencyPrivate(caller, facts);
  const evidence = privateView ? await repo.listCriterionEvidence(ctx.db, k.cycleId, k.agencyId) : [];
  const withEvidence = new Set(evidence.map((e) => e.node_code));
  const lacksEvidence = (code: string) => {
    const s = byCode.get(code);
    return !!s && s.self !== null && !withEvidence.has(code) && !s.explanation?.trim();
  };

  const today = await ctx.clock.today();
  const selfWindow = selfAssessmentWindow(state, today);
  const apprWindow = appraisalWindow(state, today);
  const manages = canManageAgency(caller, facts);
  const { areas, assigned } = await appraiserAreas(ctx, caller, facts, k, fw.tree);
  const status = participant.status;
  const excluded = !!participant.excluded_reason;
  const leaves = await leafFacts(ctx, k, fw);
  const started = leaves.some((l) => l.appraised !== null);
  const step = (action: ParticipantAction) =>
    participantStep(status, action, { cycle: state, today, leaves, appraisalStarted: started, excluded });
  const runs = canRunProvince(caller, facts.provinceId);
  const appraises = canFinalise(caller, facts, assigned);
  return {
    cycleId: cycle.id,
    agencyId: k.agencyId,
    agency: { id: facts.agency.id, code: facts.agency.code, name: facts.agency.name },
    cycle: {
      year: cycle.year,
      frameworkId: cycle.framework_id,
      selfAssessmentOpens: cycle.self_assessment_opens,
      selfAssessmentCloses: cycle.self_assessment_closes,
      appraisalCloses: cycle.appraisal_closes,
      published: cycle.state !== "open",
      state: cycle.state,
    },
    status,
    excludedReason: participant.excluded_reason,
    submittedAt: participant.submitted_at ? new Date(participant.submitted_at).toISOString() : null,
    points: pts(index.achieved),
    max: pts(index.max),
    percent: pts(index.percent),
    selfPoints: pts(selfIndex.achieved),
    selfPercent: pts(selfIndex.percent),
    selfAssessmentWindow: selfWindow,
    appraisalWindow: apprWindow,
    /** What the caller may do now, decided here by the same guards the API enforces. */
    can: {
      selfAssess: manages && selfWindow === "open" && status === "draft",
      submit: manages && step("submit").ok,
      withdraw: manages && step("withdraw").ok,
      reply: manages && cycle.state !== "published" && status !== "finalised" && status !== "draft",
      appraise: areas.length > 0 && apprWindow === "open" && status === "submitted" && !excluded,
      completeAppraisal: appraises && step("complete_appraisal").ok,
      returnToAppraisal: runs && step("return_to_appraisal").ok,
      finalise: runs && step("finalise").ok,
      reopen: runs && step("reopen").ok,
    },
    /** What keeps the agency from submitting: each leaf with what it lacks (the page links to each). */
    submitMissing: manages && status === "draft" ? submitMissing(leaves).map(presentMissing) : [],
    /** What keeps the appraisal from being concluded or finalised. */
    appraisalMissing:
      (appraises || runs) && status !== "draft" ? appraisalMissing(leaves).map(presentMissing) : [],
    appraiserAreas: areas,
    lackingEvidence: privateView
      ? scores.filter((s) => lacksEvidence(s.nodeCode)).map((s) => s.nodeCode)
      : [],
    nodes: fw.nodes.map((n) => {
      const r = index.nodes.get(n.code);
      const sr = selfIndex.nodes.get(n.code);
      const s = byCode.get(n.code);
      return {
        code: n.code,
        parentCode: n.parentCode,
        title: n.title,
        kind: n.kind,
        leaf: isLeaf(fw.tree, n.code),
        area: areaOf(fw.tree, n.code)?.code ?? n.code,
        rule: n.rule ?? null,
        max: pts(n.max),
        applicableMax: pts(r?.max),
        applicable: r?.applicable ?? true,
        points: pts(r?.achieved),
        percent: pts(r?.percent),
        selfTotal: pts(sr?.achieved),
        self: pts(s?.self),
        inputs: privateView ? (s?.inputs ?? null) : null,
        appraised: pts(s?.appraised),
        explanation: privateView ? (s?.explanation ?? null) : null,
        remark: s?.remark ?? null,
        reply: s?.reply ?? null,
        confirmed: s?.confirmed ?? false,
        lacksEvidence: privateView && lacksEvidence(n.code),
        evidence: evidence.filter((e) => e.node_code === n.code).map(presentCriterionEvidence),
      };
    }),
  };
}

export async function taskEvidence(ctx: AppContext, caller: Caller, k: Key) {
  await participation(ctx, caller, k);
  const rows = await repo.listTaskEvidence(ctx.db, k.agencyId);
  return rows.map((e) => ({
    ...presentEvidence(e),
    mime: e.mime,
    inline: isInlineMime(e.mime),
    createdAt: new Date(e.created_at).toISOString(),
    task: { id: e.task_id, planId: e.plan_id, title: e.task_title, area: e.area_code },
    unit: e.unit_name,
  }));
}

export async function scoreHistory(ctx: AppContext, caller: Caller, k: Key, nodeCode?: string) {
  await participation(ctx, caller, k);
  const whole = `${k.cycleId}:${k.agencyId}`;
  const scoreIds =
    nodeCode !== undefined
      ? [`${whole}:${nodeCode}`]
      : (await repo.listScoreKeys(ctx.db, k.cycleId, k.agencyId)).map((c) => `${whole}:${c}`);
  const rows = [
    ...(await entityHistory(ctx, "score", scoreIds)),
    ...(await entityHistory(ctx, "participant", [whole])),
  ].sort((a, b) => b.id - a.id);
  const num = (v: unknown, key: string) => {
    const x = (v as Record<string, unknown> | null)?.[key];
    return typeof x === "number" ? x : null;
  };
  return rows.map((h) => {
    const action = h.action.slice(h.action.indexOf(".") + 1);
    const field = action === "appraised" ? "appraised" : "self";
    return {
      id: h.id,
      nodeCode: h.entity === "score" ? h.entityId.split(":").slice(2).join(":") : null,
      action,
      points: num(h.after, field),
      previousPoints: num(h.before, field),
      note: h.note,
      by: h.actor.displayName ?? h.actor.name,
      role: h.actor.role,
      at: h.at,
    };
  });
}

/** The caller's agency's cycles, and the one to open: the cycle taking self-assessments, else the latest. */
export async function myAssessments(ctx: AppContext, caller: Caller) {
  if (!caller.agencyId) return { current: null, items: [] };
  const today = await ctx.clock.today();
  const rows = await repo.cyclesOfAgency(ctx.db, caller.agencyId);
  const items = rows.map((c) => ({
    cycleId: c.id,
    agencyId: caller.agencyId as number,
    year: c.year,
    group: c.group_code,
    status: c.status,
    selfAssessmentOpens: c.self_assessment_opens,
    selfAssessmentCloses: c.self_assessment_closes,
    appraisalCloses: c.appraisal_closes,
    published: c.state !== "open",
    selfAssessmentWindow: selfAssessmentWindow(cycleFacts(c), today),
  }));
  const current = items.find((i) => i.selfAssessmentWindow === "open") ?? items[0] ?? null;
  return { current: current ? { cycleId: current.cycleId, agencyId: current.agencyId } : null, items };
}

/** Per agency and cycle, the areas the caller appraises, with the self-assessed and appraised totals. */
export async function myAppraisals(ctx: AppContext, caller: Caller) {
  const assignments =
    caller.role === "appraiser"
      ? await repo.assignmentsOf(ctx.db, caller.id)
      : ([] as { cycle_id: number; area_code: string }[]);
  let cycleRows: repo.CycleLike[];
  if (caller.role === "appraiser") {
    const ids = [...new Set(assignments.map((a) => a.cycle_id))];
    cycleRows = (await Promise.all(ids.map((id) => cycles.findCycle(ctx.db, id)))).filter((c) => !!c);
  } else if (caller.role === "province_office" || caller.role === "admin") {
    cycleRows = await cycles.listCycles(
      ctx.db,
      caller.role === "admin" ? {} : { provinceId: caller.provinceId ?? -1 },
    );
  } else return { items: [] };
  const today = await ctx.clock.today();
  const items = [];
  for (const c of cycleRows.sort((a, b) => b.year - a.year || a.id - b.id)) {
    const fw = await loadFramework(ctx, c.framework_id);
    const mine =
      caller.role === "appraiser"
        ? assignments.filter((a) => a.cycle_id === c.id).map((a) => a.area_code)
        : fw.tree.areas.map((a) => a.code);
    const areas = fw.tree.areas.filter((a) => mine.includes(a.code));
    const scores = await repo.listScores(ctx.db, c.id);
    const na = await repo.listNotApplicable(ctx.db, c.id);
    for (const p of await cycles.listParticipants(ctx.db, c.id)) {
      const facts = await agencyFacts(ctx, p.id);
      if (!areas.some((a) => canAppraise(caller, facts, mine, a.code))) continue;
      const own = scores.filter((s) => s.agencyId === p.id);
      const notApplicable = new Set(na.filter((r) => r.agency_id === p.id).map((r) => r.node_code));
      const final = new Map<string, Centi>();
      const self = new Map<string, Centi>();
      for (const s of own) {
        if ((s.appraised ?? s.self) !== null) final.set(s.nodeCode, (s.appraised ?? s.self) as Centi);
        if (s.self !== null) self.set(s.nodeCode, s.self);
      }
      const fi = computeIndex(fw.tree, final, notApplicable);
      const si = computeIndex(fw.tree, self, notApplicable);
      items.push({
        cycleId: c.id,
        year: c.year,
        group: c.group_code,
        appraisalCloses: c.appraisal_closes,
        appraisalWindow: appraisalWindow(cycleFacts(c), today),
        excludedReason: p.excluded_reason,
        agencyId: p.id,
        agencyCode: p.code,
        agencyName: p.name,
        status: p.status,
        areas: areas.map((a) => {
          const leaves = subtreeCodes(fw.tree, a.code).filter(
            (code) => isLeaf(fw.tree, code) && !notApplicable.has(code),
          );
          return {
            code: a.code,
            title: a.title,
            max: pts(fi.nodes.get(a.code)?.max),
            self: pts(si.nodes.get(a.code)?.achieved),
            points: pts(fi.nodes.get(a.code)?.achieved),
            leaves: leaves.length,
            appraisedLeaves: leaves.filter((code) =>
              own.some((s) => s.nodeCode === code && s.appraised !== null),
            ).length,
          };
        }),
      });
    }
  }
  return { items };
}
