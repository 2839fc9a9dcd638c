/**
 * Browser journeys: each test file gets, per database engine, a fresh database with the demo loaded
 * (known passwords), the real server on a free port serving the web app built for this run, and
 * Debian's Chromium driven by playwright-core. Tests add the data they need through the API.
 *
 * Chromium is required under CI=true (a missing browser fails the journeys); elsewhere the journeys
 * are reported as skipped, and `npm test` says so.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_USERNAMES, seedDemo } from "../../demo/load.ts";
import { buildApp } from "../../server/app.ts";
import { verifyAudit } from "../../server/modules/audit/verify.ts";
import { createTestDb, ENGINES, type EngineName, engineAvailable, type TestDb } from "../db.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = () => fs.existsSync(CHROMIUM) || process.env.CI === "true";
const SCREENSHOTS = path.resolve(import.meta.dirname, "..", "..", "test-results", "screenshots");

/** Every demo user signs in with this password in the browser tests. */
export const PASSWORD = "journey-Passw0rd";

export interface Journey {
  engine: EngineName;
  baseUrl: string;
  db: TestDb;
  app: FastifyInstance;
  /** A new page, optionally already signed in as a demo user; console errors are collected. */
  page(opts?: { user?: string; width?: number; height?: number; lang?: "vi" | "en" }): Promise<Page>;
  /** Signs in through the login form, as a person would. */
  login(page: Page, user: string): Promise<void>;
  /** Calls the API as a user (or anonymously with null) and returns status and JSON. */
  api<T = any>(
    user: string | null,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: T }>;
  /** Saves a screenshot as a test artefact: test-results/screenshots/<name>.<engine>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Fails when the page logged an error to the console or threw. */
  expectNoConsoleErrors(page: Page): void;
  /** Runs axe-core's WCAG 2.1 A/AA rules on the page; fails on serious or critical violations. */
  expectAccessible(page: Page): Promise<void>;
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const consoleErrors = new WeakMap<Page, string[]>();

export function journeys(name: string, body: (j: () => Journey) => void) {
  for (const engine of ENGINES) {
    describe.skipIf(!engineAvailable(engine) || !chromiumAvailable())(
      `${name} [${engine}]`,
      { timeout: 90_000 },
      () => {
        let journey: Journey | null = null;
        let browser: Browser | null = null;
        let db: TestDb | null = null;
        let app: FastifyInstance | null = null;
        const contexts: BrowserContext[] = [];
        const tokens = new Map<string, string>();

        beforeAll(async () => {
          if (!fs.existsSync(CHROMIUM))
            throw new Error(
              `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium)`,
            );
          // A fresh demo as `npm start` loads it: the clock stands on the demo's day.
          db = await createTestDb(engine, { demoClock: true });
          const dist = process.env.PARINDEX_APP_DIST;
          if (!dist)
            throw new Error("PARINDEX_APP_DIST is not set: run the tests through vitest's global setup");
          db.ctx.config = { ...db.ctx.config, appDist: dist, UPLOAD_MAX_MB: 5 };
          await seedDemo(db.ctx, { passwords: Object.fromEntries(DEMO_USERNAMES.map((u) => [u, PASSWORD])) });
          app = await buildApp(db.ctx);
          const address = await app.listen({ port: 0, host: "127.0.0.1" });
          browser = await chromium.launch({
            executablePath: CHROMIUM,
            args: [
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-quic",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--disable-dev-shm-usage",
            ],
          });
          const b = browser;
          const a = app;
          const d = db;
          const api: Journey["api"] = async (user, method, url, body) => {
            const headers: Record<string, string> = {};
            if (user) {
              if (!tokens.has(user)) {
                const r = await a.inject({
                  method: "POST",
                  url: "/api/auth/login",
                  payload: { username: user, password: PASSWORD },
                });
                if (r.statusCode !== 200) throw new Error(`cannot sign in as ${user}: ${r.body}`);
                tokens.set(user, r.json().token);
              }
              headers.authorization = `Bearer ${tokens.get(user)}`;
            }
            const r = await a.inject({
              method: method as "GET",
              url: `/api${url}`,
              headers,
              payload: body as object,
            });
            return { status: r.statusCode, json: (r.body ? r.json() : undefined) as never };
          };
          journey = {
            engine,
            baseUrl: address,
            db: d,
            app: a,
            api,
            async page(opts = {}) {
              const context = await b.newContext({
                viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
                locale: "vi-VN",
                timezoneId: "Asia/Ho_Chi_Minh",
                baseURL: address,
              });
              contexts.push(context);
              if (opts.lang === "en")
                await context.addInitScript(() => localStorage.setItem("parindex.lang", "en"));
              if (opts.user) {
                const r = await context.request.post(`${address}/api/auth/login`, {
                  data: { username: opts.user, password: PASSWORD },
                });
                if (!r.ok()) throw new Error(`cannot sign in as ${opts.user}: ${await r.text()}`);
              }
              const page = await context.newPage();
              page.setDefaultTimeout(15_000);
              const errors: string[] = [];
              consoleErrors.set(page, errors);
              page.on("console", (m) => {
                if (m.type() === "error") errors.push(m.text());
              });
              page.on("pageerror", (e) => errors.push(`${e.name}: ${e.message}`));
              return page;
            },
            async login(page, user) {
              await page.goto("/login");
              await page.getByLabel(/Tên đăng nhập|User name/).fill(user);
              await page.getByLabel(/Mật khẩu|Password/).fill(PASSWORD);
              await page.getByRole("button", { name: /Đăng nhập|Sign in/ }).click();
              await page.waitForURL((u) => !u.pathname.startsWith("/login"));
            },
            async screenshot(page, name) {
              fs.mkdirSync(SCREENSHOTS, { recursive: true });
              const file = path.join(SCREENSHOTS, `${name}.${engine}.png`);
              await page.screenshot({ path: file, fullPage: true });
              return file;
            },
            async expectAccessible(page) {
              // Contrast is judged on the settled page: a popover or a select's list fading out
              // (half transparent, its listbox without a name) is not what a person reads.
              await page
                .waitForFunction(
                  () => !document.querySelector(".ant-select-dropdown:not(.ant-select-dropdown-hidden)"),
                  null,
                  { timeout: 3000 },
                )
                .catch(() => undefined);
              await page.evaluate(() => {
                const ending = document
                  .getAnimations()
                  .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
                  .map((a) => a.finished.catch(() => undefined));
                return Promise.race([Promise.all(ending), new Promise((r) => setTimeout(r, 2000))]);
              });
              // Evaluated, not added as a <script>: the page's content policy refuses inline scripts.
              await page.evaluate(fs.readFileSync(AXE, "utf8"));
              const violations = await page.evaluate(async () => {
                const axe = (
                  window as unknown as { axe: { run(o: unknown): Promise<{ violations: AxeViolation[] }> } }
                ).axe;
                const r = await axe.run({
                  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
                });
                return r.violations.map((v) => ({
                  id: v.id,
                  impact: v.impact,
                  help: v.help,
                  nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
                }));
              });
              const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
              expect(serious, `WCAG violations on ${page.url()}`).toEqual([]);
            },
            expectNoConsoleErrors(page) {
              // Expected HTTP failures (a 403 the test provokes) are logged by Chromium as resource errors.
              const errors = (consoleErrors.get(page) ?? []).filter(
                (e) => !/Failed to load resource/.test(e),
              );
              expect(errors, "errors in the browser console").toEqual([]);
            },
          };
        });

        afterAll(async () => {
          for (const c of contexts) await c.close().catch(() => undefined);
          await browser?.close().catch(() => undefined);
          await app?.close();
          await db?.close();
        });

        body(() => {
          if (!journey) throw new Error(`no ${engine} journey (see the error of beforeAll)`);
          return journey;
        });

        // Everything the journey did through the pages is in the audit trail, and the chain holds.
        test("leaves an audit trail whose hash chain verifies", async () => {
          if (!db) throw new Error(`no ${engine} database (see the error of beforeAll)`);
          const check = await verifyAudit(db.ctx.db);
          expect(check).toMatchObject({ ok: true });
          expect(check.length).toBeGreaterThan(1);
        });
      },
    );
  }
}

/** Pages load lazily and fetch: give them time (vitest polls for 1 s by default). */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

/**
 * Chooses an option of the antd Select labelled `label` (its visible list, not the hidden one for
 * screen readers), typing `type` first to search; `scope` narrows the label to a dialog.
 */
export async function choose(
  page: Page,
  label: string,
  option: string | RegExp,
  type?: string,
  scope: Page | Locator = page,
) {
  const select = scope.getByLabel(label, { exact: true });
  await select.click();
  if (type) await select.fill(type);
  const list = page.locator(".ant-select-dropdown:visible").last();
  await settled(list);
  const item = list.locator(".ant-select-item-option").filter({ hasText: option }).first();
  await item.click();
  // Taken when a single select's list closes or a multiple select marks the option; a click lost in
  // an animation does neither.
  await expect
    .poll(
      async () =>
        !(await list.isVisible()) ||
        /ant-select-item-option-selected/.test(
          (await item.getAttribute("class", { timeout: 500 }).catch(() => "")) ?? "",
        ),
      { timeout: 10_000 },
    )
    .toBe(true);
}

/**
 * Waits until an antd popup (a select's list, a popconfirm) has finished appearing: a click during
 * its zoom/slide-in animation can land on nothing, which made journeys flaky on a loaded machine.
 */
export async function settled(popup: Locator) {
  await popup.waitFor();
  await expect
    .poll(async () => /-(?:appear|enter)(?:-|\s|$)/.test((await popup.getAttribute("class")) ?? ""), {
      timeout: 10_000,
    })
    .toBe(false);
}

/** Answers the open confirmation in `popup` (a CSS selector) with the button `name`, once it has finished appearing. */
async function answer(page: Page, popup: string, name: string) {
  const open = page
    .locator(popup)
    .filter({ has: page.getByRole("button", { name, exact: true }) })
    .last();
  await settled(open);
  await open.getByRole("button", { name, exact: true }).click();
  await open.waitFor({ state: "hidden", timeout: 10_000 });
}

/** Answers the open confirmation dialog (antd's modal.confirm) with the button `name`. */
export const answerDialog = (page: Page, name: string) => answer(page, ".ant-modal", name);

/** Answers the open confirmation popover with the button `name`. */
export const answerConfirm = (page: Page, name: string) =>
  answer(page, ".ant-popover:not(.ant-popover-hidden)", name);
