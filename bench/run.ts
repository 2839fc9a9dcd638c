/**
 * `npm run bench`: scoring and ranking at national size (4 400 agencies × 150 criteria), reported
 * against a plain loop summing the same numbers in the same run; then the web dashboard's time to
 * show its numbers (bench/dashboard.ts), the reading of plan documents (bench/plan-import.ts) and
 * the public reads at publication-day load on both databases (bench/public-load.ts; BENCH_LOAD=off
 * skips it).
 * Prints one line per benchmark and writes
 * bench/results.json as [{name, value, unit, baseline, ratio}].
 */
import fs from "node:fs";
import path from "node:path";
import { buildTree, type FrameworkNode } from "../core/framework.ts";
import { gradeFor, rank } from "../core/ranking.ts";
import { computeIndex } from "../core/scoring.ts";
import { benchDashboard, reportDashboard } from "./dashboard.ts";
import { benchPlanImport } from "./plan-import.ts";
import { benchPublicLoad, reportProfiles, reportPublicLoad } from "./public-load.ts";

const AGENCIES = 4400;
const AREAS = 8;
const LEAVES_PER_AREA = [19, 19, 19, 19, 19, 19, 18, 18]; // 150 leaves
const GROUPS = 34;
const REPEATS = 5;

// A deterministic generator, so every run measures the same data.
let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

const nodes: FrameworkNode[] = [];
const leaves: FrameworkNode[] = [];
for (let a = 0; a < AREAS; a++) {
  const areaCode = `${a + 1}`;
  let areaMax = 0;
  const kids: FrameworkNode[] = [];
  for (let l = 0; l < LEAVES_PER_AREA[a]; l++) {
    const max = 25 * (1 + Math.floor(rnd() * 8)); // 0,25 … 2 points
    areaMax += max;
    kids.push({
      code: `${areaCode}.${l + 1}`,
      parentCode: areaCode,
      kind: "criterion",
      title: "",
      max,
      position: l,
    });
  }
  nodes.push(
    { code: areaCode, parentCode: null, kind: "area", title: "", max: areaMax, position: a },
    ...kids,
  );
  leaves.push(...kids);
}
const tree = buildTree(nodes);

const scores: Map<string, number>[] = [];
const flat: number[][] = [];
const notApplicable: Set<string>[] = [];
for (let i = 0; i < AGENCIES; i++) {
  const m = new Map<string, number>();
  const row: number[] = [];
  const na = new Set<string>();
  for (const leaf of leaves) {
    if (rnd() < 0.02) {
      na.add(leaf.code);
      continue;
    }
    const v = Math.floor(rnd() * (leaf.max / 25 + 1)) * 25;
    m.set(leaf.code, v);
    row.push(v);
  }
  scores.push(m);
  flat.push(row);
  notApplicable.push(na);
}

function time(fn: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < REPEATS; r++) {
    const t = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best;
}

let sink = 0;
const baseline = time(() => {
  let total = 0;
  for (const row of flat) for (const v of row) total += v;
  sink += total;
});

const scoring = time(() => {
  const entries = scores.map((m, i) => {
    const r = computeIndex(tree, m, notApplicable[i]);
    return { key: i, achieved: r.achieved, max: r.max, group: i % GROUPS };
  });
  const byGroup = new Map<number, typeof entries>();
  for (const e of entries) {
    const list = byGroup.get(e.group) ?? [];
    list.push(e);
    byGroup.set(e.group, list);
  }
  for (const list of byGroup.values()) for (const r of rank(list)) sink += gradeFor(r.percent)?.length ?? 0;
});

const rankingOnly = (() => {
  const entries = scores.map((m, i) => {
    const r = computeIndex(tree, m, notApplicable[i]);
    return { key: i, achieved: r.achieved, max: r.max };
  });
  return time(() => {
    sink += rank(entries).length;
  });
})();

const results = [
  { name: "baseline: plain loop summing 4400×150 points", value: baseline, unit: "ms", baseline, ratio: 1 },
  {
    name: "score and rank 4400 agencies × 150 criteria (34 groups, grades)",
    value: scoring,
    unit: "ms",
    baseline,
    ratio: scoring / baseline,
  },
  {
    name: "rank 4400 agencies in one table",
    value: rankingOnly,
    unit: "ms",
    baseline,
    ratio: rankingOnly / baseline,
  },
];
for (const r of results)
  console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}, ${r.ratio.toFixed(1)}× baseline`);
const target = 1000;
console.log(
  `target: score and rank in under ${target} ms → ${scoring < target ? "met" : "NOT met"} (${scoring.toFixed(0)} ms)`,
);
// Reading plan documents (bench/plan-import.ts), each against normalising the same text.
const reading = benchPlanImport();
for (const r of reading)
  console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}, ${r.ratio.toFixed(1)}× baseline`);
results.push(...reading);
// The web dashboard in Chromium against the real server (bench/dashboard.ts), with its own baseline.
const dashboard = await benchDashboard();
reportDashboard(dashboard);
results.push(...dashboard);
// The public ranking and agency page at 64 connections, against the bare route of the same server.
if (process.env.BENCH_LOAD !== "off") {
  const profileDir = process.env.BENCH_LOAD_PROFILE || null;
  const loads = await benchPublicLoad(profileDir);
  results.push(...reportPublicLoad(loads));
  if (profileDir) reportProfiles(loads);
} else console.log("public load: skipped (BENCH_LOAD=off)");
const file = path.join(path.dirname(new URL(import.meta.url).pathname), "results.json");
fs.writeFileSync(
  file,
  `${JSON.stringify(
    results.map((r) => ({
      ...r,
      value: Number(r.value.toFixed(3)),
      baseline: Number(r.baseline.toFixed(3)),
      ratio: Number(r.ratio.toFixed(2)),
    })),
    null,
    2,
  )}\n`,
);
if (sink === -1) console.log(sink);
