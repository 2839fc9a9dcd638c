/**
 * The public ranking's initial JavaScript — the entry, the ranking page's chunk and every chunk
 * either imports statically — compressed, read from the build's manifest (vite `build.manifest`) of
 * the build the journeys use (test/global-setup.ts makes it, or PARINDEX_APP_DIST). Sizes are gzip
 * at zlib's default level, what @fastify/compress sends a browser that does not take brotli; brotli
 * is smaller. Not a timing: bytes, so it holds on any machine.
 *
 * The issue's target, 150 KB, is met since the public ranking and its shell are drawn without antd
 * (app/src/components/PublicShell.tsx, pages/public/RankingPage.tsx) and only the `common` and
 * `public` Vietnamese strings ship with the entry: 145 KB in 2026-12 (449 KB before: antd's table,
 * select, form and the staff shell's menu; 466 KB before English left the entry; 475 KB while the
 * shell's session path pulled zod in). What is left is React and react-dom (~60 KB), react-router
 * (~30 KB), i18next (~20 KB), react-query (~11 KB), the two namespaces' strings and the page.
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { routeChunks } from "../../server/web.ts";

const TARGET_KB = 150;

type Manifest = Record<
  string,
  { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }
>;

function dist(): string {
  const d = process.env.PARINDEX_APP_DIST;
  if (!d) throw new Error("PARINDEX_APP_DIST is not set: run the tests through vitest's global setup");
  return d;
}

function readManifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dist(), ".vite", "manifest.json"), "utf8")) as Manifest;
}

function closure(m: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key) || !m[key]) return into;
  into.add(key);
  for (const k of m[key].imports ?? []) closure(m, k, into);
  return into;
}

const gz = (file: string) => gzipSync(fs.readFileSync(path.join(dist(), file))).length;

function initialKb(m: Manifest, page: string): { kb: number; files: string[] } {
  const keys = closure(m, page, closure(m, "index.html"));
  const files = [...keys].map((k) => m[k].file).filter((f) => f.endsWith(".js"));
  return { kb: files.reduce((s, f) => s + gz(f), 0) / 1024, files };
}

describe("the public ranking's first load", () => {
  it("ships its initial JavaScript within the 150 KB target, with no chart library and no antd in it", () => {
    const m = readManifest();
    expect(m["index.html"]?.isEntry).toBe(true);
    expect(m["src/pages/public/RankingPage.tsx"], "the ranking page is its own chunk").toBeDefined();
    const { kb, files } = initialKb(m, "src/pages/public/RankingPage.tsx");
    console.log(
      `public ranking: ${kb.toFixed(1)} KB of compressed JavaScript before its data (target ${TARGET_KB} KB)`,
    );
    expect(
      files.some((f) => /Chart/.test(f)),
      "no chart chunk before the numbers",
    ).toBe(false);
    expect(
      files.filter((f) => fs.readFileSync(path.join(dist(), f), "utf8").includes("ZodError")),
      "no schema library (zod) before the numbers: the shell takes its constants from core/contracts/roles.ts",
    ).toEqual([]);
    expect(
      // Every antd component styles itself through @ant-design/cssinjs, which writes this attribute.
      files.filter((f) => fs.readFileSync(path.join(dist(), f), "utf8").includes("data-ant-cssinjs")),
      "no antd before the numbers: the ranking and the public shell are plain React and CSS",
    ).toEqual([]);
    expect(kb).toBeLessThanOrEqual(TARGET_KB);
  });

  it("names the ranking page's and the dashboard's own chunks for the server to preload", () => {
    const chunks = routeChunks(dist());
    const m = readManifest();
    expect(chunks.ranking).toContain(`/${m["src/pages/public/RankingPage.tsx"].file}`);
    expect(chunks.dashboard).toContain(`/${m["src/pages/dashboard/DashboardPage.tsx"].file}`);
    // The staff shell and its strings, which the app loads lazily, start with the dashboard's HTML.
    expect(chunks.dashboard).toContain(`/${m["src/components/StaffRoot.tsx"].file}`);
    expect(chunks.dashboard).toContain(`/${m["src/i18n-vi-later.ts"].file}`);
    // Nothing the entry loads anyway.
    const entry = [...closure(m, "index.html")].map((k) => `/${m[k].file}`);
    expect([...chunks.ranking, ...chunks.dashboard].filter((f) => entry.includes(f))).toEqual([]);
  });
});
