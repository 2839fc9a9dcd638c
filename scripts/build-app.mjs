#!/usr/bin/env node
// Builds the web app (app/ → app/dist) with Vite. Runs before `npm start`; skips the build when
// app/dist is newer than every source file the app is made from. `--force` always builds.
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const outDir = process.env.PARINDEX_APP_OUT ?? path.join(root, "app", "dist");
const force = process.argv.includes("--force");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules" || entry.name.endsWith(".test.ts")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const index = path.join(outDir, "index.html");
const sources = Math.max(
  newestMtime(path.join(root, "app")),
  newestMtime(path.join(root, "core")),
  fs.statSync(path.join(root, "package-lock.json")).mtimeMs,
);
if (!force && fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) {
  console.log("Web app is up to date (app/dist).");
  process.exit(0);
}
console.log("Building the web app…");
const { build } = await import("vite");
const started = Date.now();
await build({
  configFile: path.join(root, "app", "vite.config.ts"),
  logLevel: "warn",
  build: { outDir },
});
// Brotli at its best quality, once, beside each script and style sheet: server/web.ts serves the .br
// file to a browser that takes brotli (about 14 % smaller than compressing on the fly at quality 4,
// and no compression work per request). Files the server does not find a .br for are compressed as
// before.
const brotli = promisify(zlib.brotliCompress);
const assets = path.join(outDir, "assets");
await Promise.all(
  fs
    .readdirSync(assets)
    .filter((f) => /\.(js|css)$/.test(f))
    .map(async (f) => {
      const data = fs.readFileSync(path.join(assets, f));
      if (data.length < 1024) return;
      const br = await brotli(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      });
      fs.writeFileSync(path.join(assets, `${f}.br`), br);
    }),
);
console.log(
  `Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${path.relative(root, outDir) || outDir}`,
);
