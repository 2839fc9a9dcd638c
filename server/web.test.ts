/** The built app is served beside the API: files with the right caching, app URLs as the app's page, /api misses as JSON. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { afterAll, beforeAll, expect, test } from "vitest";
import { registerWeb } from "./web.ts";

const dist = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-web-"));
const app = Fastify();

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, "assets"));
  fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html><div id=root></div>");
  fs.writeFileSync(path.join(dist, "assets", "index-abc123.js"), "console.log(1)");
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
