/**
 * The world the access matrix runs in: the Quảng Nam demo, plus what its rows need — another agency's
 * focal point in the province, a second province (Đà Nẵng) with its PAR office, a focal point and a
 * division, an unassigned appraiser, a cycle of the 2019 framework taking self-assessments today with
 * the Office's assessment complete and an appraiser on area 1, a file of evidence, a division's task
 * update with a link, a draft plan with a task. Built through the API where a person would, and
 * reset between calls through the repositories (cheap, and never an audit entry of its own).
 */
import type { FastifyInstance, InjectOptions } from "fastify";
import { sql } from "kysely";
import type { ParticipantStatus } from "../../../core/cycle-state.ts";
import { todayInVietnam } from "../../../core/locale.ts";
import { DEMO_USERNAMES, seedDemo } from "../../../demo/load.ts";
import type { AppContext } from "../../../server/context.ts";
import { findAgencyByCode } from "../../../server/modules/agencies/repository.ts";
import * as cycles from "../../../server/modules/cycles/repository.ts";
import * as scores from "../../../server/modules/scores/repository.ts";
import { completeSelfAssessment, multipart } from "../../api.ts";
import { testApp } from "../../db.ts";
import { ACTORS, type ActorKey } from "./actors.ts";

export const PASSWORD = "matrix-password-1";
export const PDF = Buffer.from("%PDF-1.4\n%%EOF\n", "latin1");

export const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface Ids {
  qnam: number;
  danang: number;
  office: number;
  stc: number;
  stp: number;
  snv: number;
  hctc: number;
  qttv: number;
  dnSnv: number;
  dnStc: number;
  dnUnit: number;
  fw2018: number;
  fw2019: number;
  /** A Quảng Nam framework no cycle uses, so it may be replaced. */
  fwFree: number;
  cycle2018: number;
  cycle2019: number;
  /** The test cycle: 2020, the 2019 framework, self-assessment open today; Office, STC, SNV, STP take part. */
  cycle: number;
  plan: number;
  /** A task of the published plan led by Hành chính – Tổ chức alone (Quản trị – Tài vụ is not involved). */
  task: number;
  /** A task of the published plan coordinated by the unit group "Các Phòng, Ban, Trung tâm" (allUnits). */
  groupTask: number;
  allUnits: number;
  /** Another published plan of the Office (2019 is taken: its year 2098), to withdraw. */
  sparePlan: number;
  draftPlan: number;
  draftTask: number;
  /** A file of evidence on criterion 1.1 of the Office in the test cycle. */
  fileEvidence: number;
  /** The link Hành chính – Tổ chức posted on its task. */
  taskEvidence: number;
  users: Record<string, number>;
}

export interface World {
  ctx: AppContext;
  app: FastifyInstance;
  ids: Ids;
  today: string;
  /** The test cycle's dates as created. */
  dates: { selfAssessmentOpens: string; selfAssessmentCloses: string; appraisalCloses: string };
  /** The headers that act as an actor (none for the anonymous one). */
  as(actor: ActorKey): Record<string, string>;
  /** A fresh session of the actor (for signing out without ending the shared one). */
  freshSession(actor: ActorKey): Promise<Record<string, string>>;
  /** A number never returned before: unique codes and names. */
  seq(): number;
  /** A new draft plan of the Office, never published, in a year of its own. */
  newDraftPlan(): Promise<number>;
  /** A year no cycle (2001…2017) or no plan of the Office (2021…2097) has yet. */
  pastYear(): number;
  futureYear(): number;
  /** Scratch space rows share between a setup and its request (an id just created). */
  vars: Record<string, number>;
  audits(): Promise<number>;
  state: StateHelpers;
}

