/** The built app is served beside the API: files with the right caching, app URLs as the app's page, /api misses as JSON. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync } from "node:zlib";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it, test } from "vitest";
import { earlyLoads, registerWeb, withPreloads } from "./web.ts";

const SCRIPT = `export const x = ${JSON.stringify("parindex ".repeat(200))};`;
const dist = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-web-"));
const app = Fastify();

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, "assets"));
  fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html><div id=root></div>");
  fs.writeFileSync(path.join(dist, "assets", "index-abc123.js"), "console.log(1)");
  fs.writeFileSync(path.join(dist, "assets", "page-def456.js"), SCRIPT);
  fs.writeFileSync(path.join(dist, "assets", "page-def456.js.br"), brotliCompressSync(SCRIPT));
  app.setNotFoundHandler((_req, reply) => reply.status(404).send({ error: { code: "not_found" } }));
  expect(await registerWeb(app, dist)).toBe(true);
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

test("hashed assets are served and cached for good; the page itself is never cached", async () => {
  const js = await app.inject({ url: "/assets/index-abc123.js" });
  expect(js.statusCode).toBe(200);
  expect(js.body).toBe("console.log(1)");
  expect(js.headers["cache-control"]).toContain("immutable");
  const home = await app.inject({ url: "/" });
  expect(home.body).toContain("id=root");
  expect(home.headers["cache-control"]).toBe("no-cache");
});

test("a script with a brotli file beside it is sent as that file to a browser that takes brotli", async () => {
  const br = await app.inject({ url: "/assets/page-def456.js", headers: { "accept-encoding": "gzip, br" } });
  expect(br.statusCode).toBe(200);
  expect(br.headers["content-encoding"]).toBe("br");
  expect(br.headers["content-type"]).toContain("javascript");
  expect(br.headers["cache-control"]).toContain("immutable");
  expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
  // No brotli file: the script itself (@fastify/compress, where registered, compresses it).
  const other = await app.inject({ url: "/assets/index-abc123.js", headers: { "accept-encoding": "br" } });
  expect(other.statusCode).toBe(200);
  expect(other.body).toBe("console.log(1)");
  const plain = await app.inject({ url: "/assets/page-def456.js" });
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.body).toBe(SCRIPT);
});

test("an app URL reloads as the app's page; an unknown API path stays a JSON 404", async () => {
  const page = await app.inject({ url: "/plans/12/tasks/3?status=done" });
  expect(page.statusCode).toBe(200);
  expect(page.headers["content-type"]).toContain("text/html");
  const api = await app.inject({ url: "/api/nope" });
  expect(api.statusCode).toBe(404);
  expect(api.json().error.code).toBe("not_found");
});

test("without a build, / says how to build it", async () => {
  const bare = Fastify();
  expect(await registerWeb(bare, path.join(dist, "missing"))).toBe(false);
  const r = await bare.inject({ url: "/" });
  expect(r.body).toContain("npm run build");
  await bare.close();
});

const chunks = { ranking: ["/assets/RankingPage-x.js"], dashboard: ["/assets/DashboardPage-y.js"] };

describe("the HTML starts a page's reads and code", () => {
  it("preloads the public ranking's reads and chunks, for a visitor without the session read", () => {
    expect(earlyLoads("/public/rankings/12?q=so", false, chunks)).toEqual({
      data: ["/api/public/cycles/12", "/api/public/overview", "/api/clock"],
      modules: ["/assets/RankingPage-x.js"],
    });
    expect(earlyLoads("/public/rankings/12/v/2", true, chunks).data).toEqual([
      "/api/auth/session",
      "/api/public/cycles/12/versions/2",
      "/api/public/overview",
      "/api/clock",
    ]);
  });

  it("preloads the dashboard's read only with a cookie", () => {
    expect(earlyLoads("/dashboard", true, chunks).data).toEqual([
      "/api/auth/session",
      "/api/me/dashboard",
      "/api/clock",
    ]);
    expect(earlyLoads("/dashboard/7", true, chunks).data).toEqual([
      "/api/auth/session",
      "/api/agencies/7/dashboard",
      "/api/clock",
    ]);
    expect(earlyLoads("/dashboard", false, chunks)).toEqual({
      data: ["/api/clock"],
      modules: ["/assets/DashboardPage-y.js"],
    });
  });

  it("takes nothing but digits from the address", () => {
    for (const url of [
      "/public/rankings/1%22%3E%3Cscript%3E",
      '/public/rankings/1"><script>',
      "/public/rankings/abc",
      "/dashboard/1/../../x",
      "/public/rankings/12345678901234",
    ])
      expect(earlyLoads(url, false, chunks)).toEqual({ data: [], modules: [] });
  });

  it("puts the reads first in <head>, the chunks last, and leaves other pages' HTML as built", () => {
    const html = "<html><head><title>t</title></head></html>";
    expect(withPreloads(html, { data: [], modules: [] })).toBe(html);
    expect(withPreloads(html, { data: ["/api/public/overview"], modules: ["/assets/a.js"] })).toBe(
      '<html><head><link rel="preload" href="/api/public/overview" as="fetch" crossorigin="anonymous"><title>t</title><link rel="modulepreload" crossorigin href="/assets/a.js"></head></html>',
    );
  });
});
