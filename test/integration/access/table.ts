/**
 * The access matrix: one row per route of the OpenAPI document, saying for every actor (actors.ts)
 * what the product should answer — ok (2xx), 401, 403 or 404 — on the resource the row acts on.
 *
 * The rules (README "Roles", domain.md §8, server/modules/auth/policy.ts):
 * - what a caller may not see answers 404, exactly as what does not exist: an unpublished cycle,
 *   another agency's participation, scores, evidence or draft plan, whose existence is not public;
 * - what they can see but may not change answers 403;
 * - no session answers 401 on every route that needs one (one no anonymous call could ever pass).
 *
 * A row whose outcome today differs from the rule, in a module this table's authors do not own, says
 * so in `today` (the test asserts today's answer, so fixing it fails the test until the mark goes);
 * the same for a write that leaves no audit entry (`auditGap`).
 *
 * Adding a route: add its row here (the test names any route of the document without one), run
 * `npm run docs:access`, commit docs/security.md with it.
 */
import { DEFAULT_PERIODS } from "../../../core/periods.ts";
import { ACTOR_KEYS, ACTORS, type ActorKey, expectFor, GROUPS, type Outcome } from "./actors.ts";
import type { World } from "./world.ts";

export interface Call {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface Row {
  /** "METHOD /api/path/{param}" exactly as in the OpenAPI document. */
  route: string;
  /** What the row acts on, for the rendered matrix. */
  target: string;
  expect: Record<ActorKey, Outcome>;
  /** Known differences from the rule today, in another team's module: what it answers and why it is wrong. */
  today?: { outcomes: Partial<Record<ActorKey, Outcome>>; why: string };
  call(w: World, a: ActorKey): Call | Promise<Call>;
  /** Before each actor's call: puts back the state every allowed actor needs to succeed. */
  setup?(w: World, a: ActorKey): Promise<void>;
  /** Once after the row: leaves the world as the next rows expect it. */
  after?(w: World): Promise<void>;
  /** A write by HTTP method that stores nothing (for these actors, or all): no audit entry expected. */
  noAudit?: { why: string; actors?: ActorKey[] };
  /** A write that leaves no audit entry today: a defect, reported to the module's owners. */
  auditGap?: { why: string; actors?: ActorKey[] };
  /** A list or view whose content depends on the caller: what it shows, to whom only (checked on 2xx). */
  lists?: { what: string; to: readonly ActorKey[]; shown(w: World, body: Json): boolean };
}

// biome-ignore lint/suspicious/noExplicitAny: an answer's JSON, read by the row that knows its shape
type Json = any;
const has = (items: Json[] | undefined, pred: (x: Json) => boolean) => (items ?? []).some(pred);

const ALL_OK = expectFor("ok");
/** A route every signed-in caller may use about themselves. */
const SIGNED = expectFor("ok", { anon: 401 });
const ADMIN_ONLY = expectFor(403, { anon: 401, admin: "ok" });
/** Running the province's cycle: admin and its PAR office; others who see the cycle 403, who do not 404. */
const RUN_TEST_CYCLE = expectFor(403, { anon: 401, admin: "ok", snv: "ok", dn: 404 });
/** Reading the province's working view of a cycle they can see; the other province does not see it. */
const PROVINCE_VIEW = expectFor(403, { anon: 401, province: "ok", dn: 404 });
/** Reading what only the province sees before publication: 404 to the rest. */
const PROVINCE_ONLY_404 = expectFor(404, { province: "ok" });
/** The Office's private data in the test cycle: the province and the Office read it; no one else sees it. */
const OFFICE_PRIVATE = expectFor(404, { anon: 401, province: "ok", office: "ok" });
/** The Office's self-assessment: its focal point and admin change it; who may see it 403; others 404. */
const SELF_ASSESS = expectFor(403, { anon: 401, admin: "ok", fp: "ok", fp2: 404, dn: 404 });
/** Appraising area 1: admin, the PAR office, the appraiser assigned to it. */
const APPRAISE_AREA_1 = expectFor(403, { anon: 401, admin: "ok", snv: "ok", appr: "ok", fp2: 404, dn: 404 });
/** A step only the province office takes. */
const PROVINCE_STEP = expectFor(403, { anon: 401, admin: "ok", snv: "ok", fp2: 404, dn: 404 });
/** The Office's draft plan: its agency and the province read it, no one else knows it exists. */
const DRAFT_READ = expectFor(404, { province: "ok", office: "ok" });
/** Managing the Office (plan, indicators): its focal point and admin; the agency is public, so 403. */
const MANAGE_OFFICE = expectFor(403, { anon: 401, admin: "ok", fp: "ok" });
/** Reading the Office's private views (dashboard, indicators, what-if): the agency is public, so 403. */
const READ_OFFICE = expectFor(403, { anon: 401, province: "ok", office: "ok" });

const scoreBase = (w: World) => `/api/cycles/${w.ids.cycle}/agencies/${w.ids.office}`;
const reason = "Thử ma trận quyền: lý do đủ dài để ghi nhận";

export const ROWS: Row[] = [
  // ---- health and sign-in --------------------------------------------------------------------
  { route: "GET /api/health", target: "—", expect: ALL_OK, call: () => ({ url: "/api/health" }) },
  { route: "GET /api/clock", target: "—", expect: ALL_OK, call: () => ({ url: "/api/clock" }) },
  {
    route: "PUT /api/clock",
    target: "the demo's day (the world is the demo)",
    expect: ADMIN_ONLY,
    call: () => ({ url: "/api/clock", payload: { demoDate: "2019-12-10" } }),
  },
  {
    route: "POST /api/auth/login",
    target: "the actor's own account (anonymous: the focal point's)",
    expect: ALL_OK,
    call: (_w, a) => ({
      url: "/api/auth/login",
      payload: {
        username: ACTORS.find((x) => x.key === a)?.username ?? "vp.daumoi",
        password: "matrix-password-1",
      },
    }),
  },
  {
    route: "POST /api/auth/logout",
    target: "a fresh session of the actor",
    expect: ALL_OK,
    noAudit: { why: "without a session there is nothing to sign out of", actors: ["anon"] },
    async call(w, a) {
      return { url: "/api/auth/logout", headers: await w.freshSession(a) };
    },
  },
  { route: "GET /api/auth/me", target: "—", expect: SIGNED, call: () => ({ url: "/api/auth/me" }) },
  {
    // A successful change would end the actor's other sessions, which the next rows use: every
    // signed-in actor is let through to the password check and refused there (400), the anonymous 401.
    route: "POST /api/auth/password",
    target: "the actor's own password (with a wrong current password)",
    expect: expectFor(400, { anon: 401 }),
    call: () => ({
      url: "/api/auth/password",
      payload: { currentPassword: "not-the-current-password", newPassword: "gió lùa qua rặng tre xanh" },
    }),
  },
  { route: "GET /api/auth/session", target: "—", expect: ALL_OK, call: () => ({ url: "/api/auth/session" }) },
  // Single sign-on is off in this world (no OIDC_*), so both routes do not exist for anyone; switched
  // on, they act for nobody signed in (a redirect to the provider, a session for the provider's
  // user): test/integration/oidc.int.test.ts goes through them against a real provider.
  {
    route: "GET /api/auth/oidc/start",
    target: "single sign-on, not configured",
    expect: expectFor(404),
    call: () => ({ url: "/api/auth/oidc/start" }),
  },
  {
    route: "GET /api/auth/oidc/callback",
    target: "single sign-on, not configured",
    expect: expectFor(404),
    call: () => ({ url: "/api/auth/oidc/callback?code=x&state=y" }),
  },

  // ---- users (administration) ----------------------------------------------------------------
  { route: "GET /api/users", target: "—", expect: ADMIN_ONLY, call: () => ({ url: "/api/users" }) },
  {
    route: "POST /api/users",
    target: "a new leader of Sở Tư pháp",
    expect: ADMIN_ONLY,
    call: (w) => ({
      url: "/api/users",
      payload: {
        username: `matrix.u${w.seq()}`,
        password: "matrix-password-1",
        displayName: "Người dùng mới",
        role: "leader",
        agencyId: w.ids.stp,
      },
    }),
  },
  {
    route: "PATCH /api/users/{id}",
    target: "a leader of Sở Tư pháp",
    expect: ADMIN_ONLY,
    call: (w) => ({
      url: `/api/users/${w.ids.users["matrix.target"]}`,
      payload: { displayName: `Người dùng đã sửa ${w.seq()}` },
    }),
  },
  {
    route: "POST /api/users/{id}/reset-password",
    target: "a leader of Sở Tư pháp",
    expect: ADMIN_ONLY,
    call: (w) => ({ url: `/api/users/${w.ids.users["matrix.target"]}/reset-password` }),
  },

  // ---- agencies (public register; the administrator keeps it) --------------------------------
  { route: "GET /api/agencies", target: "—", expect: ALL_OK, call: () => ({ url: "/api/agencies" }) },
  {
    route: "POST /api/agencies",
    target: "a new division of the Office",
    expect: ADMIN_ONLY,
    call: (w) => ({
      url: "/api/agencies",
      payload: {
        code: `MATRIX-${w.seq()}`,
        name: "Phòng thử ma trận",
        kind: "division",
        parentId: w.ids.office,
      },
    }),
  },
  {
    route: "GET /api/agencies/{id}",
    target: "the Office",
    expect: ALL_OK,
    call: (w) => ({ url: `/api/agencies/${w.ids.office}` }),
  },
  {
    route: "PATCH /api/agencies/{id}",
    target: "the Office",
    expect: ADMIN_ONLY,
    call: (w) => ({ url: `/api/agencies/${w.ids.office}`, payload: { staffCount: 90 + (w.seq() % 10) } }),
  },
  {
    route: "GET /api/agencies/{id}/periods",
    target: "the Office (its province's reporting periods)",
    expect: ALL_OK,
    call: (w) => ({ url: `/api/agencies/${w.ids.office}/periods?year=2020` }),
  },
  {
    route: "PUT /api/agencies/{id}/periods",
    target: "Quảng Nam",
    expect: expectFor(403, { anon: 401, admin: "ok", snv: "ok" }),
    call: (w) => ({ url: `/api/agencies/${w.ids.qnam}/periods`, payload: { rules: DEFAULT_PERIODS } }),
  },

  // ---- frameworks (public documents; a province's own, or national) --------------------------
  {
    route: "GET /api/frameworks",
    target: "—",
    expect: ALL_OK,
    call: () => ({ url: "/api/frameworks" }),
    lists: {
      what: "Quảng Nam's frameworks",
      to: ACTOR_KEYS.filter((k) => !(GROUPS.dn as readonly string[]).includes(k)),
      shown: (w, b) => has(b.items, (f) => f.id === w.ids.fw2019),
    },
  },
  {
    route: "POST /api/frameworks",
    target: "a new framework for Quảng Nam",
    expect: expectFor(403, { anon: 401, admin: "ok", snv: "ok" }),
    call: (w) => ({
      url: "/api/frameworks",
      payload: {
        provinceId: w.ids.qnam,
        code: `QNAM-NEW-${w.seq()}`,
        title: "Bộ chỉ số mới",
        year: 2031,
        agencyType: "department",
        nodes: [{ code: "1", kind: "area", title: "Chỉ đạo, điều hành", max: 10 }],
      },
    }),
  },
  {
    route: "GET /api/frameworks/{id}",
    target: "Quảng Nam's 2019 framework",
    expect: ALL_OK,
    call: (w) => ({ url: `/api/frameworks/${w.ids.fw2019}` }),
  },
  {
    route: "PUT /api/frameworks/{id}",
    target: "a Quảng Nam framework no cycle uses",
    expect: expectFor(403, { anon: 401, admin: "ok", snv: "ok" }),
    call: (w) => ({
      url: `/api/frameworks/${w.ids.fwFree}`,
      payload: {
        code: "QNAM-MATRIX",
        title: `Bộ chỉ số thử của ma trận quyền (${w.seq()})`,
        year: 2030,
        agencyType: "department",
        nodes: [{ code: "1", kind: "area", title: "Chỉ đạo, điều hành", max: 10 }],
      },
    }),
  },
  {
    route: "GET /api/frameworks/{id}/export",
    target: "Quảng Nam's 2019 framework",
    expect: ALL_OK,
    call: (w) => ({ url: `/api/frameworks/${w.ids.fw2019}/export` }),
  },

  // ---- cycles --------------------------------------------------------------------------------
  {
    route: "GET /api/cycles",
    target: "—",
    expect: ALL_OK,
    call: () => ({ url: "/api/cycles" }),
    lists: {
      what: "the test cycle",
      to: [...GROUPS.province, ...GROUPS.office, "fp2"],
      shown: (w, b) => has(b.items, (c) => c.id === w.ids.cycle),
    },
  },
  {
    route: "POST /api/cycles",
    target: "a new Quảng Nam cycle",
    expect: expectFor(403, { anon: 401, admin: "ok", snv: "ok" }),
    call: (w) => ({
      url: "/api/cycles",
      payload: { year: 2020, frameworkId: w.ids.fw2019, provinceId: w.ids.qnam, group: `matrix-${w.seq()}` },
    }),
  },
  {
    route: "GET /api/cycles/{id}",
    lists: { what: "who takes part", to: GROUPS.province, shown: (_w, b) => b.participants.length > 0 },
    target: "the test cycle (open; the Office and Sở Tài chính take part)",
    expect: expectFor("ok", { anon: 404, dn: 404 }),
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle}` }),
  },
  {
    route: "PATCH /api/cycles/{id}",
    target: "the test cycle",
    expect: RUN_TEST_CYCLE,
    call: (w) => ({
      url: `/api/cycles/${w.ids.cycle}`,
      payload: { appraisalCloses: w.dates.appraisalCloses },
    }),
  },
  {
    route: "POST /api/cycles/{id}/participants",
    target: "the test cycle, Sở Tư pháp",
    expect: RUN_TEST_CYCLE,
    setup: (w) => w.state.participant(w.ids.stp, false),
    after: (w) => w.state.participant(w.ids.stp, true),
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle}/participants`, payload: { agencyIds: [w.ids.stp] } }),
  },
  {
    route: "DELETE /api/cycles/{id}/participants/{agencyId}",
    target: "the test cycle, Sở Tư pháp",
    expect: RUN_TEST_CYCLE,
    setup: (w) => w.state.participant(w.ids.stp, true),
    after: (w) => w.state.participant(w.ids.stp, true),
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle}/participants/${w.ids.stp}` }),
  },
  {
    route: "POST /api/cycles/{id}/participants/{agencyId}/exclude",
    target: "the test cycle, Sở Nội vụ",
    expect: RUN_TEST_CYCLE,
    setup: (w) => w.state.excluded(w.ids.snv, null),
    after: (w) => w.state.excluded(w.ids.snv, null),
    call: (w) => ({
      url: `/api/cycles/${w.ids.cycle}/participants/${w.ids.snv}/exclude`,
      payload: { reason },
    }),
  },
  {
    route: "POST /api/cycles/{id}/participants/{agencyId}/include",
    target: "the test cycle, Sở Nội vụ",
    expect: RUN_TEST_CYCLE,
    setup: (w) => w.state.excluded(w.ids.snv, reason),
    after: (w) => w.state.excluded(w.ids.snv, null),
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle}/participants/${w.ids.snv}/include` }),
  },
  {
    route: "GET /api/cycles/{id}/compare",
    target: "the test cycle, the Office and Sở Tài chính (not published: the province's alone)",
    expect: PROVINCE_ONLY_404,
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle}/compare?agencyIds=${w.ids.office},${w.ids.stc}` }),
  },
  {
    route: "GET /api/cycles/{id}/publication",
    target: "the test cycle",
    expect: PROVINCE_VIEW,
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle}/publication` }),
  },
  {
    route: "POST /api/cycles/{id}/publish",
    target: "a Quảng Nam cycle whose participants (the Office, Sở Tài chính) are finalised",
    expect: expectFor(403, { anon: 401, admin: "ok", snv: "ok", dn: 404 }),
    async setup(w) {
      const db = w.ctx.db;
      const current = w.vars.publishCycle
        ? await db
            .selectFrom("cycles")
            .select("state")
            .where("id", "=", w.vars.publishCycle)
            .executeTakeFirst()
        : undefined;
      if (current?.state === "open") return;
      const id = await db
        .insertInto("cycles")
        .values({
          year: w.pastYear(),
          framework_id: w.ids.fw2019,
          province_id: w.ids.qnam,
          group_code: `matrix-pub-${w.seq()}`,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("cycle_participants")
        .values(
          [w.ids.office, w.ids.stc].map((a) => ({
            cycle_id: id.id,
            agency_id: a,
            status: "finalised" as const,
          })),
        )
        .execute();
      w.vars.publishCycle = id.id;
    },
    call: (w) => ({
      url: `/api/cycles/${w.vars.publishCycle}/publish`,
      payload: { decision: { number: "617", code: "QĐ-UBND", date: "2020-03-29" } },
    }),
  },
  {
    route: "POST /api/cycles/{id}/unpublish",
    target: "the published 2018 cycle (a publication is never withdrawn: 409 to those who run it)",
    expect: expectFor(403, { anon: 401, admin: 409, snv: 409 }),
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle2018}/unpublish` }),
  },
  {
    route: "POST /api/cycles/{id}/corrections",
    target: "the published 2018 cycle",
    expect: expectFor(403, { anon: 401, admin: "ok", snv: "ok" }),
    setup: (w) => w.state.cycleState(w.ids.cycle2018, "published"),
    after: (w) => w.state.cycleState(w.ids.cycle2018, "published"),
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle2018}/corrections`, payload: { reason } }),
  },
  {
    route: "POST /api/cycles/{id}/corrections/cancel",
    target: "the 2018 cycle under a correction that changed nothing",
    expect: expectFor(403, { anon: 401, admin: "ok", snv: "ok" }),
    setup: (w) => w.state.cycleState(w.ids.cycle2018, "correcting", reason),
    after: (w) => w.state.cycleState(w.ids.cycle2018, "published"),
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle2018}/corrections/cancel` }),
  },
  {
    route: "GET /api/cycles/{id}/publications",
    target: "the test cycle",
    expect: expectFor("ok", { anon: 404, dn: 404 }),
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle}/publications` }),
  },
  {
    route: "GET /api/cycles/{id}/history",
    target: "the test cycle",
    expect: PROVINCE_VIEW,
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle}/history` }),
  },
  {
    route: "GET /api/cycles/{id}/appraisers",
    target: "the test cycle",
    expect: PROVINCE_VIEW,
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle}/appraisers` }),
  },
  {
    route: "POST /api/cycles/{id}/appraisers",
    target: "the test cycle, area 2 to thamdinh",
    expect: RUN_TEST_CYCLE,
    setup: (w) => w.state.assigned("2", w.ids.users.thamdinh, false),
    after: (w) => w.state.assigned("2", w.ids.users.thamdinh, false),
    call: (w) => ({
      url: `/api/cycles/${w.ids.cycle}/appraisers`,
      payload: { areaCode: "2", userId: w.ids.users.thamdinh },
    }),
  },
  {
    route: "DELETE /api/cycles/{id}/appraisers",
    target: "the test cycle, area 2 of thamdinh",
    expect: RUN_TEST_CYCLE,
    setup: (w) => w.state.assigned("2", w.ids.users.thamdinh, true),
    after: (w) => w.state.assigned("2", w.ids.users.thamdinh, false),
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle}/appraisers?areaCode=2&userId=${w.ids.users.thamdinh}` }),
  },

  // ---- scores: the Office in the test cycle --------------------------------------------------
  {
    route: "GET /api/cycles/{cycleId}/agencies/{agencyId}/scores",
    target: "the Office in the test cycle",
    expect: OFFICE_PRIVATE,
    call: (w) => ({ url: `${scoreBase(w)}/scores` }),
  },
  {
    route: "PUT /api/cycles/{cycleId}/agencies/{agencyId}/scores/{nodeCode}",
    target: "the Office's area 2, a draft",
    expect: SELF_ASSESS,
    setup: (w) => w.state.status("draft"),
    call: (w) => ({
      url: `${scoreBase(w)}/scores/2`,
      payload: { points: 4, explanation: "Đã ban hành 2 văn bản quy phạm" },
    }),
  },
  {
    route: "PUT /api/cycles/{cycleId}/agencies/{agencyId}/scores/{nodeCode}/appraisal",
    target: "the Office's criterion 1.1, submitted",
    expect: APPRAISE_AREA_1,
    setup: (w) => w.state.status("submitted"),
    call: (w) => ({ url: `${scoreBase(w)}/scores/1.1/appraisal`, payload: { points: 3, remark: "Đạt" } }),
  },
  {
    route: "PUT /api/cycles/{cycleId}/agencies/{agencyId}/scores/{nodeCode}/reply",
    target: "the Office's criterion 1.1, under appraisal with a remark",
    expect: SELF_ASSESS,
    async setup(w) {
      await w.state.status("submitted");
      await w.state.remark("1.1", "Thiếu biên bản");
    },
    call: (w) => ({ url: `${scoreBase(w)}/scores/1.1/reply`, payload: { reply: "Đã bổ sung biên bản" } }),
  },
  {
    route: "PUT /api/cycles/{cycleId}/agencies/{agencyId}/scores/{nodeCode}/applicability",
    target: "the Office's area 8, under appraisal",
    expect: PROVINCE_STEP,
    async setup(w) {
      await w.state.status("submitted");
      await w.state.applicable("8", true);
    },
    after: (w) => w.state.applicable("8", true),
    call: (w) => ({ url: `${scoreBase(w)}/scores/8/applicability`, payload: { applicable: false } }),
  },
  {
    route: "POST /api/cycles/{cycleId}/agencies/{agencyId}/submit",
    target: "the Office's complete draft",
    expect: SELF_ASSESS,
    async setup(w) {
      await w.state.status("draft");
      await w.state.clearAppraisals();
    },
    call: (w) => ({ url: `${scoreBase(w)}/submit` }),
  },
  {
    route: "POST /api/cycles/{cycleId}/agencies/{agencyId}/withdraw",
    target: "the Office's submission, appraisal not started",
    expect: SELF_ASSESS,
    async setup(w) {
      await w.state.status("submitted");
      await w.state.clearAppraisals();
    },
    call: (w) => ({ url: `${scoreBase(w)}/withdraw` }),
  },
  {
    route: "POST /api/cycles/{cycleId}/agencies/{agencyId}/complete-appraisal",
    target: "the Office's submission, every criterion appraised",
    expect: APPRAISE_AREA_1,
    async setup(w) {
      await w.state.status("submitted");
      await w.state.appraiseAll();
    },
    call: (w) => ({ url: `${scoreBase(w)}/complete-appraisal` }),
  },
  {
    route: "POST /api/cycles/{cycleId}/agencies/{agencyId}/return-to-appraisal",
    target: "the Office's concluded appraisal",
    expect: PROVINCE_STEP,
    async setup(w) {
      await w.state.status("appraised");
      await w.state.appraiseAll();
    },
    call: (w) => ({ url: `${scoreBase(w)}/return-to-appraisal` }),
  },
  {
    route: "POST /api/cycles/{cycleId}/agencies/{agencyId}/finalise",
    target: "the Office's concluded appraisal",
    expect: PROVINCE_STEP,
    async setup(w) {
      await w.state.status("appraised");
      await w.state.appraiseAll();
    },
    call: (w) => ({ url: `${scoreBase(w)}/finalise` }),
  },
  {
    route: "POST /api/cycles/{cycleId}/agencies/{agencyId}/reopen",
    target: "the Office's finalised result",
    expect: PROVINCE_STEP,
    async setup(w) {
      await w.state.status("finalised");
      await w.state.appraiseAll();
    },
    after: (w) => w.state.status("draft"),
    call: (w) => ({ url: `${scoreBase(w)}/reopen`, payload: { reason } }),
  },
  {
    route: "POST /api/cycles/{cycleId}/agencies/{agencyId}/confirm",
    target: "the Office's criterion 1.2, self-assessed, not appraised",
    expect: APPRAISE_AREA_1,
    async setup(w) {
      await w.state.status("submitted");
      await w.state.clearAppraisals(["1.2"]);
    },
    call: (w) => ({ url: `${scoreBase(w)}/confirm`, payload: { nodeCodes: ["1.2"] } }),
  },
  {
    route: "GET /api/cycles/{cycleId}/agencies/{agencyId}/history",
    target: "the Office in the test cycle",
    expect: OFFICE_PRIVATE,
    call: (w) => ({ url: `${scoreBase(w)}/history` }),
  },
  {
    route: "GET /api/cycles/{cycleId}/agencies/{agencyId}/task-evidence",
    target: "the Office in the test cycle",
    expect: OFFICE_PRIVATE,
    call: (w) => ({ url: `${scoreBase(w)}/task-evidence` }),
  },
  {
    route: "GET /api/me/assessments",
    lists: {
      what: "the test cycle (Sở Nội vụ, the Office, Sở Tài chính take part)",
      to: ["snv", "appr", "appr2", ...GROUPS.office, "fp2"],
      shown: (w, b) => has(b.items, (i) => i.cycleId === w.ids.cycle),
    },
    target: "—",
    expect: SIGNED,
    call: () => ({ url: "/api/me/assessments" }),
  },
  {
    route: "GET /api/me/appraisals",
    lists: {
      what: "the Office in the test cycle",
      to: ["admin", "snv", "appr"],
      shown: (w, b) => has(b.items, (i) => i.cycleId === w.ids.cycle && i.agencyId === w.ids.office),
    },
    target: "—",
    expect: SIGNED,
    call: () => ({ url: "/api/me/appraisals" }),
  },
  {
    route: "POST /api/cycles/{cycleId}/agencies/{agencyId}/scores/{nodeCode}/evidence",
    target: "the Office's area 2, a draft",
    expect: SELF_ASSESS,
    setup: (w) => w.state.status("draft"),
    call: (w) => ({
      url: `${scoreBase(w)}/scores/2/evidence`,
      payload: { kind: "link", url: "https://vpubnd.quangnam.gov.vn/van-ban" },
    }),
  },
  {
    route: "POST /api/cycles/{cycleId}/agencies/{agencyId}/scores/{nodeCode}/evidence/attach",
    target: "the Office's area 2, a draft; the link its division posted on a task",
    expect: SELF_ASSESS,
    async setup(w) {
      await w.state.status("draft");
      await w.ctx.db
        .deleteFrom("evidence")
        .where("cycle_id", "=", w.ids.cycle)
        .where("agency_id", "=", w.ids.office)
        .where("node_code", "=", "2")
        .where("kind", "=", "link")
        .where("url", "=", "https://vpubnd.quangnam.gov.vn/bao-cao-quy-1")
        .execute();
    },
    call: (w) => ({
      url: `${scoreBase(w)}/scores/2/evidence/attach`,
      payload: { evidenceId: w.ids.taskEvidence },
    }),
  },
  {
    route: "DELETE /api/cycles/{cycleId}/agencies/{agencyId}/scores/{nodeCode}/evidence/{evidenceId}",
    target: "a link on the Office's area 2, a draft",
    expect: SELF_ASSESS,
    async setup(w) {
      await w.state.status("draft");
      const r = await w.ctx.db
        .insertInto("evidence")
        .values({
          agency_id: w.ids.office,
          cycle_id: w.ids.cycle,
          node_code: "2",
          kind: "link",
          url: "https://vpubnd.quangnam.gov.vn/xoa",
          created_by: w.ids.users["vp.daumoi"],
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      w.vars.evidence = r.id;
    },
    call: (w) => ({ url: `${scoreBase(w)}/scores/2/evidence/${w.vars.evidence}` }),
  },
  {
    route: "GET /api/evidence/{id}/file",
    target: "a file on the Office's criterion 1.1",
    expect: OFFICE_PRIVATE,
    call: (w) => ({ url: `/api/evidence/${w.ids.fileEvidence}/file` }),
  },

  // ---- index, ranking, dashboards ------------------------------------------------------------
  {
    route: "GET /api/cycles/{id}/ranking",
    target: "the test cycle (not published: the province's alone)",
    expect: PROVINCE_ONLY_404,
    call: (w) => ({ url: `/api/cycles/${w.ids.cycle}/ranking` }),
  },
  {
    route: "GET /api/agencies/{id}/index",
    target: "the Office in 2020 (the test cycle, not published)",
    expect: expectFor(404, { province: "ok", office: "ok" }),
    call: (w) => ({ url: `/api/agencies/${w.ids.office}/index?year=2020` }),
  },
  {
    route: "GET /api/agencies/{id}/gap",
    target: "the Office in 2020 (the test cycle, not published)",
    expect: expectFor(404, { province: "ok", office: "ok" }),
    call: (w) => ({ url: `/api/agencies/${w.ids.office}/gap?year=2020` }),
  },
  {
    route: "POST /api/agencies/{id}/what-if",
    target: "the Office on 2018's published table, with its 2019 plan's targets",
    expect: READ_OFFICE,
    noAudit: { why: "a forecast: a read with a body, nothing is stored" },
    call: (w) => ({ url: `/api/agencies/${w.ids.office}/what-if`, payload: { baseYear: 2018 } }),
  },
  {
    route: "GET /api/agencies/{id}/dashboard",
    target: "the Office",
    expect: READ_OFFICE,
    call: (w) => ({ url: `/api/agencies/${w.ids.office}/dashboard` }),
  },
  {
    route: "GET /api/me/dashboard",
    target: "the caller's own agency (admin has none: 404 dashboard.no_agency)",
    expect: expectFor("ok", { anon: 401, admin: 404 }),
    call: () => ({ url: "/api/me/dashboard" }),
  },
  {
    route: "GET /api/public/overview",
    lists: {
      what: "the test cycle or the draft plan",
      to: [],
      shown: (w, b) =>
        has(b.cycles, (c) => c.id === w.ids.cycle) || has(b.plans, (p) => p.id === w.ids.draftPlan),
    },
    target: "—",
    expect: ALL_OK,
    call: () => ({ url: "/api/public/overview" }),
  },
  {
    route: "GET /api/public/cycles/{id}",
    target: "the published 2018 cycle",
    expect: ALL_OK,
    call: (w) => ({ url: `/api/public/cycles/${w.ids.cycle2018}` }),
  },
  {
    route: "GET /api/public/cycles/{id}/versions/{version}",
    target: "the published 2018 cycle, version 1",
    expect: ALL_OK,
    call: (w) => ({ url: `/api/public/cycles/${w.ids.cycle2018}/versions/1` }),
  },
  {
    route: "GET /api/public/agencies/{id}",
    target: "the Office",
    expect: ALL_OK,
    lists: {
      what: "the test cycle or the draft plan",
      to: [],
      shown: (w, b) =>
        has(b.cycles, (c) => c.cycleId === w.ids.cycle) || has(b.plans, (p) => p.id === w.ids.draftPlan),
    },
    call: (w) => ({ url: `/api/public/agencies/${w.ids.office}` }),
  },
  {
    route: "GET /api/public/plans/{id}",
    target: "the Office's published 2019 plan",
    expect: ALL_OK,
    call: (w) => ({ url: `/api/public/plans/${w.ids.plan}` }),
  },

  // ---- plans and tasks -----------------------------------------------------------------------
  {
    route: "GET /api/agencies/{id}/plans",
    lists: {
      what: "the draft 2020 plan",
      to: [...GROUPS.province, ...GROUPS.office],
      shown: (w, b) => has(b.items, (p) => p.id === w.ids.draftPlan),
    },
    target: "the Office (drafts listed only to who may read them)",
    expect: ALL_OK,
    call: (w) => ({ url: `/api/agencies/${w.ids.office}/plans` }),
  },
  {
    route: "POST /api/plans",
    target: "a new plan of the Office",
    expect: MANAGE_OFFICE,
    call: (w) => ({
      url: "/api/plans",
      payload: { agencyId: w.ids.office, year: w.futureYear(), title: "Kế hoạch thử của ma trận quyền" },
    }),
  },
  {
    route: "GET /api/plans/{id}",
    target: "the Office's draft 2020 plan",
    expect: DRAFT_READ,
    call: (w) => ({ url: `/api/plans/${w.ids.draftPlan}` }),
  },
  {
    route: "POST /api/plans/{id}/publish",
    target: "a draft plan of the Office, never published (a fresh one after each publication)",
    expect: expectFor(403, { anon: 401, admin: "ok", fp: "ok", fp2: 404, dn: 404 }),
    async setup(w) {
      const v = w.vars.draftToPublish;
      const plan = v
        ? await w.ctx.db.selectFrom("plans").select("published_at").where("id", "=", v).executeTakeFirst()
        : undefined;
      if (plan && plan.published_at === null) return;
      w.vars.draftToPublish = await w.newDraftPlan();
    },
    call: (w) => ({ url: `/api/plans/${w.vars.draftToPublish}/publish`, payload: { note: "Ban hành" } }),
  },
  {
    route: "POST /api/plans/{id}/unpublish",
    target: "the Office's published 2019 plan (never taken back silently: 409 to those who manage it)",
    expect: expectFor(403, { anon: 401, admin: 409, fp: 409 }),
    call: (w) => ({ url: `/api/plans/${w.ids.plan}/unpublish` }),
  },
  {
    route: "POST /api/plans/{id}/withdraw",
    target: "a published plan of the Office, not withdrawn",
    expect: MANAGE_OFFICE,
    setup: (w) => w.state.withdrawn(w.ids.sparePlan, false),
    after: (w) => w.state.withdrawn(w.ids.sparePlan, false),
    call: (w) => ({ url: `/api/plans/${w.ids.sparePlan}/withdraw`, payload: { reason } }),
  },
  {
    route: "GET /api/plans/{id}/versions",
    target: "the Office's draft 2020 plan",
    expect: DRAFT_READ,
    call: (w) => ({ url: `/api/plans/${w.ids.draftPlan}/versions` }),
  },
  {
    route: "GET /api/plans/{id}/versions/{version}",
    target: "the Office's published 2019 plan, version 1",
    expect: ALL_OK,
    call: (w) => ({ url: `/api/plans/${w.ids.plan}/versions/1` }),
  },
  {
    route: "GET /api/public/plans/{id}/versions/{version}",
    target: "the Office's published 2019 plan, version 1",
    expect: ALL_OK,
    call: (w) => ({ url: `/api/public/plans/${w.ids.plan}/versions/1` }),
  },
  {
    route: "GET /api/plans/{id}/history",
    target: "the Office's published 2019 plan",
    expect: READ_OFFICE,
    call: (w) => ({ url: `/api/plans/${w.ids.plan}/history` }),
  },
  {
    route: "GET /api/tasks/{id}/history",
    target: "a task of the published 2019 plan",
    expect: READ_OFFICE,
    call: (w) => ({ url: `/api/tasks/${w.ids.task}/history` }),
  },
  {
    route: "PUT /api/tasks/{id}/groups/{groupId}",
    target: "a task of the published 2019 plan coordinated by “Các Phòng, Ban, Trung tâm”",
    expect: MANAGE_OFFICE,
    call: (w) => ({
      url: `/api/tasks/${w.ids.groupTask}/groups/${w.ids.allUnits}`,
      payload: { units: w.seq() % 2 ? [w.ids.hctc] : [w.ids.hctc, w.ids.qttv] },
    }),
  },
  {
    route: "GET /api/plans/{id}/lint",
    target: "the Office's draft 2020 plan",
    expect: DRAFT_READ,
    call: (w) => ({ url: `/api/plans/${w.ids.draftPlan}/lint` }),
  },
  {
    route: "GET /api/plans/{id}/tasks",
    target: "the Office's draft 2020 plan",
    expect: DRAFT_READ,
    call: (w) => ({ url: `/api/plans/${w.ids.draftPlan}/tasks` }),
  },
  {
    route: "POST /api/plans/{id}/tasks",
    target: "the Office's draft 2020 plan",
    expect: expectFor(403, { anon: 401, admin: "ok", fp: "ok", fp2: 404, dn: 404 }),
    call: (w) => ({
      url: `/api/plans/${w.ids.draftPlan}/tasks`,
      payload: { title: `Nhiệm vụ thử ${w.seq()}`, leadUnits: [w.ids.hctc] },
    }),
  },
  {
    route: "GET /api/tasks/{id}",
    target: "a task of the Office's draft 2020 plan",
    expect: DRAFT_READ,
    call: (w) => ({ url: `/api/tasks/${w.ids.draftTask}` }),
  },
  {
    route: "PATCH /api/tasks/{id}",
    target:
      "a task of the Office's draft 2020 plan led by Hành chính – Tổ chức (its lead unit sets progress)",
    expect: expectFor(403, { anon: 401, admin: "ok", fp: "ok", div: "ok", fp2: 404, dn: 404 }),
    call: (w) => ({ url: `/api/tasks/${w.ids.draftTask}`, payload: { progress: w.seq() % 100 } }),
  },
  {
    route: "POST /api/tasks/{id}/updates",
    target: "a task of the published 2019 plan led by Hành chính – Tổ chức alone",
    expect: expectFor(403, { anon: 401, admin: "ok", fp: "ok", div: "ok" }),
    call: (w) => ({
      url: `/api/tasks/${w.ids.task}/updates`,
      payload: { progress: 30, note: "Cập nhật thử" },
    }),
  },
  {
    route: "GET /api/me/tasks",
    target: "—",
    expect: SIGNED,
    call: () => ({ url: "/api/me/tasks" }),
    lists: {
      what: "the task Hành chính – Tổ chức leads",
      to: ["fp", "lead", "div"],
      shown: (w, b) => has(b.items, (t) => t.id === w.ids.task),
    },
  },

  // ---- indicators ----------------------------------------------------------------------------
  {
    route: "GET /api/agencies/{id}/indicators",
    target: "the Office",
    expect: READ_OFFICE,
    call: (w) => ({ url: `/api/agencies/${w.ids.office}/indicators` }),
  },
  {
    route: "POST /api/agencies/{id}/indicators",
    target: "the Office",
    expect: MANAGE_OFFICE,
    call: (w) => ({
      url: `/api/agencies/${w.ids.office}/indicators`,
      payload: { code: "plan_completion", period: "2020-q1", value: 50 },
    }),
  },
  {
    route: "POST /api/agencies/{id}/indicators/import",
    target: "the Office (a register of outgoing documents)",
    expect: MANAGE_OFFICE,
    call: (w) => {
      const m = registerUpload();
      return {
        url: `/api/agencies/${w.ids.office}/indicators/import`,
        payload: m.payload,
        headers: m.headers,
      };
    },
  },
  {
    route: "POST /api/agencies/{id}/indicators/derive",
    target: "the Office",
    expect: MANAGE_OFFICE,
    call: (w) => ({
      url: `/api/agencies/${w.ids.office}/indicators/derive`,
      payload: { code: "contest_participation", period: "2020", count: 40 },
    }),
  },

  // ---- plan documents ------------------------------------------------------------------------
  {
    route: "POST /api/agencies/{id}/plans/import",
    target: "the Office (pasted text)",
    expect: MANAGE_OFFICE,
    noAudit: { why: "reads a document into a plan for review; nothing is stored until it is accepted" },
    call: (w) => ({ url: `/api/agencies/${w.ids.office}/plans/import`, payload: { text: PLAN_TEXT } }),
  },
  {
    route: "POST /api/agencies/{id}/plans/import/preview",
    target: "the Office (what accepting a new plan would change)",
    expect: MANAGE_OFFICE,
    noAudit: { why: "says what accepting would change; nothing is stored" },
    call: (w) => ({
      url: `/api/agencies/${w.ids.office}/plans/import/preview`,
      payload: {
        year: 2099,
        document: { title: "Kế hoạch cải cách hành chính (xem trước)" },
        areaTargets: [],
        tasks: [],
      },
    }),
  },
  {
    route: "POST /api/agencies/{id}/plans/import/accept",
    target: "the Office (a new plan)",
    expect: MANAGE_OFFICE,
    call: (w) => ({
      url: `/api/agencies/${w.ids.office}/plans/import/accept`,
      payload: {
        year: w.futureYear(),
        document: { title: "Kế hoạch cải cách hành chính (nhập thử)" },
        areaTargets: [],
        tasks: [],
      },
    }),
  },
  {
    route: "GET /api/plans/{id}/document",
    target: "the Office's draft 2020 plan, as text",
    expect: DRAFT_READ,
    call: (w) => ({ url: `/api/plans/${w.ids.draftPlan}/document?format=txt` }),
  },

  // ---- audit ---------------------------------------------------------------------------------
  {
    route: "GET /api/audit",
    lists: {
      what: "Quảng Nam's entries",
      to: ["admin", "snv"],
      shown: (w, b) => has(b.items, (e) => e.provinceId === w.ids.qnam),
    },
    target: "the caller's province's entries (all for admin)",
    expect: expectFor(403, { anon: 401, admin: "ok", snv: "ok", dnsnv: "ok" }),
    call: () => ({ url: "/api/audit" }),
  },
  {
    route: "GET /api/audit/verify",
    target: "the chain",
    expect: expectFor(403, { anon: 401, admin: "ok", snv: "ok", dnsnv: "ok" }),
    call: () => ({ url: "/api/audit/verify" }),
  },
];

const PLAN_TEXT = `UBND TỈNH QUẢNG NAM
VĂN PHÒNG
Số: 12/KH-VPUBND
Quảng Nam, ngày 10 tháng 01 năm 2020

KẾ HOẠCH
Cải thiện Chỉ số cải cách hành chính năm 2020

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao Chỉ số cải cách hành chính năm 2020.

II. NHIỆM VỤ
1. Xây dựng và thực hiện Kế hoạch cải cách hành chính
- Chủ trì: Phòng Hành chính – Tổ chức
- Thời gian hoàn thành: 31/3/2020
`;

/** A register of outgoing documents as CSV, in a multipart form with its fields. */
function registerUpload() {
  const boundary = "----parindexMatrixBoundary";
  const part = (name: string, value: string, filename?: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ""}\r\n${
      filename ? "Content-Type: text/csv\r\n" : ""
    }\r\n${value}\r\n`;
  const body =
    part("code", "signed_documents") +
    part("period", "2020-q1") +
    part("column", "Ký số") +
    part("file", "Số hiệu,Ký số\n1/VP,có\n2/VP,không\n3/VP,có\n", "so-van-ban-di.csv") +
    `--${boundary}--\r\n`;
  return {
    payload: Buffer.from(body, "utf8"),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}
