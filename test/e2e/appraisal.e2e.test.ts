/**
 * Journey 5: the appraiser finds the areas assigned to them, previews the agency's PNG and PDF evidence
 * in the page, reads the history, appraises with a remark; the agency answers the remark on its
 * self-assessment page; the appraiser sees the reply and finalises. The province office sees every area.
 */
import zlib from "node:zlib";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { answerConfirm, journeys } from "./harness.ts";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  "latin1",
);

/** A real 48×32 PNG (a blue box), so the browser has something to draw. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const [w, h] = [48, 32];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(
    Array.from({ length: h }, () =>
      Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, Buffer.from([11, 87, 208]))]),
    ),
  );
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const vi = (n: number) => String(n).replace(".", ",");

journeys("appraisal", (j) => {
  /** A cycle open today with the Office's submitted self-assessment, areas 1 and 2 assigned to thamdinh. */
  const setup = async (year: number) => {
    const agencies = (await j().api(null, "GET", "/agencies?kind=agency&limit=500")).json.items;
    const officeId = agencies.find((a: { code: string }) => a.code === "VPUBND").id as number;
    const c2019 = (await j().api("snv.cchc", "GET", "/cycles?year=2019")).json.items[0];
    // The server's today: the demo's day on a fresh demo (server/clock.ts).
    const today = (await j().api(null, "GET", "/clock")).json.today as string;
    const created = await j().api("snv.cchc", "POST", "/cycles", {
      year,
      frameworkId: c2019.frameworkId,
      provinceId: c2019.provinceId,
      group: c2019.group,
      selfAssessmentOpens: addDays(today, -3),
      selfAssessmentCloses: addDays(today, 10),
      appraisalCloses: addDays(today, 30),
      agencyIds: [officeId],
    });
    expect(created.status).toBe(201);
    const cycleId = created.json.id as number;
    const users = (await j().api("admin", "GET", "/users")).json.items;
    const thamdinh = users.find((u: { username: string }) => u.username === "thamdinh").id;
    for (const areaCode of ["1", "2"])
      expect(
        (await j().api("snv.cchc", "POST", `/cycles/${cycleId}/appraisers`, { areaCode, userId: thamdinh }))
          .status,
      ).toBe(200);
    const base = `/cycles/${cycleId}/agencies/${officeId}`;
    const put = async (code: string, body: object) =>
      expect((await j().api("vp.daumoi", "PUT", `${base}/scores/${code}`, body)).status).toBe(200);
    await put("1.1", { inputs: { values: { plan_completion: 10000 } } });
    await put("1.6", { points: "1,75", explanation: "Hoàn thành 7/8 nhiệm vụ UBND tỉnh giao" });
    await put("2", { points: 4 });
    const focal = await j().page({ user: "vp.daumoi" });
    for (const [code, file] of [
      ["1.1", { name: "anh-minh-chung.png", mimeType: "image/png", buffer: png() }],
      ["2", { name: "quyet-dinh.pdf", mimeType: "application/pdf", buffer: PDF }],
    ] as const) {
      const r = await focal.request.post(`/api${base}/scores/${code}/evidence`, {
        multipart: { note: file.name, file },
      });
      expect(r.status()).toBe(201);
    }
    // Every other leaf gets 0 points with an explanation, so the self-assessment can be submitted.
    const draft = (await j().api("vp.daumoi", "GET", `${base}/scores`)).json;
    for (const m of draft.submitMissing as { code: string; lack: string }[]) {
      const self = draft.nodes.find((n: { code: string }) => n.code === m.code).self ?? 0;
      await put(m.code, { points: self, explanation: "Chưa có văn bản trong kỳ" });
    }
    expect((await j().api("vp.daumoi", "POST", `${base}/submit`)).status).toBe(200);
    await focal.close();
    return { officeId, cycleId, base };
  };
  const scores = async (base: string) => (await j().api("thamdinh", "GET", `${base}/scores`)).json;
  interface Node {
    code: string;
    appraised: number;
    reply: string;
    evidence: { id: number }[];
  }
  const node = (s: { nodes: Node[] }, code: string) => s.nodes.find((n) => n.code === code) as Node;
  const drawer = (page: Page) => page.getByRole("dialog");
  const close = (page: Page) => drawer(page).getByRole("button", { name: "Quay lại" }).click();

  test("previews evidence, appraises with a remark, sees the agency's reply, confirms and concludes; the province office finalises", async () => {
    const { officeId, cycleId, base } = await setup(2043);
    const page = await j().page({ user: "thamdinh" });
    await page.goto("/appraisal");
    await page.getByRole("heading", { level: 1, name: "Thẩm định" }).waitFor();
    // Only the assigned areas are listed, with the API's totals.
    const mine = (await j().api("thamdinh", "GET", "/me/appraisals")).json.items.find(
      (i: { cycleId: number }) => i.cycleId === cycleId,
    );
    expect(mine.areas.map((a: { code: string }) => a.code)).toEqual(["1", "2"]);
    const a1 = mine.areas[0];
    await page
      .locator('[data-area="VPUBND-1"]')
      .getByText(
        `${vi(a1.self)} → ${vi(a1.points)} / ${vi(a1.max)} điểm; đã thẩm định 0/${a1.leaves} tiêu chí`,
      )
      .waitFor();
    expect(await page.locator('[data-area="VPUBND-3"]').count()).toBe(0);
    await page
      .getByRole("link", { name: /^(Thẩm định|Xem) Văn phòng UBND tỉnh Quảng Nam, năm 2043$/ })
      .click();
    await page.waitForURL(`**/appraisal/${cycleId}/${officeId}`);
    await page.getByRole("heading", { level: 1, name: /Thẩm định — .*năm 2043/ }).waitFor();
    expect(await page.getByRole("button", { name: "Thẩm định tiêu chí 3" }).count()).toBe(0);

    // An image previewed inline, drawn by the browser.
    await page.getByRole("button", { name: "Thẩm định tiêu chí 1.1" }).click();
    const img = drawer(page).getByRole("img", { name: "Xem trước anh-minh-chung.png" });
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(48);
    await drawer(page).getByText("Tỉ lệ hoàn thành kế hoạch CCHC").first().waitFor();
    await drawer(page).getByText("100%", { exact: true }).waitFor();
    await close(page);

    // A PDF in an inline frame, served as a PDF to display, not to download.
    await page.getByRole("button", { name: "Thẩm định tiêu chí 2", exact: true }).click();
    const frame = drawer(page).locator('iframe[title="Xem trước quyet-dinh.pdf"]');
    await frame.waitFor();
    const src = await frame.getAttribute("src");
    expect(src).toBe(`/api/evidence/${node(await scores(base), "2").evidence[0].id}/file`);
    const served = await page.request.get(src as string);
    expect(served.headers()["content-type"]).toBe("application/pdf");
    expect(served.headers()["content-disposition"]).toMatch(/^inline;/);
    await close(page);

    // Appraise 1.6 on its 0,25 grid, with a remark.
    await page.getByRole("button", { name: "Thẩm định tiêu chí 1.6" }).click();
    // The explanation shows in the facts and, once the history has loaded, in the history too.
    await drawer(page).getByText("Hoàn thành 7/8 nhiệm vụ UBND tỉnh giao").first().waitFor();
    const points = drawer(page).getByLabel("Điểm thẩm định (0 – 2)");
    await points.fill("1,3");
    await drawer(page).getByText("Điểm phải là bội của 0,25").waitFor();
    await points.fill("1,25");
    await drawer(page).getByLabel("Nhận xét").fill("Thiếu báo cáo kết quả nhiệm vụ quý IV");
    await drawer(page).getByRole("button", { name: "Lưu điểm thẩm định" }).click();
    await page.getByText("Đã lưu điểm thẩm định: 1,25").last().waitFor();
    let s = await scores(base);
    expect(node(s, "1.6").appraised).toBe(1.25);
    // The first appraisal of the criterion: no earlier appraised points.
    await drawer(page).locator('[data-history="appraised"]').getByText("1,25 điểm").waitFor();
    await drawer(page).locator('[data-history="self_assessed"]').first().waitFor();
    await close(page);
    await expect
      .poll(() => page.locator('[data-final="1.6"]').textContent())
      .toBe(vi(node(s, "1.6").appraised));
    await expect.poll(() => page.getByTestId("final-percent").textContent()).toBe(`${vi(s.percent)}%`);

    // The agency answers the remark on its self-assessment page.
    const focal = await j().page({ user: "vp.daumoi" });
    await focal.goto(`/self-assessment/${cycleId}/${officeId}?criterion=1.6`);
    await focal.getByRole("dialog").getByText("Thiếu báo cáo kết quả nhiệm vụ quý IV").waitFor();
    await focal
      .getByRole("dialog")
      .getByLabel("Phản hồi nhận xét")
      .fill("Đã bổ sung Báo cáo số 45/BC-VPUBND");
    await focal.getByRole("dialog").getByRole("button", { name: "Gửi phản hồi" }).click();
    await focal.getByText("Đã gửi phản hồi").waitFor();
    expect(node(await scores(base), "1.6").reply).toBe("Đã bổ sung Báo cáo số 45/BC-VPUBND");
    j().expectNoConsoleErrors(focal);

    // The appraiser sees the reply and its place in the history, then finalises (confirmed).
    await page.reload();
    await page.getByRole("button", { name: "Thẩm định tiêu chí 1.6" }).click();
    await drawer(page).getByTestId("reply").getByText("Đã bổ sung Báo cáo số 45/BC-VPUBND").waitFor();
    await drawer(page).locator('[data-history="replied"]').waitFor();
    await close(page);
    // What is left to appraise is listed; the appraiser keeps the self-assessed points of the rest of
    // their areas (confirmed), the province office those of the other areas.
    const left = page.getByTestId("appraisal-missing");
    await left.getByText(/Còn \d+ tiêu chí chưa thẩm định hoặc xác nhận/).waitFor();
    await page.getByRole("button", { name: "Xác nhận điểm tự chấm còn lại" }).click();
    await answerConfirm(page, "Xác nhận điểm tự chấm còn lại");
    await page
      .getByText(/Đã xác nhận \d+ tiêu chí/)
      .last()
      .waitFor();
    expect(node(await scores(base), "2").appraised).toBe(4);
    expect(await page.getByRole("button", { name: "Hoàn thành thẩm định" }).count()).toBe(0);
    expect((await j().api("snv.cchc", "POST", `${base}/confirm`, {})).status).toBe(200);
    await page.reload();
    expect(await left.count()).toBe(0);
    await page.getByRole("button", { name: "Hoàn thành thẩm định" }).click();
    await answerConfirm(page, "Hoàn thành thẩm định");
    await expect.poll(() => page.getByTestId("status").textContent()).toBe("Đã thẩm định");
    expect(await page.getByRole("button", { name: "Chốt kết quả" }).count()).toBe(0);
    // Finalising is the province office's.
    const office = await j().page({ user: "snv.cchc" });
    await office.goto(`/appraisal/${cycleId}/${officeId}`);
    await office.getByRole("button", { name: "Chốt kết quả" }).click();
    await answerConfirm(office, "Chốt kết quả");
    await expect.poll(() => office.getByTestId("status").textContent()).toBe("Đã chốt");
    j().expectNoConsoleErrors(office);
    s = await scores(base);
    expect(s.status).toBe("finalised");
    await page.reload();
    await page.getByText("Kết quả thẩm định đã chốt: chỉ xem.").waitFor();
    expect(await page.getByRole("button", { name: "Thẩm định tiêu chí 1.6" }).count()).toBe(0);
    await expect.poll(() => page.locator(".ant-message-notice").count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole("button", { name: "Xem tiêu chí 1.1" }).click();
    const preview = drawer(page).getByRole("img", { name: "Xem trước anh-minh-chung.png" });
    await expect.poll(() => preview.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(48);
    await page.waitForFunction(() => document.getAnimations().length === 0);
    await j().screenshot(page, "appraisal");
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
    // The longest journey: two people, a dozen steps; a loaded CI machine needs the room.
  }, 180_000);

  test("the province office sees every area of the agency; an appraiser without areas sees an empty list", async () => {
    const { cycleId, officeId } = await setup(2044);
    const page = await j().page({ user: "snv.cchc", width: 375, height: 800 });
    await page.goto("/appraisal");
    await page
      .getByRole("link", { name: /^(Thẩm định|Xem) Văn phòng UBND tỉnh Quảng Nam, năm 2044$/ })
      .click();
    await page.waitForURL(`**/appraisal/${cycleId}/${officeId}`);
    for (const code of ["1.1", "2", "3", "8"])
      await page.getByRole("button", { name: `Thẩm định tiêu chí ${code}`, exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);
    j().expectNoConsoleErrors(page);

    // A new appraiser with no assignment is told how assignment works.
    const created = await j().api("admin", "POST", "/users", {
      username: "thamdinh.moi",
      password: "journey-Passw0rd",
      displayName: "Thẩm định viên mới",
      role: "appraiser",
      agencyId: (await j().api("thamdinh", "GET", "/auth/me")).json.user.agencyId,
    });
    expect(created.status).toBe(201);
    const fresh = await j().page({ user: "thamdinh.moi" });
    await fresh.goto("/appraisal");
    await fresh.getByText(/Bạn chưa được phân công thẩm định lĩnh vực nào/).waitFor();
    j().expectNoConsoleErrors(fresh);
  });
});
