/** A named quantity ("tổng biên chế được giao") instead of a number: read, compared, printed, validated. */
import { describe, expect, test } from "vitest";
import { measurableTargetSchema } from "./contracts/plans.ts";
import { type MeasurableTarget, targetMet } from "./plan.ts";
import { targetPhrase } from "./plan-document.ts";
import { targetLine } from "./plan-version.ts";

const NAMED: MeasurableTarget = {
  text: "Sử dụng biên chế công chức không vượt quá tổng biên chế được giao",
  comparator: "<=",
  value: null,
  reference: "tổng biên chế được giao",
  unit: null,
};

describe("named ceilings", () => {
  test("never judged met or not: the plan does not size the quantity", () => {
    expect(targetMet(NAMED, 97)).toBeNull();
    expect(targetMet(NAMED, 0)).toBeNull();
    expect(targetMet({ ...NAMED, value: 100, reference: null, unit: "%" }, 97)).toBe(true);
  });

  test("a version's line names the quantity; a numbered target's line is as before", () => {
    expect(targetLine({ ...NAMED, unit: null })).toBe(`${NAMED.text}: <= tổng biên chế được giao`);
    expect(targetLine({ text: "Kiểm tra", comparator: ">=", value: 30, unit: "%" })).toBe(
      "Kiểm tra: >= 30 %",
    );
    // Renaming the quantity is a change.
    expect(targetLine({ ...NAMED, unit: null, reference: "số biên chế được phê duyệt" })).not.toBe(
      targetLine({ ...NAMED, unit: null }),
    );
  });

  test("the document prints the name whole, never a number", () => {
    expect(targetPhrase({ ...NAMED, unit: null })).toBe(NAMED.text);
    expect(
      targetPhrase({ comparator: "<=", value: null, reference: "tổng biên chế được giao", unit: null }),
    ).toBe("không vượt quá tổng biên chế được giao");
  });

  test("exactly one of value and reference; a date target takes no name", () => {
    const field = (x: object) => {
      const r = measurableTargetSchema.safeParse(x);
      return r.success ? null : r.error.issues.map((i) => i.path.join("."));
    };
    expect(field(NAMED)).toBeNull();
    expect(field({ text: "x", comparator: ">=", value: 3, unit: "báo cáo" })).toBeNull();
    expect(field({ text: "x", comparator: "<=" })).toEqual(["value"]);
    expect(field({ ...NAMED, value: 100 })).toEqual(["reference"]);
    expect(field({ text: "x", comparator: "done_by", reference: "cuối năm" })).toContain("reference");
    expect(field({ ...NAMED, reference: "  " })).not.toBeNull();
  });
});
