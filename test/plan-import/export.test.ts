/**
 * Exported plans: the .docx has the official layout's parts and reads back (through the same
 * importer as any Word file) into the same plan; the PDF is a real PDF with the text in it.
 */
import { describe, expect, test } from "vitest";
import { normalizeText } from "../../core/locale.ts";
import { planDocument } from "../../core/plan-document.ts";
import { importPlanText } from "../../core/plan-import/index.ts";
import { AREAS, UNITS } from "../../demo/quangnam2019.ts";
import { planDocx } from "../../server/documents/plan-docx.ts";
import { planPdf } from "../../server/documents/plan-pdf.ts";
import { documentText } from "../../server/documents/plan-source.ts";
import { DEMO_PLAN } from "./demo-plan.ts";

describe("exported plan documents", () => {
  test("the .docx of the demo plan reads back into the same plan", async () => {
    const docx = await planDocx(planDocument(DEMO_PLAN));
    expect(docx.subarray(0, 2).toString()).toBe("PK");
    const { kind, text } = await documentText(docx, "1994-KH-VPUBND.docx");
    expect(kind).toBe("docx");
    const back = importPlanText(text, { units: UNITS, areas: AREAS });
    expect(back.document).toMatchObject({
      number: "1994",
      code: "KH-VPUBND",
      date: "2019-09-03",
      place: "Quảng Nam",
      issuer: "VĂN PHÒNG UBND TỈNH",
      parentIssuer: "UBND TỈNH QUẢNG NAM",
      title: DEMO_PLAN.title,
      signer: "Nguyễn Văn An",
      signerAuthority: "KT. CHÁNH VĂN PHÒNG",
      signerPosition: "PHÓ CHÁNH VĂN PHÒNG",
    });
    expect(back.totals).toMatchObject({ max: 93, target: 86.5, impliedBaseline: 75.4 });
    const grouped = [
      ...AREAS.flatMap((a) => DEMO_PLAN.tasks.filter((t) => t.area === a.code)),
      ...DEMO_PLAN.tasks.filter((t) => t.area === null),
    ];
    expect(back.tasks.map((t) => [t.area, t.title, t.leadUnits, t.coordinatingUnits, t.due])).toEqual(
      // Titles come back in the canonical text form (dashes written "-").
      grouped.map((t) => [t.area, normalizeText(t.title), t.leadUnits, t.coordinatingUnits, t.due]),
    );
  });

  test("the PDF is a PDF carrying the plan's number", async () => {
    const pdf = await planPdf(planDocument(DEMO_PLAN));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(5000);
  });
});
