/**
 * Transport and sign-in hardening through the API. Sign-in throttling: failures are kept in the
 * database (429 with Retry-After, refused before any password is checked, alike for unknown user
 * names), so the throttle holds across a restart and across app instances on one database; a browser
 * that signed in before keeps an allowance of its own, so nobody can lock its owner out; a user
 * name failing from many addresses is slowed, not locked. Cross-site requests are refused before
 * anything is read. Answers and the app's files are compressed when the client accepts it, downloads
 * and uploads come through byte for byte; every answer carries the security headers.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { buildApp } from "../../server/app.ts";
import { SESSION_COOKIE } from "../../server/http.ts";
import { verifyChain } from "../../server/modules/audit/service.ts";
import * as repo from "../../server/modules/auth/repository.ts";
import { DEVICE_COOKIE } from "../../server/modules/auth/sign-in.ts";
import type { ThrottleOptions } from "../../server/modules/auth/throttle.ts";
import { countRows, expectError, multipart, signIn } from "../api.ts";
import { forEachEngine, type testApp } from "../db.ts";

// Counts password verifications, to show a throttled attempt never reaches argon2.
const argon = vi.hoisted(() => ({ verifications: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      argon.verifications++;
      return real.verify(...args);
    },
  };
});

const PASSWORDS = {
  "vp.daumoi": "daumoi-password-1",
  "vp.hctc": "hctc-password-1",
  admin: "admin-password-1",
};
const MIN = 60_000;
const run = promisify(execFile);
type App = Awaited<ReturnType<typeof testApp>>;

forEachEngine("sign-in throttling, cross-site requests, compression and security headers", (get, engine) => {
  let clock = 0;
  const apps: App[] = [];
  /** A new app on the test's database, its throttle on the clock the test moves. */
  async function freshApp(
    config: Partial<ReturnType<typeof get>["ctx"]["config"]> = {},
    opts: ThrottleOptions = {},
  ) {
    const ctx = get().ctx;
    const app = await buildApp(
      { ...ctx, config: { ...ctx.config, ...config } },
      { loginThrottle: { now: () => clock, ...opts } },
    );
    apps.push(app);
    return app;
  }
  const login = (
    app: App,
    username: string,
    password: string,
    opts: { remoteAddress?: string; device?: string; headers?: Record<string, string> } = {},
  ) =>
    app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username, password },
      remoteAddress: opts.remoteAddress ?? "127.0.0.1",
      headers: { ...opts.headers, ...(opts.device ? { cookie: `${DEVICE_COOKIE}=${opts.device}` } : {}) },
    });
  const deviceOf = (r: Awaited<ReturnType<typeof login>>) => r.cookies.find((c) => c.name === DEVICE_COOKIE);
  const auditActions = async (since: number) =>
    (
      await get()
        .ctx.db.selectFrom("audit_log")
        .select(["id", "action", "actor_id", "actor_name", "ip", "entity", "entity_id", "after"])
        .where("id", ">", since)
        .orderBy("id")
        .execute()
    ).map((r) => ({ ...r, id: Number(r.id) }));
  const auditHead = async () =>
    Number(
      (
        await get()
          .ctx.db.selectFrom("audit_log")
          .select((eb) => eb.fn.coalesce(eb.fn.max("id"), eb.lit(0)).as("id"))
          .executeTakeFirstOrThrow()
      ).id,
    );

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: PASSWORDS });
  });
  beforeEach(async () => {
    // Each test starts with no failures and no known devices; the clock at a fixed morning.
    clock = Date.parse("2025-03-01T08:00:00Z");
    await get().ctx.db.deleteFrom("login_failures").execute();
    await get().ctx.db.deleteFrom("login_devices").execute();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  // Dozens of argon2 checks a test: slow on a loaded machine.
  describe("sign-in throttling", { timeout: 120_000 }, () => {
    it("holds a user name back after five wrong passwords, refusing even the right one without checking it", async () => {
      const app = await freshApp();
      const before = argon.verifications;
      for (let i = 0; i < 5; i++)
        expectError(await login(app, "vp.daumoi", `wrong-${i}`), 401, "auth.bad_credentials");
      const sessions = await countRows(get().ctx.db, "sessions");
      const checked = argon.verifications;
      expect(checked).toBe(before + 5);
      const r = await login(app, "VP.DauMoi", PASSWORDS["vp.daumoi"]);
      const e = expectError(r, 429, "auth.throttled", null);
      expect(r.headers["retry-after"]).toBe("900");
      expect(e.message).toBe("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.");
      expect(e.messageEn).toBe("Too many failed sign-ins. Try again in 15 minutes.");
      expect(argon.verifications).toBe(checked);
      expect(await countRows(get().ctx.db, "sessions")).toBe(sessions);
      // Another user signs in from the same address as usual.
      expect((await login(app, "vp.hctc", PASSWORDS["vp.hctc"])).statusCode).toBe(200);
    });

    it("says the same of an unknown user name, so a refusal tells nothing about who exists", async () => {
      const app = await freshApp();
      const known: Awaited<ReturnType<typeof login>>[] = [];
      const unknown: Awaited<ReturnType<typeof login>>[] = [];
      for (let i = 0; i < 6; i++) {
        known.push(await login(app, "vp.daumoi", "not-the-password"));
        unknown.push(await login(app, "khong.ton.tai", "not-the-password"));
      }
      expect(known.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 429]);
      expect(unknown.map((r) => r.statusCode)).toEqual(known.map((r) => r.statusCode));
      for (let i = 0; i < 6; i++) {
        expect(unknown[i]!.body).toBe(known[i]!.body);
        expect(unknown[i]!.headers["retry-after"]).toBe(known[i]!.headers["retry-after"]);
      }
    });

    it("lets the user name in again once the window has passed, and a success clears its count", async () => {
      const app = await freshApp();
      for (let i = 0; i < 5; i++) await login(app, "vp.daumoi", "not-the-password");
      clock += 10 * MIN;
      const r = await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"]);
      expect(r.statusCode).toBe(429);
      expect(r.headers["retry-after"]).toBe(String(5 * 60));
      clock += 5 * MIN;
      expect((await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"])).statusCode).toBe(200);
      // After that success, four more failures are still answered as wrong passwords.
      for (let i = 0; i < 4; i++)
        expectError(await login(app, "vp.daumoi", "not-the-password"), 401, "auth.bad_credentials");
      expect((await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"])).statusCode).toBe(200);
    });

    it("holds back an address after thirty failures over any user names, but not other addresses", async () => {
      const app = await freshApp();
      for (let i = 0; i < 30; i++)
        expectError(
          await login(app, `doan.${i % 10}`, "not-the-password", { remoteAddress: "127.0.0.7" }),
          401,
          "auth.bad_credentials",
        );
      const r = await login(app, "vp.hctc", PASSWORDS["vp.hctc"], { remoteAddress: "127.0.0.7" });
      expectError(r, 429, "auth.throttled");
      expect(Number(r.headers["retry-after"])).toBe(900);
      expect(
        (await login(app, "vp.hctc", PASSWORDS["vp.hctc"], { remoteAddress: "127.0.0.8" })).statusCode,
      ).toBe(200);
      clock += 15 * MIN;
      expect(
        (await login(app, "vp.hctc", PASSWORDS["vp.hctc"], { remoteAddress: "127.0.0.7" })).statusCode,
      ).toBe(200);
    });

    it("behind a configured proxy, each client is throttled by its forwarded address; otherwise the header is ignored", async () => {
      const forwarded = (app: App, client: string, password: string) =>
        login(app, "vp.hctc", password, {
          remoteAddress: "10.0.0.5",
          headers: { "x-forwarded-for": client },
        });
      const behind = await freshApp({ TRUST_PROXY: "10.0.0.5" });
      for (let i = 0; i < 5; i++) await forwarded(behind, "203.0.113.9", "not-the-password");
      expectError(await forwarded(behind, "203.0.113.9", PASSWORDS["vp.hctc"]), 429, "auth.throttled");
      expect((await forwarded(behind, "198.51.100.4", PASSWORDS["vp.hctc"])).statusCode).toBe(200);
      // Without TRUST_PROXY a client cannot pick its own address by sending the header.
      await get().ctx.db.deleteFrom("login_failures").execute();
      const direct = await freshApp();
      for (let i = 0; i < 5; i++) await forwarded(direct, `203.0.113.${i}`, "not-the-password");
      expectError(await forwarded(direct, "198.51.100.4", PASSWORDS["vp.hctc"]), 429, "auth.throttled");
    });

    it("does not count a request the schema rejects", async () => {
      const app = await freshApp();
      for (let i = 0; i < 8; i++)
        expectError(
          await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "vp.daumoi" } }),
          400,
          "validation",
        );
      expect((await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"])).statusCode).toBe(200);
    });

    it("cannot lock the owner out: 5 wrong passwords from each of 10 addresses leave their device in, and their usual address slowed", async () => {
      const behind = { TRUST_PROXY: "10.0.0.5" };
      const app = await freshApp(behind);
      const from = (client: string, password: string, device?: string) =>
        login(app, "vp.daumoi", password, {
          remoteAddress: "10.0.0.5",
          headers: { "x-forwarded-for": client },
          device,
        });
      // Monday: the owner signs in from the office (203.0.113.10); the browser gets a device cookie.
      const first = await from("203.0.113.10", PASSWORDS["vp.daumoi"]);
      expect(first.statusCode).toBe(200);
      const device = deviceOf(first)!;
      expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/api/auth" });
      expect(device.maxAge).toBe(365 * 86_400);
      expect(device.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const stored = await get().ctx.db.selectFrom("login_devices").selectAll().execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.token_hash).not.toBe(device.value); // only a hash is kept
      expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);

      // Someone who knows the user name fails 5 times from each of 10 addresses, and from the office.
      clock += MIN;
      for (let a = 0; a < 10; a++)
        for (let i = 0; i < 5; i++)
          expectError(await from(`198.51.100.${a}`, `guess-${a}-${i}`), 401, "auth.bad_credentials");
      expect((await from("198.51.100.3", "guess")).statusCode).toBe(429);
      // The user name is now slowed everywhere else: one attempt per 5 seconds, a short Retry-After.
      const slowed = await from("192.0.2.77", "guess");
      expectError(slowed, 429, "auth.throttled");
      expect(Number(slowed.headers["retry-after"])).toBeGreaterThan(0);
      expect(Number(slowed.headers["retry-after"])).toBeLessThanOrEqual(5);
      expect(slowed.json().error.messageEn).toMatch(/Try again in [1-5] seconds?\./);

      // The owner's browser, from the office, gets straight in: its device is counted on its own.
      const ownDevice = await from("203.0.113.10", PASSWORDS["vp.daumoi"], device.value);
      expect(ownDevice.statusCode).toBe(200);
      // From the office in another browser (no device cookie): slowed, not locked.
      const otherBrowser = await from("203.0.113.10", PASSWORDS["vp.daumoi"]);
      expectError(otherBrowser, 429, "auth.throttled");
      const wait = Number(otherBrowser.headers["retry-after"]);
      expect(wait).toBeLessThanOrEqual(5);
      clock += wait * 1000;
      expect((await from("203.0.113.10", PASSWORDS["vp.daumoi"])).statusCode).toBe(200);
      // Still so a quarter of an hour of guessing later: the guesser gets one try per 5 s at most.
      for (let i = 0; i < 20; i++) {
        clock += 5_000;
        await from(`198.51.101.${i}`, "guess");
      }
      expect((await from("203.0.113.10", PASSWORDS["vp.daumoi"], device.value)).statusCode).toBe(200);
    });

    it("a device's allowance is its own: ten failures hold back only that browser, and only for that user name", async () => {
      const app = await freshApp();
      const first = await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"]);
      const device = deviceOf(first)!.value;
      for (let i = 0; i < 10; i++)
        expectError(await login(app, "vp.daumoi", `wrong-${i}`, { device }), 401, "auth.bad_credentials");
      expectError(await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"], { device }), 429, "auth.throttled");
      // The same address without that cookie, and that cookie for another user name, are not held back.
      expect((await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"])).statusCode).toBe(200);
      expect((await login(app, "vp.hctc", PASSWORDS["vp.hctc"], { device })).statusCode).toBe(200);
      // A device cookie this server never gave out counts for nothing, and is replaced on success.
      const madeUp = "A".repeat(43);
      for (let i = 0; i < 5; i++)
        await login(app, "vp.daumoi", `wrong-${i}`, { device: madeUp, remoteAddress: "127.0.0.9" });
      expectError(
        await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"], { device: madeUp, remoteAddress: "127.0.0.9" }),
        429,
        "auth.throttled",
      );
      const fresh = await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"], { device: madeUp });
      expect(fresh.statusCode).toBe(200);
      expect(deviceOf(fresh)!.value).not.toBe(madeUp);
      // A browser shared by two users keeps one cookie, known for both.
      const shared = await login(app, "vp.hctc", PASSWORDS["vp.hctc"], { device: deviceOf(fresh)!.value });
      expect(deviceOf(shared)!.value).toBe(deviceOf(fresh)!.value);
    });

    it("forgets a user's devices when an administrator resets the password", async () => {
      const app = await freshApp();
      const as = await signIn(app, { admin: PASSWORDS.admin });
      const office = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0];
      const created = await app.inject({
        method: "POST",
        url: "/api/users",
        headers: as("admin"),
        payload: {
          username: "vp.reset",
          password: "reset-password-1",
          displayName: "Đặt Lại",
          role: "leader",
          agencyId: office.id,
        },
      });
      const userId = created.json().id;
      const r = await login(app, "vp.reset", "reset-password-1");
      const device = deviceOf(r)!.value;
      const devices = async () =>
        (await get().ctx.db.selectFrom("login_devices").select("user_id").execute()).map((d) => d.user_id);
      expect(await devices()).toContain(userId);
      const reset = await app.inject({
        method: "POST",
        url: `/api/users/${userId}/reset-password`,
        headers: as("admin"),
      });
      expect(reset.statusCode).toBe(200);
      expect(await devices()).not.toContain(userId);
      expect(await devices()).toHaveLength(1); // the administrator's own
      // The old browser is now one like any other: five failures from its address hold it back.
      for (let i = 0; i < 5; i++) await login(app, "vp.reset", `wrong-${i}`, { device });
      expectError(await login(app, "vp.reset", reset.json().password, { device }), 429, "auth.throttled");
    });

    it("keeps the count in the database: it holds across a restart and across two app instances", async () => {
      const first = await freshApp();
      for (let i = 0; i < 3; i++) await login(first, "vp.daumoi", "not-the-password");
      await first.close();
      // A new process on the same database remembers the three failures.
      const restarted = await freshApp();
      for (let i = 0; i < 2; i++)
        expectError(await login(restarted, "vp.daumoi", "not-the-password"), 401, "auth.bad_credentials");
      expectError(await login(restarted, "vp.daumoi", PASSWORDS["vp.daumoi"]), 429, "auth.throttled");
      // Two instances side by side share it: one's failures hold the user name back on the other.
      const other = await freshApp();
      expectError(await login(other, "vp.daumoi", PASSWORDS["vp.daumoi"]), 429, "auth.throttled");
      for (let i = 0; i < 3; i++)
        await login(restarted, "vp.hctc", "not-the-password", { remoteAddress: "127.0.0.3" });
      for (let i = 0; i < 2; i++)
        await login(other, "vp.hctc", "not-the-password", { remoteAddress: "127.0.0.3" });
      expectError(
        await login(restarted, "vp.hctc", PASSWORDS["vp.hctc"], { remoteAddress: "127.0.0.3" }),
        429,
        "auth.throttled",
      );
    });

    it("lets exactly five of many parallel guesses through, from two instances at once", async () => {
      const a = await freshApp();
      const b = await freshApp();
      const before = argon.verifications;
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) => login(i % 2 ? a : b, "vp.daumoi", `guess-${i}`)),
      );
      const codes = answers.map((r) => r.statusCode).sort();
      expect(codes.filter((c) => c === 401)).toHaveLength(5);
      expect(codes.filter((c) => c === 429)).toHaveLength(11);
      expect(argon.verifications - before).toBe(5);
    });

    it("prunes failures older than the window as new ones come", async () => {
      const app = await freshApp();
      for (let i = 0; i < 4; i++) await login(app, `prune.${i}`, "not-the-password");
      expect(await countRows(get().ctx.db, "login_failures")).toBe(4);
      clock += 16 * MIN;
      await login(app, "prune.x", "not-the-password");
      expect(await countRows(get().ctx.db, "login_failures")).toBe(1);
    });

    it("records sign-ins, failures, refusals and sign-outs in the audit trail, never a password", async () => {
      const app = await freshApp();
      const since = await auditHead();
      const ok = await login(app, "vp.hctc", PASSWORDS["vp.hctc"], { remoteAddress: "127.0.0.21" });
      await login(app, "vp.hctc", "wrong-password-1", { remoteAddress: "127.0.0.21" });
      await login(app, "khong.ton.tai", "wrong-password-2", { remoteAddress: "127.0.0.21" });
      for (let i = 0; i < 5; i++)
        await login(app, "vp.daumoi", "wrong-password-3", { remoteAddress: "127.0.0.22" });
      // Refused three times in a row: recorded once (a flood must not flood the trail).
      for (let i = 0; i < 3; i++)
        await login(app, "vp.daumoi", "wrong-password-4", { remoteAddress: "127.0.0.22" });
      await app.inject({
        method: "POST",
        url: "/api/auth/logout",
        headers: { authorization: `Bearer ${ok.json().token}` },
      });
      // Logging out again with the same (now dead) token records nothing more.
      await app.inject({
        method: "POST",
        url: "/api/auth/logout",
        headers: { authorization: `Bearer ${ok.json().token}` },
      });
      const entries = await auditActions(since);
      expect(entries.map((e) => e.action)).toEqual([
        "auth.login",
        "auth.login_failed",
        "auth.login_failed",
        ...Array(5).fill("auth.login_failed"),
        "auth.throttled",
        "auth.logout",
      ]);
      const [signedIn, wrong, unknown] = entries;
      const hctc = (
        await get()
          .ctx.db.selectFrom("users")
          .select("id")
          .where("username", "=", "vp.hctc")
          .executeTakeFirstOrThrow()
      ).id;
      expect(signedIn).toMatchObject({
        actor_id: hctc,
        actor_name: "vp.hctc",
        ip: "127.0.0.21",
        entity: "session",
      });
      expect(wrong).toMatchObject({
        actor_id: hctc,
        actor_name: "vp.hctc",
        entity: "login",
        entity_id: "vp.hctc",
      });
      expect(wrong!.after).toMatchObject({ reason: "bad_password" });
      expect(unknown).toMatchObject({
        actor_id: null,
        actor_name: "khong.ton.tai",
        ip: "127.0.0.21",
        entity_id: "khong.ton.tai",
      });
      expect(entries.at(-2)).toMatchObject({
        action: "auth.throttled",
        actor_name: "vp.daumoi",
        ip: "127.0.0.22",
      });
      expect(entries.at(-1)).toMatchObject({
        action: "auth.logout",
        actor_id: hctc,
        entity_id: signedIn!.entity_id,
      });
      const text = JSON.stringify(entries);
      for (const secret of ["wrong-password", PASSWORDS["vp.hctc"], ok.json().token, deviceOf(ok)!.value])
        expect(text).not.toContain(secret);
      expect((await verifyChain(get().ctx.db)).ok).toBe(true);
    });

    it("records users created, changed and reset by the administrator, before and after, with no secret", async () => {
      const app = await freshApp();
      const as = await signIn(app, { admin: PASSWORDS.admin });
      const office = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0];
      const since = await auditHead();
      const created = await app.inject({
        method: "POST",
        url: "/api/users",
        headers: as("admin"),
        payload: {
          username: "vp.audit",
          password: "audit-password-1",
          displayName: "Người Kiểm",
          role: "leader",
          agencyId: office.id,
        },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      const patch = (payload: object) =>
        app.inject({ method: "PATCH", url: `/api/users/${id}`, headers: as("admin"), payload });
      expect((await patch({ role: "focal_point", disabled: true })).statusCode).toBe(200);
      expect((await patch({ displayName: "Người Kiểm" })).statusCode).toBe(200); // no change: no entry
      const reset = await app.inject({
        method: "POST",
        url: `/api/users/${id}/reset-password`,
        headers: as("admin"),
      });
      const entries = await auditActions(since);
      expect(entries.map((e) => e.action)).toEqual(["user.created", "user.updated", "user.password_reset"]);
      const admin = (await app.inject({ url: "/api/auth/me", headers: as("admin") })).json().user.id;
      for (const e of entries)
        expect(e).toMatchObject({
          actor_id: admin,
          actor_name: "admin",
          entity: "user",
          entity_id: String(id),
        });
      expect(entries[0]!.after).toEqual({
        username: "vp.audit",
        displayName: "Người Kiểm",
        role: "leader",
        agencyId: office.id,
        unitId: null,
      });
      const full = await get()
        .ctx.db.selectFrom("audit_log")
        .select(["before", "after"])
        .where("id", "=", entries[1]!.id)
        .executeTakeFirstOrThrow();
      // (The trail writes booleans as text: core/audit.ts's auditValue.)
      expect(full.before).toEqual({ role: "leader", disabled: false });
      expect(full.after).toEqual({ role: "focal_point", disabled: true });
      const text = JSON.stringify(await auditActions(since));
      for (const secret of ["audit-password-1", reset.json().password, "$argon2"])
        expect(text).not.toContain(secret);
    });
  });

  describe("the throttle's store", () => {
    it("answers what the decision needs: newest first, at most the limit, within the window, devices apart", async () => {
      const db = get().ctx.db;
      const t0 = Date.parse("2025-03-01T08:00:00Z");
      const rows = [
        // [minutes after t0, user name, address, device]
        [0, "an", "10.0.0.1", null],
        [1, "an", "10.0.0.1", null],
        [2, "an", "10.0.0.2", null],
        [3, "binh", "10.0.0.1", null],
        [4, "an", "10.0.0.1", "dev-an"],
        [5, "an", "10.0.0.1", null],
        [6, "an", "10.0.0.1", "dev-an"],
        [7, "an", "10.0.0.1", "dev-x"],
      ] as const;
      const ids: number[] = [];
      for (const [m, username, address, device] of rows)
        ids.push(await repo.insertFailure(db, { at: new Date(t0 + m * MIN), username, address, device }));
      const at = (...ms: number[]) => ms.map((m) => t0 + m * MIN);
      const since = new Date(t0 + 0.5 * MIN);
      expect(await repo.recentFailures(db, { username: "an", address: "10.0.0.1" }, since, 10)).toEqual(
        at(5, 1),
      );
      expect(
        await repo.recentFailures(db, { username: "an", address: "10.0.0.1" }, new Date(t0 - 1), 2),
      ).toEqual(at(5, 1));
      expect(await repo.recentFailures(db, { address: "10.0.0.1" }, new Date(t0 - 1), 10)).toEqual(
        at(5, 3, 1, 0),
      );
      expect(await repo.recentFailures(db, { username: "an" }, new Date(t0 - 1), 10)).toEqual(at(5, 2, 1, 0));
      expect(
        await repo.recentFailures(db, { device: "dev-an", username: "an" }, new Date(t0 - 1), 10),
      ).toEqual(at(6, 4));
      expect(
        await repo.recentFailures(db, { device: "dev-an", username: "binh" }, new Date(t0 - 1), 10),
      ).toEqual([]);
      // A success takes its charge back and clears the user name's failures where it signed in.
      await repo.clearFailuresAfterSuccess(db, ids[2]!, { username: "an", address: "10.0.0.1" });
      expect(await repo.recentFailures(db, { username: "an" }, new Date(t0 - 1), 10)).toEqual([]);
      expect(await repo.recentFailures(db, { address: "10.0.0.1" }, new Date(t0 - 1), 10)).toEqual(at(3));
      expect(
        await repo.recentFailures(db, { device: "dev-an", username: "an" }, new Date(t0 - 1), 10),
      ).toEqual(at(6, 4));
      await repo.clearFailuresAfterSuccess(db, ids[7]!, { username: "an", device: "dev-an" });
      expect(await countRows(db, "login_failures")).toBe(1);
      await repo.pruneFailures(db, new Date(t0 + 4 * MIN));
      expect(await countRows(db, "login_failures")).toBe(0);
    });
  });

  describe("the command line", () => {
    // The embedded test database lives in this process's memory: another process reaches only PostgreSQL.
    it.skipIf(engine !== "postgres")(
      "records a user added by `parindex users add` as done by the cli",
      { timeout: 120_000 },
      async () => {
        const db = get().ctx.db;
        const name = (await sql<{ n: string }>`select current_database() as n`.execute(db)).rows[0]!.n;
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/${name}`;
        const since = await auditHead();
        const args = [
          "users",
          "add",
          "--username",
          "cli.added",
          "--role",
          "leader",
          "--name",
          "Do CLI",
          "--agency",
          "VPUBND",
        ];
        await run(
          process.execPath,
          [path.resolve("bin/parindex.mjs"), ...args, "--password", "cli-password-1"],
          {
            env: { ...process.env, DATABASE_URL: url.toString(), DATA_DIR: get().ctx.config.dataDir },
            timeout: 110_000,
          },
        );
        const entries = await db
          .selectFrom("audit_log")
          .select(["action", "actor_id", "actor_name", "actor_role", "session", "ip", "entity", "after"])
          .where("id", ">", since)
          .execute();
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({
          action: "user.created",
          actor_id: null,
          actor_name: "cli",
          actor_role: "system",
          session: null,
          ip: null,
          entity: "user",
        });
        expect(entries[0]!.after).toMatchObject({ username: "cli.added", role: "leader" });
        expect(JSON.stringify(entries)).not.toContain("cli-password-1");
      },
    );
  });

  describe("cross-site requests", () => {
    let app: App;
    let cookie: string;
    let taskId: number;
    let planId: number;
    const evil = { origin: "https://evil.example" };

    beforeEach(async () => {
      app = await freshApp();
      const r = await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"]);
      cookie = `${SESSION_COOKIE}=${r.json().token}`;
      const office = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0];
      planId = (await app.inject({ url: `/api/agencies/${office.id}/plans` })).json().items[0].id;
      taskId = (await app.inject({ url: `/api/plans/${planId}/tasks` })).json().items[0].id;
    });

    const state = async () => ({
      published: (
        await get()
          .ctx.db.selectFrom("plans")
          .select("published_at")
          .where("id", "=", planId)
          .executeTakeFirstOrThrow()
      ).published_at,
      updates: await countRows(get().ctx.db, "task_updates"),
      evidence: await countRows(get().ctx.db, "evidence"),
    });

    it("refuses a forged request with the session cookie, whatever its body, before reading it", async () => {
      const before = await state();
      const pdf = Buffer.from("%PDF-1.4\n%%EOF\n", "latin1");
      const m = multipart([
        { name: "data", value: JSON.stringify({ progress: 30, note: "giả mạo" }) },
        { name: "file", filename: "x.pdf", contentType: "application/pdf", content: pdf },
      ]);
      const forged = [
        // A script on another site (fetch with credentials) sending JSON.
        {
          method: "POST",
          url: `/api/plans/${planId}/unpublish`,
          headers: { ...evil, "content-type": "application/json" },
          payload: "{}",
        },
        // A plain HTML form: text/plain and urlencoded, which need no permission to send.
        {
          method: "POST",
          url: `/api/tasks/${taskId}/updates`,
          headers: { ...evil, "content-type": "text/plain" },
          payload: '{"progress":30}',
        },
        {
          method: "POST",
          url: `/api/plans/${planId}/unpublish`,
          headers: { ...evil, "content-type": "application/x-www-form-urlencoded" },
          payload: "a=1",
        },
        // A form with a file.
        {
          method: "POST",
          url: `/api/tasks/${taskId}/updates`,
          headers: { ...evil, ...m.headers },
          payload: m.payload,
        },
        // What every current browser adds: Sec-Fetch-Site.
        {
          method: "POST",
          url: `/api/plans/${planId}/unpublish`,
          headers: { "sec-fetch-site": "cross-site", "content-type": "application/json" },
          payload: "{}",
        },
        {
          method: "POST",
          url: `/api/plans/${planId}/unpublish`,
          headers: { "sec-fetch-site": "same-site", "content-type": "application/json" },
          payload: "{}",
        },
        // A sandboxed frame or a file: page says Origin: null.
        {
          method: "POST",
          url: `/api/plans/${planId}/unpublish`,
          headers: { origin: "null", "content-type": "application/json" },
          payload: "{}",
        },
        // Signing in someone else's browser into the attacker's account is forgery too.
        {
          method: "POST",
          url: "/api/auth/login",
          headers: { ...evil, "content-type": "application/json" },
          payload: JSON.stringify({ username: "vp.daumoi", password: PASSWORDS["vp.daumoi"] }),
        },
      ] as const;
      for (const f of forged) {
        const r = await app.inject({ ...f, headers: { ...f.headers, cookie } });
        const e = expectError(r, 403, "csrf.cross_origin", null);
        expect(e.messageEn).toMatch(/another website/);
      }
      expect(await state()).toEqual(before);
    });

    it("lets the app's own pages, the dev server's proxy, PUBLIC_ORIGIN and programs without a browser through", async () => {
      // A write anyone of the Office may repeat: a note on a task of its plan (201 each time).
      const write = async (a: App, headers: Record<string, string>) =>
        a.inject({
          method: "POST",
          url: `/api/tasks/${taskId}/updates`,
          headers: { cookie, "content-type": "application/json", ...headers },
          payload: JSON.stringify({ note: "Đã họp triển khai" }),
        });
      // The app's page at its own origin (inject's Host is localhost:80).
      expect(
        (await write(app, { origin: "http://localhost", "sec-fetch-site": "same-origin" })).statusCode,
      ).toBe(201);
      expect((await write(app, { origin: "http://localhost" })).statusCode).toBe(201);
      // `npm run dev`: Vite on :5173 proxies /api; the browser says same-origin, Origin is Vite's.
      expect(
        (
          await write(app, {
            origin: "http://localhost:5173",
            host: "127.0.0.1:3000",
            "sec-fetch-site": "same-origin",
          })
        ).statusCode,
      ).toBe(201);
      // curl, the CLI, an API client: no Origin, no Sec-Fetch-Site.
      expect((await write(app, {})).statusCode).toBe(201);
      // Behind a proxy that forwards the public host and scheme, or with PUBLIC_ORIGIN.
      const proxied = await freshApp({ TRUST_PROXY: "10.0.0.5" });
      const viaProxy = {
        origin: "https://cchc.example.gov.vn",
        "x-forwarded-host": "cchc.example.gov.vn",
        "x-forwarded-proto": "https",
      };
      expect(
        (
          await proxied.inject({
            method: "POST",
            url: `/api/tasks/${taskId}/updates`,
            remoteAddress: "10.0.0.5",
            headers: { cookie, "content-type": "application/json", ...viaProxy },
            payload: JSON.stringify({ note: "Qua máy chủ trung gian" }),
          })
        ).statusCode,
      ).toBe(201);
      // The same forwarded headers from anyone but the proxy are not believed.
      expectError(
        await proxied.inject({
          method: "POST",
          url: `/api/plans/${planId}/unpublish`,
          remoteAddress: "198.51.100.1",
          headers: { cookie, "content-type": "application/json", ...viaProxy },
          payload: "{}",
        }),
        403,
        "csrf.cross_origin",
      );
      const listed = await freshApp({ PUBLIC_ORIGIN: ["https://cchc.example.gov.vn"] });
      expect((await write(listed, { origin: "https://cchc.example.gov.vn" })).statusCode).toBe(201);
      expectError(
        await write(listed, { origin: "https://cchc.example.gov.vn.evil.example" }),
        403,
        "csrf.cross_origin",
      );
      // Reading is never refused, whatever the origin.
      expect(
        (
          await app.inject({
            url: `/api/plans/${planId}`,
            headers: { ...evil, cookie, "sec-fetch-site": "cross-site" },
          })
        ).statusCode,
      ).toBe(200);
    });

    it("refuses text/plain and form bodies even from the app's own origin, with a coded 415", async () => {
      const before = await state();
      for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded"]) {
        const r = await app.inject({
          method: "POST",
          url: `/api/tasks/${taskId}/updates`,
          headers: { cookie, "content-type": type },
          payload: type.startsWith("text") ? '{"progress":30}' : "progress=30",
        });
        const e = expectError(r, 415, "unsupported_media_type", null);
        expect(e.messageEn).toMatch(/application\/json/);
      }
      expect(await state()).toEqual(before);
    });
  });

  describe("compression and headers", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-dist-"));
    // Big and repetitive enough to be worth compressing, like the real bundle.
    const JS = Array.from({ length: 2000 }, (_, i) => `export const x${i} = "giá trị ${i}";`).join("\n");
    let app: Awaited<ReturnType<typeof testApp>>;
    let as: (user: string) => { authorization: string };

    beforeAll(async () => {
      fs.mkdirSync(path.join(dist, "assets"));
      fs.writeFileSync(path.join(dist, "index.html"), '<!doctype html><div id="root"></div>');
      fs.writeFileSync(path.join(dist, "assets", "index-abc123.js"), JS);
      const ctx = get().ctx;
      app = await buildApp({ ...ctx, config: { ...ctx.config, appDist: dist } });
      as = await signIn(app, PASSWORDS);
    });
    afterAll(async () => {
      await app.close();
      fs.rmSync(dist, { recursive: true, force: true });
    });

    const unzip = { gzip: zlib.gunzipSync, br: zlib.brotliDecompressSync } as const;

    it("compresses a JSON answer for a client that accepts gzip or br, to the same content", async () => {
      const plain = await app.inject({ url: "/api/openapi.json" });
      expect(plain.headers["content-encoding"]).toBeUndefined();
      for (const enc of ["gzip", "br"] as const) {
        const r = await app.inject({ url: "/api/openapi.json", headers: { "accept-encoding": enc } });
        expect(r.statusCode).toBe(200);
        expect(r.headers["content-encoding"]).toBe(enc);
        expect(r.headers.vary).toContain("accept-encoding");
        const body = unzip[enc](r.rawPayload);
        expect(r.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
        expect(JSON.parse(body.toString("utf8"))).toEqual(plain.json());
      }
    });

    it("compresses the app's script and keeps its long caching", async () => {
      const r = await app.inject({
        url: "/assets/index-abc123.js",
        headers: { "accept-encoding": "gzip, br" },
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers["content-encoding"]).toBe("br");
      expect(r.headers["cache-control"]).toContain("immutable");
      expect(r.rawPayload.length).toBeLessThan(Buffer.byteLength(JS) / 3);
      expect(zlib.brotliDecompressSync(r.rawPayload).toString("utf8")).toBe(JS);
      const g = await app.inject({ url: "/assets/index-abc123.js", headers: { "accept-encoding": "gzip" } });
      expect(zlib.gunzipSync(g.rawPayload).toString("utf8")).toBe(JS);
    });

    it("uploads a file and downloads it, and the plan's Word and PDF, byte for byte under compression", async () => {
      const office = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0];
      const planId = (await app.inject({ url: `/api/agencies/${office.id}/plans` })).json().items[0].id;
      const tasks = (await app.inject({ url: `/api/plans/${planId}/tasks` })).json().items;
      const taskId = tasks.find((t: { title: string }) => t.title === "Kiểm tra cải cách hành chính").id;
      // A PDF bigger than the compression threshold, full of repetition.
      const pdf = Buffer.from(`%PDF-1.4\n${"0 0 0 rg\n".repeat(1000)}%%EOF\n`, "latin1");
      const m = multipart([
        { name: "data", value: JSON.stringify({ progress: 30, note: "Có biên bản" }) },
        { name: "file", filename: "bien-ban.pdf", contentType: "application/pdf", content: pdf },
      ]);
      const gz = { "accept-encoding": "gzip, br" };
      const up = await app.inject({
        method: "POST",
        url: `/api/tasks/${taskId}/updates`,
        payload: m.payload,
        headers: { ...m.headers, ...as("vp.hctc"), ...gz },
      });
      expect(up.statusCode).toBe(201);
      const task = (await app.inject({ url: `/api/tasks/${taskId}`, headers: as("vp.hctc") })).json();
      const evidenceId = task.updates.at(-1).evidence[0].id;
      const file = await app.inject({
        url: `/api/evidence/${evidenceId}/file`,
        headers: { ...as("vp.hctc"), ...gz },
      });
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toBe("application/pdf");
      expect(file.headers["content-encoding"]).toBeUndefined();
      expect(file.rawPayload.equals(pdf)).toBe(true);
      for (const [format, magic] of [
        ["docx", "PK"],
        ["pdf", "%PDF-"],
      ] as const) {
        const r = await app.inject({ url: `/api/plans/${planId}/document?format=${format}`, headers: gz });
        expect(r.statusCode).toBe(200);
        expect(r.headers["content-encoding"]).toBeUndefined();
        expect(r.headers["content-disposition"]).toContain(`.${format}`);
        expect(r.rawPayload.subarray(0, magic.length).toString("latin1")).toBe(magic);
      }
    });

    it("sends the security headers with every answer, and the content policy with the app's page", async () => {
      const page = await app.inject({ url: "/plans/1" });
      const json = await app.inject({ url: "/api/auth/me" });
      const miss = await app.inject({ url: "/api/nope" });
      for (const r of [page, json, miss]) {
        expect(r.headers["x-content-type-options"]).toBe("nosniff");
        expect(r.headers["referrer-policy"]).toBe("same-origin");
        expect(r.headers["x-frame-options"]).toBe("SAMEORIGIN");
      }
      const csp = String(page.headers["content-security-policy"]);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(json.headers["content-security-policy"]).toBeUndefined();
    });
  });
});
