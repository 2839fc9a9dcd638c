/**
 * Accounts: a user changes their own password (other sessions end, this one stays), an administrator's
 * reset forces a change before anything else, and weak, blank or overlong passwords are refused with a
 * coded error that changes nothing, on creation, reset and change alike.
 */
import { hash } from "@node-rs/argon2";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { expectError } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORD = "account-Test-phrase-1";
const USERS = ["admin", "vp.daumoi", "vp.lanhdao"];
const STRONG = "gió lùa qua rặng tre xanh";

forEachEngine("own password, forced change after a reset, strength rules", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let officeId: number;
  const login = (username: string, password: string) =>
    app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const token = async (username: string, password: string) => {
    const r = await login(username, password);
    expect(r.statusCode).toBe(200);
    return r.json().token as string;
  };
  const change = (tok: string, currentPassword: string, newPassword: string) =>
    app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: bearer(tok),
      payload: { currentPassword, newPassword },
    });
  const hashOf = async (username: string) =>
    (
      await get()
        .ctx.db.selectFrom("users")
        .select("password_hash")
        .where("username", "=", username)
        .executeTakeFirstOrThrow()
    ).password_hash;
  const audits = (action: string) =>
    get().ctx.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
  let seq = 0;
  const newUser = async (adminToken: string, password = PASSWORD) => {
    const username = `acc.user${++seq}`;
    const r = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: bearer(adminToken),
      payload: { username, password, displayName: "Trần Thị Bích", role: "leader", agencyId: officeId },
    });
    expect(r.statusCode).toBe(201);
    return { username, id: r.json().id as number };
  };

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: Object.fromEntries(USERS.map((u) => [u, PASSWORD])) });
    app = await testApp(get().ctx);
    officeId = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0].id;
  });

  describe("changing one's own password", () => {
    it("needs the current password, ends the other sessions, keeps this one and audits it", async () => {
      const admin = await token("admin", PASSWORD);
      const u = await newUser(admin);
      const here = await token(u.username, PASSWORD);
      const elsewhere = await token(u.username, PASSWORD);
      const before = await hashOf(u.username);

      const wrong = expectError(
        await change(here, "not-my-password", STRONG),
        400,
        "auth.wrong_current_password",
      );
      expect(wrong.field).toBe("currentPassword");
      expect(await hashOf(u.username)).toBe(before);

      const r = await change(here, PASSWORD, STRONG);
      expect(r.statusCode).toBe(200);
      expect((await app.inject({ url: "/api/auth/me", headers: bearer(here) })).statusCode).toBe(200);
      expectError(
        await app.inject({ url: "/api/auth/me", headers: bearer(elsewhere) }),
        401,
        "unauthenticated",
      );
      expectError(await login(u.username, PASSWORD), 401, "auth.bad_credentials");
      expect((await login(u.username, STRONG)).statusCode).toBe(200);

      const entry = (await audits("auth.password_changed")).find((e) => e.entity_id === String(u.id));
      expect(entry).toMatchObject({ entity: "user", actor_name: u.username });
      expect(JSON.stringify(entry)).not.toContain(STRONG);
    });

    it("refuses without a session, and refuses the same password again", async () => {
      expectError(
        await app.inject({
          method: "POST",
          url: "/api/auth/password",
          payload: { currentPassword: PASSWORD, newPassword: STRONG },
        }),
        401,
        "unauthenticated",
      );
      const admin = await token("admin", PASSWORD);
      const u = await newUser(admin);
      const t = await token(u.username, PASSWORD);
      expectError(await change(t, PASSWORD, PASSWORD), 400, "auth.same_password", "newPassword");
    });

    it("NFC-normalises: the same words typed with decomposed marks sign in", async () => {
      const admin = await token("admin", PASSWORD);
      const u = await newUser(admin);
      const t = await token(u.username, PASSWORD);
      expect((await change(t, PASSWORD, STRONG.normalize("NFD"))).statusCode).toBe(200);
      expect((await login(u.username, STRONG.normalize("NFC"))).statusCode).toBe(200);
      expect((await login(u.username, STRONG.normalize("NFD"))).statusCode).toBe(200);
    });

    it("still signs in a user whose hash was made from a decomposed password before normalising", async () => {
      const admin = await token("admin", PASSWORD);
      const u = await newUser(admin);
      const typed = "Mật khẩu cũ của tôi".normalize("NFD");
      await get()
        .ctx.db.updateTable("users")
        .set({ password_hash: await hash(typed) })
        .where("id", "=", u.id)
        .execute();
      expect((await login(u.username, typed)).statusCode).toBe(200);
    });
  });

  describe("strength rules: refused with a coded error naming the field, nothing changed", () => {
    const cases: [string, string, string][] = [
      ["aaaaaaaaaa", "user.weak_password", "a repeated letter"],
      ["1234567890", "user.weak_password", "a sequence"],
      [" ".repeat(10), "user.password_blank", "ten spaces"],
      ["short", "user.password_too_short", "too short"],
      ["x".repeat(129), "user.password_too_long", "too long"],
      ["matkhau2019", "user.weak_password", "the Vietnamese word for password"],
      ["quangnam@2019", "user.weak_password", "the province"],
    ];
    for (const [pw, code, what] of cases)
      it(`on change: ${what}`, async () => {
        const admin = await token("admin", PASSWORD);
        const u = await newUser(admin);
        const t = await token(u.username, PASSWORD);
        const before = await hashOf(u.username);
        const e = expectError(await change(t, PASSWORD, pw), 400, code, "newPassword");
        if (code === "user.password_too_long") expect(e.messageEn).toContain("at most 128");
        expect(await hashOf(u.username)).toBe(before);
      });

    it("on creation: the user's own user name and name, and a 201-character password", async () => {
      const admin = await token("admin", PASSWORD);
      const count = async () => (await get().ctx.db.selectFrom("users").select("id").execute()).length;
      const n = await count();
      const create = (username: string, password: string, displayName = "Nguyễn Văn Khoa") =>
        app.inject({
          method: "POST",
          url: "/api/users",
          headers: bearer(admin),
          payload: { username, password, displayName, role: "leader", agencyId: officeId },
        });
      expectError(await create("acc.khoa", "acc.khoa2019"), 400, "user.weak_password", "password");
      expectError(await create("acc.khoa", "nguyenvankhoa1"), 400, "user.weak_password", "password");
      const long = expectError(await create("acc.khoa", "y".repeat(201)), 400, "user.password_too_long");
      expect(long.message).toContain("tối đa 128");
      expect(await count()).toBe(n);
      expect((await create("acc.khoa", STRONG)).statusCode).toBe(201);
    });
  });

  describe("an administrator's reset", () => {
    it("forces a change at the next sign-in: every route but the change and signing out answers 403", async () => {
      const admin = await token("admin", PASSWORD);
      const u = await newUser(admin);
      const reset = await app.inject({
        method: "POST",
        url: `/api/users/${u.id}/reset-password`,
        headers: bearer(admin),
      });
      expect(reset.statusCode).toBe(200);
      const temporary = reset.json().password as string;
      const t = await token(u.username, temporary);

      const me = await app.inject({ url: "/api/auth/me", headers: bearer(t) });
      expect(me.json().user.mustChangePassword).toBe(true);
      // The app asks who is signed in through the session read: it stays open, and says so too.
      const session = await app.inject({ url: "/api/auth/session", headers: bearer(t) });
      expect(session.statusCode).toBe(200);
      expect(session.json().user).toMatchObject({ username: u.username, mustChangePassword: true });
      expectError(
        await app.inject({ url: `/api/agencies/${officeId}`, headers: bearer(t) }),
        403,
        "auth.password_change_required",
      );
      expectError(
        await app.inject({ url: "/api/audit", headers: bearer(t) }),
        403,
        "auth.password_change_required",
      );
      // The rules still hold for the forced change.
      expectError(await change(t, temporary, "1234567890"), 400, "user.weak_password", "newPassword");

      expect((await change(t, temporary, STRONG)).statusCode).toBe(200);
      expect((await app.inject({ url: `/api/agencies/${officeId}`, headers: bearer(t) })).statusCode).toBe(
        200,
      );
      const after = await app.inject({ url: "/api/auth/me", headers: bearer(t) });
      expect(after.json().user.mustChangePassword).toBe(false);

      const entries = (await audits("auth.password_changed")).filter((e) => e.entity_id === String(u.id));
      expect(entries.at(-1)?.after).toMatchObject({ forced: true });
      const resets = (await audits("user.password_reset")).filter((e) => e.entity_id === String(u.id));
      expect(resets).toHaveLength(1);
    });

    it("lets the user sign out while the change is pending", async () => {
      const admin = await token("admin", PASSWORD);
      const u = await newUser(admin);
      const reset = await app.inject({
        method: "POST",
        url: `/api/users/${u.id}/reset-password`,
        headers: bearer(admin),
      });
      const t = await token(u.username, reset.json().password);
      const out = await app.inject({ method: "POST", url: "/api/auth/logout", headers: bearer(t) });
      expect(out.statusCode).toBe(200);
      expectError(await app.inject({ url: "/api/auth/me", headers: bearer(t) }), 401, "unauthenticated");
    });
  });
});
