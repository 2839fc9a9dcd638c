/**
 * The README's quick start, walked as a newcomer would on a fresh demo with no setting changed: the
 * demo's banner on every page, every demo account signs in, the focal point self-assesses a 2019
 * criterion and sees it saved, the appraiser appraises the department that submitted, a division
 * reports on a task, and the public reads the published 2018 ranking. The clock stands on the demo's
 * day (10/12/2019), so none of this needs the province office to edit a cycle first.
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { DEMO_USERNAMES } from "../../demo/load.ts";
import { journeys } from "./harness.ts";

const BANNER = "Dữ liệu demo — hôm nay là 10/12/2019";
const PHONE = { width: 375, height: 812 };
const WAIT = { timeout: 10_000, interval: 100 };
const INSPECT = "Kiểm tra cải cách hành chính";

const banner = (page: Page) => page.getByTestId("demo-banner");
const expectBanner = async (page: Page) => expect.poll(() => banner(page).textContent(), WAIT).toBe(BANNER);
const expectFitsPhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

journeys("the README's journeys on a fresh demo", (j) => {
  test("the demo says its day on every page, in Vietnamese and English, and fits a phone", async () => {
    expect((await j().api(null, "GET", "/clock")).json).toEqual({ today: "2019-12-10", demo: true });
    const page = await j().page(PHONE);
    await page.goto("/");
    await expectBanner(page);
    await expect.poll(() => page.locator("[data-journey]").count(), WAIT).toBe(8);
    await expectFitsPhone(page);
    await j().screenshot(page, "readme-home-phone");
    await j().expectAccessible(page);
    const en = await j().page({ ...PHONE, lang: "en" });
    await en.goto("/public");
    await expect.poll(() => banner(en).textContent(), WAIT).toBe("Demo data — today is 10/12/2019");
    j().expectNoConsoleErrors(page);
    j().expectNoConsoleErrors(en);
  });

  test("every demo account signs in through the form and lands with the banner", {
    timeout: 180_000,
  }, async () => {
    for (const user of DEMO_USERNAMES) {
      const page = await j().page();
      await j().login(page, user);
      await expect.poll(() => page.getByRole("button", { name: "Đăng xuất" }).isVisible(), WAIT).toBe(true);
      await expectBanner(page);
      j().expectNoConsoleErrors(page);
      await page.close();
    }
  });

  test("the focal point self-assesses a 2019 criterion and sees it saved", async () => {
    const mine = (await j().api("vp.daumoi", "GET", "/me/assessments")).json;
    const c2019 = mine.items.find((c: { year: number }) => c.year === 2019);
    expect(c2019.selfAssessmentWindow).toBe("open");
    const page = await j().page({ user: "vp.daumoi" });
    await page.goto("/self-assessment");
    await page.waitForURL(`**/self-assessment/${c2019.cycleId}/${c2019.agencyId}`);
    await page.getByRole("heading", { level: 1, name: /Tự đánh giá — .*năm 2019/ }).waitFor();
    await page.getByText("Đang mở tự đánh giá đến hết ngày 31/12/2019").first().waitFor();
    await expectBanner(page);
    await page.getByRole("button", { name: "Chấm điểm tiêu chí 1.2" }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("Tỉ lệ đơn vị được kiểm tra CCHC (%)").fill("30");
    await drawer.getByRole("button", { name: "Tính điểm và lưu" }).click();
    await drawer.getByText("Điểm tính theo quy tắc: 2").waitFor();
    const base = `/cycles/${c2019.cycleId}/agencies/${c2019.agencyId}`;
    const saved = async () =>
      (await j().api("vp.daumoi", "GET", `${base}/scores`)).json.nodes.find(
        (n: { code: string }) => n.code === "1.2",
      ).self;
    await expect.poll(saved, WAIT).toBe(2);
    // Saved, not only shown: the page opened afresh reads it back from the server.
    await page.goto(`/self-assessment/${c2019.cycleId}/${c2019.agencyId}`);
    await page.getByRole("button", { name: "Chấm điểm tiêu chí 1.2" }).click();
    await expect.poll(() => page.getByRole("dialog").getByTestId("leaf-self").textContent(), WAIT).toBe("2");
    await j().screenshot(page, "readme-self-assessment");
    j().expectNoConsoleErrors(page);
  });

  test("the appraiser appraises the department that has submitted", async () => {
    const page = await j().page({ user: "thamdinh" });
    await page.goto("/appraisal");
    await page.getByRole("heading", { level: 1, name: "Thẩm định" }).waitFor();
    await expectBanner(page);
    await page.getByRole("link", { name: /^(Thẩm định|Xem) Sở Tư pháp.*năm 2019$/ }).click();
    await page.getByRole("heading", { level: 1, name: /Thẩm định — .*năm 2019/ }).waitFor();
    await page.getByRole("button", { name: "Thẩm định tiêu chí 1.6" }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("Điểm thẩm định (0 – 2)").fill("1,25");
    await drawer.getByLabel("Nhận xét").fill("Thiếu báo cáo kết quả nhiệm vụ quý IV");
    await drawer.getByRole("button", { name: "Lưu điểm thẩm định" }).click();
    await page.getByText("Đã lưu điểm thẩm định: 1,25").last().waitFor();
    const url = new URL(page.url());
    const [, , cycleId, agencyId] = url.pathname.split("/");
    const s = (await j().api("thamdinh", "GET", `/cycles/${cycleId}/agencies/${agencyId}/scores`)).json;
    expect(s.nodes.find((n: { code: string }) => n.code === "1.6").appraised).toBe(1.25);
    await j().screenshot(page, "readme-appraisal");
    j().expectNoConsoleErrors(page);
  });

  test("a division on a phone sees the overdue inspection and posts an update", async () => {
    const mine = (await j().api("vp.hctc", "GET", "/me/tasks")).json.items as {
      id: number;
      title: string;
      overdue: boolean;
      status: string;
    }[];
    expect(mine.filter((t) => t.overdue).map((t) => t.title)).toEqual([INSPECT]);
    expect(mine.filter((t) => t.status === "done").length).toBeGreaterThan(0);
    const task = mine.find((t) => t.title === INSPECT)!;
    const page = await j().page({ user: "vp.hctc", ...PHONE });
    await page.goto("/my-tasks");
    await page.getByRole("heading", { level: 1, name: "Nhiệm vụ của tôi" }).waitFor();
    await expectBanner(page);
    const card = page.locator(`article[data-task="${task.id}"]`);
    await expect.poll(() => card.innerText(), WAIT).toContain("Quá hạn");
    await expectFitsPhone(page);
    await card.getByRole("link", { name: `Cập nhật tiến độ: ${INSPECT}` }).click();
    await page.waitForURL(`**/tasks/${task.id}/update`);
    await page.getByLabel("Tiến độ (%)", { exact: true }).fill("60");
    await page.getByLabel("Ghi chú").fill("Đã kiểm tra thêm 2 phòng");
    await page.getByRole("button", { name: "Lưu cập nhật" }).click();
    await page.getByText("Đã lưu cập nhật", { exact: true }).first().waitFor();
    await expectFitsPhone(page);
    const detail = (await j().api("vp.hctc", "GET", `/tasks/${task.id}`)).json;
    expect(detail).toMatchObject({ progress: 60 });
    expect(detail.updates.at(-1)).toMatchObject({ progress: 60, note: "Đã kiểm tra thêm 2 phòng" });
    await j().screenshot(page, "readme-task-update");
    j().expectNoConsoleErrors(page);
  });

  test("the public reads the published 2018 ranking without signing in", async () => {
    const page = await j().page(PHONE);
    await page.goto("/public");
    await expectBanner(page);
    await page.getByRole("link", { name: "Năm 2018 — Sở, ban, ngành" }).click();
    await page.waitForURL("**/public/rankings/*");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT)
      .toBe("Bảng xếp hạng Chỉ số CCHC năm 2018 — Sở, ban, ngành");
    await page.getByText("Văn phòng UBND tỉnh").first().waitFor();
    await expectFitsPhone(page);
    j().expectNoConsoleErrors(page);
  });

  test("the administrator sees the demo's day on its page; the leader's dashboard and the province office open", async () => {
    const admin = await j().page({ user: "admin" });
    await admin.goto("/admin/clock");
    await admin.getByRole("heading", { level: 2, name: "Ngày của bản demo" }).waitFor();
    await expect.poll(() => admin.getByLabel("Ngày demo").inputValue(), WAIT).toBe("10/12/2019");
    await j().expectAccessible(admin);
    for (const [user, path, heading] of [
      ["vp.lanhdao", "/dashboard", /./],
      ["snv.cchc", "/province", /./],
    ] as const) {
      const page = await j().page({ user });
      await page.goto(path);
      await page.getByRole("heading", { level: 1, name: heading }).first().waitFor();
      await expectBanner(page);
      j().expectNoConsoleErrors(page);
    }
    j().expectNoConsoleErrors(admin);
  });
});
