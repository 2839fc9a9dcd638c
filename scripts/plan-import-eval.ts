/**
 * `npm run eval:import [DIR]`: reads every labelled plan in test/fixtures/plans, or DIR (a document
 * plus its .expected.json), and prints the importer's precision and recall per field over the set.
 */
import fs from "node:fs";
import path from "node:path";
import { type ExpectedPlan, evaluate, precision, recall, type Scores } from "../core/plan-import/evaluate.ts";
import { importPlanText } from "../core/plan-import/index.ts";
import { documentText } from "../server/documents/plan-source.ts";

export const FIXTURES = path.resolve(import.meta.dirname, "..", "test", "fixtures", "plans");

export async function evaluateFixtures(dir = FIXTURES): Promise<{ scores: Scores; documents: string[] }> {
  const scores: Scores = {};
  const documents: string[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith(".expected.json")) continue;
    const base = f.replace(/\.expected\.json$/, "");
    const doc = fs.readdirSync(dir).find((d) => d.startsWith(`${base}.`) && !d.endsWith(".expected.json"));
    if (!doc) continue;
    const expected = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as ExpectedPlan;
    const { text } = await documentText(fs.readFileSync(path.join(dir, doc)), doc);
    const plan = importPlanText(text, { units: expected.units, areas: expected.areas });
    evaluate(expected, plan, scores);
    documents.push(doc);
  }
  return { scores, documents };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Another folder of labelled plans (e.g. a held-out set): npm run eval:import -- test/fixtures/plans-heldout
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : FIXTURES;
  const { scores, documents } = await evaluateFixtures(dir);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  console.log(`Plan import over ${documents.length} labelled documents: ${documents.join(", ")}\n`);
  console.log(`${"field".padEnd(28)} ${"precision".padStart(9)} ${"recall".padStart(7)}   tp  fp  fn`);
  for (const [field, c] of Object.entries(scores).sort(([a], [b]) => a.localeCompare(b)))
    console.log(
      `${field.padEnd(28)} ${pct(precision(c)).padStart(9)} ${pct(recall(c))}  ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}`,
    );
}
