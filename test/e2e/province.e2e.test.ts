/**
 * The province PAR office (snv.cchc): league tables per group with grades and rank changes, agencies
 * compared per area, and a cycle's management — dates (an out-of-order date is refused next to its
 * field), appraiser assignment, exclusion with a reason, publication naming its decision after a
 * confirmation that repeats the figures, and a correction opened with a reason. Every number shown is
 * the API's.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { toCenti } from "../../core/decimal.ts";
import { formatPercentCenti, formatPoints } from "../../core/locale.ts";
import { answerConfirm, answerDialog, choose, journeys, poll } from "./harness.ts";

const pts = (n: number) => formatPoints(toCenti(n));
const pct = (n: number) => formatPercentCenti(toCenti(n));
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0");

const GROUP = "thu-nghiem-e2e";
/** Area points per agency in two consecutive years, so ranks change between them. */
const POINTS: Record<string, [number[], number[]]> = {
  STP: [
    [12, 5, 14, 3.5, 10, 2, 8.5, 30],
    [8, 4, 10, 2, 6, 1, 5, 25],
  ],
  STC: [
    [10, 4.5, 12, 3, 8, 2, 7, 28],
    [11, 5, 13, 3, 9, 2, 8, 33.5],
  ],
  SYT: [
    [8, 4, 11, 3, 7, 1.5, 6, 25],
    [12, 5, 14, 3.5, 10, 2, 8.5, 36],
  ],
  SXD: [
    [6, 3, 9, 2, 6, 1, 5, 20],
    [6, 3, 9, 2, 6, 1, 5, 20],
  ],
};

interface Row {
  agencyId: number;
  agency: string;
  code: string;
  points: number;
  max: number;
  percent: number;
  grade: string;
  rank: number;
  rankChange: number | null;
}

