/**
 * `parindex plan import FILE [--json] [--agency CODE]`: reads a plan document (.txt, .html, .docx)
 * and prints the structured plan — as JSON (docs/plan-import.md) or as a readable summary. With
 * --agency, unit names and area titles are matched against that agency's units and framework.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { formatDate, formatNumber } from "../core/locale.ts";
import { referenceLine } from "../core/plan-document.ts";
import { ImportError, type ImportedPlan } from "../core/plan-import/index.ts";
import { documentNumber } from "../core/plan-import/refs.ts";
import type { AppContext } from "../server/context.ts";
import { findAgencyByCode } from "../server/modules/agencies/repository.ts";
import { importDocument } from "../server/modules/plan-import/service.ts";

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

export const PLAN_IMPORT_USAGE = "usage: parindex plan import FILE [--json] [--agency CODE]\n";

export async function runPlanImport(
  args: string[],
  io: Io,
  withDb: <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean" }, agency: { type: "string" } },
  });
  if (positionals.length !== 1) {
    io.stderr(PLAN_IMPORT_USAGE);
    return 2;
  }
  const file = positionals[0];
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    io.stderr(
      `Không đọc được tệp ${file} / cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return 1;
  }
  try {
    const { plan } = values.agency
      ? await withDb(async (ctx) => {
          const agency = await findAgencyByCode(ctx.db, values.agency as string);
          if (!agency)
            throw new ImportError(
              "not_a_plan",
              `Không có cơ quan mã ${values.agency}`,
              `No agency with code ${values.agency}`,
            );
          return importDocument(ctx, bytes, file, agency.id);
        })
      : await importDocument(null, bytes, file, null);
    io.stdout(values.json ? `${JSON.stringify(plan, null, 2)}\n` : summary(plan));
    return 0;
  } catch (e) {
    if (e instanceof ImportError) {
      io.stderr(`${e.messageVi}\n${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

const n = (x: number) => formatNumber(x, { maxDecimals: 2 });

function summary(p: ImportedPlan): string {
  const d = p.document;
  const lines = [
    `${d.kind ?? "Văn bản"} số ${d.number ? documentNumber(d.number, d.code) : "?"}${d.date ? ` ngày ${formatDate(d.date)}` : ""}${d.issuer ? ` — ${d.issuer}` : ""}`,
  ];
  if (d.title) lines.push(`Trích yếu: ${d.title}`);
  for (const r of d.references) lines.push(`Căn cứ: ${referenceLine(r)}`);
  if (p.overallTarget)
    lines.push(
      `Mục tiêu chung: ≥ ${p.overallTarget.percentAtLeast ?? "?"}%, tăng ${p.overallTarget.rankGainMin ?? "?"}${p.overallTarget.rankGainMax && p.overallTarget.rankGainMax !== p.overallTarget.rankGainMin ? `–${p.overallTarget.rankGainMax}` : ""} bậc`,
    );
  if (p.areaTargets.length) {
    lines.push("", "Chỉ tiêu theo lĩnh vực:");
    for (const a of p.areaTargets)
      lines.push(
        `  ${a.area}. ${a.title}: ${n(a.target)}/${n(a.max)}${a.kept ? " (giữ vững)" : a.delta !== null ? ` (${a.delta >= 0 ? "+" : ""}${n(a.delta)})` : ""}`,
      );
    if (p.totals)
      lines.push(
        `  Tổng: ${n(p.totals.target)}/${n(p.totals.max)}${p.totals.impliedBaseline !== null ? `; ${p.totals.baselineYear ?? "năm trước"}: ${n(p.totals.impliedBaseline)}` : ""}`,
      );
  }
  lines.push("", `Nhiệm vụ (${p.tasks.length}):`);
  p.tasks.forEach((t, i) => {
    lines.push(`  ${i + 1}. [${t.section ?? "-"}${t.area ? ` · LV ${t.area}` : ""}] ${t.title}`);
    lines.push(
      `     Chủ trì: ${t.leadUnits.join("; ") || "—"} | Phối hợp: ${t.coordinatingUnits.join("; ") || "—"}${t.due ? ` | Hạn: ${formatDate(t.due)}` : t.period ? ` | ${t.period}` : ""}`,
    );
  });
  if (p.warnings.length) {
    lines.push("", `Cảnh báo (${p.warnings.length}):`);
    for (const w of p.warnings) lines.push(`  - ${w.message}`);
  }
  return `${lines.join("\n")}\n`;
}
