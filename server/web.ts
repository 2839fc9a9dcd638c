/**
 * Serves the built web app (app/dist) from the API's own process and port. Any GET that is not an
 * API call or a file of the build gets index.html, so the app's URLs can be shared and reloaded.
 */
import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { SESSION_PATH } from "../core/contracts/roles.ts";

export async function registerWeb(app: FastifyInstance, distDir: string): Promise<boolean> {
  const index = path.join(distDir, "index.html");
  if (!fs.existsSync(index)) {
    app.get("/", { schema: { hide: true } }, async (_req, reply) =>
      reply.type("text/html; charset=utf-8").send(notBuiltPage()),
    );
    return false;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    // scripts/build-app.mjs writes brotli files beside the build's scripts and styles; served to a
    // browser that takes brotli, with the same caching. Without one, @fastify/compress compresses.
    preCompressed: true,
    setHeaders: (reply, file) => {
      // Hashed asset names never change content; index.html must always be fresh.
      (reply as unknown as { header(k: string, v: string): void }).header(
        "cache-control",
        file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  // With wildcard off, @fastify/static gives every file of the build its own route at start-up;
  // what reaches this route is an app URL (or a missing file), answered with the app's page.
  const html = fs.readFileSync(index, "utf8");
  const chunks = routeChunks(distDir);
  app.get("/*", { schema: { hide: true } }, async (req, reply) => {
    if (req.url.startsWith("/api/")) return reply.callNotFound();
    const page = withPreloads(html, earlyLoads(req.url, Boolean(req.headers.cookie), chunks));
    return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(page);
  });
  return true;
}

/** What a page needs first, started by the HTML itself instead of after the app's code has run. */
export interface EarlyLoads {
  /** API reads the page makes at once (same-origin, with the session cookie). */
  data: string[];
  /** The page's own code chunks (the entry's are in index.html already). */
  modules: string[];
}

type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;

/**
 * For each page with a preload, its chunks and the chunks they import statically, less those the
 * entry loads anyway, from the build's manifest (vite `build.manifest`). Without a manifest, none.
 */
export function routeChunks(distDir: string): Record<string, string[]> {
  const file = path.join(distDir, ".vite", "manifest.json");
  if (!fs.existsSync(file)) return {};
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  const closure = (key: string, into = new Set<string>()) => {
    if (into.has(key) || !manifest[key]) return into;
    into.add(key);
    for (const k of manifest[key].imports ?? []) closure(k, into);
    return into;
  };
  const entry = new Set<string>();
  for (const [k, v] of Object.entries(manifest)) if (v.isEntry) closure(k, entry);
  const out: Record<string, string[]> = {};
  for (const [page, sources] of Object.entries(PAGE_SOURCES)) {
    const found = sources.filter((src) => manifest[src]);
    if (found.length === 0) continue;
    const keys = new Set<string>();
    for (const src of found) closure(src, keys);
    out[page] = [...keys].filter((k) => !entry.has(k)).map((k) => `/${manifest[k].file}`);
  }
  return out;
}

/**
 * The modules each page loads before it shows anything. The dashboard sits in the staff shell, which
 * the app loads lazily with antd and the rest of the Vietnamese strings (app/src/App.tsx): preloaded
 * here, they load beside the entry instead of after it.
 */
const PAGE_SOURCES = {
  ranking: ["src/pages/public/RankingPage.tsx"],
  dashboard: [
    "src/components/StaffRoot.tsx",
    "src/i18n-vi-later.ts",
    "src/pages/dashboard/DashboardPage.tsx",
  ],
} as const;

/**
 * The public ranking and the dashboard: their reads and their code, by URL. Only digits are taken
 * from the URL, so nothing of it reaches the page unchecked. A visitor without a cookie gets no
 * preload of reads that need a session (they would only answer 401).
 */
export function earlyLoads(url: string, hasCookie: boolean, chunks: Record<string, string[]>): EarlyLoads {
  const pathname = url.split("?")[0];
  // The app asks who is signed in on every page (app/src/auth.tsx): the same read, started here.
  const data: string[] = hasCookie ? [`/api${SESSION_PATH}`] : [];
  // And the day the app runs on, for the demo's banner above every page (app/src/components/DemoBanner.tsx).
  const clock = "/api/clock";
  const ranking = /^\/public\/rankings\/(\d{1,9})(?:\/v\/(\d{1,9}))?\/?$/.exec(pathname);
  if (ranking) {
    const [, cycle, version] = ranking;
    data.push(
      version ? `/api/public/cycles/${cycle}/versions/${version}` : `/api/public/cycles/${cycle}`,
      "/api/public/overview",
      clock,
    );
    return { data, modules: chunks.ranking ?? [] };
  }
  const dashboard = /^\/dashboard(?:\/(\d{1,9}))?\/?$/.exec(pathname);
  if (dashboard) {
    if (hasCookie) data.push(dashboard[1] ? `/api/agencies/${dashboard[1]}/dashboard` : "/api/me/dashboard");
    data.push(clock);
    return { data, modules: chunks.dashboard ?? [] };
  }
  return { data, modules: [] };
}

/**
 * The reads' preloads go first in <head>, so they start with the page (a fetch preload with
 * crossorigin="anonymous" is what the app's same-origin fetch takes over); the page's chunks go last,
 * after the entry's, so they load beside the entry rather than after it without delaying it.
 */
export function withPreloads(html: string, loads: EarlyLoads): string {
  if (loads.data.length === 0 && loads.modules.length === 0) return html;
  const data = loads.data.map((u) => `<link rel="preload" href="${u}" as="fetch" crossorigin="anonymous">`);
  const modules = loads.modules.map((u) => `<link rel="modulepreload" crossorigin href="${u}">`);
  return html.replace("<head>", `<head>${data.join("")}`).replace("</head>", `${modules.join("")}</head>`);
}

function notBuiltPage(): string {
  return `<!doctype html><html lang="vi"><meta charset="utf-8"><title>parindex</title>
<body style="font-family:system-ui;max-width:48rem;margin:2rem auto;line-height:1.5">
<h1>parindex — Chỉ số cải cách hành chính</h1>
<p>Giao diện web chưa được build. Chạy <code>npm run build</code> (hoặc <code>npm start</code>, tự build) rồi tải lại trang.</p>
<p lang="en">The web app is not built yet: run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>API: <a href="/api/openapi.json">/api/openapi.json</a></p></body></html>`;
}
