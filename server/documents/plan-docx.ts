/**
 * A plan document as Word (.docx) in the Nghị định 30/2020 layout: A4, margins 20/20/30/15 mm,
 * Times New Roman, body 14 pt justified with a 1,27 cm first-line indent; a borderless two-column
 * header (parent body and agency over the number; national title and motto over the place and
 * date); title and subject centred and bold; signature and "Nơi nhận" side by side; page numbers
 * centred at the top from page 2.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { PlanDocumentModel } from "../../core/plan-document.ts";

const FONT = "Times New Roman";
const pt = (n: number) => n * 2;
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

function line(
  text: string,
  o: {
    size?: number;
    bold?: boolean;
    italics?: boolean;
    underline?: boolean;
    align?: "center" | "left" | "justify";
    after?: number;
  } = {},
) {
  return new Paragraph({
    alignment:
      o.align === "left"
        ? AlignmentType.LEFT
        : o.align === "justify"
          ? AlignmentType.JUSTIFIED
          : AlignmentType.CENTER,
    spacing: { after: o.after ?? 0 },
    children: [
      new TextRun({
        text,
        font: FONT,
        size: pt(o.size ?? 13),
        bold: o.bold,
        italics: o.italics,
        underline: o.underline ? {} : undefined,
      }),
    ],
  });
}

function body(text: string, o: { bold?: boolean; indent?: boolean } = {}) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: 60, after: 60, line: 300 },
    indent: o.indent === false ? undefined : { firstLine: convertMillimetersToTwip(12.7) },
    children: [new TextRun({ text, font: FONT, size: pt(14), bold: o.bold })],
  });
}

function cell(children: Paragraph[], widthPct: number) {
  return new TableCell({
    children,
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
  });
}

export async function planDocx(d: PlanDocumentModel): Promise<Buffer> {
  const left = [
    ...(d.header.parentIssuer ? [line(d.header.parentIssuer, { size: 13 })] : []),
    line(d.header.issuer, { size: 13, bold: true }),
    // The short rule under the agency's name: a bottom border on an indented, empty paragraph.
    new Paragraph({
      indent: { left: convertMillimetersToTwip(20), right: convertMillimetersToTwip(20) },
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
      spacing: { after: 120 },
      children: [],
    }),
    line(d.header.numberLine, { size: 13 }),
  ];
  const right = [
    line(d.header.motto[0], { size: 13, bold: true }),
    line(d.header.motto[1], { size: 14, bold: true, underline: true, after: 240 }),
    ...(d.header.placeDate ? [line(d.header.placeDate, { size: 14, italics: true })] : []),
  ];
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, 40), cell(right, 60)] })],
  });
  const blocks = d.blocks.map((b) =>
    b.kind === "part"
      ? body(b.text, { bold: true })
      : b.kind === "section"
        ? body(b.text, { bold: true })
        : body(b.text),
  );
  const recipients = [
    new Paragraph({
      children: [new TextRun({ text: "Nơi nhận:", font: FONT, size: pt(12), bold: true, italics: true })],
    }),
    ...d.recipients.map(
      (r, i) =>
        new Paragraph({
          children: [
            new TextRun({
              text: `- ${r}${i === d.recipients.length - 1 ? "." : ";"}`,
              font: FONT,
              size: pt(11),
            }),
          ],
        }),
    ),
  ];
  const signature = d.signature
    ? [
        // "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH": one paragraph per authority line.
        ...(d.signature.authority ?? "")
          .split("\n")
          .filter(Boolean)
          .map((a) => line(a, { size: 14, bold: true })),
        line(d.signature.position, { size: 14, bold: true, after: 1200 }),
        line(d.signature.name, { size: 14, bold: true }),
      ]
    : [line("")];
  const closing = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(recipients, 50), cell(signature, 50)] })],
  });
  const doc = new Document({
    creator: "parindex",
    title: `${d.kind} ${d.header.numberLine}`,
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(20),
              bottom: convertMillimetersToTwip(20),
              left: convertMillimetersToTwip(30),
              right: convertMillimetersToTwip(15),
            },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })],
              }),
            ],
          }),
        },
        children: [
          header,
          line("", { after: 240 }),
          line(d.kind, { size: 14, bold: true }),
          line(d.subject, { size: 14, bold: true, after: 240 }),
          ...blocks,
          line(""),
          closing,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
