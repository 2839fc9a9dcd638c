/**
 * Serves the built web app (app/dist) from the API's own process and port. Any GET that is not an
 * API call or a file of the build gets index.html, so the app's URLs can be shared and reloaded.
 */
import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

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
  app.get("/*", { schema: { hide: true } }, async (req, reply) => {
    if (req.url.startsWith("/api/")) return reply.callNotFound();
    return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(html);
  });
  return true;
}

function notBuiltPage(): string {
  return `<!doctype html><html lang="vi"><meta charset="utf-8"><title>parindex</title>
<body style="font-family:system-ui;max-width:48rem;margin:2rem auto;line-height:1.5">
<h1>parindex — Chỉ số cải cách hành chính</h1>
<p>Giao diện web chưa được build. Chạy <code>npm run build</code> (hoặc <code>npm start</code>, tự build) rồi tải lại trang.</p>
<p lang="en">The web app is not built yet: run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>API: <a href="/api/openapi.json">/api/openapi.json</a></p></body></html>`;
}
