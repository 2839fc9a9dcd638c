/**
 * Sign-in, sessions, user and agency administration, framework validation and the error shape of
 * unknown routes and broken bodies. A rejected request answers a coded 4xx and changes nothing.
 */
import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { SESSION_COOKIE } from "../../server/http.ts";
import { expectError } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORD = "test-password-1";
const USERS = ["admin", "snv.cchc", "vp.daumoi", "vp.hctc"];

type Table = "users" | "sessions" | "agencies" | "frameworks" | "framework_nodes";

forEachEngine("auth, administration and error shapes through the API", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  const tokens: Record<string, string> = {};
  let officeId: number;
  let provinceId: number;
  const auth = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const count = async (table: Table) => {
    const db = get().ctx.db;
    const r = await db.selectFrom(table).select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const login = (username: string, password: string) =>
    app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });

  beforeAll(async () => {
    const creds = await seedDemo(get().ctx, {
      passwords: Object.fromEntries(USERS.map((u) => [u, PASSWORD])),
    });
    expect(creds).not.toBeNull();
    app = await testApp(get().ctx);
    for (const u of USERS) {
      const r = await login(u, PASSWORD);
      expect(r.statusCode).toBe(200);
      tokens[u] = r.json().token;
    }
    officeId = (await app.inject({ url: "/api/agencies?q=van phong ubnd" }))
      .json()
      .items.find((a: { code: string }) => a.code === "VPUBND").id;
    provinceId = (await app.inject({ url: "/api/agencies?kind=province" }))
      .json()
      .items.find((a: { code: string }) => a.code === "QNAM").id;
  });

  // ---- sign-in and sessions ----

  it("answers a wrong password and an unknown user with the same 401, opening no session", async () => {
    const before = await count("sessions");
    const wrong = expectError(await login("vp.daumoi", "not-the-password"), 401, "auth.bad_credentials");
    const unknown = expectError(
      await login("khong.ton.tai", "not-the-password"),
      401,
      "auth.bad_credentials",
    );
    expect(wrong.message).toBe("Sai tên đăng nhập hoặc mật khẩu");
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.messageEn).toBe(wrong.messageEn);
    expect(unknown.field).toBe(wrong.field);
    expect(await count("sessions")).toBe(before);
  });

  it("rejects a login without a password as invalid input", async () => {
    expectError(
      await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "vp.daumoi" } }),
      400,
      "validation",
      "password",
    );
  });

  it("accepts the user name in any case and sets a session cookie", async () => {
    const r = await login("  VP.DauMoi ", PASSWORD);
    expect(r.statusCode).toBe(200);
    const cookie = r.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.value).toBe(r.json().token);
    expect(cookie?.httpOnly).toBe(true);
    const me = await app.inject({ url: "/api/auth/me", cookies: { [SESSION_COOKIE]: r.json().token } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: "vp.daumoi", role: "focal_point", agencyId: officeId });
  });

  it("answers /api/auth/session with null for a visitor or a made-up token, and the user when signed in", async () => {
    const visitor = await app.inject({ url: "/api/auth/session" });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ user: null, singleSignOn: false });
    const madeUp = await app.inject({
      url: "/api/auth/session",
      headers: { authorization: "Bearer made-up-token" },
    });
    expect(madeUp.statusCode).toBe(200);
    expect(madeUp.json()).toEqual({ user: null, singleSignOn: false });
    const signed = await app.inject({ url: "/api/auth/session", headers: auth("vp.hctc") });
    expect(signed.json().user).toMatchObject({ username: "vp.hctc", role: "division" });
    expect(signed.json().user).not.toHaveProperty("passwordHash");
  });

  it("answers /api/auth/me without a token, or with a made-up one, with 401", async () => {
    expectError(await app.inject({ url: "/api/auth/me" }), 401, "unauthenticated");
    expectError(
      await app.inject({ url: "/api/auth/me", headers: { authorization: "Bearer made-up-token" } }),
      401,
      "unauthenticated",
    );
    const me = await app.inject({ url: "/api/auth/me", headers: auth("vp.hctc") });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: "vp.hctc", role: "division", agencyId: officeId });
    expect(me.json().user.unitId).toBeGreaterThan(0);
    expect(me.json().user).not.toHaveProperty("passwordHash");
    expect(me.json().user).not.toHaveProperty("password_hash");
  });

  it("logs out: the token stops working and its session is gone", async () => {
    const r = await login("vp.daumoi", PASSWORD);
    const token = r.json().token as string;
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: "/api/auth/me", headers })).statusCode).toBe(200);
    const before = await count("sessions");
    const out = await app.inject({ method: "POST", url: "/api/auth/logout", headers });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ok: true });
    expect(await count("sessions")).toBe(before - 1);
    expectError(await app.inject({ url: "/api/auth/me", headers }), 401, "unauthenticated");
    // Other sessions of the same user are untouched.
    expect((await app.inject({ url: "/api/auth/me", headers: auth("vp.daumoi") })).statusCode).toBe(200);
  });

  // ---- users ----

  const newUser = (user: string | null, payload: object) =>
    app.inject({ method: "POST", url: "/api/users", headers: user ? auth(user) : {}, payload });
  const goodUser = {
    username: "stc.daumoi",
    password: "a-long-password",
    displayName: "Đầu mối STC",
    role: "focal_point",
  };

  it("lets only the admin create users", async () => {
    const before = await count("users");
    const payload = { ...goodUser, agencyId: officeId };
    expectError(await newUser("vp.daumoi", payload), 403, "forbidden");
    expectError(await newUser("snv.cchc", payload), 403, "forbidden");
    expectError(await newUser(null, payload), 401, "unauthenticated");
    expectError(await app.inject({ url: "/api/users", headers: auth("vp.daumoi") }), 403, "forbidden");
    expect(await count("users")).toBe(before);
  });

  it("rejects a weak password, a bad user name, a missing agency or unit, and a taken name", async () => {
    const before = await count("users");
    expectError(
      await newUser("admin", { ...goodUser, password: "short", agencyId: officeId }),
      400,
      "user.password_too_short",
      "password",
    );
    expectError(
      await newUser("admin", { ...goodUser, username: "có dấu", agencyId: officeId }),
      400,
      "user.bad_username",
      "username",
    );
    expectError(await newUser("admin", goodUser), 400, "user.agency_required", "agencyId");
    expectError(
      await newUser("admin", { ...goodUser, agencyId: 999999 }),
      400,
      "user.unknown_agency",
      "agencyId",
    );
    expectError(
      await newUser("admin", { ...goodUser, role: "division", agencyId: officeId }),
      400,
      "user.unit_required",
      "unitId",
    );
    expectError(
      await newUser("admin", { ...goodUser, role: "superuser", agencyId: officeId }),
      400,
      "validation",
      "role",
    );
    expectError(
      await newUser("admin", { ...goodUser, username: "VP.DAUMOI", agencyId: officeId }),
      409,
      "user.exists",
      "username",
    );
    expect(await count("users")).toBe(before);
  });

  it("creates a user who can then sign in", async () => {
    const r = await newUser("admin", { ...goodUser, agencyId: officeId });
    expect(r.statusCode).toBe(201);
    expect(r.json().id).toBeGreaterThan(0);
    expect((await login("stc.daumoi", "a-long-password")).statusCode).toBe(200);
    const list = (await app.inject({ url: "/api/users", headers: auth("admin") })).json().items;
    expect(list.find((u: { username: string }) => u.username === "stc.daumoi")).toMatchObject({
      role: "focal_point",
      agencyId: officeId,
    });
  });

  // ---- agencies ----

  it("rejects an agency whose validity ends before it starts, and stores none", async () => {
    const before = await count("agencies");
    const post = (user: string, payload: object) =>
      app.inject({ method: "POST", url: "/api/agencies", headers: auth(user), payload });
    const base = {
      code: "SDL-TEST",
      name: "Sở Du lịch tỉnh Quảng Nam",
      kind: "agency",
      parentId: provinceId,
    };
    expectError(
      await post("admin", { ...base, validFrom: "01/01/2020", validTo: "31/12/2019" }),
      400,
      "agency.bad_dates",
      "validTo",
    );
    expectError(await post("admin", { ...base, validFrom: "31/02/2020" }), 400, "validation", "validFrom");
    expectError(await post("admin", { ...base, code: "có dấu" }), 400, "validation", "code");
    expectError(
      await post("admin", { ...base, parentId: undefined }),
      400,
      "agency.parent_required",
      "parentId",
    );
    expectError(await post("admin", { ...base, code: "SXD" }), 409, "agency.exists", "code");
    expectError(await post("vp.daumoi", base), 403, "forbidden");
    expect(await count("agencies")).toBe(before);
    const ok = await post("admin", { ...base, validFrom: "01/01/2020", validTo: "31/12/2030" });
    expect(ok.statusCode).toBe(201);
    const a = (await app.inject({ url: `/api/agencies/${ok.json().id}` })).json();
    expect(a).toMatchObject({ code: "SDL-TEST", validFrom: "2020-01-01", validTo: "2030-12-31" });
  });

  it("rejects a PATCH that ends an agency before it starts, or makes it its own successor", async () => {
    const danang = (await app.inject({ url: "/api/agencies?kind=province" }))
      .json()
      .items.find((a: { code: string }) => a.code === "DANANG");
    expect(danang.validFrom).toBe("2025-07-01");
    const patch = (payload: object, user = "admin") =>
      app.inject({ method: "PATCH", url: `/api/agencies/${danang.id}`, headers: auth(user), payload });
    expectError(await patch({ validTo: "30/06/2025" }), 400, "agency.bad_dates", "validTo");
    expectError(await patch({ successorId: danang.id }), 400, "agency.self_successor", "successorId");
    expectError(await patch({ successorId: 999999 }), 400, "agency.unknown_successor", "successorId");
    expectError(await patch({ name: "Đổi tên" }, "snv.cchc"), 403, "forbidden");
    const a = (await app.inject({ url: `/api/agencies/${danang.id}` })).json();
    expect(a).toMatchObject({ name: danang.name, validTo: null, successorId: null });
    // Ending on the day it starts is allowed.
    const same = await patch({ validTo: "2025-07-01" });
    expect(same.statusCode).toBe(200);
    expect(same.json().validTo).toBe("2025-07-01");
  });

  // ---- frameworks ----

  const framework = (code: string, nodes: object[]) => ({
    code,
    title: `Bộ chỉ số thử ${code}`,
    year: 2030,
    agencyType: "department",
    nodes,
  });
  const postFramework = (payload: object, user = "snv.cchc") =>
    app.inject({ method: "POST", url: "/api/frameworks", headers: auth(user), payload });

  it("rejects a framework whose criteria add up to more than their area, storing nothing", async () => {
    const before = { f: await count("frameworks"), n: await count("framework_nodes") };
    const r = await postFramework(
      framework("T-EXCEED", [
        { code: "1", kind: "area", title: "Chỉ đạo, điều hành", max: 5 },
        { code: "1.1", parentCode: "1", kind: "criterion", title: "Kế hoạch", max: "3,5" },
        { code: "1.2", parentCode: "1", kind: "criterion", title: "Kiểm tra", max: 2 },
      ]),
    );
    expectError(r, 400, "framework.children_exceed_parent", "nodes.1.max");
    expect(await count("frameworks")).toBe(before.f);
    expect(await count("framework_nodes")).toBe(before.n);
    const list = (await app.inject({ url: "/api/frameworks" })).json().items;
    expect(list.map((f: { code: string }) => f.code)).not.toContain("T-EXCEED");
  });

  it("rejects duplicate node codes, unknown parents and invalid rules", async () => {
    const before = { f: await count("frameworks"), n: await count("framework_nodes") };
    expectError(
      await postFramework(
        framework("T-DUP", [
          { code: "1", kind: "area", title: "A", max: 5 },
          { code: "1", kind: "area", title: "B", max: 5 },
        ]),
      ),
      400,
      "framework.duplicate_code",
      "nodes.1.code",
    );
    expectError(
      await postFramework(
        framework("T-PARENT", [
          { code: "1", kind: "area", title: "A", max: 5 },
          { code: "2.1", parentCode: "2", kind: "criterion", title: "B", max: 1 },
        ]),
      ),
      400,
      "framework.unknown_parent",
      "nodes.2.1.parentCode",
    );
    // A band earning more than the criterion's max.
    expectError(
      await postFramework(
        framework("T-RULE", [
          { code: "1", kind: "area", title: "A", max: 5 },
          {
            code: "1.1",
            parentCode: "1",
            kind: "criterion",
            title: "B",
            max: 2,
            rule: {
              kind: "percent_bands",
              indicator: "plan_completion",
              bands: [{ atLeast: 7000, points: 300 }],
            },
          },
        ]),
      ),
      400,
      "framework.bad_rule",
      "nodes.1.1.rule",
    );
    // A rule of an unknown kind.
    expectError(
      await postFramework(
        framework("T-RULE2", [{ code: "1", kind: "area", title: "A", max: 5, rule: { kind: "guesswork" } }]),
      ),
      400,
      "framework.bad_rule",
      "nodes.1.rule",
    );
    // A rule on an inner node.
    expectError(
      await postFramework(
        framework("T-RULE3", [
          { code: "1", kind: "area", title: "A", max: 5, rule: { kind: "manual", step: 25 } },
          { code: "1.1", parentCode: "1", kind: "criterion", title: "B", max: 2 },
        ]),
      ),
      400,
      "framework.rule_on_inner_node",
      "nodes.1.rule",
    );
    expectError(
      await postFramework(framework("T-NEG", [{ code: "1", kind: "area", title: "A", max: -1 }])),
      400,
      "framework.negative_max",
    );
    expect(await count("frameworks")).toBe(before.f);
    expect(await count("framework_nodes")).toBe(before.n);
  });

  it("lets only the province office or admin create a framework, and stores a valid one whole", async () => {
    const nodes = [
      { code: "1", kind: "area", title: "Chỉ đạo, điều hành", max: 5 },
      {
        code: "1.1",
        parentCode: "1",
        kind: "criterion",
        title: "Kế hoạch",
        max: "3,5",
        rule: {
          kind: "percent_bands",
          indicator: "plan_completion",
          bands: [{ atLeast: 10000, points: 350 }],
        },
      },
      { code: "2", kind: "area", title: "Cải cách thể chế", max: "2,5" },
    ];
    const before = await count("frameworks");
    expectError(await postFramework(framework("T-OK", nodes), "vp.daumoi"), 403, "forbidden");
    expect(await count("frameworks")).toBe(before);
    const r = await postFramework(framework("T-OK", nodes));
    expect(r.statusCode).toBe(201);
    const f = (await app.inject({ url: `/api/frameworks/${r.json().id}` })).json();
    expect(f.totalMax).toBe(7.5);
    expect(f.nodes).toHaveLength(3);
    expectError(await postFramework(framework("T-OK", nodes)), 409, "framework.exists", "code");
    expect(await count("frameworks")).toBe(before + 1);
  });

  // ---- error shapes ----

  it("answers an unknown route with a JSON 404", async () => {
    const r = await app.inject({ url: "/api/no-such-thing" });
    expect(r.headers["content-type"]).toMatch(/application\/json/);
    const e = expectError(r, 404, "not_found", null);
    expect(e.messageEn).toContain("/api/no-such-thing");
    expectError(await app.inject({ method: "DELETE", url: "/api/agencies" }), 404, "not_found");
  });

  it("answers a body that is not JSON with a JSON 400 and changes nothing", async () => {
    const before = await count("users");
    const r = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: { ...auth("admin"), "content-type": "application/json" },
      payload: '{"username": "x", "password": ',
    });
    expect(r.statusCode).toBe(400);
    expect(r.headers["content-type"]).toMatch(/application\/json/);
    const e = r.json().error;
    expect(typeof e.code).toBe("string");
    expect(e.code.length).toBeGreaterThan(0);
    expect(typeof e.message).toBe("string");
    expect(typeof e.messageEn).toBe("string");
    expect(e).toHaveProperty("field");
    expect(await count("users")).toBe(before);
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "not json",
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().error.code).toBeTruthy();
  });

  it("answers a non-numeric id with a 400 validation error naming the field", async () => {
    expectError(await app.inject({ url: "/api/agencies/abc" }), 400, "validation", "id");
    expectError(await app.inject({ url: "/api/agencies/999999" }), 404, "not_found");
  });
});
