/**
 * A plan document as PDF, with the same layout as the Word file. pdfmake's bundled Roboto renders
 * Vietnamese; Times New Roman is not shipped with the app, so the PDF uses Roboto (the .docx asks
 * for Times New Roman, which Word has). No network or file access beyond the bundled fonts.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { PlanDocumentModel } from "../../core/plan-document.ts";

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve("pdfmake/package.json")), "fonts", "Roboto");

interface PdfMake {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(dd: unknown): { getBuffer(): Promise<Buffer> };
}

let pdfmake: PdfMake | null = null;
function engine(): PdfMake {
  if (pdfmake) return pdfmake;
  pdfmake = require("pdfmake") as PdfMake;
  pdfmake.setFonts({
    Roboto: {
      normal: path.join(fontDir, "Roboto-Regular.ttf"),
      bold: path.join(fontDir, "Roboto-Medium.ttf"),
      italics: path.join(fontDir, "Roboto-Italic.ttf"),
      bolditalics: path.join(fontDir, "Roboto-MediumItalic.ttf"),
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fontDir));
  return pdfmake;
}

const mm = (x: number) => (x * 72) / 25.4;

export async function planPdf(d: PlanDocumentModel): Promise<Buffer> {
  const content: unknown[] = [
    {
      columns: [
        {
          width: "40%",
          stack: [
            ...(d.header.parentIssuer ? [{ text: d.header.parentIssuer, fontSize: 12 }] : []),
            { text: d.header.issuer, fontSize: 12, bold: true },
            // The short rule under the agency's name.
            {
              canvas: [{ type: "line", x1: 55, y1: 2, x2: 125, y2: 2, lineWidth: 0.6 }],
              margin: [0, 0, 0, 6],
            },
            { text: d.header.numberLine, fontSize: 12 },
          ],
          alignment: "center",
        },
        {
          width: "60%",
          stack: [
            { text: d.header.motto[0], fontSize: 12, bold: true },
            {
              text: d.header.motto[1],
              fontSize: 13,
              bold: true,
              decoration: "underline",
              margin: [0, 0, 0, 12],
            },
            ...(d.header.placeDate ? [{ text: d.header.placeDate, fontSize: 13, italics: true }] : []),
          ],
          alignment: "center",
        },
      ],
    },
    { text: d.kind, bold: true, fontSize: 13, alignment: "center", margin: [0, 18, 0, 0] },
    { text: d.subject, bold: true, fontSize: 13, alignment: "center", margin: [0, 0, 0, 12] },
    ...d.blocks.map((b) => ({
      text: b.text,
      bold: b.kind === "part" || b.kind === "section",
      alignment: "justify",
      leadingIndent: mm(12.7),
      margin: [0, 3, 0, 3],
    })),
    {
      columns: [
        {
          width: "50%",
          stack: [
            { text: "Nơi nhận:", bold: true, italics: true, fontSize: 11 },
            ...d.recipients.map((r, i) => ({
              text: `- ${r}${i === d.recipients.length - 1 ? "." : ";"}`,
              fontSize: 10,
            })),
          ],
        },
        {
          width: "50%",
          alignment: "center",
          stack: d.signature
            ? [
                ...(d.signature.authority ? [{ text: d.signature.authority, bold: true }] : []),
                { text: d.signature.position, bold: true, margin: [0, 0, 0, 60] },
                { text: d.signature.name, bold: true },
              ]
            : [],
        },
      ],
      margin: [0, 18, 0, 0],
    },
  ];
  const dd = {
    pageSize: "A4",
    pageMargins: [mm(30), mm(20), mm(15), mm(20)],
    defaultStyle: { font: "Roboto", fontSize: 12, lineHeight: 1.2 },
    info: { title: `${d.kind} ${d.header.numberLine}`, creator: "parindex" },
    header: (page: number) =>
      page === 1 ? null : { text: String(page), alignment: "center", margin: [0, mm(8), 0, 0], fontSize: 11 },
    content,
  };
  return engine().createPdf(dd).getBuffer();
}
