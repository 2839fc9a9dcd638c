/**
 * A stored plan as the document model, then as DOCX, PDF or text: the working draft for the agency
 * and the province, the latest published version for everyone else, or the version asked for.
 */
import { type DocumentPlan, planDocument, planDocumentText } from "../../../core/plan-document.ts";
import { findReferences } from "../../../core/plan-import/refs.ts";
import type { AppContext } from "../../context.ts";
import { planDocx } from "../../documents/plan-docx.ts";
import { planPdf } from "../../documents/plan-pdf.ts";
import { findAgency } from "../agencies/repository.ts";
import type { Caller } from "../auth/policy.ts";
import { planDetail } from "../plans/service.ts";

export async function documentPlanFor(
  ctx: AppContext,
  caller: Caller | null,
  planId: number,
  version?: number,
): Promise<DocumentPlan> {
  const p = await planDetail(ctx, caller, planId, version);
  const agency = await findAgency(ctx.db, p.agency.id);
  const parent = agency?.parent_id ? await findAgency(ctx.db, agency.parent_id) : undefined;
  const implementsText = p.implements ?? "";
  return {
    parentIssuer: parent?.name ?? null,
    issuer: p.agency.name,
    number: p.number,
    code: p.code,
    place: p.place,
    date: p.issuedOn,
    year: p.year,
    title: p.title.replace(/^Kế hoạch\s+/iu, ""),
    references: findReferences(implementsText).map(({ kind, number, code, date, issuer }) => ({
      kind,
      number,
      code,
      date,
      issuer,
    })),
    overallTarget: p.overallTarget,
    areaTargets: p.targets.areas.map((a) => ({
      area: a.areaCode,
      title: a.title,
      target: a.target ?? 0,
      max: a.max ?? 0,
      delta: a.delta,
      baselineYear: p.year - 1,
      kept: a.kept,
    })),
    tasks: p.tasks.map((t) => ({
      area: t.areaCode,
      title: t.title,
      text: t.body,
      leadUnits: t.leadUnits.map((u) => u.name),
      coordinatingUnits: t.coordinatingUnits.map((u) => u.name),
      due: t.due,
      period: t.period,
      // A deadline target (done_by) is printed as the task's deadline, not among its targets.
      targets: t.targets.flatMap((x) =>
        x.comparator !== "done_by"
          ? [
              {
                comparator: x.comparator,
                value: x.value,
                reference: x.reference ?? null,
                unit: x.unit ?? null,
                text: x.text,
              },
            ]
          : [],
      ),
    })),
    // Without a stored signer the block is left for the signature.
    signer: p.signer,
    recipients: ["Như trên", "Lưu: VT"],
  };
}

export async function exportPlan(
  ctx: AppContext,
  caller: Caller | null,
  planId: number,
  format: "docx" | "pdf" | "txt",
  version?: number,
) {
  const plan = await documentPlanFor(ctx, caller, planId, version);
  const model = planDocument(plan);
  const base =
    `${plan.number ?? "ke-hoach"}-${plan.code ?? plan.year}${version ? `-v${version}` : ""}`.replace(
      /[^\w-]+/g,
      "-",
    );
  if (format === "txt")
    return { body: planDocumentText(model), filename: `${base}.txt`, type: "text/plain; charset=utf-8" };
  if (format === "pdf")
    return { body: await planPdf(model), filename: `${base}.pdf`, type: "application/pdf" };
  return {
    body: await planDocx(model),
    filename: `${base}.docx`,
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  };
}
