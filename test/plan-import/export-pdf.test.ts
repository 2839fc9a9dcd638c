/**
 * The exported plan as a reader sees it: the .docx converted to PDF by LibreOffice and read back with
 * poppler's pdftotext. Every target of the plan is there whole, in its own words; no count is printed
 * "00"; no deadline or title is cut inside a word. LibreOffice and pdftotext are required under CI=true
 * (.ci/run installs them); elsewhere the test is skipped, saying what to install.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { normalizeText } from "../../core/locale.ts";
import { type DocumentPlan, planDocument, targetPhrase } from "../../core/plan-document.ts";
import { planDocx } from "../../server/documents/plan-docx.ts";
import { DEMO_PLAN } from "./demo-plan.ts";

const has = (cmd: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const tools = has("soffice") && has("pdftotext");
if (!tools && process.env.CI !== "true")
  console.warn(
    "export-pdf.test.ts skipped: soffice or pdftotext not found (apt-get install libreoffice-writer-nogui poppler-utils)",
  );

/** The text of the PDF LibreOffice makes of the .docx, with lines joined and spaces collapsed. */
async function pdfText(plan: DocumentPlan): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parindex-export-"));
  try {
    const docx = path.join(dir, "plan.docx");
    fs.writeFileSync(docx, await planDocx(planDocument(plan)));
    // A profile of its own, so a running LibreOffice (or another test) does not hold the conversion.
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${dir}/profile`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        docx,
      ],
      { stdio: "ignore", timeout: 120_000 },
    );
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", path.join(dir, "plan.pdf"), "-"], {
      encoding: "utf8",
    });
    return flat(text);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const flat = (s: string) => normalizeText(s).replace(/\s+/gu, " ").trim();

describe.skipIf(!tools && process.env.CI !== "true")("the exported plan read back from its PDF", () => {
  // A count of none, a named ceiling and a deadline period longer than 60 characters: what used to
  // come out as "không quá 00 người" and "… báo cáo n".
  const plan: DocumentPlan = {
    ...DEMO_PLAN,
    tasks: [
      ...DEMO_PLAN.tasks,
      {
        area: null,
        title: "Gửi báo cáo định kỳ về Ủy ban nhân dân tỉnh",
        text: null,
        leadUnits: ["Phòng Hành chính – Tổ chức"],
        coordinatingUnits: [],
        due: null,
        period: "báo cáo quý I, báo cáo 6 tháng, báo cáo 9 tháng và báo cáo năm",
        targets: [
          { comparator: "<=", value: 0, unit: "sai phạm" },
          { comparator: "<=", value: null, reference: "tổng biên chế được giao", unit: null },
          { comparator: ">=", value: 4, unit: "báo cáo" },
        ],
      },
    ],
  };

  test("every target is there whole, no count reads 00, no deadline or title is cut", {
    timeout: 180_000,
  }, async () => {
    const text = await pdfText(plan);
    const targets = plan.tasks.flatMap((t) => t.targets);
    expect(targets.length).toBeGreaterThanOrEqual(15);
    for (const t of targets) expect(text).toContain(flat(targetPhrase(t)));
    expect(text).toContain("Sử dụng biên chế công chức không vượt quá tổng biên chế được giao");
    expect(text).toContain("không có sai phạm");
    expect(text).toContain("không vượt quá tổng biên chế được giao");
    expect(text).toContain("ít nhất 04 báo cáo");
    expect(text).not.toMatch(/(?<![\d,.])00(?![\d,./])/u);
    expect(text).toContain("báo cáo quý I, báo cáo 6 tháng, báo cáo 9 tháng và báo cáo năm.");
    for (const t of plan.tasks) expect(text).toContain(flat(t.title));
  });
});
