/** Loads the Quảng Nam 2019 demo into an empty database, through the same repositories as the API. */
import crypto from "node:crypto";
import { parseCenti } from "../core/decimal.ts";
import type { FrameworkNode } from "../core/framework.ts";
import { DEFAULT_GRADE_BANDS } from "../core/ranking.ts";
import type { AppContext } from "../server/context.ts";
import type { Role } from "../server/db/schema.ts";
import {
  countAgencies,
  findAgencyByCode,
  insertAgency,
  updateAgency,
} from "../server/modules/agencies/repository.ts";
import { recordAudit, SYSTEM } from "../server/modules/audit/service.ts";
import { createUser } from "../server/modules/auth/service.ts";
import { startDemoClock } from "../server/modules/clock/repository.ts";
import { publish } from "../server/modules/cycles/publication.ts";
import * as cycles from "../server/modules/cycles/repository.ts";
import { createFramework } from "../server/modules/frameworks/service.ts";
import * as plans from "../server/modules/plans/repository.ts";
import { storeVersion } from "../server/modules/plans/versions.ts";
import { insertEvidence, upsertAppraisal, upsertSelfScore } from "../server/modules/scores/repository.ts";
import * as live from "./live2019.ts";
import * as d from "./quangnam2019.ts";

const c = (s: string) => {
  const v = parseCenti(s);
  if (v === null) throw new Error(`demo data: bad number ${s}`);
  return v;
};

export interface DemoCredential {
  username: string;
  password: string;
  role: Role;
  who: string;
}

/** A database with no agency at all: the demo may go in without mixing with anyone's data. */
/** The demo's user names, in the order they are created (tests give each a known password). */
export const DEMO_USERNAMES = [
  "admin",
  "snv.cchc",
  "thamdinh",
  "vp.daumoi",
  "vp.lanhdao",
  "vp.hctc",
  "vp.qttv",
] as const;

export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  return (await countAgencies(ctx.db)) === 0;
}

export async function isDemoLoaded(ctx: AppContext): Promise<boolean> {
  return !!(await findAgencyByCode(ctx.db, d.OFFICE.code));
}

