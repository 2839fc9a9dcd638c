import { describe, expect, test } from "vitest";
import { diffChanges, isBlank } from "./changeDiff.ts";

describe("what an audit entry changed, field by field", () => {
  test("a state change is one row; fields that did not change are left out", () => {
    expect(
      diffChanges(
        { state: "correcting", version: 1, group: "so-ban-nganh" },
        { state: "published", version: 2, group: "so-ban-nganh" },
      ),
    ).toEqual([
      { path: ["state"], kind: "changed", before: "correcting", after: "published" },
      { path: ["version"], kind: "changed", before: 1, after: 2 },
    ]);
  });

  test("a new record lists its fields as added, without the blank ones", () => {
    expect(
      diffChanges(null, { evidenceId: 7, kind: "link", fileName: null, url: "https://x.vn", size: null }),
    ).toEqual([
      { path: ["evidenceId"], kind: "added", before: null, after: 7 },
      { path: ["kind"], kind: "added", before: null, after: "link" },
      { path: ["url"], kind: "added", before: null, after: "https://x.vn" },
    ]);
  });

  test("a record that is gone lists what it held as removed", () => {
    expect(diffChanges({ areaCode: "3", userId: 5 }, null)).toEqual([
      { path: ["areaCode"], kind: "removed", before: "3", after: null },
      { path: ["userId"], kind: "removed", before: 5, after: null },
    ]);
  });

  test("a field set back to nothing is a change to blank, not a removal", () => {
    expect(diffChanges({ excludedReason: "Sáp nhập vào Sở Nội vụ" }, { excludedReason: null })).toEqual([
      { path: ["excludedReason"], kind: "changed", before: "Sáp nhập vào Sở Nội vụ", after: null },
    ]);
  });

  test("nested records are compared inside; lists are compared whole", () => {
    const rows = diffChanges(
      { old: { points: 75.4, max: 93 }, areas: ["1", "2"] },
      { old: { points: 43.72, max: 93 }, areas: ["1", "2"], excluded: [{ agencyId: 3 }] },
    );
    expect(rows).toEqual([
      { path: ["old", "points"], kind: "changed", before: 75.4, after: 43.72 },
      { path: ["excluded"], kind: "added", before: null, after: [{ agencyId: 3 }] },
    ]);
    expect(diffChanges({ areas: ["1", "2"] }, { areas: ["2", "1"] })).toHaveLength(1);
  });

  test("keys in another order are the same record (jsonb does not keep the order)", () => {
    expect(diffChanges({ a: { x: 1, y: [{ p: 1, q: 2 }] } }, { a: { y: [{ q: 2, p: 1 }], x: 1 } })).toEqual(
      [],
    );
  });

  test("plain values compare at the top; blank to blank is no change", () => {
    expect(diffChanges("a", "b")).toEqual([{ path: [], kind: "changed", before: "a", after: "b" }]);
    expect(diffChanges(null, "")).toEqual([]);
    expect(diffChanges(undefined, undefined)).toEqual([]);
    expect(isBlank({ a: null, b: [] })).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(false)).toBe(false);
  });
});
