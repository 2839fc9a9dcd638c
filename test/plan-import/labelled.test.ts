/**
 * The importer against the labelled plans of test/fixtures/plans (npm run eval:import prints the
 * same figures): every field keeps precision and recall of at least 90 % over the set.
 */
import { expect, test } from "vitest";
import { precision, recall } from "../../core/plan-import/evaluate.ts";
import { evaluateFixtures } from "../../scripts/plan-import-eval.ts";

test("precision and recall per field over the labelled plans are at least 90 %", async () => {
  const { scores, documents } = await evaluateFixtures();
  expect(documents.length).toBeGreaterThanOrEqual(3);
  const weak = Object.entries(scores)
    .filter(([, c]) => precision(c) < 0.9 || recall(c) < 0.9)
    .map(([f, c]) => `${f}: P ${precision(c).toFixed(2)} R ${recall(c).toFixed(2)}`);
  expect(weak).toEqual([]);
  expect(scores["tasks.leadUnits"].tp).toBeGreaterThan(20);
});