/** Loads the demo; returns the demo users' generated passwords, or null when it was already there. */
export async function seedDemo(
  ctx: AppContext,
  opts: { passwords?: Partial<Record<string, string>> } = {},
): Promise<DemoCredential[] | null> {
  if (await isDemoLoaded(ctx)) return null;
  const db = ctx.db;
  const provinceId = await insertAgency(db, {
    code: d.PROVINCE.code,
    name: d.PROVINCE.name,
    kind: "province",
    validTo: d.PROVINCE.validTo,
  });
  const successorId = await insertAgency(db, {
    code: d.SUCCESSOR.code,
    name: d.SUCCESSOR.name,
    kind: "province",
    validFrom: d.SUCCESSOR.validFrom,
  });
  await updateAgency(db, provinceId, { successorId });
  const officeId = await insertAgency(db, {
    code: d.OFFICE.code,
    name: d.OFFICE.name,
    shortName: d.OFFICE.shortName,
    kind: "agency",
    parentId: provinceId,
    groupCode: d.GROUP,
    staffCount: d.OFFICE.staffCount,
  });
  const unitIds = new Map<string, number>();
  for (const u of d.UNITS) {
    unitIds.set(
      u.code,
      await insertAgency(db, {
        code: u.code,
        name: u.name,
        shortName: u.shortName,
        kind: u.kind,
        parentId: officeId,
      }),
    );
  }
  const sampleIds = new Map<string, number>();
  for (const s of d.SAMPLE_DEPARTMENTS) {
    const name = s.code === "SNV" ? d.HOME_AFFAIRS.name : `${s.name} tỉnh Quảng Nam`;
    sampleIds.set(
      s.code,
      await insertAgency(db, {
        code: s.code,
        name,
        shortName: s.name,
        kind: "agency",
        parentId: provinceId,
        groupCode: d.GROUP,
        sample: true,
      }),
    );
  }

  const areaNodes: FrameworkNode[] = d.AREAS.map((a, i) => ({
    code: a.code,
    parentCode: null,
    kind: "area",
    title: a.title,
    max: c(a.max),
    position: i,
  }));
  const fw2018 = await createFramework(ctx, SYSTEM, {
    provinceId,
    code: "QNAM-SBN-2018",
    title: "Bộ chỉ số CCHC các sở, ban, ngành tỉnh Quảng Nam năm 2018 (cấp lĩnh vực)",
    year: 2018,
    agencyType: "department",
    gradeBands: [...DEFAULT_GRADE_BANDS],
    nodes: areaNodes,
  });
  const fw2019 = await createFramework(ctx, SYSTEM, {
    provinceId,
    code: "QNAM-SBN-2019",
    title: "Bộ chỉ số CCHC các sở, ban, ngành tỉnh Quảng Nam năm 2019 (tiêu chí minh họa)",
    year: 2019,
    agencyType: "department",
    gradeBands: [...DEFAULT_GRADE_BANDS],
    nodes: [
      ...areaNodes,
      ...d.ILLUSTRATIVE_CRITERIA.map((k, i) => ({
        code: k.code,
        parentCode: k.parent,
        kind: "criterion" as const,
        title: k.title,
        max: c(k.max),
        position: 100 + i,
        rule: k.rule,
        illustrative: true,
      })),
    ],
  });

  const participants = [officeId, ...sampleIds.values()];
  const cycle2018 = await cycles.insertCycle(db, {
    year: 2018,
    frameworkId: fw2018,
    provinceId,
    groupCode: d.GROUP,
    selfAssessmentOpens: "2018-12-01",
    selfAssessmentCloses: "2018-12-31",
    appraisalCloses: "2019-02-28",
  });
  await cycles.addParticipants(db, cycle2018, participants);
  const cycle2019 = await cycles.insertCycle(db, {
    year: 2019,
    frameworkId: fw2019,
    provinceId,
    groupCode: d.GROUP,
    selfAssessmentOpens: "2019-12-01",
    selfAssessmentCloses: "2019-12-31",
    appraisalCloses: "2020-02-28",
  });
  await cycles.addParticipants(db, cycle2019, participants);

  const record = async (agencyId: number, scores: readonly string[]) => {
    for (const [i, s] of scores.entries()) {
      const k = { cycleId: cycle2018, agencyId, nodeCode: d.AREAS[i].code };
      await upsertSelfScore(db, k, { points: c(s), inputs: undefined, explanation: null });
      await upsertAppraisal(db, k, { points: c(s), remark: null, userId: null });
    }
    await cycles.setParticipantStatus(db, cycle2018, agencyId, "finalised");
  };
  await record(officeId, d.OFFICE_2018);
  for (const s of d.SAMPLE_DEPARTMENTS) await record(sampleIds.get(s.code)!, s.scores);
  // Published as the province would: every participant finalised, a snapshot as version 1. The
  // demo's 2018 figures are illustrative, so no decision number is invented for them.
  await publish(
    ctx,
    SYSTEM,
    (await cycles.findCycle(db, cycle2018))!,
    null,
    "Dữ liệu demo / demo data",
    new Date("2019-03-29T09:00:00+07:00"),
  );

  const planId = await plans.insertPlan(db, {
    agencyId: officeId,
    year: 2019,
    number: d.PLAN.number,
    code: d.PLAN.code,
    issuedOn: d.PLAN.issuedOn,
    place: d.PLAN.place,
    title: d.PLAN.title,
    implements: d.PLAN.implements,
    percentTarget: c(d.PLAN.percentTarget),
    rankGainMin: d.PLAN.rankGainMin,
    rankGainMax: d.PLAN.rankGainMax,
    baselineCycleId: cycle2018,
  });
  await plans.replaceAreaTargets(
    db,
    planId,
    d.OFFICE_TARGETS_2019.map((t) => {
      const i = d.AREAS.findIndex((a) => a.code === t.area);
      return {
        areaCode: t.area,
        title: d.AREAS[i].title,
        target: c(t.target),
        max: c(d.AREAS[i].max),
        baseline: c(d.OFFICE_2018[i]),
        kept: "kept" in t && t.kept === true,
      };
    }),
  );
  const taskIds: number[] = [];
  for (const [i, t] of d.TASKS.entries()) {
    const taskId = await plans.insertTask(db, planId, {
      section: t.section,
      position: i,
      title: t.title,
      body: t.body,
      areaCode: t.area,
      startsOn: t.startsOn ?? null,
      due: t.due ?? null,
      period: t.period ?? null,
      leadUnitIds: t.lead.map((u) => unitIds.get(u)!),
      coordinatingUnitIds: t.coordinating.map((u) => unitIds.get(u)!),
      targets: t.targets,
    });
    taskIds.push(taskId);
    // Each unit group on the task stands for named divisions, so they can act on it.
    for (const group of [...t.lead, ...t.coordinating].filter(
      (u) => u === "VPUBND-ALL" || u === "VPUBND-REL",
    ))
      await plans.replaceGroupMembers(
        db,
        taskId,
        unitIds.get(group)!,
        d.groupMembers(group, t.lead).map((u) => unitIds.get(u)!),
      );
  }
  // The plan has been public since the day it was issued (its version 1), so the public pages have one to show.
  await storeVersion(db, (await plans.findPlan(db, planId))!, {
    at: new Date(`${d.PLAN.issuedOn}T08:00:00+07:00`),
    by: null,
    note: null,
  });

  const snvId = sampleIds.get("SNV")!;
  const users: {
    username: (typeof DEMO_USERNAMES)[number];
    role: Role;
    who: string;
    agencyId: number | null;
    unitId?: number;
  }[] = [
    { username: "admin", role: "admin", who: "Quản trị hệ thống", agencyId: null },
    { username: "snv.cchc", role: "province_office", who: "Phòng CCHC, Sở Nội vụ", agencyId: snvId },
    { username: "thamdinh", role: "appraiser", who: "Thành viên Tổ thẩm định", agencyId: snvId },
    { username: "vp.daumoi", role: "focal_point", who: "Đầu mối CCHC, VP UBND tỉnh", agencyId: officeId },
    { username: "vp.lanhdao", role: "leader", who: "Lãnh đạo VP UBND tỉnh", agencyId: officeId },
    {
      username: "vp.hctc",
      role: "division",
      who: "Phòng Hành chính – Tổ chức",
      agencyId: officeId,
      unitId: unitIds.get("VPUBND-HCTC"),
    },
    {
      username: "vp.qttv",
      role: "division",
      who: "Phòng Quản trị – Tài vụ",
      agencyId: officeId,
      unitId: unitIds.get("VPUBND-QTTV"),
    },
  ];
  const creds: DemoCredential[] = [];
  const userIds = new Map<string, number>();
  for (const u of users) {
    const password = opts.passwords?.[u.username] ?? crypto.randomBytes(9).toString("base64url");
    const userId = await createUser(ctx, {
      username: u.username,
      password,
      displayName: u.who,
      role: u.role,
      agencyId: u.agencyId,
      unitId: u.unitId ?? null,
    });
    userIds.set(u.username, userId);
    creds.push({ username: u.username, password, role: u.role, who: u.who });
  }

  // Where the demo's year stands on its day (demo/live2019.ts): the appraisal team assigned, one
  // department submitted, the plan's divisions reporting; and the database marked as the demo. With
  // DEMO=off the clock is the real one, on which that day's state means nothing: the demo is then
  // the 2019 data only, as a backdrop (the tests' default).
  if (ctx.config.DEMO !== "off")
    await loadDemoDay(ctx, { cycle2019, sampleIds, taskIds, unitIds, userIds, officeId });
  await startDemoClock(db, live.DEMO_DAY);
  // The demo's own writes go through repositories, not through people: one entry says what was loaded.
  await recordAudit(ctx.db, SYSTEM, {
    action: "demo.loaded",
    entity: "system",
    entityId: "demo",
    provinceId,
    after: {
      agencies: [d.OFFICE.code, ...d.UNITS.map((u) => u.code), ...d.SAMPLE_DEPARTMENTS.map((s) => s.code)],
      frameworks: [fw2018, fw2019],
      cycles: [cycle2018, cycle2019],
      plans: [planId],
      users: creds.map((u) => ({ username: u.username, role: u.role })),
      demoDay: live.DEMO_DAY,
    },
  });
  return creds;
}

