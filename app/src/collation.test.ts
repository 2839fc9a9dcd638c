import { describe, expect, it } from "vitest";
import { sortVi } from "../../core/locale.ts";

// The dropdowns of agencies sort with core/locale's Vietnamese collator (sortVi), not by code points:
// by code points "Giao" (a) comes before "Giáo" (á), which no Vietnamese reader expects.
describe("agency names in a dropdown", () => {
  it("follow Vietnamese order: letters first, tone marks only to break a tie; đ after d", () => {
    const names = ["Sở Y tế", "Sở Giao thông vận tải", "Sở Đất đai", "Sở Giáo dục và Đào tạo", "Sở Du lịch"];
    expect(sortVi(names)).toEqual([
      "Sở Du lịch",
      "Sở Đất đai",
      "Sở Giáo dục và Đào tạo",
      "Sở Giao thông vận tải",
      "Sở Y tế",
    ]);
    expect([...names].sort()).not.toEqual(sortVi(names));
  });
});
