import { describe, expect, it } from "vitest";
import { appPath } from "./roles.ts";

describe("where a sign-in may go next", () => {
  it("keeps a path of this app, with its query", () => {
    expect(appPath("/plans/3?tab=tasks")).toBe("/plans/3?tab=tasks");
    expect(appPath("/")).toBe("/");
  });

  it("drops another site, a protocol-relative or backslashed address, blanks, and anything not a path", () => {
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "/a b",
      "/\tx",
      "plans",
      "",
      null,
      3,
    ])
      expect(appPath(bad), String(bad)).toBeNull();
    expect(appPath(`/${"x".repeat(500)}`)).toBeNull();
  });
});