journeys("province PAR office", (j) => {
  const ids: Record<string, number> = {};
  let provinceId: number;
  const cycles: number[] = [];

  beforeAll(async () => {
    const agencies = (await j().api(null, "GET", "/agencies?limit=500")).json.items as {
      id: number;
      code: string;
    }[];
    for (const a of agencies) ids[a.code] = a.id;
    provinceId = ids.QNAM;
    for (const [i, year] of [2061, 2062].entries()) {
      const r = await j().api("snv.cchc", "POST", "/cycles", {
        year,
        frameworkId: 1,
        provinceId,
        group: GROUP,
        selfAssessmentOpens: "2000-01-01",
        selfAssessmentCloses: "2099-12-30",
        appraisalCloses: "2099-12-31",
        agencyIds: Object.keys(POINTS).map((c) => ids[c]),
      });
      expect(r.status).toBe(201);
      cycles.push(r.json.id);
      // The administrator may enter an agency's self-assessment; without appraisal it is final.
      for (const [code, years] of Object.entries(POINTS))
        for (const [k, p] of years[i].entries()) {
          const s = await j().api(
            "admin",
            "PUT",
            `/cycles/${r.json.id}/agencies/${ids[code]}/scores/${k + 1}`,
            {
              points: p,
            },
          );
          expect(s.status).toBe(200);
        }
    }
  });

  async function expectRanking(page: Page, rows: Row[]) {
    for (const row of rows) {
      const tr = page.getByRole("row").filter({ hasText: row.agency });
      await poll(() => tr.count()).toBe(1);
      const cells = await tr.getByRole("cell").allInnerTexts();
      expect(cells[0]).toBe(String(row.rank));
      expect(cells[2]).toBe(`${pts(row.points)} / ${pts(row.max)}`);
      expect(cells[3]).toBe(pct(row.percent));
      expect(cells[4]).toBe(row.grade);
      if (row.rankChange === null) expect(cells[6]).toBe("mới");
      else expect(cells[6]).toContain(signed(row.rankChange));
    }
  }

  test("league table per group: numbers, grades and rank changes are the API's, picked by year and group", async () => {
    const [, y2062] = cycles;
    const ranking = (await j().api("snv.cchc", "GET", `/cycles/${y2062}/ranking`)).json.items as Row[];
    expect(ranking.map((r) => r.code)).toEqual(["SYT", "STC", "STP", "SXD"]);
    expect(ranking.map((r) => r.rankChange)).toEqual([2, 0, -2, 0]);
    const page = await j().page({ user: "snv.cchc" });
    await page.goto("/");
    await page.locator('[data-journey="province"]').getByRole("link").click();
    await page.waitForURL("**/province");
    // The newest published cycle by default: the demo's 2018 departments table.
    await poll(() => page.getByRole("heading", { level: 2, name: /Sở, ban, ngành năm 2018/ }).count()).toBe(
      1,
    );
    const demo = (await j().api(null, "GET", "/cycles?year=2018")).json.items[0].id;
    const demoRows = (await j().api(null, "GET", `/cycles/${demo}/ranking`)).json.items as Row[];
    await expectRanking(page, demoRows.slice(0, 5));
    // Year, then group.
    await choose(page, "Năm đánh giá", "2062");
    await poll(() => page.getByLabel("Nhóm cơ quan").locator("..").textContent()).toContain(GROUP);
    await poll(() =>
      page.getByRole("heading", { level: 2, name: `Xếp hạng nhóm ${GROUP} năm 2062` }).count(),
    ).toBe(1);
    await expectRanking(page, ranking);
    expect(page.url()).toContain(`cycle=${y2062}`);
    await j().screenshot(page, "province");
    await j().expectAccessible(page);
    // Readable on a phone.
    const phone = await j().page({ user: "snv.cchc", width: 375, height: 800 });
    await phone.goto(`/province?cycle=${y2062}`);
    await poll(() => phone.getByRole("row").filter({ hasText: ranking[0].agency }).count()).toBe(1);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await j().screenshot(phone, "province-phone");
    j().expectNoConsoleErrors(page);
    j().expectNoConsoleErrors(phone);
  });

  test("compares two agencies side by side per area, as a table and a chart", async () => {
    const [, y2062] = cycles;
    const compare = (
      await j().api("snv.cchc", "GET", `/cycles/${y2062}/compare?agencyIds=${ids.SYT},${ids.STP}`)
    ).json;
    const page = await j().page({ user: "snv.cchc" });
    await page.goto(`/province?cycle=${y2062}`);
    await page.getByRole("link", { name: "So sánh các cơ quan của kỳ này" }).click();
    await page.waitForURL(`**/province/compare?cycle=${y2062}`);
    await poll(() => page.getByText("Chọn từ 2 đến 4 cơ quan tham gia kỳ này").count()).toBe(1);
    for (const name of [compare.agencies[0].agency, compare.agencies[1].agency])
      await choose(page, "Chọn từ 2 đến 4 cơ quan", name, name.split(" ").slice(0, 3).join(" "));
    await page.keyboard.press("Escape");
    await poll(() => page.getByRole("heading", { name: "Điểm theo lĩnh vực, năm 2062" }).count()).toBe(1);
    for (const area of compare.areas as { code: string; title: string }[]) {
      const cells = await page
        .getByRole("row")
        .filter({ hasText: `${area.code}. ${area.title}` })
        .getByRole("cell")
        .allInnerTexts();
      for (const [i, ag] of compare.agencies.entries()) {
        const a = ag.areas.find((x: { code: string }) => x.code === area.code);
        expect(cells[2 + i]).toBe(`${pts(a.points)} (${pct(a.percent)})`);
      }
    }
    const total = await page.getByRole("row").filter({ hasText: "Tổng" }).getByRole("cell").allInnerTexts();
    expect(total[2]).toBe(`${pts(compare.agencies[0].points)} (${pct(compare.agencies[0].percent)})`);
    await poll(() => page.getByRole("img", { name: /Biểu đồ cột chỉ số theo lĩnh vực/ }).count()).toBe(1);
    expect(page.url()).toContain(`agencies=${ids.SYT}%2C${ids.STP}`);
    await j().screenshot(page, "province-compare");
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
  });

  test("creates a cycle for a whole group of agencies, its dates checked as typed", async () => {
    const page = await j().page({ user: "snv.cchc" });
    await page.goto("/province");
    await page.getByRole("button", { name: "Tạo kỳ đánh giá" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Năm", { exact: true }).fill("2070");
    // The group is suggested from the existing cycles.
    await choose(page, "Nhóm cơ quan (mã)", "Sở, ban, ngành (so-ban-nganh)", "so-ban");
    expect(await dialog.getByLabel("Nhóm cơ quan (mã)").inputValue()).toBe("so-ban-nganh");
    await choose(page, "Bộ chỉ số", "QNAM-SBN-2019");
    for (const [label, value] of [
      ["Mở tự đánh giá", "01/12/2070"],
      ["Hạn tự đánh giá", "30/11/2070"],
    ]) {
      const input = dialog.getByLabel(label, { exact: true });
      await input.click();
      await input.fill(value);
      await input.press("Enter");
    }
    const closes = dialog
      .locator(".ant-form-item")
      .filter({ has: page.getByLabel("Hạn tự đánh giá", { exact: true }) });
    await poll(() => closes.locator(".ant-form-item-explain-error").textContent()).toBe(
      "Hạn tự đánh giá phải sau ngày mở",
    );
    const input = dialog.getByLabel("Hạn tự đánh giá", { exact: true });
    await input.click();
    await input.fill("31/12/2070");
    await input.press("Enter");
    await poll(() => closes.locator(".ant-form-item-explain-error").count()).toBe(0);
    await dialog.getByRole("button", { name: "Chọn cả nhóm" }).click();
    await dialog.getByRole("button", { name: "Tạo kỳ" }).click();
    await page.waitForURL(/\/province\/cycles\/\d+$/);
    const id = Number(page.url().split("/").pop());
    const created = (await j().api("snv.cchc", "GET", `/cycles/${id}`)).json;
    const inGroup = (
      await j().api(null, "GET", `/agencies?kind=agency&parentId=${provinceId}&limit=500`)
    ).json.items.filter((a: { group: string | null }) => a.group === "so-ban-nganh");
    expect(created).toMatchObject({
      year: 2070,
      group: "so-ban-nganh",
      frameworkId: 2,
      selfAssessmentOpens: "2070-12-01",
      selfAssessmentCloses: "2070-12-31",
      appraisalCloses: null,
    });
    expect(created.participants.map((p: { agencyId: number }) => p.agencyId).sort()).toEqual(
      inGroup.map((a: { id: number }) => a.id).sort(),
    );
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Kỳ đánh giá 2070 — Sở, ban, ngành",
    );
    j().expectNoConsoleErrors(page);
  });

  test("manages a cycle: dates in order (the error shows next to the field), an appraiser per area, publication after confirmation", async () => {
    const [y2061] = cycles;
    const page = await j().page({ user: "snv.cchc" });
    await page.goto(`/province?cycle=${y2061}`);
    await page.getByRole("link", { name: "Quản lý kỳ đánh giá" }).click();
    await page.waitForURL(`**/province/cycles/${y2061}`);
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(
      `Kỳ đánh giá 2061 — ${GROUP}`,
    );

    // Appraisal closing before self-assessment closes is refused where it is typed.
    const appraisal = page.getByLabel("Hạn thẩm định");
    await appraisal.click();
    await appraisal.fill("01/06/2099");
    await appraisal.press("Enter");
    const field = page.locator(".ant-form-item").filter({ has: appraisal });
    await poll(() => field.locator(".ant-form-item-explain-error").textContent()).toBe(
      "Hạn thẩm định phải sau hạn tự đánh giá",
    );
    const closes = page.getByLabel("Hạn tự đánh giá");
    await closes.click();
    await closes.fill("31/05/2099");
    await closes.press("Enter");
    await poll(() => field.locator(".ant-form-item-explain-error").count()).toBe(0);
    await page.getByRole("button", { name: "Lưu thời hạn" }).click();
    await poll(async () => (await j().api("snv.cchc", "GET", `/cycles/${y2061}`)).json).toMatchObject({
      selfAssessmentOpens: "2000-01-01",
      selfAssessmentCloses: "2099-05-31",
      appraisalCloses: "2099-06-01",
    });

    // Assign the demo appraiser to area 3.
    await choose(page, "Thẩm định viên cho lĩnh vực 3", /thamdinh/);
    await page.getByRole("button", { name: "Phân công thẩm định lĩnh vực 3" }).click();
    await poll(
      async () => (await j().api("snv.cchc", "GET", `/cycles/${y2061}/appraisers`)).json.items,
    ).toEqual([expect.objectContaining({ areaCode: "3", username: "thamdinh" })]);
    await poll(() => page.getByRole("button", { name: /Bỏ phân công .* ở lĩnh vực 3/ }).count()).toBe(1);

    // Four agencies are drafts: nothing can be published, and the page says who stands in the way.
    expect((await j().api(null, "GET", `/cycles/${y2061}/ranking`)).status).toBe(404);
    const blockers = page.getByTestId("publish-blockers");
    await blockers.getByText("4 cơ quan chưa chốt kết quả và chưa được loại khỏi xếp hạng").waitFor();
    expect(await page.getByRole("button", { name: "Công bố", exact: true }).isDisabled()).toBe(true);

    // One agency is excluded from the ranking here, with a reason; two more through the API.
    const row = page.getByRole("row").filter({ hasText: "Sở Xây dựng" });
    await row.getByRole("button", { name: "Loại khỏi xếp hạng" }).click();
    const dialog = page.locator(".ant-modal").filter({ hasText: "Loại Sở Xây dựng" });
    await dialog.getByLabel("Lý do (ít nhất 10 ký tự)").fill("Sáp nhập với Sở Giao thông vận tải");
    await answerDialog(page, "Loại khỏi xếp hạng");
    await poll(() => row.getByText("Không xếp hạng").count()).toBe(1);
    for (const code of ["STP", "STC"])
      expect(
        (
          await j().api("snv.cchc", "POST", `/cycles/${y2061}/participants/${ids[code]}/exclude`, {
            reason: "Không tham gia kỳ thử nghiệm",
          })
        ).status,
      ).toBe(200);
    // The Health department goes the whole way: explained, submitted, confirmed, concluded, finalised.
    const syt = `/cycles/${y2061}/agencies/${ids.SYT}`;
    for (const [k, p] of POINTS.SYT[0].entries())
      expect(
        (
          await j().api("admin", "PUT", `${syt}/scores/${k + 1}`, {
            points: p,
            explanation: "Số liệu thử nghiệm",
          })
        ).status,
      ).toBe(200);
    for (const [user, step, body] of [
      ["admin", "submit", undefined],
      ["snv.cchc", "confirm", {}],
      ["snv.cchc", "complete-appraisal", undefined],
      ["snv.cchc", "finalise", undefined],
    ] as const)
      expect((await j().api(user, "POST", `${syt}/${step}`, body)).status).toBe(200);
    await page.reload();
    await poll(() => blockers.count()).toBe(0);

    // Publishing names its decision and asks first, repeating the figures; cancelling changes nothing.
    await page.getByRole("button", { name: "Công bố", exact: true }).click();
    await page.getByText("Bắt buộc").first().waitFor();
    await page.getByLabel("Số", { exact: true }).fill("617");
    await page.getByLabel("Ký hiệu").fill("QĐ-UBND");
    await page.getByLabel("Ngày ký").fill("29/3/2062");
    await page.getByRole("button", { name: "Công bố", exact: true }).click();
    const confirmBox = page.locator(".ant-modal").filter({ hasText: "Công bố kết quả kỳ đánh giá này?" });
    await confirmBox.getByText("Theo Quyết định số 617/QĐ-UBND ngày 29/3/2062").waitFor();
    await confirmBox.getByRole("cell", { name: /Sở Y tế/ }).waitFor();
    await answerDialog(page, "Hủy");
    await poll(() => confirmBox.isVisible()).toBe(false);
    expect((await j().api("snv.cchc", "GET", `/cycles/${y2061}`)).json.published).toBe(false);
    await page.getByRole("button", { name: "Công bố", exact: true }).click();
    await answerDialog(page, "Công bố");
    await poll(async () => (await j().api(null, "GET", `/cycles/${y2061}`)).json.published).toBe(true);
    const pub = (await j().api(null, "GET", `/public/cycles/${y2061}`)).json;
    expect(pub.publication).toMatchObject({
      version: 1,
      decision: { number: "617", code: "QĐ-UBND", date: "2062-03-29" },
    });
    expect(pub.excluded.map((e: { code: string }) => e.code).sort()).toEqual(["STC", "STP", "SXD"]);
    await poll(() => page.getByRole("link", { name: "Xem trang công khai của kỳ này" }).count()).toBe(1);
    expect(
      await page.getByRole("link", { name: "Xem trang công khai của kỳ này" }).getAttribute("href"),
    ).toBe(`/public/rankings/${y2061}`);
    // The published cycle is locked: dates, participants; a correction needs a reason.
    await poll(() => page.getByText("Kỳ đã công bố: thời hạn không đổi được nữa.").count()).toBe(1);
    await page.getByRole("button", { name: "Mở đính chính" }).click();
    const reason = page.locator(".ant-modal").filter({ hasText: "Lý do đính chính" });
    await reason.getByLabel("Lý do đính chính (ít nhất 10 ký tự)").fill("ngắn");
    expect(await reason.getByRole("button", { name: "Mở đính chính" }).isDisabled()).toBe(true);
    await reason
      .getByLabel("Lý do đính chính (ít nhất 10 ký tự)")
      .fill("Kiểm tra lại điểm lĩnh vực 8 của Sở Y tế");
    await answerDialog(page, "Mở đính chính");
    await poll(async () => (await j().api("snv.cchc", "GET", `/cycles/${y2061}`)).json.state).toBe(
      "correcting",
    );
    await page.getByText("Đang đính chính: trang công khai vẫn hiển thị phiên bản đã công bố").waitFor();
    // Nothing changed: the correction is cancelled and version 1 stands.
    await page.getByRole("button", { name: "Hủy đính chính" }).click();
    await poll(async () => (await j().api("snv.cchc", "GET", `/cycles/${y2061}`)).json.state).toBe(
      "published",
    );
    await j().screenshot(page, "province-cycle");
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
  });
});
