/**
 * The published/unpublished boundary of results, gap analysis, applicability, finalisation, rank
 * change against the previous cycle, and effective-dated agencies — on the demo data.
 */
import { beforeAll, expect, it } from "vitest";
import { parseCenti } from "../../core/decimal.ts";
import { seedDemo } from "../../demo/load.ts";
import * as cycles from "../../server/modules/cycles/repository.ts";
import { upsertAppraisal } from "../../server/modules/scores/repository.ts";
import { expectError, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const PASSWORDS = {
  "snv.cchc": "snv-password-12",
  "vp.daumoi": "focal-password-1",
  thamdinh: "appraiser-pass-1",
};

forEachEngine("results, ranking and gaps through the API", (get) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let as: (user: string) => { authorization: string };
  let officeId: number;
  let cycle2019: number;
  beforeAll(async () => {
    await seedDemo(get().ctx, { passwords: PASSWORDS });
    app = await testApp(get().ctx);
    as = await signIn(app, PASSWORDS);
    const agencies = (await app.inject({ url: "/api/agencies?kind=agency&limit=500" })).json().items;
    officeId = agencies.find((a: { code: string }) => a.code === "VPUBND").id;
    cycle2019 = (await app.inject({ url: "/api/cycles?year=2019", headers: as("thamdinh") })).json().items[0]
      .id;
  });

  it("lists the Office's 2018 gaps by points that can be won back", async () => {
    const r = await app.inject({ url: `/api/agencies/${officeId}/gap?year=2018` });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((g: { code: string; lost: number }) => [g.code, g.lost])).toEqual([
      ["8", 6.32],
      ["1", 5],
      ["7", 2.78],
      ["5", 2.5],
      ["3", 1],
      ["2", 0],
      ["4", 0],
      ["6", 0],
    ]);
  });

  it("keeps an unpublished table from the public and the agencies, and shows it to the province", async () => {
    // Not published: 404 alike for the public and for a taking-part agency, as if there were no table.
    expectError(await app.inject({ url: `/api/cycles/${cycle2019}/ranking` }), 404, "not_found");
    expectError(
      await app.inject({ url: `/api/cycles/${cycle2019}/ranking`, headers: as("vp.daumoi") }),
      404,
      "not_found",
    );
    expect(
      (await app.inject({ url: `/api/cycles/${cycle2019}/ranking`, headers: as("snv.cchc") })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ url: `/api/cycles/${cycle2019}/ranking`, headers: as("thamdinh") })).statusCode,
    ).toBe(200);
    // The agency sees its own unpublished index, but not its rank.
    const own = await app.inject({
      url: `/api/agencies/${officeId}/index?year=2019`,
      headers: as("vp.daumoi"),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ published: false, rank: null, rankOf: null, rankChange: null });
    expectError(await app.inject({ url: `/api/agencies/${officeId}/index?year=2019` }), 404, "not_found");
  });

  it("lets the province mark an area not applicable, which leaves the denominator", async () => {
    const url = `/api/cycles/${cycle2019}/agencies/${officeId}/scores/6/applicability`;
    expectError(
      await app.inject({ method: "PUT", url, headers: as("thamdinh"), payload: { applicable: false } }),
      403,
      "forbidden",
    );
    expectError(
      await app.inject({ method: "PUT", url, headers: as("vp.daumoi"), payload: { applicable: false } }),
      403,
      "forbidden",
    );
    expect(
      (await app.inject({ method: "PUT", url, headers: as("snv.cchc"), payload: { applicable: false } }))
        .statusCode,
    ).toBe(200);
    const scores = (
      await app.inject({
        url: `/api/cycles/${cycle2019}/agencies/${officeId}/scores`,
        headers: as("vp.daumoi"),
      })
    ).json();
    expect(scores.max).toBe(91);
    expect(scores.nodes.find((n: { code: string }) => n.code === "6")).toMatchObject({
      applicable: false,
      applicableMax: 0,
    });
    await app.inject({ method: "PUT", url, headers: as("snv.cchc"), payload: { applicable: true } });
    const back = (
      await app.inject({
        url: `/api/cycles/${cycle2019}/agencies/${officeId}/scores`,
        headers: as("vp.daumoi"),
      })
    ).json();
    expect(back.max).toBe(93);
  });

  it("finalises only a concluded appraisal with every leaf appraised, and only by the province", async () => {
    const url = `/api/cycles/${cycle2019}/agencies/${officeId}/finalise`;
    expectError(
      await app.inject({ method: "POST", url, headers: as("snv.cchc") }),
      409,
      "participant.not_appraised",
    );
    const db = get().ctx.db;
    await cycles.setParticipantStatus(db, cycle2019, officeId, "appraised");
    expectError(await app.inject({ method: "POST", url, headers: as("vp.daumoi") }), 403, "forbidden");
    expectError(await app.inject({ method: "POST", url, headers: as("thamdinh") }), 403, "forbidden");
    // Nothing appraised yet: the refusal lists every leaf, each with what it lacks.
    const refused = expectError(
      await app.inject({ method: "POST", url, headers: as("snv.cchc") }),
      409,
      "appraisal.incomplete",
    ) as unknown as { details: { missing: { code: string; lack: string }[] } };
    expect(refused.details.missing.length).toBeGreaterThan(8);
    expect(refused.details.missing[0]).toMatchObject({ lack: "not_appraised" });
    const scores = (
      await app.inject({
        url: `/api/cycles/${cycle2019}/agencies/${officeId}/scores`,
        headers: as("snv.cchc"),
      })
    ).json();
    for (const n of scores.nodes.filter((x: { leaf: boolean }) => x.leaf))
      await upsertAppraisal(
        db,
        { cycleId: cycle2019, agencyId: officeId, nodeCode: n.code },
        { points: 0, remark: "0", userId: null },
      );
    expect((await app.inject({ method: "POST", url, headers: as("snv.cchc") })).statusCode).toBe(200);
    const status = (
      await app.inject({
        url: `/api/cycles/${cycle2019}/agencies/${officeId}/scores`,
        headers: as("vp.daumoi"),
      })
    ).json().status;
    expect(status).toBe("finalised");
  });

  it("reports each agency's rank change against the previous cycle once 2019 is published", async () => {
    // The Office reaches its targets (86,5 / 93); everyone else keeps 2018's points.
    const db = get().ctx.db;
    const participants = await cycles.listParticipants(db, cycle2019);
    const cycle2018 = (await app.inject({ url: "/api/cycles?year=2018" })).json().items[0].id;
    const targets = ["10", "5", "14", "3,5", "9", "2", "8", "35"];
    for (const p of participants) {
      const old = (
        await app.inject({ url: `/api/cycles/${cycle2018}/agencies/${p.id}/scores`, headers: as("snv.cchc") })
      ).json();
      for (const [i, area] of ["1", "2", "3", "4", "5", "6", "7", "8"].entries()) {
        const points =
          p.id === officeId
            ? parseCenti(targets[i])!
            : parseCenti(String(old.nodes.find((n: { code: string }) => n.code === area).points))!;
        await upsertAppraisal(
          db,
          { cycleId: cycle2019, agencyId: p.id, nodeCode: area },
          { points, remark: null, userId: null },
        );
      }
    }
    const publish = (user: string) =>
      app.inject({
        method: "POST",
        url: `/api/cycles/${cycle2019}/publish`,
        headers: as(user),
        payload: { decision: { number: "617", code: "QĐ-UBND", date: "29/3/2020" } },
      });
    expectError(await publish("vp.daumoi"), 403, "forbidden");
    // Twelve agencies are still drafts: nothing is published.
    expectError(await publish("snv.cchc"), 409, "cycle.unfinished");
    for (const p of participants) await cycles.setParticipantStatus(db, cycle2019, p.id, "finalised");
    const published = await publish("snv.cchc");
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ state: "published", version: 1 });
    const row = (await app.inject({ url: `/api/cycles/${cycle2019}/ranking` }))
      .json()
      .items.find((r: { code: string }) => r.code === "VPUBND");
    expect(row).toMatchObject({ points: 86.5, percent: 93.01, rank: 2, previousRank: 8, rankChange: 6 });
    const ix = (await app.inject({ url: `/api/agencies/${officeId}/index?year=2019` })).json();
    expect(ix).toMatchObject({ published: true, rank: 2, rankOf: 13, rankChange: 6 });
    // A publication is never withdrawn: the table stays as published.
    expectError(
      await app.inject({
        method: "POST",
        url: `/api/cycles/${cycle2019}/unpublish`,
        headers: as("snv.cchc"),
      }),
      409,
      "cycle.use_correction",
    );
    expect((await app.inject({ url: `/api/cycles/${cycle2019}/ranking` })).statusCode).toBe(200);
  });

  it("rejects negative points in a what-if and predicts from given area points", async () => {
    const url = `/api/agencies/${officeId}/what-if`;
    expectError(
      await app.inject({
        method: "POST",
        url,
        headers: as("vp.daumoi"),
        payload: { baseYear: 2018, areas: { "1": "-1" } },
      }),
      400,
      "whatif.negative",
      "areas.1",
    );
    const r = await app.inject({
      method: "POST",
      url,
      headers: as("vp.daumoi"),
      payload: { baseYear: 2018, areas: { "1": "12" } },
    });
    expect(r.json()).toMatchObject({ points: 80.4, max: 93, percent: 86.45 });
  });

  it("answers the plan lint on its own endpoint, the same as in the plan", async () => {
    const planId = (await app.inject({ url: `/api/agencies/${officeId}/plans` })).json().items[0].id;
    const lint = (await app.inject({ url: `/api/plans/${planId}/lint` })).json().items;
    expect(lint).toEqual((await app.inject({ url: `/api/plans/${planId}` })).json().lint);
    expect(lint.filter((l: { rule: string }) => l.rule === "task_without_lead")).toHaveLength(2);
  });

  it("lists the agencies in force on a date: Quảng Nam until 30/6/2025, Đà Nẵng after", async () => {
    const on = async (d: string) =>
      (await app.inject({ url: `/api/agencies?kind=province&activeOn=${d}` }))
        .json()
        .items.map((a: { code: string }) => a.code);
    expect(await on("2019-09-03")).toEqual(["QNAM"]);
    expect(await on("01/7/2025")).toEqual(["DANANG"]);
    const qn = (await app.inject({ url: "/api/agencies?kind=province&q=quang nam" })).json().items[0];
    const dn = (await app.inject({ url: "/api/agencies?kind=province&q=da nang" })).json().items[0];
    expect(qn).toMatchObject({ validTo: "2025-06-30", successorId: dn.id });
    expectError(await app.inject({ url: "/api/agencies?activeOn=31/02/2025" }), 400, "validation");
  });
});
