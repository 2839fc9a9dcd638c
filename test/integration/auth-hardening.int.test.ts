/**
 * Transport and sign-in hardening through the API: failed sign-ins are throttled per user name and
 * per address (429 with Retry-After, refused before any password is checked, alike for unknown user
 * names); answers and the app's files are compressed when the client accepts it, downloads and
 * uploads come through byte for byte; every answer carries the security headers.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { buildApp } from "../../server/app.ts";
import { LoginThrottle } from "../../server/modules/auth/throttle.ts";
import { countRows, expectError, multipart, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

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

const PASSWORDS = { "vp.daumoi": "daumoi-password-1", "vp.hctc": "hctc-password-1" };
const MIN = 60_000;

forEachEngine("sign-in throttling, compression and security headers", (get) => {
  let clock = 0;
  const apps: Awaited<ReturnType<typeof testApp>>[] = [];
  /** A fresh app with a throttle of its own on a clock the test moves. */
  async function freshApp() {
    clock = Date.parse("2025-03-01T08:00:00Z");
    const app = await buildApp(get().ctx, { loginThrottle: new LoginThrottle({ now: () => clock }) });
    apps.push(app);
    return app;
  }
  const login = (
    app: Awaited<ReturnType<typeof testApp>>,
    username: string,
    password: string,
    remoteAddress = "127.0.0.1",
  ) => app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password }, remoteAddress });

  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: PASSWORDS });
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  describe("sign-in throttling", () => {
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
          await login(app, `doan.${i % 10}`, "not-the-password", "127.0.0.7"),
          401,
          "auth.bad_credentials",
        );
      const r = await login(app, "vp.hctc", PASSWORDS["vp.hctc"], "127.0.0.7");
      expectError(r, 429, "auth.throttled");
      expect(Number(r.headers["retry-after"])).toBe(900);
      expect((await login(app, "vp.hctc", PASSWORDS["vp.hctc"], "127.0.0.8")).statusCode).toBe(200);
      clock += 15 * MIN;
      expect((await login(app, "vp.hctc", PASSWORDS["vp.hctc"], "127.0.0.7")).statusCode).toBe(200);
    });

    it("a user name held back on one address still signs in from another", async () => {
      const app = await freshApp();
      for (let i = 0; i < 5; i++) await login(app, "vp.daumoi", "not-the-password", "127.0.0.66");
      expectError(await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"], "127.0.0.66"), 429, "auth.throttled");
      expect((await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"], "127.0.0.67")).statusCode).toBe(200);
    });

    it("behind a configured proxy, each client is throttled by its forwarded address; otherwise the header is ignored", async () => {
      const forwarded = (app: Awaited<ReturnType<typeof testApp>>, client: string, password: string) =>
        app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { username: "vp.hctc", password },
          remoteAddress: "10.0.0.5",
          headers: { "x-forwarded-for": client },
        });
      clock = Date.parse("2025-03-01T08:00:00Z");
      const behind = await buildApp(
        { ...get().ctx, config: { ...get().ctx.config, TRUST_PROXY: "10.0.0.5" } },
        { loginThrottle: new LoginThrottle({ now: () => clock }) },
      );
      apps.push(behind);
      for (let i = 0; i < 5; i++) await forwarded(behind, "203.0.113.9", "not-the-password");
      expectError(await forwarded(behind, "203.0.113.9", PASSWORDS["vp.hctc"]), 429, "auth.throttled");
      expect((await forwarded(behind, "198.51.100.4", PASSWORDS["vp.hctc"])).statusCode).toBe(200);
      // Without TRUST_PROXY a client cannot pick its own address by sending the header.
      const direct = await freshApp();
      for (let i = 0; i < 5; i++) await forwarded(direct, `203.0.113.${i}`, "not-the-password");
      expectError(await forwarded(direct, "198.51.100.4", PASSWORDS["vp.hctc"]), 429, "auth.throttled");
    });

    it("keeps each app's throttle its own, so one app's held-back user signs in on another", async () => {
      const app = await freshApp();
      for (let i = 0; i < 5; i++) await login(app, "vp.daumoi", "not-the-password");
      expect((await login(app, "vp.daumoi", PASSWORDS["vp.daumoi"])).statusCode).toBe(429);
      const other = await testApp(get().ctx);
      apps.push(other);
      expect((await login(other, "vp.daumoi", PASSWORDS["vp.daumoi"])).statusCode).toBe(200);
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
