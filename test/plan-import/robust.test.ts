/**
 * Whatever arrives as a plan document, the importer answers with a clear error or a best-effort
 * result, never a crash or an endless reading: random bytes, an empty file, 10 MB of text, a zip
 * that is not a Word document, text in a legacy Vietnamese encoding.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ImportError, importPlanText, MAX_CHARS } from "../../core/plan-import/index.ts";
import { documentText } from "../../server/documents/plan-source.ts";
import { hostilePlanText } from "./hostile.ts";

const SEED = fs.readFileSync(
  path.resolve(import.meta.dirname, "../fixtures/plans/quangnam-1994-kh-vpubnd-2019.txt"),
);

async function read(bytes: Uint8Array, name: string) {
  const { text } = await documentText(bytes, name);
  return importPlanText(text);
}

describe("bad plan documents", () => {
  test("an empty file is refused as empty", async () => {
    await expect(read(new Uint8Array(), "plan.txt")).rejects.toMatchObject({ code: "empty" });
  });

  test("random bytes give an ImportError or a plan, never anything else", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 4000 }),
        fc.constantFrom("a.txt", "a.html", "a.docx", "a"),
        async (bytes, name) => {
          try {
            const plan = await read(bytes, name);
            expect(typeof plan.text).toBe("string");
          } catch (e) {
            expect(e).toBeInstanceOf(ImportError);
            expect((e as ImportError).messageVi.length).toBeGreaterThan(5);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test("a zip that is not a Word document (an .xlsx named .docx) is refused clearly", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").addRow(["Kế hoạch", 1994]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    await expect(read(bytes, "plan.docx")).rejects.toMatchObject({ code: "bad_docx" });
  });

  test("10 MB of text is read up to a bound, with a warning, and still finds the plan at its start", async () => {
    const big = Buffer.concat(
      Array.from({ length: Math.ceil((10 * 1024 * 1024) / SEED.length) }, () => SEED),
    );
    expect(big.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const plan = await read(big, "big.txt");
    expect(plan.text.length).toBeLessThanOrEqual(MAX_CHARS);
    expect(plan.warnings.some((w) => w.code === "truncated")).toBe(true);
    expect(plan.document.number).toBe("1994");
  }, 60_000);

  test("a text made of the reader's own cues, repeated to the size limit, is still read (a short name defined thousands of times, tables, page breaks, open brackets)", () => {
    const { text, units } = hostilePlanText();
    const plan = importPlanText(text, { units });
    expect(plan.text.length).toBeLessThanOrEqual(MAX_CHARS);
    expect(plan.tasks.length).toBeGreaterThan(0);
  }, 60_000);

  test("a heading that repeats 'điểm tối đa' in one open bracket to the size limit is read without backtracking for minutes", () => {
    const text = `I. NHIỆM VỤ\n1. Lĩnh vực: X (${"điểm tối đa ".repeat(32_000)}) x\n- Rà soát văn bản.`;
    expect(text.length).toBeLessThanOrEqual(MAX_CHARS);
    const plan = importPlanText(text);
    expect(plan.areaTargets).toEqual([]);
  }, 60_000);

  test("TCVN3 and VNI texts are refused, naming the encoding", async () => {
    const tcvn3 = Buffer.from(
      "Céng hßa x· héi chñ nghÜa ViÖt Nam. KÕ ho¹ch c¶i thiÖn ChØ sè c¶i c¸ch hµnh chÝnh n¨m 2019 cña V¨n phßng UBND tØnh, ®¹t 10/12 ®iÓm.",
      "latin1",
    );
    await expect(read(tcvn3, "a.txt")).rejects.toMatchObject({
      code: "legacy_encoding",
      messageVi: expect.stringContaining("TCVN3"),
    });
    const vni = Buffer.from(
      "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Keá hoaïch caûi thieän Chæ soá caûi caùch haønh chính naêm 2019 cuûa Vaên phoøng UBND tænh.",
      "latin1",
    );
    await expect(read(vni, "a.txt")).rejects.toMatchObject({
      code: "legacy_encoding",
      messageVi: expect.stringContaining("VNI"),
    });
  });

  test("UTF-16 with a byte-order mark and Windows line endings read like UTF-8", async () => {
    const text = SEED.toString("utf8").replace(/\n/g, "\r\n");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const plan = await read(utf16, "a.txt");
    expect(plan.document.number).toBe("1994");
    expect(plan.tasks).toHaveLength(16);
  });

  test("decomposed Unicode (NFD) is normalised to NFC", async () => {
    const nfd = Buffer.from(SEED.toString("utf8").normalize("NFD"), "utf8");
    const plan = await read(nfd, "a.txt");
    expect(plan.text).toBe(plan.text.normalize("NFC"));
    expect(plan.tasks).toHaveLength(16);
  });
});
