import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { multipart, type Part } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

/** A form with text fields and, optionally, one file. */
function form(fields: Record<string, string>, file?: { name: string; content: Buffer | string }) {
  const parts: Part[] = Object.entries(fields).map(([name, value]) => ({ name, value }));
  if (file) parts.push({ name: "file", filename: file.name, content: file.content });
  return multipart(parts);
}

forEachEngine("indicators and reporting periods", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let officeId: number;
  let provinceId: number;
  const auth: Record<string, { authorization: string }> = {};
  beforeAll(async () => {
    await seedDemo(get().ctx, {
      passwords: {
        "vp.daumoi": "focal-password-1",
        "snv.cchc": "snv-password-12",
        "vp.hctc": "hctc-password-1",
      },
    });
    app = await testApp(get().ctx);
    const agencies = (await app.inject({ url: "/api/agencies?limit=500" })).json().items;
    officeId = agencies.find((a: { code: string }) => a.code === "VPUBND").id;
    provinceId = agencies.find((a: { code: string }) => a.code === "QNAM").id;
    for (const [u, p] of [
      ["vp.daumoi", "focal-password-1"],
      ["snv.cchc", "snv-password-12"],
      ["vp.hctc", "hctc-password-1"],
    ]) {
      const r = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: u, password: p },
      });
      auth[u] = { authorization: `Bearer ${r.json().token}` };
    }
  });

  const count = async () =>
    Number(
      (
        await get()
          .ctx.db.selectFrom("indicator_values")
          .select(get().ctx.db.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("computes the share of digitally signed outgoing documents from a register", async () => {
    const csv =
      "Số ký hiệu;Ngày;Trích yếu;Ký số\n01/KH-VPUBND;03/01/2019;Kế hoạch;x\n02/BC-VPUBND;05/01/2019;Báo cáo;x\n03/TB-VPUBND;07/01/2019;Thông báo;\n";
    const m = form(
      { code: "signed_outgoing", period: "2019-q1", column: "ky so" },
      { name: "so-van-ban-di.csv", content: csv },
    );
    const r = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/indicators/import`,
      headers: { ...m.headers, ...auth["vp.daumoi"] },
      payload: m.payload,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ count: 2, total: 3, percent: 66.67 });
    const list = (
      await app.inject({ url: `/api/agencies/${officeId}/indicators`, headers: auth["vp.daumoi"] })
    ).json().items;
    expect(list.at(-1)).toMatchObject({ code: "signed_outgoing", value: 66.67, source: "import" });
  });

  it("rejects an unknown column, an empty register, a wrong type and a division, storing nothing", async () => {
    const before = await count();
    const bad = form(
      { code: "signed_outgoing", period: "2019-q1", column: "Chữ ký" },
      { name: "r.csv", content: "Số;Ký số\n1;x\n" },
    );
    const r1 = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/indicators/import`,
      headers: { ...bad.headers, ...auth["vp.daumoi"] },
      payload: bad.payload,
    });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error).toMatchObject({ code: "register.unknown_column", field: "column" });
    expect(r1.json().error.messageEn).toContain("Ký số");
    const empty = form(
      { code: "x1", period: "2019-q1", column: "Ký số" },
      { name: "r.csv", content: "Số;Ký số\n" },
    );
    const r2 = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/indicators/import`,
      headers: { ...empty.headers, ...auth["vp.daumoi"] },
      payload: empty.payload,
    });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.code).toBe("register.empty");
    const exe = form({ code: "x1", period: "2019-q1", column: "Ký số" }, { name: "r.exe", content: "MZ" });
    const r3 = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/indicators/import`,
      headers: { ...exe.headers, ...auth["vp.daumoi"] },
      payload: exe.payload,
    });
    expect(r3.statusCode).toBe(415);
    const ok = form(
      { code: "x1", period: "2019-q1", column: "Ký số" },
      { name: "r.csv", content: "Số;Ký số\n1;x\n" },
    );
    const r4 = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/indicators/import`,
      headers: { ...ok.headers, ...auth["vp.hctc"] },
      payload: ok.payload,
    });
    expect(r4.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it("derives contest participation from the staff count, and rejects an impossible count", async () => {
    const r = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/indicators/derive`,
      headers: auth["vp.daumoi"],
      payload: { code: "contest_participation", period: "2019", count: 52 },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ of: 96, percent: 54.17 });
    const before = await count();
    const bad = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/indicators/derive`,
      headers: auth["vp.daumoi"],
      payload: { code: "contest_participation", period: "2019", count: 97 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: "indicator.count_above_total", field: "count" });
    expect(await count()).toBe(before);
  });

  it("records every value in the audit trail, in its own transaction, with how it was computed", async () => {
    const manual = await app.inject({
      method: "POST",
      url: `/api/agencies/${officeId}/indicators`,
      headers: auth["vp.daumoi"],
      payload: { code: "initiatives", period: "2019", value: 1 },
    });
    expect(manual.statusCode).toBe(201);
    const log = (
      await app.inject({
        url: `/api/audit?entity=indicator_value&agencyId=${officeId}`,
        headers: auth["snv.cchc"],
      })
    ).json().items as {
      action: string;
      entityId: string;
      after: Record<string, unknown>;
      actor: { name: string };
    }[];
    expect(log.map((e) => e.action).every((a) => a === "indicator.recorded")).toBe(true);
    expect(log[0]).toMatchObject({
      entityId: String(manual.json().id),
      after: { code: "initiatives", period: "2019", value: 1, source: "manual" },
      actor: { name: "vp.daumoi" },
    });
    expect(log.find((e) => e.after.source === "derived")?.after).toMatchObject({
      code: "contest_participation",
      count: 52,
      of: 96,
    });
    expect(log.find((e) => e.after.source === "import")?.after).toMatchObject({
      code: "signed_outgoing",
      count: 2,
      total: 3,
    });
    // Every value has its entry: refused requests recorded nothing.
    expect(log).toHaveLength(await count());
  });

  it("gives the default reporting periods and lets the province office set its own", async () => {
    const r = await app.inject({ url: `/api/agencies/${officeId}/periods?year=2019` });
    expect(r.statusCode).toBe(200);
    expect(r.json().periods[0]).toMatchObject({
      code: "q1",
      from: "2018-12-15",
      to: "2019-03-14",
      due: "2019-03-20",
    });
    const rules = r.json().rules;
    rules[0] = { ...rules[0], due: { month: 3, day: 25 } };
    const denied = await app.inject({
      method: "PUT",
      url: `/api/agencies/${provinceId}/periods`,
      headers: auth["vp.daumoi"],
      payload: { rules },
    });
    expect(denied.statusCode).toBe(403);
    const put = await app.inject({
      method: "PUT",
      url: `/api/agencies/${provinceId}/periods`,
      headers: auth["snv.cchc"],
      payload: { rules },
    });
    expect(put.statusCode).toBe(200);
    const after = await app.inject({ url: `/api/agencies/${officeId}/periods?year=2019` });
    expect(after.json().periods[0].due).toBe("2019-03-25");
    const broken = structuredClone(rules);
    broken[1].due = { month: 6, day: 1 };
    const bad = await app.inject({
      method: "PUT",
      url: `/api/agencies/${provinceId}/periods`,
      headers: auth["snv.cchc"],
      payload: { rules: broken },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("periods.invalid");
    expect(
      (await app.inject({ url: `/api/agencies/${officeId}/periods?year=2019` })).json().periods[1].due,
    ).toBe("2019-06-20");
  });
});
