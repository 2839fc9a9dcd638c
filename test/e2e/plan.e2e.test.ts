/**
 * Journey 2 — the PAR focal point works on the improvement plan: targets per area with baseline and
 * change (checked against the API), tasks filtered by unit, area, status, overdue and accent-insensitive
 * text kept in the URL, the deadline timeline, the task detail, and the plan's lint warnings fixed
 * end to end from where they are shown. Publication makes versions: what changes is stated before
 * version N+1 goes public, a withdrawal needs a public reason, a unit group is resolved to divisions,
 * and the plan's history shows each change.
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { formatDate, formatPercentCenti, formatPoints, todayInVietnam } from "../../core/locale.ts";
import { answerDialog, choose as chooseOption, journeys, settled } from "./harness.ts";

const pct = (n: number) => formatPercentCenti(Math.round(n * 100));
const pts = (n: number) => formatPoints(Math.round(n * 100));
const delta = (n: number) => (n === 0 ? "0" : `${n > 0 ? "+" : "−"}${pts(Math.abs(n))}`);

interface ApiTask {
  id: number;
  title: string;
  areaCode: string | null;
  leadUnits: { id: number; name: string }[];
}

/** Pages load lazily in a fresh browser context: give the UI time to catch up. */
const WAIT = { timeout: 10_000, interval: 100 };
const taskRows = (page: Page) => page.locator("tr[data-task]");
const shownTaskIds = async (page: Page) =>
  (await taskRows(page).evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-task"))))).sort(
    (a, b) => a - b,
  );
/** An open drawer by its title (its aria-labelledby is not usable in the test build's ids). */
const drawerTitled = (page: Page, title: string) =>
  page.getByRole("dialog").filter({ has: page.locator(".ant-drawer-title", { hasText: title }) });
/** Chooses in an antd select with the keyboard: type to filter (accents optional), Enter takes the first match. */
const choose = async (
  page: Page,
  select: ReturnType<Page["getByLabel"]>,
  typed: string,
  expected: RegExp,
) => {
  await select.click();
  await select.fill(typed);
  await page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active", {
      hasText: expected,
    })
    .waitFor();
  await select.press("Enter");
};
const ids = (items: { id: number }[]) => items.map((t) => t.id).sort((a, b) => a - b);

