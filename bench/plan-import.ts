/**
 * Reading plan documents: the seed plan with the demo agency's units, and a hostile text of the
 * reader's own cues repeated to the size limit, each against normalising the same text (decoding
 * aside, the least any reading must do) in the same run.
 */
import fs from "node:fs";
import path from "node:path";
import { importPlanText } from "../core/plan-import/index.ts";
import { normaliseDocumentText } from "../core/plan-import/text.ts";
import { AREAS, UNITS } from "../demo/quangnam2019.ts";
import { hostilePlanText } from "../test/plan-import/hostile.ts";
import type { BenchResult } from "./dashboard.ts";

function best(fn: () => unknown, repeats: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const t = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return min;
}

const SEED = fs.readFileSync(
  path.resolve(import.meta.dirname, "../test/fixtures/plans/quangnam-1994-kh-vpubnd-2019.txt"),
  "utf8",
);

export function benchPlanImport(): BenchResult[] {
  const seedBase = best(() => normaliseDocumentText(SEED), 20);
  const seed = best(() => importPlanText(SEED, { units: UNITS, areas: AREAS }), 10);
  const h = hostilePlanText();
  const hostileBase = best(() => normaliseDocumentText(h.text), 3);
  const hostileRead = best(() => importPlanText(h.text, { units: h.units }), 2);
  return [
    {
      name: "baseline: normalise the seed plan's text",
      value: seedBase,
      unit: "ms",
      baseline: seedBase,
      ratio: 1,
    },
    {
      name: `read the seed plan (${SEED.length} characters, ${UNITS.length} units)`,
      value: seed,
      unit: "ms",
      baseline: seedBase,
      ratio: seed / seedBase,
    },
    {
      name: `baseline: normalise a hostile text of ${h.text.length} characters`,
      value: hostileBase,
      unit: "ms",
      baseline: hostileBase,
      ratio: 1,
    },
    {
      name: "read that hostile text (the reader's own cues repeated to the size limit)",
      value: hostileRead,
      unit: "ms",
      baseline: hostileBase,
      ratio: hostileRead / hostileBase,
    },
  ];
}
