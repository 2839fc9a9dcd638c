/**
 * A first load on a provincial connection: the largest contentful paint (LCP) of the public ranking
 * and of the focal point's dashboard under a mobile profile, each against a static HTML page holding
 * the same numbers, served by the same server in the same run (bench/dashboard.ts starts it and
 * writes the static pages into the build it serves). The profile, through Chromium's DevTools
 * protocol: 1,6 Mbps down, 750 kbps up, 150 ms round trip, the CPU slowed 4×, a fresh browser
 * context (nothing cached) per run. LCP is read in the page from a `largest-contentful-paint`
 * PerformanceObserver registered before the page's own code runs, once the page's numbers are on
 * screen and it has been quiet for a moment. Also the compressed JavaScript the ranking loaded before
 * its LCP (the page's Resource Timing, encoded body sizes). Core Web Vitals call an LCP ≤ 2,5 s good.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Dashboard } from "../app/src/pages/dashboard/types.ts";
import type { PublishedCycle } from "../app/src/pages/public/types.ts";
import { toCenti } from "../core/decimal.ts";
import { formatPoints as formatCenti, formatPercentCenti } from "../core/locale.ts";
import type { BenchResult } from "./dashboard.ts";
import { median } from "./stats.ts";

export const LCP_TARGET_MS = 2500;
export const JS_TARGET_BYTES = 150 * 1024;
const RUNS = Number(process.env.BENCH_FIRST_LOAD_RUNS ?? 3);
/** How long the page must stay without a new LCP candidate before the figure is read. */
const QUIET_MS = 1500;

export const STATIC_RANKING = "bench-static-ranking.html";
export const STATIC_DASHBOARD = "bench-static-dashboard.html";

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);
// The API answers points and percents as numbers with two decimals, as the app formats them.
const pct = (p: number | null) => (p === null ? "—" : formatPercentCenti(toCenti(p)));
const formatPoints = (p: number) => formatCenti(toCenti(p));

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title></head><body style="font-family:system-ui,sans-serif;margin:0;padding:12px"><h1 style="font-size:22px">${esc(title)}</h1>${body}</body></html>\n`;
}

/** The ranking's numbers as the page shows them (rank, agency, points of max, percent, grade). */
export function staticRanking(data: PublishedCycle): string {
  const rows = data.items
    .map(
      (i) =>
        `<tr><td>${i.rank ?? "—"}</td><td>${esc(i.agency)}</td><td>${formatPoints(i.points)}/${formatPoints(i.max)}</td><td>${pct(i.percent)}</td><td>${esc(i.grade ?? "—")}</td></tr>`,
    )
    .join("");
  return page(
    `Kết quả Chỉ số CCHC ${data.cycle.year}`,
    `<table><thead><tr><th>Hạng</th><th>Cơ quan</th><th>Điểm</th><th>Tỷ lệ</th><th>Xếp loại</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** The dashboard's numbers: the index now and before, and each area's points. */
export function staticDashboard(d: Dashboard): string {
  const entry = (label: string, c: Dashboard["current"]) =>
    c
      ? `<p><b>${label}</b> ${c.year}: <span style="font-size:32px">${pct(c.percent)}</span> ${formatPoints(c.points)}/${formatPoints(c.max)}${c.rank ? ` — hạng ${c.rank}/${c.rankOf}` : ""}</p>`
      : "";
  const areas = d.areas
    .map(
      (a) =>
        `<tr><td>${esc(a.code)}</td><td>${esc(a.title)}</td><td>${formatPoints(a.points)}/${formatPoints(a.max)}</td><td>${pct(a.percent)}</td></tr>`,
    )
    .join("");
  return page(
    d.agency.name,
    `${entry("Chỉ số", d.current)}${entry("Năm trước", d.previous)}<table><tbody>${areas}</tbody></table>`,
  );
}

// Registered before any of the page's code: every LCP candidate, the last one being the LCP, with
// what it was (tag and the start of its text), so a run says which element the figure is.
const OBSERVER = `(() => {
  window.__lcp = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const el = e.element;
      const what = el ? el.tagName.toLowerCase() + " " + JSON.stringify((el.textContent || "").trim().slice(0, 30)) : "?";
      window.__lcp.push({ t: e.startTime, at: performance.now(), what });
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
})()`;

async function mobile(context: BrowserContext): Promise<Page> {
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1e6) / 8,
    uploadThroughput: (750 * 1e3) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await p.addInitScript(OBSERVER);
  return p;
}

interface Load {
  lcp: number;
  /** The LCP element: its tag and the start of its text. */
  what: string;
  /** Compressed bytes of the scripts whose response ended before the LCP. */
  jsBeforeLcp: number;
  jsTotal: number;
}

/** Loads `url` under the profile, waits until `ready` (a page expression) holds, then reads LCP. */
async function measure(context: BrowserContext, url: string, ready: string): Promise<Load> {
  const p = await mobile(context);
  await p.goto(url, { waitUntil: "commit", timeout: 60_000 });
  await p.waitForFunction(ready, undefined, { timeout: 60_000, polling: 100 });
  // Quiet: no new LCP candidate for QUIET_MS.
  await p.waitForFunction(
    `(() => { const l = window.__lcp; return l.length > 0 && performance.now() - l[l.length - 1].at > ${QUIET_MS}; })()`,
    undefined,
    { timeout: 60_000, polling: 200 },
  );
  const r = (await p.evaluate(`(() => {
    const l = window.__lcp;
    const lcp = l[l.length - 1].t;
    const what = l[l.length - 1].what;
    const js = performance.getEntriesByType("resource").filter((e) => /\\.m?js(\\?|$)/.test(e.name));
    const sum = (xs) => xs.reduce((s, e) => s + e.encodedBodySize, 0);
    return { lcp, what, jsBeforeLcp: sum(js.filter((e) => e.responseEnd <= lcp)), jsTotal: sum(js) };
  })()`)) as Load;
  await p.close();
  return r;
}

