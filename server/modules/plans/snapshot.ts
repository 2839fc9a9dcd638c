/**
 * A plan's content as core/plan-version.ts's snapshot: read from the working draft (the tables), or
 * stored as a published version. The same snapshot feeds every view of a plan, so the draft the
 * agency reads and the version the public reads are presented by the same code.
 */
import type { Kysely } from "kysely";
import { canonical } from "../../../core/audit.ts";
import {
  type PlanSnapshot,
  type SnapshotTask,
  type SnapshotUnit,
  snapshotTarget,
} from "../../../core/plan-version.ts";
import type { DB } from "../../db/schema.ts";
import { sha256 } from "../../hash.ts";
import { pts } from "../../presenters.ts";
import type { TaskUnits } from "../auth/policy.ts";
import * as repo from "./repository.ts";

type PlanRow = NonNullable<Awaited<ReturnType<typeof repo.findPlan>>>;
type TaskRow = Awaited<ReturnType<typeof repo.listTasks>>[number];

/** The snapshots of some tasks, read in four queries whatever their number. */
export async function taskSnapshots(db: Kysely<DB>, tasks: readonly TaskRow[]): Promise<SnapshotTask[]> {
  const ids = tasks.map((t) => t.id);
  const [units, members, targets] = await Promise.all([
    repo.taskUnits(db, ids),
    repo.groupMembers(db, ids),
    repo.taskTargets(db, ids),
  ]);
  const unitOf = (taskId: number, u: (typeof units)[number]): SnapshotUnit => {
    const base = { id: u.unit_id, name: u.name, shortName: u.short_name, kind: u.kind };
    if (u.kind !== "unit_group") return base;
    const mine = members.filter((m) => m.task_id === taskId && m.group_id === u.unit_id);
    return {
      ...base,
      members: mine.length
        ? mine.map((m) => ({ id: m.unit_id, name: m.name, shortName: m.short_name }))
        : null,
    };
  };
  return tasks.map((t) => {
    const own = units.filter((u) => u.task_id === t.id);
    return {
      id: t.id,
      section: t.section,
      title: t.title,
      body: t.body,
      areaCode: t.area_code,
      startsOn: t.starts_on,
      due: t.due_on,
      period: t.period,
      leadUnits: own.filter((u) => u.role === "lead").map((u) => unitOf(t.id, u)),
      coordinatingUnits: own.filter((u) => u.role === "coordinating").map((u) => unitOf(t.id, u)),
      targets: targets
        .filter((x) => x.task_id === t.id)
        .map((x) =>
          snapshotTarget({
            ...x,
            value: x.value === null ? null : x.comparator === "done_by" ? x.value : Number(x.value),
          }),
        ),
    };
  });
}

/** The working draft of a plan as a snapshot, with its task rows (for their live status). */
export async function draftSnapshot(db: Kysely<DB>, plan: PlanRow) {
  const [areas, rows] = await Promise.all([repo.listAreaTargets(db, plan.id), repo.listTasks(db, plan.id)]);
  const snapshot: PlanSnapshot = {
    document: {
      number: plan.number,
      code: plan.code,
      issuedOn: plan.issued_on,
      place: plan.place,
      title: plan.title,
      implements: plan.implements,
      signer:
        plan.signer_name && plan.signer_position
          ? { authority: plan.signer_authority, position: plan.signer_position, name: plan.signer_name }
          : null,
    },
    overallTarget: {
      percentAtLeast: plan.percent_target === null ? null : Number(plan.percent_target),
      rankGainMin: plan.rank_gain_min,
      rankGainMax: plan.rank_gain_max,
    },
    baselineCycleId: plan.baseline_cycle_id,
    areaTargets: areas.map((a) => ({
      areaCode: a.areaCode,
      title: a.title,
      target: pts(a.target) as number,
      max: pts(a.max) as number,
      baseline: pts(a.baseline),
      kept: a.kept,
    })),
    tasks: await taskSnapshots(db, rows),
  };
  return { snapshot, rows };
}

/** The hash of a snapshot's canonical form: what a publication confirmed is what gets published. */
export const snapshotHash = (s: PlanSnapshot) => sha256(canonical(s));

/**
 * The named divisions acting on a task: those named directly and those its resolved unit groups
 * stand for. A division that leads is not also counted as coordinating.
 */
export function actingUnits(t: Pick<SnapshotTask, "leadUnits" | "coordinatingUnits">): TaskUnits {
  const named = (list: SnapshotUnit[]) =>
    list.flatMap((u) => (u.kind === "unit_group" ? (u.members ?? []).map((m) => m.id) : [u.id]));
  const lead = [...new Set(named(t.leadUnits))];
  return { lead, coordinating: [...new Set(named(t.coordinatingUnits))].filter((u) => !lead.includes(u)) };
}

/** The unit groups on a task not yet resolved, with the role they hold. */
export function unresolvedGroups(t: Pick<SnapshotTask, "leadUnits" | "coordinatingUnits">) {
  return [
    ...t.leadUnits.map((u) => ({ u, field: "leadUnits" as const })),
    ...t.coordinatingUnits.map((u) => ({ u, field: "coordinatingUnits" as const })),
  ]
    .filter(({ u }) => u.kind === "unit_group" && !u.members?.length)
    .map(({ u, field }) => ({ id: u.id, name: u.name, field }));
}
