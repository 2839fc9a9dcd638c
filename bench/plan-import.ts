/**
 * Reading plan documents: the seed plan with the demo agency's units, and a hostile text of the
 * reader's own cues repeated to the size limit, each against normalising the same text (decoding
 * aside, the least any reading must do) in the same run.
 */
import fs from "node:fs";
import path from "node:path";
import { importPlanText, MAX_CHARS } from "../core/plan-import/index.ts";
import { normaliseDocumentText } from "../core/plan-import/text.ts";
import { AREAS, UNITS } from "../demo/quangnam2019.ts";

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
}

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

function hostile(): { text: string; units: { name: string }[] } {
  const units = Array.from({ length: 30 }, (_, i) => ({ name: `Phòng Chuyên môn số ${i + 1} và Kiểm tra` }));
  const cues = [
    "Phòng Chuyên môn số 3 và Kiểm tra (sau đây gọi tắt là Phòng ba)",
    "1 | Cải cách thể chế | 8 | 7 | 7,5",
    "",
    "2",
    "",
    "((( Giao Phòng ba chủ trì, phối hợp Phòng Chuyên môn số 4 và Kiểm tra, trước ngày 30/6/2023;",
    "1.1. Chỉ số thành phần “Cải cách thể chế” (điểm tối đa: 8; năm 2022 đạt 6,5 điểm; mục tiêu năm 2023: 7 điểm)",
    "Nhiệm vụ 1. Thời gian thực hiện: Quý II. Hoàn thành: Tháng 9",
  ].join("\n");
  return { text: Array.from({ length: Math.ceil(MAX_CHARS / cues.length) }, () => cues).join("\n"), units };
}

export function benchPlanImport(): BenchResult[] {
  const seedBase = best(() => normaliseDocumentText(SEED), 20);
  const seed = best(() => importPlanText(SEED, { units: UNITS, areas: AREAS }), 10);
  const h = hostile();
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
