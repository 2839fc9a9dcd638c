/**
 * Every page on a 375 px phone: each route of the app's router, opened by each role that can open it,
 * fits the screen (no sideways scrolling of the page once its data has loaded), passes axe-core's
 * WCAG A/AA rules without a serious or critical violation, logs no console error, and shows no raw
 * code where a person reads words. The visit list is checked against the router itself, so a new
 * route fails this test until it is visited here.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import type { RouteObject } from "react-router";
import { beforeAll, describe, expect, test } from "vitest";
import { journeys } from "./harness.ts";

const PHONE = { width: 375, height: 800 };
const APP = path.resolve(import.meta.dirname, "..", "..", "app", "src");

type User = "anon" | "admin" | "snv.cchc" | "thamdinh" | "vp.daumoi" | "vp.lanhdao" | "vp.hctc";
const ROLE_OF: Record<Exclude<User, "anon">, string> = {
  admin: "admin",
  "snv.cchc": "province_office",
  thamdinh: "appraiser",
  "vp.daumoi": "focal_point",
  "vp.lanhdao": "leader",
  "vp.hctc": "division",
};

/** Ids the visits need, read from the demo through the API. */
interface Ids {
  office: number;
  plan: number;
  task: number;
  cycle2019: number;
  cycle2018: number;
  framework: number;
  /** The public plan's tasks in its order: whether each has coordinating units, and its targets. */
  publicTasks: { coordinating: boolean; targets: string[] }[];
}

/**
 * Each route pattern of the router → who visits it and where. A route that needs a role is visited
 * by every role it admits; a page anyone may open, by a visitor and by the roles whose menu leads there
 * (else one signed-in user, for the signed-in header).
 */
const VISITS: Record<string, { users: User[]; url: (ids: Ids) => string }> = {
  "/": { users: ["anon", "vp.hctc"], url: () => "/" },
  "/login": { users: ["anon"], url: () => "/login" },
  "*": { users: ["anon"], url: () => "/no-such-page" },
  "/dashboard": { users: ["vp.daumoi", "vp.lanhdao", "snv.cchc", "admin"], url: () => "/dashboard" },
  "/dashboard/:agencyId": { users: ["snv.cchc", "vp.lanhdao"], url: (i) => `/dashboard/${i.office}` },
  "/plans/import": { users: ["vp.daumoi", "admin"], url: () => "/plans/import" },
  "/plans": {
    users: ["admin", "snv.cchc", "thamdinh", "vp.lanhdao", "vp.daumoi", "vp.hctc"],
    url: () => "/plans",
  },
  "/plans/:id": {
    users: ["admin", "snv.cchc", "thamdinh", "vp.lanhdao", "vp.daumoi", "vp.hctc"],
    url: (i) => `/plans/${i.plan}`,
  },
  "/plans/:id/tasks/:taskId": {
    users: ["admin", "snv.cchc", "thamdinh", "vp.lanhdao", "vp.daumoi", "vp.hctc"],
    url: (i) => `/plans/${i.plan}/tasks/${i.task}`,
  },
  "/my-tasks": {
    users: ["admin", "snv.cchc", "thamdinh", "vp.lanhdao", "vp.daumoi", "vp.hctc"],
    url: () => "/my-tasks",
  },
  "/tasks/:id/update": {
    users: ["admin", "snv.cchc", "thamdinh", "vp.lanhdao", "vp.daumoi", "vp.hctc"],
    url: (i) => `/tasks/${i.task}/update`,
  },
  "/self-assessment": { users: ["vp.daumoi", "vp.lanhdao"], url: () => "/self-assessment" },
  "/self-assessment/:cycleId/:agencyId": {
    users: ["vp.daumoi", "vp.lanhdao", "admin", "snv.cchc", "thamdinh"],
    url: (i) => `/self-assessment/${i.cycle2019}/${i.office}`,
  },
  "/appraisal": { users: ["thamdinh", "snv.cchc", "admin"], url: () => "/appraisal" },
  "/appraisal/:cycleId/:agencyId": {
    users: ["thamdinh", "snv.cchc", "admin"],
    url: (i) => `/appraisal/${i.cycle2019}/${i.office}`,
  },
  "/province": { users: ["snv.cchc", "admin"], url: () => "/province" },
  "/province/compare": { users: ["snv.cchc", "admin"], url: () => "/province/compare" },
  "/province/cycles/:id": { users: ["snv.cchc", "admin"], url: (i) => `/province/cycles/${i.cycle2019}` },
  "/province/audit": { users: ["snv.cchc", "admin"], url: () => "/province/audit" },
  "/public": { users: ["anon", "vp.daumoi"], url: () => "/public" },
  "/public/rankings/:cycleId": {
    users: ["anon", "vp.daumoi"],
    url: (i) => `/public/rankings/${i.cycle2018}`,
  },
  "/public/rankings/:cycleId/v/:version": {
    users: ["anon"],
    url: (i) => `/public/rankings/${i.cycle2018}/v/1`,
  },
  "/public/agencies/:id": { users: ["anon", "vp.daumoi"], url: (i) => `/public/agencies/${i.office}` },
  "/public/plans/:id": { users: ["anon", "vp.daumoi"], url: (i) => `/public/plans/${i.plan}` },
  "/admin": { users: ["admin"], url: () => "/admin" },
  "/admin/frameworks": { users: ["admin"], url: () => "/admin/frameworks" },
  "/admin/frameworks/new": { users: ["admin"], url: () => "/admin/frameworks/new" },
  "/admin/frameworks/:id": { users: ["admin"], url: (i) => `/admin/frameworks/${i.framework}` },
  "/admin/agencies": { users: ["admin"], url: () => "/admin/agencies" },
  "/admin/users": { users: ["admin"], url: () => "/admin/users" },
  "/admin/periods": { users: ["admin"], url: () => "/admin/periods" },
  "/admin/audit": { users: ["admin"], url: () => "/admin/audit" },
  "/admin/clock": { users: ["admin"], url: () => "/admin/clock" },
  // Anyone signed in changes their own password: a focal point on a phone, and a division.
  "/account/password": { users: ["vp.daumoi", "vp.hctc"], url: () => "/account/password" },
};

