import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertPageBreaks, findControlCharacter, hasControlCharacter, pathIdOutOfRange } from "./input.ts";

describe("control characters", () => {
  it("are C0 controls but tab, line feed and carriage return, and DEL", () => {
    for (let c = 0; c < 0x20; c++)
      expect(hasControlCharacter(`a${String.fromCharCode(c)}b`), String(c)).toBe(![9, 10, 13].includes(c));
    expect(hasControlCharacter("\u007f")).toBe(true);
    for (const ok of ["", "Kế hoạch số 1994/KH-VPUBND", "a\tb\r\nc", "\u0080\u00a0\u200b😀", "\u2028"])
      expect(hasControlCharacter(ok), JSON.stringify(ok)).toBe(false);
  });

  it("are found anywhere in a body, by the dotted path of their field or key", () => {
    expect(findControlCharacter({ title: "ok", tasks: [{ title: "a" }, { title: "b\u0000" }] })).toBe(
      "tasks.1.title",
    );
    expect(findControlCharacter({ a: { "x\u0001y": 1 } })).toBe("a.x\\u0001y");
    expect(findControlCharacter("\u0007")).toBe("(body)");
    expect(findControlCharacter({ q: ["a", "b\u001b"] }, [])).toBe("q.1");
    expect(findControlCharacter({ id: "1\u0000" })).toBe("id");
    expect(findControlCharacter({ n: 1, b: true, z: null, s: "tab\there" })).toBeNull();
    expect(findControlCharacter(undefined)).toBeNull();
  });

  it("reports the first offending field in document order", () => {
    expect(findControlCharacter({ a: "ok", b: "\u0000", c: "\u0000" })).toBe("b");
    expect(findControlCharacter([{ x: "ok" }, { x: "\u0000" }, "\u0000"])).toBe("1.x");
  });

  it("are found exactly when some string or key holds one, at a path that leads to it", () => {
    const get = (v: unknown, path: string[]) =>
      path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], v);
    const anyControl = (v: unknown): boolean =>
      typeof v === "string"
        ? hasControlCharacter(v)
        : Array.isArray(v)
          ? v.some(anyControl)
          : v !== null && typeof v === "object"
            ? Object.entries(v).some(([k, x]) => hasControlCharacter(k) || anyControl(x))
            : false;
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "binary-ascii", maxDepth: 4 }), (v) => {
        const found = findControlCharacter({ body: v });
        expect(found !== null).toBe(anyControl(v));
        // A key with a control character, or a key with a dot in it, cannot be followed back.
        if (found === null || found.includes("\\u") || JSON.stringify(v).includes(".")) return;
        const at = get({ body: v }, found.split("."));
        expect(typeof at === "string" && hasControlCharacter(at)).toBe(true);
      }),
      { seed: 20250301, numRuns: 500 },
    );
  });
});

describe("page breaks in pasted text", () => {
  it("become paragraph and line breaks in the fields a route names, and nowhere else", () => {
    const body = { text: "trang 1\ftrang 2\vdòng", other: "x\fy" };
    convertPageBreaks(body, ["text"]);
    expect(body).toEqual({ text: "trang 1\n\ntrang 2\ndòng", other: "x\fy" });
    expect(findControlCharacter(body)).toBe("other");
    convertPageBreaks(null, ["text"]);
    convertPageBreaks(["\f"], ["0"]);
  });
});

describe("path ids out of range", () => {
  it("answer 404 for an id param past PostgreSQL's integer, naming it", () => {
    for (const raw of [
      "2147483648",
      "99999999999",
      "9223372036854775808",
      "1e10",
      "-99999999999",
      "0x1ffffffff",
      "Infinity",
    ]) {
      const e = pathIdOutOfRange({ id: raw });
      expect(e?.status, raw).toBe(404);
      expect(e?.code).toBe("not_found");
      expect(e?.field).toBe("id");
    }
    expect(pathIdOutOfRange({ cycleId: "1", agencyId: "2147483648" })?.field).toBe("agencyId");
  });

  it("leaves ids in range, malformed values and other params to the route's schema", () => {
    for (const raw of ["1", "2147483647", "0", "-1", "abc", "", " ", "1.5", "\u0000", "NaN"])
      expect(pathIdOutOfRange({ id: raw }), raw).toBeNull();
    expect(pathIdOutOfRange({ nodeCode: "99999999999", valid: "99999999999" })).toBeNull();
    expect(pathIdOutOfRange(undefined)).toBeNull();
  });
});
