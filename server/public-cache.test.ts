import zlib from "node:zlib";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { forgetPublicAnswers, sendPublic } from "./public-cache.ts";

function appWith(compute: () => Promise<unknown>) {
  const app = Fastify();
  app.get("/x", (req, reply) => sendPublic(req, reply, "test:x", compute));
  return app;
}

describe("the public answer cache", () => {
  it("computes once for readers arriving together, and serves the same bytes to each encoding", async () => {
    forgetPublicAnswers();
    let calls = 0;
    const app = appWith(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 30));
      return { ranking: [{ agency: "Văn phòng UBND tỉnh", points: 75.4 }] };
    });
    const rs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.inject({ url: "/x", headers: { "accept-encoding": ["br", "gzip", "identity"][i % 3] } }),
      ),
    );
    expect(calls).toBe(1);
    const br = rs[0];
    expect(br.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString("utf8"))).toEqual({
      ranking: [{ agency: "Văn phòng UBND tỉnh", points: 75.4 }],
    });
    expect(rs[1].headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(rs[1].rawPayload).toString("utf8")).toBe(rs[2].body);
    expect(rs[2].headers["content-encoding"]).toBeUndefined();
    expect(rs[2].headers.vary).toBe("accept-encoding");
    // A browser that has it gets 304.
    const again = await app.inject({ url: "/x", headers: { "if-none-match": String(br.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(calls).toBe(1);
  });

  it("forgets everything on a recorded change, and does not keep an answer computed across one", async () => {
    forgetPublicAnswers();
    let value = 1;
    const app = appWith(async () => ({ value }));
    expect((await app.inject({ url: "/x" })).json()).toEqual({ value: 1 });
    value = 2;
    expect((await app.inject({ url: "/x" })).json()).toEqual({ value: 1 });
    forgetPublicAnswers();
    expect((await app.inject({ url: "/x" })).json()).toEqual({ value: 2 });
    // A change lands while an answer is being computed: it is served once, not kept.
    forgetPublicAnswers();
    let calls = 0;
    const racing = appWith(async () => {
      calls++;
      forgetPublicAnswers();
      return { calls };
    });
    expect((await racing.inject({ url: "/x" })).json()).toEqual({ calls: 1 });
    expect((await racing.inject({ url: "/x" })).json()).toEqual({ calls: 2 });
  });

  it("does not keep an error", async () => {
    forgetPublicAnswers();
    let fail = true;
    const app = appWith(async () => {
      if (fail) throw new Error("not yet");
      return { ok: true };
    });
    expect((await app.inject({ url: "/x" })).statusCode).toBe(500);
    fail = false;
    expect((await app.inject({ url: "/x" })).json()).toEqual({ ok: true });
  });
});