journeys("improvement plan", (j) => {
  const planOf = async (user: string) => {
    const me = (await j().api(user, "GET", "/auth/me")).json.user;
    return (await j().api(user, "GET", `/agencies/${me.agencyId}/plans`)).json.items[0].id as number;
  };

  test("the focal point reads targets against last year and filters the tasks; the view is in the URL", async () => {
    const planId = await planOf("vp.daumoi");
    const plan = (await j().api("vp.daumoi", "GET", `/plans/${planId}`)).json;
    const page = await j().page({ user: "vp.daumoi" });
    await page.goto("/plans");
    await page.waitForURL(`**/plans/${planId}`);
    await page.getByRole("heading", { level: 1, name: plan.title }).waitFor();

    // Targets per area: baseline, target, max and change exactly as the API gives them.
    expect(plan.targets.areas).toHaveLength(8);
    for (const a of plan.targets.areas) {
      const cells = await page.locator(`tr[data-area="${a.areaCode}"] td`).allInnerTexts();
      expect(cells[0]).toContain(a.title);
      expect(cells[1]).toBe(pts(a.baseline));
      expect(cells[2]).toBe(pts(a.target));
      expect(cells[3]).toBe(pts(a.max));
      expect(cells[4]).toBe(a.kept ? "Giữ vững" : delta(a.delta));
    }
    const total = await page.locator("tr", { hasText: "Tổng cộng" }).innerText();
    expect(total).toContain(`${pts(plan.targets.baselinePoints)} (${pct(plan.targets.baselinePercent)})`);
    expect(total).toContain(`${pts(plan.targets.points)} (${pct(plan.targets.percent)})`);
    expect(pct(plan.targets.percent)).toBe("93,01%");
    expect(await page.getByTestId("plan-target").innerText()).toContain(
      `${pts(plan.targets.points)}/${pts(plan.targets.max)} điểm · ${pct(plan.targets.percent)}`,
    );
    expect(await page.getByTestId("plan-baseline").innerText()).toContain(pct(plan.targets.baselinePercent));
    await expect.poll(() => taskRows(page).count(), WAIT).toBe(plan.tasks.length);

    // Text search ignores accents: "cai cach" finds "cải cách"; the filter goes into the URL.
    await page.getByLabel("Tìm theo nội dung").fill("cai cach");
    await page.waitForURL(/[?&]q=cai\+cach/);
    const found = (await j().api("vp.daumoi", "GET", `/plans/${planId}/tasks?q=cai%20cach`)).json.items;
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(plan.tasks.length);
    await expect.poll(() => shownTaskIds(page), WAIT).toEqual(ids(found));
    await expect
      .poll(() => page.locator("tr[data-task] a").allInnerTexts())
      .toContain("Kiểm tra cải cách hành chính");

    // Narrowed to area 1 through its select.
    await choose(page, page.getByLabel("Lĩnh vực", { exact: true }), "chi dao", /^1\. Chỉ đạo/);
    await page.waitForURL(/[?&]area=1/);
    const area1 = (await j().api("vp.daumoi", "GET", `/plans/${planId}/tasks?q=cai%20cach&areaCode=1`)).json
      .items;
    await expect.poll(() => shownTaskIds(page), WAIT).toEqual(ids(area1));

    // The same URL, opened by someone else, shows the same view.
    const shared = page.url();
    const leader = await j().page({ user: "vp.lanhdao" });
    await leader.goto(shared);
    await expect.poll(() => shownTaskIds(leader), WAIT).toEqual(ids(area1));
    expect(await leader.getByLabel("Tìm theo nội dung").inputValue()).toBe("cai cach");
    // The leader reads: no add, edit, fix, publish or withdraw buttons; the plan says which version is public.
    expect(await leader.getByRole("button", { name: "Thêm nhiệm vụ" }).count()).toBe(0);
    expect(await leader.getByRole("button", { name: /Công bố|Rút kế hoạch/ }).count()).toBe(0);
    expect(plan.version.version).toBe(1);
    expect(await leader.getByTestId("plan-publication").innerText()).toBe(
      `Phiên bản 1, công bố ngày ${formatDate(todayInVietnam(new Date(plan.version.publishedAt)))}`,
    );
    expect(await leader.getByRole("button", { name: /Chọn đơn vị chủ trì|Đặt thời hạn/ }).count()).toBe(0);
    j().expectNoConsoleErrors(leader);

    // By unit (accent-insensitive search in the select too), then overdue only, then cleared.
    await page.getByRole("button", { name: "Bỏ lọc" }).click();
    await expect.poll(() => taskRows(page).count(), WAIT).toBe(plan.tasks.length);
    const units = (await j().api(null, "GET", `/agencies/${plan.agency.id}`)).json.units as {
      id: number;
      name: string;
    }[];
    const qttv = units.find((u) => u.name === "Phòng Quản trị – Tài vụ")!;
    await choose(
      page,
      page.getByLabel("Đơn vị", { exact: true }),
      "quan tri tai vu",
      /Phòng Quản trị – Tài vụ/,
    );
    await page.waitForURL(new RegExp(`[?&]unit=${qttv.id}`));
    const byUnit = (await j().api(null, "GET", `/plans/${planId}/tasks?unitId=${qttv.id}`)).json.items;
    expect(byUnit.length).toBeGreaterThan(0);
    await expect.poll(() => shownTaskIds(page), WAIT).toEqual(ids(byUnit));
    await page.getByLabel("Chỉ quá hạn").click();
    await page.waitForURL(/[?&]overdue=1/);
    const overdue = (await j().api(null, "GET", `/plans/${planId}/tasks?unitId=${qttv.id}&overdue=true`)).json
      .items;
    await expect.poll(() => shownTaskIds(page), WAIT).toEqual(ids(overdue));
    await page.getByRole("button", { name: "Bỏ lọc" }).click();
    await choose(page, page.getByLabel("Trạng thái", { exact: true }), "chua bat dau", /Chưa bắt đầu/);
    const notStarted = (await j().api(null, "GET", `/plans/${planId}/tasks?status=not_started`)).json.items;
    await expect.poll(() => shownTaskIds(page), WAIT).toEqual(ids(notStarted));
    await page.getByRole("button", { name: "Bỏ lọc" }).click();
    // With no filter left, the "clear" button goes away and every task is back.
    await page.getByRole("button", { name: "Bỏ lọc" }).waitFor({ state: "detached" });
    await expect.poll(() => taskRows(page).count(), WAIT).toBe(plan.tasks.length);

    // The deadline timeline lists the dated tasks by month, overdue ones flagged.
    const timeline = page
      .locator(".ant-card")
      .filter({ has: page.getByRole("heading", { name: "Lịch thời hạn" }) });
    const inspect = plan.tasks.find((t: { title: string }) => t.title === "Kiểm tra cải cách hành chính");
    expect(inspect.due).toBe("2019-10-31");
    await expect.poll(() => timeline.innerText(), WAIT).toContain("Tháng 10/2019");
    expect(await timeline.innerText()).toContain("31/10/2019 — Kiểm tra cải cách hành chính");

    await j().screenshot(page, "plan");
    await j().expectAccessible(page);

    // The task detail: lead and coordinating units, linked criteria, measurable targets, history.
    await page.getByRole("link", { name: "Kiểm tra cải cách hành chính" }).first().click();
    await page.waitForURL(`**/plans/${planId}/tasks/${inspect.id}`);
    const detail = (await j().api("vp.daumoi", "GET", `/tasks/${inspect.id}`)).json;
    await page.getByRole("heading", { level: 1, name: /Kiểm tra cải cách hành chính/ }).waitFor();
    const about = await page.locator(".ant-descriptions").innerText();
    expect(about).toContain("Chủ trì");
    expect(about).toContain(`${detail.leadUnits[0].name} (${detail.leadUnits[0].shortName})`);
    expect(about).toContain("31/10/2019");
    const criteria = page.locator(".ant-card").filter({ hasText: "Tiêu chí liên quan" });
    expect(await criteria.innerText()).toContain(
      `${detail.framework.linked.code}. ${detail.framework.linked.title}`,
    );
    expect(await criteria.innerText()).toContain(`tối đa ${pts(detail.framework.linked.max)} điểm`);
    const targets = page.locator(".ant-card").filter({ hasText: "Chỉ tiêu đo được" });
    for (const t of detail.targets) expect(await targets.innerText()).toContain(t.text);
    expect(await targets.innerText()).toContain("≥ 30%");
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
  });

  test("the focal point publishes a draft as version 1, then version 2 told what changes, then withdraws it with a reason", async () => {
    // A plan of an earlier year, so the agency's latest plan (the one the other tests open) stays the same.
    const me = (await j().api("vp.daumoi", "GET", "/auth/me")).json.user;
    const created = await j().api("vp.daumoi", "POST", "/plans", {
      agencyId: me.agencyId,
      year: 2018,
      title: `Kế hoạch cải thiện Chỉ số CCHC năm 2018 (${Date.now()})`,
    });
    expect(created.status).toBe(201);
    const planId = created.json.id as number;
    expect((await j().api(null, "GET", `/public/plans/${planId}`)).status).toBe(404);
    const page = await j().page({ user: "vp.daumoi" });
    await page.goto(`/plans/${planId}`);
    const tag = page.getByTestId("plan-publication");
    await expect.poll(() => tag.innerText(), WAIT).toBe("Bản nháp — chưa công bố");
    await page.getByRole("button", { name: "Công bố kế hoạch" }).click();
    // The confirmation says who will see it.
    await page.getByText("Công bố kế hoạch này?").waitFor();
    await page.getByText(/kể cả người không đăng nhập/).waitFor();
    await answerDialog(page, "Công bố kế hoạch");
    await expect.poll(() => tag.innerText(), WAIT).toMatch(/^Phiên bản 1, công bố ngày /);
    let plan = (await j().api("vp.daumoi", "GET", `/plans/${planId}`)).json;
    expect(plan.publishedAt).not.toBeNull();
    expect(await tag.innerText()).toBe(
      `Phiên bản 1, công bố ngày ${formatDate(todayInVietnam(new Date(plan.publishedAt)))}`,
    );
    expect((await j().api(null, "GET", `/public/plans/${planId}`)).status).toBe(200);
    await page.getByTestId("plan-pending").getByText("Bản nháp giống phiên bản đã công bố.").waitFor();
    // No silent unpublishing: the only ways on are a new version or a withdrawal.
    expect(await page.getByRole("button", { name: "Thôi công bố" }).count()).toBe(0);

    // A task added after publication is a draft change: said on the page, stated in the confirmation.
    const task = await j().api("vp.daumoi", "POST", `/plans/${planId}/tasks`, {
      title: "Rà soát quy trình nội bộ",
      leadUnits: ["Phòng Nội chính"],
    });
    expect(task.status).toBe(201);
    await page.reload();
    await page
      .getByTestId("plan-pending")
      .getByText(
        "Thay đổi chưa công bố: 1 nhiệm vụ thêm. Công chúng vẫn xem phiên bản 1 cho tới khi bạn công bố phiên bản mới.",
      )
      .waitFor();
    expect((await j().api(null, "GET", `/public/plans/${planId}`)).json.tasks).toEqual([]);
    await page.getByRole("button", { name: "Công bố phiên bản 2" }).click();
    const dialog = page.locator(".ant-modal").filter({ hasText: "Công bố phiên bản 2?" });
    await settled(dialog);
    expect(await dialog.getByTestId("publish-counts").innerText()).toBe("1 nhiệm vụ thêm");
    expect(await dialog.getByTestId("publish-changes").innerText()).toContain(
      "Thêm: Rà soát quy trình nội bộ",
    );
    await dialog
      .getByLabel("Ghi chú phiên bản (không bắt buộc, được công khai)")
      .fill("Bổ sung nhiệm vụ rà soát");
    await j().screenshot(page, "plan-publish-version");
    await j().expectAccessible(page);
    await answerDialog(page, "Công bố phiên bản 2");
    await expect.poll(() => tag.innerText(), WAIT).toMatch(/^Phiên bản 2, công bố ngày /);
    const pub = (await j().api(null, "GET", `/public/plans/${planId}`)).json;
    expect(pub.version).toMatchObject({ version: 2, note: "Bổ sung nhiệm vụ rà soát" });
    expect(pub.tasks.map((t: { title: string }) => t.title)).toEqual(["Rà soát quy trình nội bộ"]);

    // Withdrawing needs a reason, which the public page shows; the versions stay listed.
    await page.getByRole("button", { name: "Rút kế hoạch" }).click();
    const withdraw = page.locator(".ant-modal").filter({ hasText: "Rút kế hoạch này?" });
    await settled(withdraw);
    const ok = withdraw.getByRole("button", { name: "Rút kế hoạch", exact: true });
    expect(await ok.isDisabled()).toBe(true);
    await withdraw.getByLabel("Lý do rút (được công khai)").fill("Thay bằng kế hoạch năm 2019");
    await expect.poll(() => ok.isDisabled(), WAIT).toBe(false);
    await answerDialog(page, "Rút kế hoạch");
    await expect.poll(() => tag.innerText(), WAIT).toContain("Đã rút ngày");
    plan = (await j().api(null, "GET", `/public/plans/${planId}`)).json;
    expect(plan.withdrawn).toMatchObject({ reason: "Thay bằng kế hoạch năm 2019" });
    const visitor = await j().page({ width: 375 });
    await visitor.goto(`/public/plans/${planId}`);
    await expect
      .poll(() => visitor.locator('[data-state="withdrawn"]').textContent(), WAIT)
      .toContain("Lý do: Thay bằng kế hoạch năm 2019");
    await visitor.getByLabel("Phiên bản đang xem").waitFor();
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expect.poll(() => page.locator(".ant-message-notice-wrapper").count(), WAIT).toBe(0);
    await page.getByRole("button", { name: "Các phiên bản (2)" }).click();
    const versions = page.getByRole("dialog").filter({ hasText: "Các phiên bản đã công bố" });
    await versions.locator('[data-version="1"]').waitFor();
    expect(await versions.locator('[data-version="2"]').innerText()).toContain("“Bổ sung nhiệm vụ rà soát”");
    j().expectNoConsoleErrors(page);
    j().expectNoConsoleErrors(visitor);
  });

  test("a unit group on a task is resolved to named divisions from its lint warning, and the history shows it", async () => {
    const planId = await planOf("vp.daumoi");
    const title = `Số hóa hồ sơ công việc ${Date.now()}`;
    const created = await j().api("vp.daumoi", "POST", `/plans/${planId}/tasks`, {
      title,
      areaCode: "7",
      leadUnits: ["Phòng Quản trị – Tài vụ"],
      coordinatingUnits: ["Các Phòng, Ban, Trung tâm"],
    });
    const taskId = created.json.id as number;
    // Until resolved, the Administration division's colleague in HC-TC cannot act through the group.
    expect(
      (await j().api("vp.hctc", "POST", `/tasks/${taskId}/updates`, { progress: 10 })).json.error.code,
    ).toBe("task.group_unresolved");
    const page = await j().page({ user: "vp.daumoi" });
    await page.goto(`/plans/${planId}/tasks/${taskId}`);
    await page.getByRole("heading", { level: 1, name: new RegExp(title) }).waitFor();
    await page
      .getByText("“Các Phòng, Ban, Trung tâm” chưa xác định gồm những phòng nào", { exact: false })
      .waitFor();
    await page.getByRole("button", { name: "Chọn các phòng" }).first().click();
    const modal = page
      .locator(".ant-modal")
      .filter({ hasText: "“Các Phòng, Ban, Trung tâm” gồm những phòng nào?" });
    await settled(modal);
    await chooseOption(page, "Các phòng, ban, trung tâm", /Phòng Hành chính – Tổ chức/, "hanh chinh", modal);
    await chooseOption(page, "Các phòng, ban, trung tâm", /Phòng Nội chính/, "noi chinh", modal);
    await modal.locator(".ant-modal-title").click();
    await answerDialog(page, "Lưu");
    await expect
      .poll(() => page.locator(".ant-descriptions").innerText(), WAIT)
      .toContain("Các Phòng, Ban, Trung tâm (HC-TC, NC)");
    const task = (await j().api("vp.daumoi", "GET", `/tasks/${taskId}`)).json;
    expect(task.coordinatingUnits[0].members.map((m: { shortName: string }) => m.shortName)).toEqual([
      "HC-TC",
      "NC",
    ]);
    expect(task.unresolvedGroups).toEqual([]);
    expect((await j().api("vp.hctc", "POST", `/tasks/${taskId}/updates`, { progress: 10 })).status).toBe(201);
    // The task's history: created, group resolved, the division's part.
    const history = page
      .locator(".ant-card")
      .filter({ has: page.getByRole("heading", { name: "Lịch sử thay đổi" }) });
    await page.reload();
    await expect.poll(() => history.locator("[data-history]").count(), WAIT).toBe(3);
    expect(await history.locator('[data-history="task.group_resolved"]').innerText()).toContain(
      "Các phòng: (trống) → Phòng Hành chính – Tổ chức; Phòng Nội chính",
    );
    await j().expectAccessible(page);
    const phone = await j().page({ user: "vp.daumoi", width: 375, height: 812 });
    await phone.goto(`/plans/${planId}/tasks/${taskId}`);
    await phone.locator('[data-history="task.group_resolved"]').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await j().screenshot(phone, "task-history");
    j().expectNoConsoleErrors(page);
  });

  test("each lint warning sits where it applies and its fix action removes it", async () => {
    const planId = await planOf("vp.daumoi");
    const lintBefore = (await j().api("vp.daumoi", "GET", `/plans/${planId}/lint`)).json.items as {
      rule: string;
      areaCode?: string;
      taskId?: number;
    }[];
    const area3 = lintBefore.find((i) => i.rule === "area_without_task" && i.areaCode === "3");
    expect(area3).toBeTruthy();
    const page = await j().page({ user: "vp.daumoi" });
    await page.goto(`/plans/${planId}`);
    const row3 = page.locator('tr[data-area="3"]');
    await row3.getByText("Có chỉ tiêu nhưng chưa có nhiệm vụ nào").waitFor();
    expect(await page.locator('tr[data-area="1"]').getByText("chưa có nhiệm vụ").count()).toBe(0);

    // "Area 3 has no task" → the add-task form opens with area 3 filled in.
    await row3.getByRole("button", { name: "Thêm nhiệm vụ cho lĩnh vực 3" }).click();
    const drawer = drawerTitled(page, "Thêm nhiệm vụ");
    await drawer.waitFor();
    expect(await drawer.locator(".ant-select").first().innerText()).toContain(
      "3. Cải cách thủ tục hành chính",
    );
    // Validation as you type, with the route's rules: a title is required.
    const title = drawer.getByLabel("Tên nhiệm vụ");
    await title.fill("x");
    await title.fill("");
    await drawer.getByText("Nhập tên nhiệm vụ (1–500 ký tự)").waitFor();
    const newTitle = `Rà soát, đơn giản hóa thủ tục hành chính ${Date.now()}`;
    await title.fill(newTitle);
    await expect.poll(() => drawer.getByText("Nhập tên nhiệm vụ (1–500 ký tự)").count(), WAIT).toBe(0);
    await choose(
      page,
      drawer.getByLabel("Đơn vị chủ trì"),
      "kiem soat",
      /Phòng Kiểm soát thủ tục hành chính/,
    );
    await drawer.locator(".ant-drawer-title").click(); // closes the option list, keeps the drawer
    // A deadline before the start is refused next to the field, as the server would.
    await drawer.getByLabel("Ngày bắt đầu").fill("01/12/2019");
    await drawer.getByLabel("Ngày bắt đầu").press("Enter");
    await drawer.getByLabel("Hạn hoàn thành").fill("30/11/2019");
    await drawer.getByLabel("Hạn hoàn thành").press("Enter");
    await drawer.getByText("Hạn hoàn thành không được trước ngày bắt đầu").waitFor();
    await drawer.getByLabel("Hạn hoàn thành").fill("31/12/2019");
    await drawer.getByLabel("Hạn hoàn thành").press("Enter");
    await expect
      .poll(() => drawer.getByText("Hạn hoàn thành không được trước ngày bắt đầu").count(), WAIT)
      .toBe(0);
    await drawer.getByRole("button", { name: "Lưu" }).click();
    await drawer.waitFor({ state: "hidden" });
    await expect.poll(() => row3.getByText("Có chỉ tiêu nhưng chưa có nhiệm vụ nào").count(), WAIT).toBe(0);
    const created = (await j().api("vp.daumoi", "GET", `/plans/${planId}/tasks?areaCode=3`)).json
      .items as (ApiTask & { due: string; startsOn: string })[];
    expect(created.map((t) => t.title)).toEqual([newTitle]);
    expect(created[0]).toMatchObject({ due: "2019-12-31", startsOn: "2019-12-01" });
    expect(created[0].leadUnits.map((u) => u.name)).toEqual(["Phòng Kiểm soát thủ tục hành chính"]);
    const lintAfterArea = (await j().api("vp.daumoi", "GET", `/plans/${planId}/lint`)).json.items;
    expect(lintAfterArea.some((i: { areaCode?: string }) => i.areaCode === "3")).toBe(false);

    // "Task without lead unit" → the edit form of that task, opened on the lead units.
    const noLead = lintBefore.find((i) => i.rule === "task_without_lead")!;
    const row = page.locator(`tr[data-task="${noLead.taskId}"]`);
    await row.getByText("Chưa có đơn vị chủ trì").waitFor();
    await row.getByRole("button", { name: "Chọn đơn vị chủ trì" }).click();
    const edit = drawerTitled(page, "Sửa nhiệm vụ");
    await edit.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest(".ant-form-item")?.textContent ?? ""))
      .toContain("Đơn vị chủ trì");
    await choose(page, edit.getByLabel("Đơn vị chủ trì"), "hanh chinh to chuc", /Phòng Hành chính – Tổ chức/);
    await edit.locator(".ant-drawer-title").click();
    await edit.getByRole("button", { name: "Lưu" }).click();
    await edit.waitFor({ state: "hidden" });
    await expect.poll(() => row.getByText("Chưa có đơn vị chủ trì").count(), WAIT).toBe(0);
    const fixed = (await j().api("vp.daumoi", "GET", `/tasks/${noLead.taskId}`)).json;
    expect(fixed.leadUnits.map((u: { name: string }) => u.name)).toEqual(["Phòng Hành chính – Tổ chức"]);

    // "No deadline" → the same task's edit form, on the deadline.
    await row.getByRole("button", { name: "Đặt thời hạn" }).click();
    await edit.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest(".ant-form-item")?.textContent ?? ""))
      .toContain("Hạn hoàn thành");
    await edit.getByLabel("Hạn hoàn thành").fill("15/12/2019");
    await edit.getByLabel("Hạn hoàn thành").press("Enter");
    await edit.getByRole("button", { name: "Lưu" }).click();
    await edit.waitFor({ state: "hidden" });
    await expect.poll(() => row.getByText("Chưa có thời hạn hoàn thành").count(), WAIT).toBe(0);
    expect((await j().api("vp.daumoi", "GET", `/tasks/${noLead.taskId}`)).json.due).toBe("2019-12-15");
    const lintAfter = (await j().api("vp.daumoi", "GET", `/plans/${planId}/lint`)).json.items;
    expect(lintAfter.filter((i: { taskId?: number }) => i.taskId === noLead.taskId)).toEqual([]);
    expect(lintAfter.length).toBe(lintBefore.length - 3);
    // The "saved" toast fades out (mid-fade its text is too pale to check).
    await expect.poll(() => page.locator(".ant-message-notice-wrapper").count(), WAIT).toBe(0);
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
  });
});