export interface StateHelpers {
  /** The Office's participation in the test cycle. */
  status(s: ParticipantStatus, agencyId?: number): Promise<void>;
  /** No appraisal on the Office's criteria (all, or the codes given). */
  clearAppraisals(codes?: string[]): Promise<void>;
  /** Every self-assessed criterion of the Office confirmed as appraised. */
  appraiseAll(): Promise<void>;
  remark(code: string, text: string): Promise<void>;
  applicable(code: string, applicable: boolean): Promise<void>;
  cycleState(
    cycleId: number,
    state: "open" | "published" | "correcting",
    reason?: string | null,
  ): Promise<void>;
  participant(agencyId: number, present: boolean): Promise<void>;
  excluded(agencyId: number, reason: string | null): Promise<void>;
  assigned(areaCode: string, userId: number, present: boolean): Promise<void>;
  /** A published plan withdrawn (with a reason) or not. */
  withdrawn(planId: number, withdrawn: boolean): Promise<void>;
}

async function ok(app: FastifyInstance, req: InjectOptions, what: string) {
  const r = await app.inject(req);
  if (r.statusCode >= 300) throw new Error(`world: ${what} answered ${r.statusCode}: ${r.body}`);
  return r.json();
}

export async function buildWorld(ctx: AppContext): Promise<World> {
  const passwords = Object.fromEntries(DEMO_USERNAMES.map((u) => [u, PASSWORD]));
  await seedDemo(ctx, { passwords });
  const app = await testApp(ctx);
  await app.ready();
  const db = ctx.db;
  const id = async (code: string) => {
    const a = await findAgencyByCode(db, code);
    if (!a) throw new Error(`world: no agency ${code}`);
    return a.id;
  };

  const tokens = new Map<ActorKey, string>();
  const login = async (username: string) =>
    (
      await ok(
        app,
        { method: "POST", url: "/api/auth/login", payload: { username, password: PASSWORD } },
        `sign-in of ${username}`,
      )
    ).token as string;
  tokens.set("admin", await login("admin"));
  const as = (actor: ActorKey): Record<string, string> => {
    if (actor === "anon") return {};
    const t = tokens.get(actor);
    if (!t) throw new Error(`world: ${actor} has not signed in`);
    return { authorization: `Bearer ${t}` };
  };
  const call = (actor: ActorKey, method: string, url: string, payload?: unknown) =>
    ok(
      app,
      {
        method: method as InjectOptions["method"],
        url: `/api${url}`,
        headers: as(actor),
        payload: payload as InjectOptions["payload"],
      },
      `${method} ${url}`,
    );

  const qnam = await id("QNAM");
  const danang = await id("DANANG");
  const office = await id("VPUBND");
  const stc = await id("STC");
  const stp = await id("STP");
  const snv = await id("SNV");
  const hctc = await id("VPUBND-HCTC");
  const qttv = await id("VPUBND-QTTV");

  // The other province: its Department of Home Affairs, a department with a division.
  const agency = (code: string, name: string, kind: string, parentId: number) =>
    call("admin", "POST", "/agencies", {
      code,
      name,
      kind,
      parentId,
      group: kind === "agency" ? "so-ban-nganh" : null,
    }).then((r) => r.id as number);
  const dnSnv = await agency("DN-SNV", "Sở Nội vụ thành phố Đà Nẵng", "agency", danang);
  const dnStc = await agency("DN-STC", "Sở Tài chính thành phố Đà Nẵng", "agency", danang);
  const dnUnit = await agency("DN-STC-VP", "Văn phòng Sở Tài chính Đà Nẵng", "division", dnStc);

  const newUsers = [
    { username: "thamdinh2", role: "appraiser", agencyId: snv },
    { username: "stc.daumoi", role: "focal_point", agencyId: stc },
    { username: "dn.snv", role: "province_office", agencyId: dnSnv },
    { username: "dn.daumoi", role: "focal_point", agencyId: dnStc },
    { username: "dn.phong", role: "division", agencyId: dnStc, unitId: dnUnit },
    // Whom the user administration rows change.
    { username: "matrix.target", role: "leader", agencyId: stp },
  ];
  for (const u of newUsers)
    await call("admin", "POST", "/users", {
      ...u,
      password: PASSWORD,
      displayName: `Người dùng ${u.username}`,
    });
  for (const a of ACTORS) if (a.username && a.key !== "admin") tokens.set(a.key, await login(a.username));
  const users = Object.fromEntries(
    (await db.selectFrom("users").select(["id", "username"]).execute()).map((u) => [u.username, u.id]),
  );

  const frameworks = (await call("snv", "GET", "/frameworks")).items as { id: number; code: string }[];
  const fw = (code: string) => frameworks.find((f) => f.code === code)!.id;
  const fw2018 = fw("QNAM-SBN-2018");
  const fw2019 = fw("QNAM-SBN-2019");
  const fwFree = (
    await call("snv", "POST", "/frameworks", {
      code: "QNAM-MATRIX",
      title: "Bộ chỉ số thử của ma trận quyền",
      year: 2030,
      agencyType: "department",
      nodes: [{ code: "1", kind: "area", title: "Chỉ đạo, điều hành", max: 10 }],
    })
  ).id as number;

  const cycle2018 = (await cycles.findCycleFor(db, qnam, "so-ban-nganh", 2018))!.id;
  const cycle2019 = (await cycles.findCycleFor(db, qnam, "so-ban-nganh", 2019))!.id;
  const today = todayInVietnam();
  const dates = {
    selfAssessmentOpens: addDays(today, -10),
    selfAssessmentCloses: addDays(today, 30),
    appraisalCloses: addDays(today, 60),
  };
  const cycle = (
    await call("snv", "POST", "/cycles", {
      year: 2020,
      frameworkId: fw2019,
      provinceId: qnam,
      group: "so-ban-nganh",
      ...dates,
      agencyIds: [office, stc, snv, stp],
    })
  ).id as number;
  await call("snv", "POST", `/cycles/${cycle}/appraisers`, { areaCode: "1", userId: users.thamdinh });
  const base = `/cycles/${cycle}/agencies/${office}`;
  await completeSelfAssessment(app as never, as("fp"), base);
  const upload = multipart([
    { name: "note", value: "Biên bản kiểm tra" },
    { name: "file", filename: "bien-ban.pdf", contentType: "application/pdf", content: PDF },
  ]);
  const fileEvidence = (
    await ok(
      app,
      {
        method: "POST",
        url: `/api${base}/scores/1.1/evidence`,
        payload: upload.payload,
        headers: { ...upload.headers, ...as("fp") },
      },
      "evidence upload",
    )
  ).id as number;

  const plan = (await call("anon", "GET", `/agencies/${office}/plans`)).items[0].id as number;
  const tasks = (await call("fp", "GET", `/plans/${plan}/tasks`)).items as { id: number; title: string }[];
  const task = tasks.find(
    (t) => t.title === "Theo dõi, đôn đốc và tổng hợp báo cáo định kỳ về UBND tỉnh",
  )!.id;
  const groupTask = tasks.find((t) => t.title === "Xây dựng và thực hiện Kế hoạch cải cách hành chính")!.id;
  const allUnits = await id("VPUBND-ALL");
  const update = (
    await call("div", "POST", `/tasks/${task}/updates`, {
      progress: 20,
      note: "Đã tổng hợp báo cáo quý I",
      link: "https://vpubnd.quangnam.gov.vn/bao-cao-quy-1",
    })
  ).id as number;
  const taskEvidence = (
    await db
      .selectFrom("evidence")
      .select("id")
      .where("task_update_id", "=", update)
      .executeTakeFirstOrThrow()
  ).id;

  const draftPlan = (
    await call("fp", "POST", "/plans", {
      agencyId: office,
      year: 2020,
      title: "Kế hoạch cải thiện Chỉ số CCHC năm 2020 (dự thảo)",
    })
  ).id as number;
  const draftTask = (
    await call("fp", "POST", `/plans/${draftPlan}/tasks`, {
      title: "Rà soát quy chế làm việc",
      leadUnits: [hctc],
    })
  ).id as number;

  const sparePlan = (
    await call("fp", "POST", "/plans", {
      agencyId: office,
      year: 2098,
      title: "Kế hoạch cải thiện Chỉ số CCHC năm 2098 (để rút)",
    })
  ).id as number;
  await call("fp", "POST", `/plans/${sparePlan}/publish`, { note: "Ban hành" });

  let counter = 0;
  let past = 2001;
  let future = 2021;
  const state: StateHelpers = {
    status: (s, agencyId = office) => cycles.setParticipantStatus(db, cycle, agencyId, s),
    async clearAppraisals(codes) {
      let q = db
        .updateTable("scores")
        .set({
          appraised_points: null,
          appraisal_remark: null,
          appraisal_confirmed: false,
          appraised_by: null,
        })
        .where("cycle_id", "=", cycle)
        .where("agency_id", "=", office);
      if (codes) q = q.where("node_code", "in", codes);
      await q.execute();
    },
    async appraiseAll() {
      await db
        .updateTable("scores")
        .set({ appraised_points: sql`self_points`, appraisal_confirmed: true })
        .where("cycle_id", "=", cycle)
        .where("agency_id", "=", office)
        .where("self_points", "is not", null)
        .execute();
    },
    async remark(code, text) {
      await db
        .updateTable("scores")
        .set({ appraisal_remark: text })
        .where("cycle_id", "=", cycle)
        .where("agency_id", "=", office)
        .where("node_code", "=", code)
        .execute();
    },
    applicable: (code, applicable) => scores.setNotApplicable(db, cycle, office, code, !applicable),
    async cycleState(cycleId, s, reason = null) {
      await db
        .updateTable("cycles")
        .set({ state: s, correction_reason: reason })
        .where("id", "=", cycleId)
        .execute();
    },
    participant: (agencyId, present) =>
      present ? cycles.addParticipants(db, cycle, [agencyId]) : cycles.removeParticipant(db, cycle, agencyId),
    excluded: (agencyId, reason) => cycles.setExcluded(db, cycle, agencyId, reason),
    async assigned(areaCode, userId, present) {
      if (present) await cycles.assignAppraiser(db, cycle, areaCode, userId);
      else await cycles.unassignAppraiser(db, cycle, areaCode, userId);
    },
    async withdrawn(planId, withdrawn) {
      await db
        .updateTable("plans")
        .set(
          withdrawn
            ? { withdrawn_at: new Date(), withdrawn_reason: "Rút thử", withdrawn_by: users["vp.daumoi"] }
            : { withdrawn_at: null, withdrawn_reason: null, withdrawn_by: null },
        )
        .where("id", "=", planId)
        .execute();
    },
  };

  return {
    ctx,
    app,
    today,
    dates,
    ids: {
      qnam,
      danang,
      office,
      stc,
      stp,
      snv,
      hctc,
      qttv,
      dnSnv,
      dnStc,
      dnUnit,
      fw2018,
      fw2019,
      fwFree,
      cycle2018,
      cycle2019,
      cycle,
      plan,
      task,
      groupTask,
      allUnits,
      sparePlan,
      draftPlan,
      draftTask,
      fileEvidence,
      taskEvidence,
      users,
    },
    as,
    async freshSession(actor): Promise<Record<string, string>> {
      const a = ACTORS.find((x) => x.key === actor)!;
      if (!a.username) return {};
      return { authorization: `Bearer ${await login(a.username)}` };
    },
    seq: () => ++counter,
    async newDraftPlan() {
      if (future > 2097) throw new Error("world: no future year left");
      const r = await call("fp", "POST", "/plans", {
        agencyId: office,
        year: future++,
        title: "Kế hoạch thử, chưa công bố",
      });
      return r.id as number;
    },
    pastYear: () => {
      if (past > 2017) throw new Error("world: no past year left");
      return past++;
    },
    futureYear: () => {
      if (future > 2097) throw new Error("world: no future year left");
      return future++;
    },
    vars: {},
    async audits() {
      const r = await db
        .selectFrom("audit_log")
        .select(db.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    state,
  };
}
