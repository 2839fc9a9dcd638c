import { describe, expect, it } from "vitest";
import { acceptImportBody } from "./plan-import.ts";

const body = (signer: unknown) => ({
  year: 2024,
  document: { title: "Cải thiện Chỉ số cải cách hành chính năm 2024", signer },
  areaTargets: [],
  tasks: [],
});

describe("the accept body's signer", () => {
  it("keeps one line break between authority lines and measures text in NFC", () => {
    const nfdName = "Nguyễn Văn An".normalize("NFD");
    const r = acceptImportBody.parse(
      body({ authority: "TM. ỦY BAN NHÂN DÂN\r\nKT. CHỦ TỊCH", position: "PHÓ CHỦ TỊCH", name: nfdName }),
    );
    expect(r.document.signer).toEqual({
      authority: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
      position: "PHÓ CHỦ TỊCH",
      name: "Nguyễn Văn An",
    });
    // 120 letters written decomposed are 120 characters once composed: accepted.
    const long = "ễ".repeat(120).normalize("NFD");
    expect(acceptImportBody.safeParse(body({ position: "CHỦ TỊCH", name: long })).success).toBe(true);
  });

  it("refuses a missing position or an over-long name, naming the field", () => {
    const r = acceptImportBody.safeParse(body({ position: "", name: "x".repeat(121) }));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual([
      "document.signer.position",
      "document.signer.name",
    ]);
  });
});
