/**
 * Importing a plan document for an agency: its units and its framework's areas are what the
 * importer matches names and titles against. Nothing is stored here.
 */
import { type ImportedPlan, type ImportOptions, importPlanText } from "../../../core/plan-import/index.ts";
import type { AppContext } from "../../context.ts";
import { documentText, type SourceKind } from "../../documents/plan-source.ts";
import { listUnits } from "../agencies/repository.ts";
import { loadNodes } from "../frameworks/repository.ts";
import { frameworkForAgency } from "./repository.ts";

export async function importOptionsFor(
  ctx: AppContext,
  agencyId: number,
  year: number | null,
): Promise<ImportOptions> {
  const units = (await listUnits(ctx.db, agencyId)).map((u) => ({ name: u.name, shortName: u.short_name }));
  const frameworkId = await frameworkForAgency(ctx.db, agencyId, year);
  const areas = frameworkId
    ? (await loadNodes(ctx.db, frameworkId))
        .filter((n) => n.parentCode === null)
        .map((n) => ({ code: n.code, title: n.title }))
    : undefined;
  return { units, areas };
}

/** The plan's year as the document states it: "năm 2019" in its title, else its date. */
export function planYear(plan: ImportedPlan): number | null {
  const m = /năm (\d{4})/u.exec(plan.document.title ?? "");
  if (m) return Number(m[1]);
  return plan.document.date ? Number(plan.document.date.slice(0, 4)) : null;
}

export async function importDocument(
  ctx: AppContext | null,
  bytes: Uint8Array,
  filename: string,
  agencyId: number | null,
): Promise<{ kind: SourceKind; plan: ImportedPlan }> {
  const { kind, text } = await documentText(bytes, filename);
  const first = importPlanText(text);
  if (!ctx || agencyId === null) return { kind, plan: first };
  const opts = await importOptionsFor(ctx, agencyId, planYear(first));
  return { kind, plan: importPlanText(text, opts) };
}
