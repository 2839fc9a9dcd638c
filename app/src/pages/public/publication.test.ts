import { describe, expect, test } from "vitest";
import { decisionRef, rankingPath } from "./publication.ts";

describe("how a publication is named", () => {
  test("the decision in running text: day padded, month not (Nghị định 30)", () => {
    expect(decisionRef({ number: "617", code: "QĐ-UBND", date: "2023-03-29" }, "vi")).toBe(
      "617/QĐ-UBND ngày 29/3/2023",
    );
    expect(decisionRef({ number: "1994", code: "QĐ-UBND", date: "2019-09-03" }, "vi")).toBe(
      "1994/QĐ-UBND ngày 03/9/2019",
    );
    expect(decisionRef({ number: "617", code: "QĐ-UBND", date: "2023-03-29" }, "en")).toBe(
      "617/QĐ-UBND of 29 Mar 2023",
    );
  });

  test("the current version lives at the cycle's address, an earlier one at its own", () => {
    expect(rankingPath(1)).toBe("/public/rankings/1");
    expect(rankingPath(1, 2, 2)).toBe("/public/rankings/1");
    expect(rankingPath(1, 1, 2)).toBe("/public/rankings/1/v/1");
  });
});