/** The demo's day (demo/live2019.ts): appraisers assigned, a department submitted, task updates. */
async function loadDemoDay(
  ctx: AppContext,
  ids: {
    cycle2019: number;
    sampleIds: Map<string, number>;
    taskIds: number[];
    unitIds: Map<string, number>;
    userIds: Map<string, number>;
    officeId: number;
  },
) {
  const db = ctx.db;
  const { cycle2019, sampleIds, taskIds, unitIds, userIds, officeId } = ids;
  for (const area of live.APPRAISED_AREAS)
    await cycles.assignAppraiser(db, cycle2019, area, userIds.get("thamdinh")!);
  const submitted = sampleIds.get(live.SUBMITTED_2019.agency)!;
  for (const [nodeCode, points] of Object.entries(live.SUBMITTED_2019.scores))
    await upsertSelfScore(
      db,
      { cycleId: cycle2019, agencyId: submitted, nodeCode },
      { points: c(points), inputs: undefined, explanation: live.SUBMITTED_2019.explanation },
    );
  await cycles.setParticipantStatus(
    db,
    cycle2019,
    submitted,
    "submitted",
    new Date(`${live.SUBMITTED_2019.submittedOn}T16:00:00+07:00`),
  );
  for (const u of live.TASK_UPDATES) {
    const at = new Date(`${u.on}T15:00:00+07:00`);
    const taskId = taskIds[u.task];
    const updateId = await plans.insertTaskUpdate(db, {
      taskId,
      unitId: unitIds.get(u.unit)!,
      userId: userIds.get(u.by)!,
      progress: u.progress,
      status: u.status,
      note: u.note,
      role: u.role,
      at,
    });
    if (u.role === "lead")
      await plans.updateTaskFields(db, taskId, {
        progress: u.progress,
        ...(u.status ? { status: u.status } : {}),
      });
    if (u.evidence)
      await insertEvidence(db, {
        agencyId: officeId,
        taskUpdateId: updateId,
        kind: "document",
        docNumber: u.evidence.docNumber,
        note: u.evidence.note,
        createdBy: userIds.get(u.by)!,
      });
  }
}