/** Writes the static pages into `distDir` (before the server starts: it lists the build's files then). */
export async function writeStaticPages(
  distDir: string,
  ranking: PublishedCycle,
  dashboard: Dashboard,
): Promise<void> {
  fs.writeFileSync(path.join(distDir, STATIC_RANKING), staticRanking(ranking));
  fs.writeFileSync(path.join(distDir, STATIC_DASHBOARD), staticDashboard(dashboard));
}

export async function benchFirstLoad(
  browser: Browser,
  url: string,
  cycleId: number,
  rankingFirstAgency: string,
  signIn: () => Promise<BrowserContext>,
): Promise<BenchResult[]> {
  const fresh = () =>
    browser.newContext({ viewport: { width: 375, height: 740 }, locale: "vi-VN", bypassCSP: true });
  const nameShown = `document.body && document.body.innerText.includes(${JSON.stringify(rankingFirstAgency)})`;
  const figureShown = `(() => { const el = document.querySelector('[data-figure="now"] .num'); return !!el && /\\d,\\d\\d%/.test(el.textContent || ""); })()`;
  const runs = {
    ranking: [] as Load[],
    rankingStatic: [] as Load[],
    dashboard: [] as Load[],
    dashboardStatic: [] as Load[],
  };
  for (let i = 0; i < RUNS; i++) {
    for (const [into, target, ready, signed] of [
      [runs.ranking, `/public/rankings/${cycleId}`, nameShown, false],
      [runs.rankingStatic, `/${STATIC_RANKING}`, nameShown, false],
      [runs.dashboard, "/dashboard", figureShown, true],
      [
        runs.dashboardStatic,
        `/${STATIC_DASHBOARD}`,
        "document.body && document.body.innerText.includes('%')",
        true,
      ],
    ] as const) {
      const context = signed ? await signIn() : await fresh();
      into.push(await measure(context, `${url}${target}`, ready));
      await context.close();
    }
  }
  const ms = (xs: Load[]) => xs.map((x) => x.lcp.toFixed(0)).join(", ");
  console.log(
    `mobile LCP runs (ms): ranking ${ms(runs.ranking)}; its static page ${ms(runs.rankingStatic)}; dashboard ${ms(runs.dashboard)}; its static page ${ms(runs.dashboardStatic)}`,
  );
  console.log(
    `LCP elements: ranking ${runs.ranking.map((x) => x.what).join(" | ")}; dashboard ${runs.dashboard.map((x) => x.what).join(" | ")}`,
  );
  const lcp = (xs: Load[]) => median(xs.map((x) => x.lcp));
  const rs = lcp(runs.rankingStatic);
  const r = lcp(runs.ranking);
  const ds = lcp(runs.dashboardStatic);
  const d = lcp(runs.dashboard);
  const js = median(runs.ranking.map((x) => x.jsBeforeLcp));
  const jsAll = median(runs.ranking.map((x) => x.jsTotal));
  return [
    {
      name: "baseline: static page with the ranking's numbers, mobile LCP",
      value: rs,
      unit: "ms",
      baseline: rs,
      ratio: 1,
    },
    { name: "public ranking, mobile LCP (median)", value: r, unit: "ms", baseline: rs, ratio: r / rs },
    {
      name: "baseline: static page with the dashboard's numbers, mobile LCP",
      value: ds,
      unit: "ms",
      baseline: ds,
      ratio: 1,
    },
    {
      name: "focal point's dashboard, mobile LCP (median)",
      value: d,
      unit: "ms",
      baseline: ds,
      ratio: d / ds,
    },
    {
      name: "public ranking: compressed JavaScript loaded before its LCP",
      value: js / 1024,
      unit: "KB",
      baseline: JS_TARGET_BYTES / 1024,
      ratio: js / JS_TARGET_BYTES,
    },
    {
      name: "public ranking: compressed JavaScript loaded in all (charts etc. after the numbers)",
      value: jsAll / 1024,
      unit: "KB",
      baseline: JS_TARGET_BYTES / 1024,
      ratio: jsAll / JS_TARGET_BYTES,
    },
  ];
}

export function reportFirstLoad(results: BenchResult[]) {
  for (const r of results)
    console.log(
      `${r.name}: ${r.value.toFixed(r.unit === "KB" ? 1 : 0)} ${r.unit}, ${r.ratio.toFixed(2)}× baseline`,
    );
  const get = (prefix: string) => results.find((r) => r.name.startsWith(prefix));
  const r = get("public ranking, mobile LCP");
  const d = get("focal point's dashboard, mobile LCP");
  const js = get("public ranking: compressed JavaScript loaded before");
  const verdict = (v: number, t: number) => (v <= t ? "met" : "NOT met");
  if (r && d)
    console.log(
      `target: LCP ≤ ${LCP_TARGET_MS} ms under the mobile profile (Core Web Vitals "good") → ranking ${verdict(r.value, LCP_TARGET_MS)} (${r.value.toFixed(0)} ms), dashboard ${verdict(d.value, LCP_TARGET_MS)} (${d.value.toFixed(0)} ms)`,
    );
  if (js)
    console.log(
      `target: the ranking's JavaScript before its LCP ≤ ${JS_TARGET_BYTES / 1024} KB compressed → ${verdict(js.value * 1024, JS_TARGET_BYTES)} (${js.value.toFixed(1)} KB)`,
    );
}
