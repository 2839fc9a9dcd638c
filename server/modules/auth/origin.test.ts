import { describe, expect, it } from "vitest";
import { isCrossOrigin, originOf, type RequestOrigin } from "./origin.ts";

const OWN = "https://cchc.example.gov.vn";
const req = (over: Partial<RequestOrigin>): RequestOrigin => ({
  method: "POST",
  fetchSite: undefined,
  origin: undefined,
  own: OWN,
  allowed: [],
  ...over,
});

describe("isCrossOrigin", () => {
  it("never refuses a request that only reads", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect(isCrossOrigin(req({ method, fetchSite: "cross-site", origin: "https://evil.example" }))).toBe(
        false,
      );
  });

  it("believes Sec-Fetch-Site when the browser sends it: only same-origin and none pass", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(isCrossOrigin(req({ method, fetchSite: "same-origin" }))).toBe(false);
      expect(isCrossOrigin(req({ method, fetchSite: "none" }))).toBe(false);
      expect(isCrossOrigin(req({ method, fetchSite: "same-site" }))).toBe(true);
      expect(isCrossOrigin(req({ method, fetchSite: "cross-site" }))).toBe(true);
      expect(isCrossOrigin(req({ method, fetchSite: "" }))).toBe(true);
    }
    // Vite's dev server proxies /api from another port: the browser still says same-origin.
    expect(
      isCrossOrigin(
        req({ fetchSite: "same-origin", origin: "http://localhost:5173", own: "http://localhost:3000" }),
      ),
    ).toBe(false);
  });

  it("otherwise compares Origin with the request's own origin and PUBLIC_ORIGIN", () => {
    expect(isCrossOrigin(req({ origin: OWN }))).toBe(false);
    expect(isCrossOrigin(req({ origin: "https://CCHC.example.gov.vn:443" }))).toBe(false);
    expect(isCrossOrigin(req({ origin: "http://cchc.example.gov.vn" }))).toBe(true);
    expect(isCrossOrigin(req({ origin: "https://cchc.example.gov.vn:8443" }))).toBe(true);
    expect(isCrossOrigin(req({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossOrigin(req({ origin: "https://evil.example", allowed: ["https://evil.example"] }))).toBe(
      false,
    );
    expect(isCrossOrigin(req({ origin: "null" }))).toBe(true);
    expect(isCrossOrigin(req({ origin: "" }))).toBe(true);
    expect(isCrossOrigin(req({ origin: "not a url" }))).toBe(true);
  });

  it("lets a program through: no Sec-Fetch-Site and no Origin means no browser and no victim's cookie", () => {
    expect(isCrossOrigin(req({}))).toBe(false);
  });
});

describe("originOf", () => {
  it("writes scheme and Host as a browser's Origin would", () => {
    expect(originOf("http", "localhost:80")).toBe("http://localhost");
    expect(originOf("https", "Example.gov.vn:443")).toBe("https://example.gov.vn");
    expect(originOf("http", "127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
    expect(originOf("http", "[::1]:3000")).toBe("http://[::1]:3000");
    expect(originOf("http", "a b")).toBeNull();
  });
});
