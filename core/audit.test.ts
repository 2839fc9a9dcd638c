import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditValue, canonical, changedFields } from "./audit.ts";

describe("the audit trail's canonical form", () => {
  it("sorts keys at every depth and drops undefined, so equal records hash alike", () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: undefined }], c: "Ủy" } })).toBe(
      '{"a":{"c":"Ủy","d":[1,{"y":2}]},"b":1}',
    );
    expect(canonical(new Date("2019-09-03T01:00:00Z"))).toBe('"2019-09-03T01:00:00.000Z"');
  });
  it("keeps booleans, numbers and text as JSON has them, and NUL out of text", () => {
    expect(
      auditValue({ applicable: false, n: 75.4, s: `a${String.fromCharCode(0)}b`, d: undefined }),
    ).toEqual({
      applicable: false,
      n: 75.4,
      s: "a\uFFFDb",
    });
  });
  it("reads the same after a trip through JSON, whatever the key order (as jsonb gives it back)", () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string(),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (v) => {
        const stored = auditValue(v);
        const back = JSON.parse(JSON.stringify(stored));
        expect(canonical(back)).toBe(canonical(stored));
      }),
    );
  });
  it("names the fields that changed", () => {
    expect(changedFields({ a: 1, b: "x", c: null }, { a: 1, b: "y", d: 2 })).toEqual(["b", "d"]);
  });
});
