/**
 * The endpoints behind the province office's and the administrator's pages: cycle dates,
 * participants, appraiser assignments, comparison; frameworks edited in place or as a new version,
 * exported and imported; agencies with successors and a total for paging; users' roles, disabling,
 * password resets; reporting-period errors placed on the rule. Bad input changes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { countRows, expectError, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORDS = {
  admin: "admin-password-1",
  "snv.cchc": "snv-password-12",
  "vp.daumoi": "focal-password-1",
  thamdinh: "appraiser-pass-1",
};

type Item = { id: number; code: string };

forEachEngine("province office and administration endpoints", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let provinceId: number;
  let officeId: number;
  let agencies: Item[];
  let cycle2018: number;
  let cycle2019: number;
  const byCode = (code: string) => agencies.find((a) => a.code === code)!.id;
  const call = (user: string | null, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as "GET",
      url: `/api${url}`,
      headers: user ? as(user) : {},
      payload: payload as object,
    });

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: PASSWORDS });
    app = await testApp(get().ctx);
    as = await signIn(app, PASSWORDS);
    agencies = (await call(null, "GET", "/agencies?limit=500")).json().items;
    provinceId = byCode("QNAM");
    officeId = byCode("VPUBND");
    cycle2018 = (await call(null, "GET", "/cycles?year=2018")).json().items[0].id;
    cycle2019 = (await call("snv.cchc", "GET", "/cycles?year=2019")).json().items[0].id;
  });

  describe("cycles", () => {
    const newCycle = async (year: number, extra: object = {}) => {
      const r = await call("snv.cchc", "POST", "/cycles", {
        year,
        frameworkId: 1,
        provinceId,
        group: "thu-nghiem",
        agencyIds: [byCode("STP"), byCode("STC")],
        ...extra,
      });
      expect(r.statusCode).toBe(201);
      return r.json().id as number;
    };

    it("changes a cycle's dates, keeping the ones left out, and refuses them out of order", async () => {
      const id = await newCycle(2051, {
        selfAssessmentOpens: "2051-12-01",
        selfAssessmentCloses: "2051-12-31",
        appraisalCloses: "2052-02-28",
      });
      const ok = await call("snv.cchc", "PATCH", `/cycles/${id}`, { selfAssessmentCloses: "15/12/2051" });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({
        selfAssessmentOpens: "2051-12-01",
        selfAssessmentCloses: "2051-12-15",
        appraisalCloses: "2052-02-28",
      });
      // Equal dates are in order.
      expect(
        (await call("snv.cchc", "PATCH", `/cycles/${id}`, { appraisalCloses: "2051-12-15" })).statusCode,
      ).toBe(200);
      expectError(
        await call("snv.cchc", "PATCH", `/cycles/${id}`, { selfAssessmentCloses: "2051-11-30" }),
        400,
        "cycle.bad_dates",
        "selfAssessmentCloses",
      );
      expectError(
        await call("snv.cchc", "PATCH", `/cycles/${id}`, { appraisalCloses: "2051-12-14" }),
        400,
        "cycle.bad_dates",
        "appraisalCloses",
      );
      // Without a closing date, appraisal still cannot close before self-assessment opens.
      expectError(
        await call("snv.cchc", "PATCH", `/cycles/${id}`, {
          selfAssessmentCloses: null,
          appraisalCloses: "2051-11-01",
        }),
        400,
        "cycle.bad_dates",
        "appraisalCloses",
      );
      expectError(
        await call("snv.cchc", "PATCH", `/cycles/${id}`, { selfAssessmentOpens: "31/02/2051" }),
        400,
        "validation",
        "selfAssessmentOpens",
      );
      // An agency that does not take part does not learn that the unpublished cycle exists.
      expectError(
        await call("vp.daumoi", "PATCH", `/cycles/${id}`, { appraisalCloses: "2052-03-01" }),
        404,
        "not_found",
      );
      expectError(await call("snv.cchc", "PATCH", "/cycles/999999", {}), 404, "not_found");
      // A published cycle's dates never change (the demo's 2018 cycle is published).
      expectError(
        await call("snv.cchc", "PATCH", `/cycles/${cycle2018}`, { appraisalCloses: "2019-03-31" }),
        409,
        "cycle.not_open",
      );
      expect((await call(null, "GET", `/cycles/${cycle2018}`)).json().appraisalCloses).toBe("2019-02-28");
      const after = (await call("snv.cchc", "GET", `/cycles/${id}`)).json();
      expect(after).toMatchObject({
        selfAssessmentOpens: "2051-12-01",
        selfAssessmentCloses: "2051-12-15",
        appraisalCloses: "2051-12-15",
      });
    });

    it("creates a cycle only with dates in order", async () => {
      expectError(
        await call("snv.cchc", "POST", "/cycles", {
          year: 2052,
          frameworkId: 1,
          provinceId,
          group: "thu-nghiem",
          selfAssessmentOpens: "2052-12-01",
          selfAssessmentCloses: "2052-11-01",
        }),
        400,
        "cycle.bad_dates",
        "selfAssessmentCloses",
      );
      expect((await call("snv.cchc", "GET", "/cycles?year=2052")).json().items).toEqual([]);
    });

    it("adds and removes participants, but not one with scores nor in a published cycle", async () => {
      const id = await newCycle(2053);
      const add = await call("snv.cchc", "POST", `/cycles/${id}/participants`, {
        agencyIds: [byCode("SYT"), byCode("STP")],
      });
      expect(add.statusCode).toBe(200);
      const codes = () =>
        call("snv.cchc", "GET", `/cycles/${id}`).then((r) =>
          r
            .json()
            .participants.map((p: { code: string }) => p.code)
            .sort(),
        );
      expect(await codes()).toEqual(["STC", "STP", "SYT"]);
      // Adding an agency already taking part changes nothing, and the trail says nothing happened.
      const entries = await countRows(get().ctx.db, "audit_log");
      const again = await call("snv.cchc", "POST", `/cycles/${id}/participants`, {
        agencyIds: [byCode("STP"), byCode("STP")],
      });
      expect(again.statusCode).toBe(200);
      expect(await countRows(get().ctx.db, "audit_log")).toBe(entries);
      expectError(
        await call("snv.cchc", "POST", `/cycles/${id}/participants`, { agencyIds: [byCode("VPUBND-HCTC")] }),
        400,
        "cycle.unknown_agency",
        "agencyIds",
      );
      expectError(
        await call("vp.daumoi", "POST", `/cycles/${id}/participants`, { agencyIds: [officeId] }),
        404,
        "not_found",
      );
      expectError(
        await call("thamdinh", "POST", `/cycles/${id}/participants`, { agencyIds: [officeId] }),
        403,
        "forbidden",
      );
      expect(
        (await call("snv.cchc", "DELETE", `/cycles/${id}/participants/${byCode("SYT")}`)).statusCode,
      ).toBe(200);
      expect(await codes()).toEqual(["STC", "STP"]);
      expectError(
        await call("snv.cchc", "DELETE", `/cycles/${id}/participants/${byCode("SYT")}`),
        404,
        "not_found",
      );
      // The demo's 2018 cycle is published: its participants never change.
      expectError(
        await call("snv.cchc", "DELETE", `/cycles/${cycle2018}/participants/${officeId}`),
        409,
        "cycle.not_open",
      );
      // An agency with a score stays (the administrator may self-assess for any agency).
      await call("snv.cchc", "PATCH", `/cycles/${id}`, {
        selfAssessmentOpens: "2000-01-01",
        selfAssessmentCloses: "2099-12-31",
      });
      const scored = await call("admin", "PUT", `/cycles/${id}/agencies/${byCode("STP")}/scores/1`, {
        points: 10,
      });
      expect(scored.statusCode, scored.body).toBe(200);
      expectError(
        await call("snv.cchc", "DELETE", `/cycles/${id}/participants/${byCode("STP")}`),
        409,
        "cycle.participant_has_scores",
      );
      expect(await codes()).toEqual(["STC", "STP"]);
    });

    it("lists, assigns and unassigns appraisers per area", async () => {
      const id = await newCycle(2054);
      const thamdinh = (await call("thamdinh", "GET", "/auth/me")).json().user.id as number;
      const empty = (await call("snv.cchc", "GET", `/cycles/${id}/appraisers`)).json();
      expect(empty.items).toEqual([]);
      expect(empty.areas.map((a: { code: string }) => a.code)).toEqual([
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
      ]);
      expect(empty.candidates.map((c: { username: string }) => c.username)).toEqual(["thamdinh"]);
      const assign = (user: string, body: object) => call(user, "POST", `/cycles/${id}/appraisers`, body);
      expect((await assign("snv.cchc", { areaCode: "3", userId: thamdinh })).statusCode).toBe(200);
      // A second time: nothing changes, and the trail says nothing happened.
      const entries = await countRows(get().ctx.db, "audit_log");
      expect((await assign("snv.cchc", { areaCode: "3", userId: thamdinh })).statusCode).toBe(200);
      expect(await countRows(get().ctx.db, "audit_log")).toBe(entries);
      expectError(await assign("snv.cchc", { areaCode: "99", userId: thamdinh }), 400, "cycle.unknown_area");
      const focal = (await call("vp.daumoi", "GET", "/auth/me")).json().user.id as number;
      expectError(await assign("snv.cchc", { areaCode: "3", userId: focal }), 400, "cycle.not_appraiser");
      expectError(await assign("vp.daumoi", { areaCode: "3", userId: thamdinh }), 404, "not_found");
      const list = (await call("thamdinh", "GET", `/cycles/${id}/appraisers`)).json();
      expect(list.items).toEqual([
        { areaCode: "3", userId: thamdinh, username: "thamdinh", displayName: expect.any(String) },
      ]);
      expectError(await call("vp.daumoi", "GET", `/cycles/${id}/appraisers`), 404, "not_found");
      // Appraisers of a published cycle change only during a correction.
      expectError(
        await call("snv.cchc", "POST", `/cycles/${cycle2018}/appraisers`, {
          areaCode: "3",
          userId: thamdinh,
        }),
        409,
        "cycle.not_open",
      );
      expectError(
        await call("snv.cchc", "DELETE", `/cycles/${id}/appraisers?areaCode=4&userId=${thamdinh}`),
        404,
        "not_found",
      );
      expect(
        (await call("snv.cchc", "DELETE", `/cycles/${id}/appraisers?areaCode=3&userId=${thamdinh}`))
          .statusCode,
      ).toBe(200);
      expect((await call("snv.cchc", "GET", `/cycles/${id}/appraisers`)).json().items).toEqual([]);
    });

    it("compares agencies area by area with the ranking's own numbers", async () => {
      const ids = [byCode("SNV"), officeId];
      const r = await call(null, "GET", `/cycles/${cycle2018}/compare?agencyIds=${ids.join(",")}`);
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body.areas).toHaveLength(8);
      expect(body.areas[3]).toMatchObject({ code: "4", max: 3.5 });
      const ranking = (await call(null, "GET", `/cycles/${cycle2018}/ranking`)).json().items;
      for (const [i, id] of ids.entries()) {
        const row = ranking.find((x: { agencyId: number }) => x.agencyId === id);
        expect(body.agencies[i]).toMatchObject({
          agencyId: id,
          points: row.points,
          percent: row.percent,
          rank: row.rank,
          grade: row.grade,
        });
      }
      const office = body.agencies[1];
      expect(office.points).toBe(75.4);
      expect(office.areas.map((a: { points: number }) => a.points)).toEqual([
        7, 5, 13, 3.5, 7.5, 2, 5.72, 31.68,
      ]);
      expectError(
        await call(null, "GET", `/cycles/${cycle2018}/compare?agencyIds=${byCode("VPUBND-HCTC")}`),
        400,
        "compare.not_participant",
      );
      expectError(await call(null, "GET", `/cycles/${cycle2018}/compare?agencyIds=a,b`), 400, "validation");
      // An unpublished cycle is not there for the public.
      expectError(
        await call(null, "GET", `/cycles/${cycle2019}/compare?agencyIds=${officeId}`),
        404,
        "not_found",
      );
      const r2019 = await call("snv.cchc", "GET", `/cycles/${cycle2019}/compare?agencyIds=${officeId}`);
      expect(r2019.statusCode, r2019.body).toBe(200);
    });
  });

  describe("frameworks", () => {
    const nodes = [
      { code: "1", parentCode: null, kind: "area", title: "Chỉ đạo, điều hành", max: "12" },
      { code: "1.1", parentCode: "1", kind: "criterion", title: "Kế hoạch CCHC", max: "3,5" },
      { code: "2", parentCode: null, kind: "area", title: "Cải cách thể chế", max: 5 },
    ];
    const framework = (code: string, extra: object = {}) => ({
      code,
      title: `Bộ chỉ số ${code}`,
      year: 2030,
      agencyType: "department",
      nodes,
      ...extra,
    });

    it("says which frameworks are in use, and refuses to change one in place", async () => {
      const list = (await call(null, "GET", "/frameworks")).json().items;
      const f2018 = list.find((f: { code: string }) => f.code === "QNAM-SBN-2018");
      expect(f2018.inUse).toBe(true);
      expect(f2018.usedInYears).toContain(2018);
      const before = (await call(null, "GET", `/frameworks/${f2018.id}`)).json();
      expect(before.inUse).toBe(true);
      expectError(
        await call("admin", "PUT", `/frameworks/${f2018.id}`, framework("QNAM-SBN-2018")),
        409,
        "framework.in_use",
      );
      expect((await call(null, "GET", `/frameworks/${f2018.id}`)).json().nodes).toEqual(before.nodes);
    });

    it("replaces a framework no cycle uses, and saves another as its next version", async () => {
      // Owned by Quảng Nam, so its province office may replace it (a national one is the administrator's).
      const id = (await call("admin", "POST", "/frameworks", framework("T-FREE", { provinceId }))).json().id;
      const edited = framework("T-FREE", {
        title: "Đã sửa",
        nodes: [...nodes, { code: "2.1", parentCode: "2", kind: "criterion", title: "Văn bản", max: "5" }],
      });
      const put = await call("snv.cchc", "PUT", `/frameworks/${id}`, edited);
      expect(put.statusCode).toBe(200);
      const f = (await call(null, "GET", `/frameworks/${id}`)).json();
      expect(f).toMatchObject({ title: "Đã sửa", version: 1, totalMax: 17, inUse: false });
      expect(f.nodes.map((n: { code: string }) => n.code)).toEqual(["1", "1.1", "2", "2.1"]);
      expectError(
        await call("admin", "PUT", `/frameworks/${id}`, framework("QNAM-SBN-2019")),
        409,
        "framework.exists",
        "code",
      );
      expectError(await call("vp.daumoi", "PUT", `/frameworks/${id}`, edited), 403, "forbidden");
      const v2 = await call("admin", "POST", "/frameworks", { ...edited, code: "T-FREE-V2", basedOnId: id });
      expect(v2.statusCode).toBe(201);
      expect((await call(null, "GET", `/frameworks/${v2.json().id}`)).json().version).toBe(2);
      expectError(
        await call("admin", "POST", "/frameworks", { ...edited, code: "T-FREE-V3", basedOnId: 999999 }),
        404,
        "not_found",
        "basedOnId",
      );
    });

    it("rejects a bad tree with the node and field in error, storing nothing", async () => {
      const before = await countRows(get().ctx.db, "frameworks");
      const bad = (n: object[]) => call("admin", "POST", "/frameworks", framework("T-BAD", { nodes: n }));
      expectError(
        await bad([...nodes, { code: "1.2", parentCode: "1", kind: "criterion", title: "X", max: 9 }]),
        400,
        "framework.children_exceed_parent",
        "nodes.1.max",
      );
      expectError(
        await bad([{ code: "1", parentCode: null, kind: "area", title: "  ", max: 1 }]),
        400,
        "framework.empty_title",
        "nodes.1.title",
      );
      expectError(
        await bad([{ code: "1", parentCode: null, kind: "area", title: "A", max: 100000 }]),
        400,
        "framework.max_too_large",
        "nodes.1.max",
      );
      const e = expectError(
        await bad([...nodes, { code: "1.1", parentCode: "1", kind: "criterion", title: "Y", max: 1 }]),
        400,
        "framework.duplicate_code",
      );
      expect(e.message).toContain("1.1");
      expect(await countRows(get().ctx.db, "frameworks")).toBe(before);
    });

    it("exports a framework as a JSON file that imports back as the same tree", async () => {
      const r = await call(null, "GET", "/frameworks/2/export");
      expect(r.statusCode).toBe(200);
      expect(r.headers["content-disposition"]).toBe('attachment; filename="QNAM-SBN-2019.json"');
      const file = r.json();
      expect(file).toMatchObject({ format: "parindex.framework/1", code: "QNAM-SBN-2019", year: 2019 });
      expect(file.gradeBands[0]).toEqual({ grade: "A", atLeast: 80 });
      const back = await call("admin", "POST", "/frameworks", { ...file, code: "QNAM-SBN-2019-COPY" });
      expect(back.statusCode).toBe(201);
      const original = (await call(null, "GET", "/frameworks/2")).json();
      const copy = (await call(null, "GET", `/frameworks/${back.json().id}`)).json();
      expect(copy.nodes).toEqual(original.nodes);
      expect(copy.gradeBands).toEqual(original.gradeBands);
      expect(copy.totalMax).toBe(93);
    });
  });

  describe("agencies", () => {
    it("pages with a total and finds 'cải cách' from 'cai cach'", async () => {
      const created = await call("admin", "POST", "/agencies", {
        code: "BCD-CCHC",
        name: "Ban Chỉ đạo cải cách hành chính tỉnh",
        kind: "agency",
        parentId: provinceId,
      });
      expect(created.statusCode).toBe(201);
      const page = (await call(null, "GET", "/agencies?kind=agency&limit=5&offset=0")).json();
      expect(page.items).toHaveLength(5);
      expect(page.total).toBeGreaterThan(5);
      const found = (await call(null, "GET", "/agencies?q=cai%20cach")).json();
      expect(found.items.map((a: Item) => a.code)).toContain("BCD-CCHC");
      expect(found.total).toBe(found.items.length);
    });

    it("creates an agency with a successor, checks the successor, and names it in lists", async () => {
      const post = (payload: object) => call("admin", "POST", "/agencies", payload);
      const base = { kind: "agency", parentId: provinceId, validFrom: "2020-01-01", validTo: "2025-06-30" };
      const next = (await post({ ...base, code: "SMOI", name: "Sở Mới", validTo: null })).json().id;
      const before = await countRows(get().ctx.db, "agencies");
      expectError(
        await post({ ...base, code: "SCU", name: "Sở Cũ", successorId: provinceId }),
        400,
        "agency.successor_kind",
        "successorId",
      );
      expectError(
        await post({ ...base, code: "SCU", name: "Sở Cũ", successorId: 999999 }),
        400,
        "agency.unknown_successor",
        "successorId",
      );
      expect(await countRows(get().ctx.db, "agencies")).toBe(before);
      const old = await post({ ...base, code: "SCU", name: "Sở Cũ", successorId: next });
      expect(old.statusCode).toBe(201);
      const a = (await call(null, "GET", `/agencies/${old.json().id}`)).json();
      expect(a).toMatchObject({
        validFrom: "2020-01-01",
        validTo: "2025-06-30",
        successorId: next,
        successor: { id: next, code: "SMOI", name: "Sở Mới" },
      });
      // A successor chain may not lead back.
      expectError(
        await call("admin", "PATCH", `/agencies/${next}`, { successorId: old.json().id }),
        400,
        "agency.successor_loop",
        "successorId",
      );
      // validFrom can be changed, but not past validTo.
      expectError(
        await call("admin", "PATCH", `/agencies/${old.json().id}`, { validFrom: "2026-01-01" }),
        400,
        "agency.bad_dates",
        "validTo",
      );
      const moved = await call("admin", "PATCH", `/agencies/${old.json().id}`, {
        validFrom: "2019-01-01",
        shortName: "SC",
      });
      expect(moved.json()).toMatchObject({ validFrom: "2019-01-01", shortName: "SC" });
      expect((await call(null, "GET", "/agencies?q=sc")).json().items.map((x: Item) => x.code)).toContain(
        "SCU",
      );
    });

    it("lists an agency's divisions and unit groups", async () => {
      const d = await call("admin", "POST", "/agencies", {
        code: "VPUBND-TEST",
        name: "Phòng Thử nghiệm",
        kind: "division",
        parentId: officeId,
      });
      expect(d.statusCode).toBe(201);
      const units = (await call(null, "GET", `/agencies/${officeId}`)).json().units;
      expect(units.map((u: Item) => u.code)).toContain("VPUBND-TEST");
      expect(units.map((u: { kind: string }) => u.kind)).toContain("unit_group");
    });

    it("points a reporting-period error at the rule and part to correct", async () => {
      const rules = (await call(null, "GET", `/agencies/${provinceId}/periods?year=2024`)).json().rules;
      const broken = structuredClone(rules);
      broken[2].due = { month: 9, day: 1 };
      const e = expectError(
        await call("admin", "PUT", `/agencies/${provinceId}/periods`, { rules: broken }),
        400,
        "periods.invalid",
        "rules.2.due",
      );
      expect(e.message).toContain("hạn gửi");
      const ok = await call("admin", "PUT", `/agencies/${provinceId}/periods`, { rules });
      expect(ok.statusCode).toBe(200);
    });
  });

  describe("users", () => {
    let userId: number;
    const login = (username: string, password: string) =>
      app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });

    beforeAll(async () => {
      const r = await call("admin", "POST", "/users", {
        username: "stp.daumoi",
        password: "first-password-1",
        displayName: "Đầu mối STP",
        role: "focal_point",
        agencyId: byCode("STP"),
      });
      expect(r.statusCode).toBe(201);
      userId = r.json().id;
    });

    it("changes a user's role, agency and division with the same checks as creating one", async () => {
      const hctc = byCode("VPUBND-HCTC");
      expectError(
        await call("admin", "PATCH", `/users/${userId}`, { role: "division" }),
        400,
        "user.unit_required",
        "unitId",
      );
      expectError(
        await call("admin", "PATCH", `/users/${userId}`, { role: "leader", agencyId: null }),
        400,
        "user.agency_required",
        "agencyId",
      );
      expectError(await call("snv.cchc", "PATCH", `/users/${userId}`, { role: "leader" }), 403, "forbidden");
      const r = await call("admin", "PATCH", `/users/${userId}`, {
        role: "division",
        agencyId: officeId,
        unitId: hctc,
      });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ role: "division", agencyId: officeId, unitId: hctc, disabled: false });
      const back = await call("admin", "PATCH", `/users/${userId}`, { role: "leader" });
      expect(back.json()).toMatchObject({ role: "leader", agencyId: officeId, unitId: null });
      expectError(await call("admin", "PATCH", "/users/999999", { role: "leader" }), 404, "not_found");
    });

    it("disables a user: sessions end, sign-in is refused, enabling restores it", async () => {
      const s = await login("stp.daumoi", "first-password-1");
      const headers = { authorization: `Bearer ${s.json().token}` };
      expect((await app.inject({ url: "/api/auth/me", headers })).statusCode).toBe(200);
      const admin = (await call("admin", "GET", "/auth/me")).json().user.id;
      expectError(
        await call("admin", "PATCH", `/users/${admin}`, { disabled: true }),
        400,
        "user.self_disable",
        "disabled",
      );
      expectError(await call("admin", "PATCH", `/users/${admin}`, { role: "leader" }), 400, "user.self_role");
      const off = await call("admin", "PATCH", `/users/${userId}`, { disabled: true });
      expect(off.json().disabled).toBe(true);
      expectError(await app.inject({ url: "/api/auth/me", headers }), 401, "unauthenticated");
      expectError(await login("stp.daumoi", "first-password-1"), 403, "auth.disabled");
      // A wrong password still says only that the credentials are wrong.
      expectError(await login("stp.daumoi", "wrong-password-1"), 401, "auth.bad_credentials");
      const list = (await call("admin", "GET", "/users")).json().items;
      expect(list.find((u: { id: number }) => u.id === userId)).toMatchObject({
        disabled: true,
        agencyName: "Văn phòng UBND tỉnh Quảng Nam",
        unitName: null,
      });
      await call("admin", "PATCH", `/users/${userId}`, { disabled: false });
      expect((await login("stp.daumoi", "first-password-1")).statusCode).toBe(200);
    });

    it("resets a password: the new one works once shown, the old one no longer does", async () => {
      expectError(await call("snv.cchc", "POST", `/users/${userId}/reset-password`), 403, "forbidden");
      const r = await call("admin", "POST", `/users/${userId}/reset-password`);
      expect(r.statusCode).toBe(200);
      const { password } = r.json();
      expect(password.length).toBeGreaterThanOrEqual(10);
      expectError(await login("stp.daumoi", "first-password-1"), 401, "auth.bad_credentials");
      expect((await login("stp.daumoi", password)).statusCode).toBe(200);
      expectError(await call("admin", "POST", "/users/999999/reset-password"), 404, "not_found");
    });
  });
});
