import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("configuration", () => {
  it("trusts no proxy unless told which, and refuses anything but addresses or networks", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "" }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.5, 10.0.0.0/8,::1" }).TRUST_PROXY).toBe(
      "10.0.0.5, 10.0.0.0/8,::1",
    );
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY: must be the proxies' addresses/);
    expect(() => loadConfig({ PORT: "x" })).toThrow(/PORT/);
  });
});
