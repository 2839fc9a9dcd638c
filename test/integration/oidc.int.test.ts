/**
 * Single sign-on against a real OpenID provider (oidc-provider, started here): the whole redirect
 * flow without a browser. A known, enabled account signs in with one audit entry; an unknown or
 * disabled account, a wrong or missing state and the provider's own error are refused back to the
 * sign-in page with a code, and change nothing (no account, no session; a failed sign-in of a named
 * account is recorded like a wrong password). Without OIDC_* both routes answer 404.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import * as authRepo from "../../server/modules/auth/repository.ts";
import { createUser } from "../../server/modules/auth/service.ts";
import { countRows, expectError } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";
import { signInAt, startTestProvider, type TestProvider } from "../oidc.ts";

const CALLBACK = "http://parindex.test/api/auth/oidc/callback";
const PASSWORD = "sso-test-Passphrase-9";

let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider({
    redirectUris: [CALLBACK],
    accounts: {
      // Written as the provider likes it; parindex compares user names in lower case.
      "acc-1": { preferred_username: "SSO.Known", name: "Nguyễn Văn Một" },
      "acc-2": { preferred_username: "khong.co.tai.khoan" },
      "acc-3": { preferred_username: "sso.disabled" },
      "acc-4": { preferred_username: "sso.reset" },
      "acc-5": { name: "Không có tên đăng nhập" },
      // A provider may say anything: a control character must not reach the trail (a NUL → 500).
      "acc-6": { preferred_username: "ai\u0000do" },
    },
  });
});
afterAll(async () => {
  await provider?.close();
});

forEachEngine("single sign-on (OIDC)", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const { ctx } = get();
    for (const username of ["sso.known", "sso.disabled", "sso.reset"])
      ids[username] = await createUser(ctx, {
        username,
        password: PASSWORD,
        displayName: `Người dùng ${username}`,
        role: "admin",
      });
    await authRepo.updateUser(ctx.db, ids["sso.disabled"]!, { disabledAt: new Date() });
    await authRepo.updateUser(ctx.db, ids["sso.reset"]!, { mustChangePassword: true });
    app = await testApp(ctx);
  });

  const configure = (on: boolean) => {
    const { ctx } = get();
    ctx.config = { ...ctx.config, oidc: on ? loadConfig(provider.env(CALLBACK)).oidc : null };
  };
  const cookieOf = (r: { cookies: { name: string; value: string }[] }, name: string) =>
    r.cookies.find((c) => c.name === name)?.value;
  /** Starts a flow as the browser would: the provider's address and the flow's cookie. */
  const start = async (next?: string) => {
    const r = await app.inject({
      url: `/api/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ""}`,
    });
    expect(r.statusCode, r.body).toBe(302);
    return { location: String(r.headers.location), flow: cookieOf(r, "parindex_oidc")!, answer: r };
  };
  const callback = (url: URL | string, flow: string | undefined) =>
    app.inject({
      url: `/api/auth/oidc/callback${typeof url === "string" ? url : url.search}`,
      cookies: flow ? { parindex_oidc: flow } : {},
      // As the browser comes back from the provider's site: a GET, which the cross-site rule lets by.
      headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" },
    });
  /** What a refusal must leave as it was. */
  const state = async () => ({
    users: await countRows(get().ctx.db, "users"),
    sessions: await countRows(get().ctx.db, "sessions"),
    failures: await countRows(get().ctx.db, "login_failures"),
  });
  const auditsSince = async (id: number) =>
    get().ctx.db.selectFrom("audit_log").selectAll().where("id", ">", id).orderBy("id").execute();
  const auditHead = async () =>
    Number(
      (
        await get()
          .ctx.db.selectFrom("audit_log")
          .select((e) => e.fn.max("id").as("id"))
          .executeTakeFirst()
      )?.id ?? 0,
    );
  const refusedWith = (r: { statusCode: number; headers: Record<string, unknown> }, code: string) => {
    expect(r.statusCode).toBe(302);
    const to = new URL(String(r.headers.location), "http://parindex.test");
    expect(to.pathname).toBe("/login");
    expect(to.searchParams.get("sso_error")).toBe(code);
    return to;
  };

  it("answers 404 on both routes and offers no button while OIDC_* is not set", async () => {
    configure(false);
    expectError(await app.inject({ url: "/api/auth/oidc/start" }), 404, "not_found");
    expectError(await app.inject({ url: "/api/auth/oidc/callback?code=x&state=y" }), 404, "not_found");
    expect((await app.inject({ url: "/api/auth/session" })).json()).toEqual({
      user: null,
      singleSignOn: false,
    });
  });

  it("sends the browser to the provider with PKCE (S256), state and nonce, remembered in a short HttpOnly cookie", async () => {
    configure(true);
    expect((await app.inject({ url: "/api/auth/session" })).json().singleSignOn).toBe(true);
    const { location, answer } = await start("/plans");
    const to = new URL(location);
    expect(to.origin).toBe(provider.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: provider.clientId,
      response_type: "code",
      redirect_uri: CALLBACK,
      code_challenge_method: "S256",
      scope: "openid profile",
    });
    for (const p of ["state", "nonce", "code_challenge"])
      expect(to.searchParams.get(p)?.length).toBeGreaterThan(20);
    const cookie = answer.cookies.find((c) => c.name === "parindex_oidc")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/api/auth/oidc", maxAge: 600 });
    // Neither the verifier nor the secret travel to the provider.
    expect(location).not.toContain(provider.clientSecret);
  });

  it("signs a known account in: one session, one audit entry with the method, back to the app", async () => {
    configure(true);
    const { location, flow } = await start("/plans");
    const back = await signInAt(location, "acc-1", CALLBACK);
    const before = await state();
    const head = await auditHead();
    const r = await callback(back, flow);
    expect(r.statusCode, r.body).toBe(302);
    expect(r.headers.location).toBe("/login?sso=done&next=%2Fplans");
    const session = cookieOf(r, "parindex_session");
    expect(session).toMatch(/^oidc\./);
    expect(r.cookies.find((c) => c.name === "parindex_oidc")?.value).toBe("");
    const me = await app.inject({ url: "/api/auth/me", cookies: { parindex_session: session! } });
    expect(me.json().user).toMatchObject({ username: "sso.known", role: "admin", mustChangePassword: false });
    expect(await state()).toEqual({ ...before, sessions: before.sessions + 1 });
    const entries = await auditsSince(head);
    expect(entries.map((e) => e.action)).toEqual(["auth.login"]);
    expect(entries[0]).toMatchObject({
      actor_id: ids["sso.known"],
      actor_name: "sso.known",
      entity: "session",
    });
    expect(JSON.parse(JSON.stringify(entries[0]!.after))).toMatchObject({ method: "oidc" });

    // The code was used: the same answer again is refused and signs nobody in.
    const again = await callback(back, flow);
    refusedWith(again, "auth.oidc_provider");
    expect(await countRows(get().ctx.db, "sessions")).toBe(before.sessions + 1);
  });

  it("refuses an account parindex does not have, naming it, and creates nothing", async () => {
    configure(true);
    const { location, flow } = await start();
    const back = await signInAt(location, "acc-2", CALLBACK);
    const before = await state();
    const head = await auditHead();
    const to = refusedWith(await callback(back, flow), "auth.oidc_unknown_user");
    expect(to.searchParams.get("user")).toBe("khong.co.tai.khoan");
    expect(await state()).toEqual(before);
    expect(
      await get()
        .ctx.db.selectFrom("users")
        .select("id")
        .where("username", "=", "khong.co.tai.khoan")
        .execute(),
    ).toEqual([]);
    const entries = await auditsSince(head);
    expect(entries.map((e) => [e.action, e.actor_id, e.entity_id])).toEqual([
      ["auth.login_failed", null, "khong.co.tai.khoan"],
    ]);
    expect(JSON.parse(JSON.stringify(entries[0]!.after))).toEqual({ method: "oidc", reason: "unknown_user" });
  });

  it("refuses a user name with a control character as unknown, recording it unreadable, not a 500", async () => {
    configure(true);
    const { location, flow } = await start();
    const back = await signInAt(location, "acc-6", CALLBACK);
    const before = await state();
    const head = await auditHead();
    const to = refusedWith(await callback(back, flow), "auth.oidc_unknown_user");
    expect(to.searchParams.get("user")).toBe("(?)");
    expect(await state()).toEqual(before);
    expect((await auditsSince(head)).map((e) => [e.action, e.entity_id, e.actor_name])).toEqual([
      ["auth.login_failed", "(?)", "(?)"],
    ]);
  });

  it("refuses a disabled account and a provider account without the user name claim", async () => {
    configure(true);
    let flow = await start();
    let back = await signInAt(flow.location, "acc-3", CALLBACK);
    const before = await state();
    const head = await auditHead();
    const to = refusedWith(await callback(back, flow.flow), "auth.oidc_disabled");
    expect(to.searchParams.get("user")).toBe("sso.disabled");
    expect(await state()).toEqual(before);
    expect((await auditsSince(head)).map((e) => [e.action, e.actor_id])).toEqual([
      ["auth.login_failed", ids["sso.disabled"]],
    ]);

    flow = await start();
    back = await signInAt(flow.location, "acc-5", CALLBACK);
    refusedWith(await callback(back, flow.flow), "auth.oidc_no_username");
    expect(await state()).toEqual(before);
  });

  it("refuses an answer that is not this browser's flow: wrong state, no cookie, a forged cookie", async () => {
    configure(true);
    const { location, flow } = await start();
    const back = await signInAt(location, "acc-1", CALLBACK);
    const before = await state();
    const head = await auditHead();
    const wrongState = new URL(back);
    wrongState.searchParams.set("state", "not-the-state-we-sent");
    refusedWith(await callback(wrongState, flow), "auth.oidc_state");
    refusedWith(await callback(back, undefined), "auth.oidc_state");
    const [body] = flow.split(".");
    refusedWith(await callback(back, `${body}.${"A".repeat(43)}`), "auth.oidc_state");
    // Another flow's cookie (this browser started twice, or an attacker's own) does not fit either.
    const other = await start();
    refusedWith(await callback(back, other.flow), "auth.oidc_state");
    // Nothing was written: no session, no audit entry, nothing charged to the throttle.
    expect(await state()).toEqual(before);
    expect(await auditsSince(head)).toEqual([]);
  });

  it("refuses the provider's own error (the person cancelled) with its state", async () => {
    configure(true);
    const { location, flow } = await start();
    const st = new URL(location).searchParams.get("state")!;
    const before = await state();
    refusedWith(
      await callback(
        `?error=access_denied&error_description=cancelled&state=${encodeURIComponent(st)}`,
        flow,
      ),
      "auth.oidc_provider",
    );
    expect(await state()).toEqual(before);
  });

  it("lets a user whose password was reset in through single sign-on; a password sign-in must still change it", async () => {
    configure(true);
    const { location, flow } = await start();
    const r = await callback(await signInAt(location, "acc-4", CALLBACK), flow);
    expect(r.headers.location).toBe("/login?sso=done");
    const cookies = { parindex_session: cookieOf(r, "parindex_session")! };
    expect((await app.inject({ url: "/api/auth/me", cookies })).json().user.mustChangePassword).toBe(false);
    expect((await app.inject({ url: "/api/users", cookies })).statusCode).toBe(200);

    const pw = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "sso.reset", password: PASSWORD },
    });
    expect(pw.statusCode).toBe(200);
    expectError(
      await app.inject({ url: "/api/users", headers: { authorization: `Bearer ${pw.json().token}` } }),
      403,
      "auth.password_change_required",
    );
  });

  it("says the provider cannot be reached, rather than failing, when it is down", async () => {
    const { ctx } = get();
    ctx.config = {
      ...ctx.config,
      oidc: loadConfig({ ...provider.env(CALLBACK), OIDC_ISSUER: "http://127.0.0.1:1/down" }).oidc,
    };
    const r = await app.inject({ url: "/api/auth/oidc/start" });
    refusedWith(r, "auth.oidc_unavailable");
    expect(r.cookies.find((c) => c.name === "parindex_oidc")).toBeUndefined();
  });

  it("goes back only to a path of the app after signing in", async () => {
    configure(true);
    for (const bad of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      const { location, flow } = await start(bad);
      const r = await callback(await signInAt(location, "acc-1", CALLBACK), flow);
      expect(r.headers.location, bad).toBe("/login?sso=done");
    }
  });
});