interface RouteInfo {
  path: string;
  /** The roles of its RequireRole guard, or null for a page anyone may open. */
  roles: string[] | null;
}

/** The router's routes: every `…Routes` array of app/src/pages/<journey>/routes.tsx, as App.tsx spreads them. */
async function routerRoutes(): Promise<RouteInfo[]> {
  const app = fs.readFileSync(path.join(APP, "App.tsx"), "utf8");
  const spread = [...app.matchAll(/\.\.\.(\w+Routes)\b/g)].map((m) => m[1]);
  const found = new Map<string, RouteObject[]>();
  for (const dir of fs.readdirSync(path.join(APP, "pages"))) {
    const file = path.join(APP, "pages", dir, "routes.tsx");
    if (!fs.existsSync(file)) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod))
      if (name.endsWith("Routes") && Array.isArray(value)) found.set(name, value as RouteObject[]);
  }
  expect(spread.length, "App.tsx spreads the journeys' route arrays").toBeGreaterThan(5);
  for (const name of spread) expect(found.has(name), `${name} of App.tsx found in a routes.tsx`).toBe(true);
  const out: RouteInfo[] = [];
  const walk = (routes: RouteObject[], base: string, roles: string[] | null) => {
    for (const r of routes) {
      const props = (r.element as { props?: { roles?: string[] } } | undefined)?.props;
      const guard = props?.roles ? [...props.roles] : roles;
      const full = r.index || r.path === undefined ? base : join(base, r.path);
      if (r.children) walk(r.children, full, guard);
      else out.push({ path: full, roles: guard });
    }
  };
  for (const name of spread) walk(found.get(name) ?? [], "", null);
  return out;
}

const join = (base: string, p: string) => (p.startsWith("/") || p === "*" ? p : `${base}/${p}`);

/** Words a person reads, never a stored code: roles, statuses, agency types, cycle states. */
const RAW_CODE =
  /\b(?:focal_point|province_office|not_started|in_progress|self_assessment|appraised|finalised|department|on_time|not_done|leader_review)\b/;

/** Waits until the page's requests are answered and nothing is loading any more. */
async function loaded(page: Page) {
  await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => undefined);
  await page
    .waitForFunction(
      () =>
        !document.querySelector(
          ".ant-spin-spinning, .ant-skeleton-active, .ant-table-placeholder .ant-spin",
        ) && document.querySelector("h1") !== null,
      null,
      { timeout: 15_000 },
    )
    .catch(() => undefined);
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
}

