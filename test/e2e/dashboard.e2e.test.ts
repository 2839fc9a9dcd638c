/**
 * Journey 1 — the agency's leader and PAR focal point read their dashboard: the index now against the
 * plan's target and last year, areas, trend, place, points at risk, gap analysis, and a what-if whose
 * prediction follows the fields as they are typed. Every number is checked against the API.
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { formatPercentCenti, formatPoints } from "../../core/locale.ts";
import { journeys } from "./harness.ts";

// The page has to load and ask the server first: poll longer than vitest's default second.
const WAIT = { timeout: 15_000 };

// The API's numbers as the UI must show them (vi-VN): 81.08 → "81,08%", 75.4 → "75,4".
const pct = (n: number) => formatPercentCenti(Math.round(n * 100));
const pts = (n: number) => formatPoints(Math.round(n * 100));

const figure = (page: Page, id: string) => page.locator(`[data-figure="${id}"]`);

journeys("dashboard", (j) => {
  const officeOf = async (user: string) =>
    (await j().api(user, "GET", "/auth/me")).json.user.agencyId as number;

  test("the leader sees the Office's index now, the plan's target, last year, areas, trend, gaps and points at risk, as the API gives them", async () => {
    const officeId = await officeOf("vp.lanhdao");
    const before = (await j().api("vp.lanhdao", "GET", `/agencies/${officeId}/dashboard`)).json;
    const planId = before.target.planId;
    // A task of area 7 overdue on the demo's day (10/12/2019), seeded for this test, so points are at risk.
    const title = `Số hóa hồ sơ lưu trữ ${Date.now()}`;
    const created = await j().api("vp.daumoi", "POST", `/plans/${planId}/tasks`, {
      title,
      areaCode: "7",
      due: "2019-11-15",
      leadUnits: ["HC-TC"],
    });
    expect(created.status).toBe(201);
    const d = (await j().api("vp.lanhdao", "GET", `/agencies/${officeId}/dashboard`)).json;

    const page = await j().page({ user: "vp.lanhdao" });
    await page.goto("/dashboard");
    await expect.poll(() => figure(page, "now").textContent(), WAIT).toContain(pct(d.current.percent));
    expect(d.current.year).toBe(2019);
    const now = await figure(page, "now").textContent();
    expect(now).toContain("Chỉ số năm 2019");
    expect(now).toContain(`${pts(d.current.points)}/${pts(d.current.max)} điểm`);
    expect(now).toContain("Chưa công bố");
    const target = await figure(page, "target").textContent();
    expect(target).toContain(pct(d.target.percent));
    expect(target).toContain(`${pts(d.target.points)}/${pts(d.target.max)} điểm`);
    expect(target).toContain("1994/KH-VPUBND");
    expect(pct(d.target.percent)).toBe("93,01%");
    const previous = await figure(page, "previous").textContent();
    expect(previous).toContain(`Năm trước (${d.previous.year})`);
    expect(previous).toContain(pct(d.previous.percent));
    expect(pct(d.previous.percent)).toBe("81,08%");
    const rank = await figure(page, "rank").textContent();
    expect(rank).toContain(`${d.ranking.rank}/${d.ranking.rankOf}`);
    expect(rank).toContain("Thứ hạng năm 2018");
    expect(rank).toContain("Thứ hạng năm 2019 hiển thị khi tỉnh công bố");

    // Per area, the table beside the charts: last year, now, target, each with its share.
    const areaTable = page.getByRole("table").filter({ hasText: "Điểm và tỷ lệ đạt theo lĩnh vực" });
    for (const a of d.areas) {
      const row = areaTable.getByRole("row").filter({ hasText: `${a.code}. ${a.title}` });
      const text = await row.textContent();
      expect(text).toContain(`${pts(a.previousPoints)} (${pct(a.previousPercent)})`);
      expect(text).toContain(`${pts(a.points)} (${pct(a.percent)})`);
      expect(text).toContain(`${pts(a.target)} (${pct(a.targetPercent)})`);
    }
    await expect.poll(() => page.getByRole("img", { name: /Biểu đồ cột/ }).count(), WAIT).toBe(1);
    await expect.poll(() => page.getByRole("img", { name: /Biểu đồ radar/ }).count(), WAIT).toBe(1);

    // Trend across cycles.
    const trend = page.getByRole("table").filter({ hasText: "Chỉ số và thứ hạng từng kỳ" });
    for (const e of d.trend) {
      const row = trend.getByRole("row").filter({ hasText: String(e.year) });
      await expect.poll(() => row.textContent(), WAIT).toContain(pct(e.percent));
    }

    // Gap analysis of last year, biggest loss first.
    const gap = page.getByRole("table").filter({ hasText: `Điểm bị mất năm ${d.gap.year} theo lĩnh vực` });
    const firstRow = gap.locator("tbody tr.ant-table-row").first();
    expect(await firstRow.textContent()).toContain(`${d.gap.items[0].code}. ${d.gap.items[0].title}`);
    expect(await firstRow.textContent()).toContain(pts(d.gap.items[0].lost));

    // Points at risk: the total, area 7's points and the seeded task, linked to its page.
    const risk = page.getByRole("region", { name: "Điểm có nguy cơ không đạt" });
    expect(await figure(page, "risk-total").textContent()).toContain(`${pts(d.atRisk.points)} điểm`);
    const a7 = d.atRisk.areas.find((a: { areaCode: string }) => a.areaCode === "7");
    const area7 = risk.locator('[data-risk-area="7"]');
    expect(await area7.textContent()).toContain(`${pts(a7.points)} điểm có nguy cơ`);
    const link = area7.getByRole("link", { name: title });
    expect(await link.getAttribute("href")).toBe(`/plans/${planId}/tasks/${created.json.id}`);
    expect(await area7.textContent()).toContain("Quá hạn từ 15/11/2019");

    await j().screenshot(page, "dashboard");
    await j().expectAccessible(page);
    await link.click();
    await page.waitForURL(`**/plans/${planId}/tasks/${created.json.id}`);
    j().expectNoConsoleErrors(page);
  });

  test("what-if: the predicted index and rank follow the fields as they are typed; out-of-range points are refused", async () => {
    const page = await j().page();
    await j().login(page, "vp.daumoi");
    await page.waitForURL("**/dashboard");
    const officeId = await officeOf("vp.daumoi");
    const d = (await j().api("vp.daumoi", "GET", `/agencies/${officeId}/dashboard`)).json;
    const start: Record<string, string> = Object.fromEntries(
      d.whatIf.areas.map((a: { code: string; start: number }) => [a.code, pts(a.start)]),
    );
    const predict = async (areas: Record<string, string>) =>
      (await j().api("vp.daumoi", "POST", `/agencies/${officeId}/what-if`, { baseYear: 2018, areas })).json;
    const shows = async (w: { percent: number; rank: number; of: number }) => {
      await expect.poll(() => figure(page, "whatif-index").textContent(), WAIT).toBe(pct(w.percent));
      await expect.poll(() => figure(page, "whatif-rank").textContent(), WAIT).toBe(`${w.rank}/${w.of}`);
    };

    // The fields start at the plan's targets: 93,01 %, second of 13 (the demo's forecast).
    const planned = await predict(start);
    expect(planned).toMatchObject({ percent: 93.01, rank: 2, of: 13 });
    await shows(planned);
    // From 8th to 2nd: the change carries its own arrow, never a doubled "→ ↑".
    await expect.poll(() => page.getByText("↑ tăng 6 bậc").first().isVisible(), WAIT).toBe(true);
    expect(await page.locator("#main").textContent()).not.toMatch(/→\s*[↑↓]/);

    const area1 = page.getByLabel(/^1\. Chỉ đạo, điều hành/);
    await area1.fill("12");
    await shows(await predict({ ...start, "1": "12" }));

    // Above the area's max: said next to the field at once, and the forecast is not asked for.
    const area4 = page.getByLabel(/^4\. Cải cách tổ chức bộ máy/);
    const shown = await figure(page, "whatif-index").textContent();
    await area4.fill("3,75");
    await expect
      .poll(() => page.locator(".ant-form-item-explain-error").textContent(), WAIT)
      .toContain("Nhập số từ 0 đến 3,5");
    await expect
      .poll(() => page.getByText("Sửa các ô chưa hợp lệ để cập nhật dự báo.").isVisible(), WAIT)
      .toBe(true);
    expect(await figure(page, "whatif-index").textContent()).toBe(shown);
    await area4.fill("1,5");
    await shows(await predict({ ...start, "1": "12", "4": "1,5" }));

    // Back to last year's results: the prediction is last year's own index and rank.
    await page.getByRole("button", { name: "Về kết quả năm 2018" }).click();
    const base = await predict(
      Object.fromEntries(
        d.whatIf.areas.map((a: { code: string; current: number }) => [a.code, pts(a.current)]),
      ),
    );
    expect(base).toMatchObject({ percent: 81.08, rank: 8 });
    await shows(base);
    j().expectNoConsoleErrors(page);
  });

  test("the province picks an agency by its unaccented name and sees the unpublished rank; another agency's dashboard is refused", async () => {
    const page = await j().page({ user: "snv.cchc" });
    await page.goto("/dashboard");
    // The PAR office's own agency (Sở Nội vụ) first, with a choice of any other.
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT)
      .toContain("Sở Nội vụ");
    const picker = page.getByRole("combobox", { name: "Cơ quan", exact: true });
    await picker.click();
    // The list is in Vietnamese order, tone marks breaking a tie only: Giáo dục before Giao thông
    // (by code points "Giao" would come first).
    await page.keyboard.type("so giao");
    const options = page.locator(".ant-select-dropdown:visible .ant-select-item-option");
    await expect
      .poll(async () => (await options.allTextContents()).map((x) => x.replace(/ \(.*\)$/, "")), WAIT)
      .toEqual(["Sở Giáo dục và Đào tạo tỉnh Quảng Nam", "Sở Giao thông vận tải tỉnh Quảng Nam"]);
    await picker.fill("");
    await page.keyboard.type("van phong ubnd");
    // The one agency left after filtering is the active option: Enter picks it, as from the keyboard.
    await page.locator(".ant-select-item-option", { hasText: "Văn phòng UBND tỉnh Quảng Nam" }).waitFor();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/dashboard\/\d+$/);
    const officeId = Number(new URL(page.url()).pathname.split("/").pop());
    const d = (await j().api("snv.cchc", "GET", `/agencies/${officeId}/dashboard`)).json;
    expect(d.current.rankVisible).toBe(true);
    await expect
      .poll(() => figure(page, "rank").textContent(), WAIT)
      .toContain(`${d.ranking.rank}/${d.ranking.rankOf}`);
    expect(await figure(page, "rank").textContent()).toContain("Thứ hạng năm 2019");
    j().expectNoConsoleErrors(page);

    const other = (await j().api("snv.cchc", "GET", "/agencies?kind=agency&q=so tu phap")).json.items[0];
    const leader = await j().page({ user: "vp.lanhdao" });
    await leader.goto(`/dashboard/${other.id}`);
    await expect
      .poll(() => leader.getByRole("alert").textContent(), WAIT)
      .toContain("Bảng điều khiển chỉ dành cho");
    j().expectNoConsoleErrors(leader);
  });
});