journeys("every page on a phone", (j) => {
  let routes: RouteInfo[] = [];
  let ids: Ids;

  beforeAll(async () => {
    routes = await routerRoutes();
    const api = j().api;
    const me = (await api("vp.daumoi", "GET", "/auth/session")).json.user;
    const plans = (await api("vp.daumoi", "GET", `/agencies/${me.agencyId}/plans`)).json.items;
    const cycle = async (year: number) =>
      (await api("snv.cchc", "GET", `/cycles?year=${year}`)).json.items[0].id as number;
    // The division's task with the most indicator targets: its update form has the widest choice.
    const mine = (await api("vp.hctc", "GET", "/me/tasks")).json.items as {
      id: number;
      canUpdate: boolean;
    }[];
    let task = mine[0].id;
    let most = -1;
    for (const t of mine.filter((x) => x.canUpdate)) {
      const d = (await api("vp.hctc", "GET", `/tasks/${t.id}`)).json;
      const n = (d.targets as { indicator: string | null }[]).filter((x) => x.indicator).length;
      if (n > most) [task, most] = [t.id, n];
    }
    ids = {
      office: me.agencyId,
      plan: plans[0].id,
      task,
      cycle2019: await cycle(2019),
      cycle2018: await cycle(2018),
      framework: (await api("admin", "GET", "/frameworks")).json.items[0].id,
      publicTasks: (
        (await api(null, "GET", `/public/plans/${plans[0].id}`)).json.tasks as {
          coordinatingUnits: unknown[];
          targets: string[];
        }[]
      ).map((x) => ({ coordinating: x.coordinatingUnits.length > 0, targets: x.targets })),
    };
  });

  test("the visit list covers every route of the router, for every role each route admits", () => {
    const patterns = routes.map((r) => r.path).sort();
    expect(
      Object.keys(VISITS).sort(),
      "routes of the router without a visit here, or visits of no route",
    ).toEqual(patterns);
    for (const r of routes) {
      if (!r.roles) continue;
      const visited = new Set(VISITS[r.path].users.map((u) => (u === "anon" ? "anon" : ROLE_OF[u])));
      for (const role of r.roles) expect(visited.has(role), `${r.path} visited as ${role}`).toBe(true);
    }
  });

  const users: User[] = ["anon", "admin", "snv.cchc", "thamdinh", "vp.daumoi", "vp.lanhdao", "vp.hctc"];
  describe.each(users)("as %s", (user) => {
    test("every page fits 375 px, is accessible, logs no error and shows no raw code", {
      timeout: 600_000,
    }, async () => {
      const urls = Object.entries(VISITS)
        .filter(([, v]) => v.users.includes(user))
        .map(([pattern, v]) => ({ pattern, url: v.url(ids) }));
      expect(urls.length).toBeGreaterThan(0);
      const page = await j().page({ ...PHONE, ...(user === "anon" ? {} : { user }) });
      // Console errors per page; a 401 is one too (a visitor is an answer, not a failure), while a
      // 403 or 404 a role meets on a page it may not see is the page's expected answer.
      let errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" && (!/Failed to load resource/.test(m.text()) || / 401 /.test(m.text())))
          errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(`${e.name}: ${e.message}`));
      const problems: string[] = [];
      for (const { pattern, url } of urls) {
        errors = [];
        await page.goto(url);
        await loaded(page);
        const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
        if (width > PHONE.width) {
          const wide = await page.evaluate((limit) => {
            const out: string[] = [];
            for (const el of document.querySelectorAll("body *")) {
              const r = el.getBoundingClientRect();
              if (r.right > limit + 1 && r.width > 0 && out.length < 3)
                out.push(
                  `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} →${Math.round(r.right)}`,
                );
            }
            return out;
          }, PHONE.width);
          problems.push(`${url} (${pattern}) is ${width} px wide: ${wide.join("; ")}`);
        }
        // What is rendered, not the DOM's text: an audit entry's raw JSON behind a toggle is meant as code.
        const text = await page.locator("#main").innerText();
        const raw = RAW_CODE.exec(text);
        if (raw) problems.push(`${url} shows the code "${raw[0]}"`);
        await j()
          .expectAccessible(page)
          .catch((e: Error & { actual?: unknown }) =>
            problems.push(`${url} : ${e.message.split("\n")[0]} ${JSON.stringify(e.actual ?? "")}`),
          );
        // A public plan's task cards keep what the wide table shows: the coordinating units and the targets.
        if (pattern === "/public/plans/:id") {
          const cards = (await page.locator("[data-task]").allInnerTexts()).join("\n");
          const visible = ids.publicTasks.slice(0, 10);
          if (visible.some((x) => x.coordinating) && !cards.includes("Phối hợp:"))
            problems.push(`${url} : the task cards drop the coordinating units`);
          for (const x of visible)
            for (const g of x.targets)
              if (!cards.includes(g)) problems.push(`${url} : the task cards drop the target "${g}"`);
        }
        if (errors.length) problems.push(`${url} logs ${errors.slice(0, 3).join(" | ")}`);
      }
      await j().screenshot(page, `phone-${user}`);
      expect(problems, `pages that fail on a phone as ${user}`).toEqual([]);
    });
  });
});
