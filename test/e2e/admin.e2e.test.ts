/**
 * The administrator: a framework tree edited with the server's validation shown on the node (then
 * fixed) and saved as a new version because a cycle uses it, exported and imported as JSON; an
 * agency with validity dates and a successor, found by "cai cach"; a user created and given another
 * role; a province's reporting periods saved.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { answerConfirm, choose, journeys, poll } from "./harness.ts";

/** Checks WCAG with the pointer parked away from buttons (a hovered button is lighter). */
async function accessible(page: Page, check: (p: Page) => Promise<void>) {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  await check(page);
}

/** Types a date into an antd DatePicker the way a person does. */
async function typeDate(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press("Enter");
}

const errorOf = (page: Page, label: string) =>
  page
    .locator(".ant-form-item")
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .locator(".ant-form-item-explain-error");

journeys("administrator", (j) => {
  test("edits a framework tree (a problem shows on its node until fixed), saves a new version, exports and imports it as JSON", async () => {
    const page = await j().page({ user: "admin" });
    await page.goto("/");
    await page.locator('[data-journey="admin"]').getByRole("link").click();
    await page.waitForURL("**/admin/frameworks");
    const frameworks = (await j().api("admin", "GET", "/frameworks")).json.items;
    const f2019 = frameworks.find((f: { code: string }) => f.code === "QNAM-SBN-2019");
    await page
      .getByRole("row")
      .filter({ hasText: "QNAM-SBN-2019" })
      .getByRole("link", { name: "Sửa" })
      .click();
    await page.waitForURL(`**/admin/frameworks/${f2019.id}`);
    await poll(() => page.getByText("Bộ chỉ số này đang được dùng cho kỳ đánh giá năm 2019").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Lưu thay đổi" }).count()).toBe(0);

    // 1.1's max above its area's: the area says so, and saving is not possible.
    const max11 = page.getByLabel("Điểm tối đa của 1.1", { exact: true });
    const before = await max11.inputValue();
    await max11.fill("20");
    const area1 = page.locator('li[data-node="1"] > .node-errors');
    await poll(() => area1.textContent()).toBe("Tổng điểm các mục con vượt điểm tối đa của 1");
    expect(await page.getByRole("button", { name: "Lưu thành phiên bản mới" }).isDisabled()).toBe(true);
    await poll(() => page.getByText(/Còn 1 lỗi/).count()).toBe(1);
    await j().screenshot(page, "admin");
    // A duplicate code is shown on the node that repeats it.
    await page.getByLabel("Mã của 1.2", { exact: true }).fill("1.1");
    // Its label follows the code it now has; the second "1.1" is the one in error.
    await poll(() => page.locator('li[data-node="1.1"]').nth(1).locator(".node-errors").textContent()).toBe(
      "Mã 1.1 bị trùng với một mục khác",
    );
    expect(await page.locator('li[data-node="1.1"]').first().locator(".node-errors").count()).toBe(0);
    await page.getByLabel("Mã của 1.1", { exact: true }).nth(1).fill("1.2");
    await max11.fill(before);
    await poll(() => area1.count()).toBe(0);
    await poll(() => page.getByText("Cây tiêu chí hợp lệ.").count()).toBe(1);
    await accessible(page, j().expectAccessible);

    // Rename a criterion, then save as the next version under the suggested new code.
    await page.getByLabel("Tên của 1.1", { exact: true }).fill("Kế hoạch CCHC năm (sửa đổi)");
    expect(await page.getByLabel("Mã bộ chỉ số").inputValue()).toBe("QNAM-SBN-2019-v2");
    await page.getByRole("button", { name: "Lưu thành phiên bản mới" }).click();
    await page.waitForURL(
      (u) => /\/admin\/frameworks\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${f2019.id}`),
    );
    const v2Id = Number(page.url().split("/").pop());
    const v2 = (await j().api("admin", "GET", `/frameworks/${v2Id}`)).json;
    expect(v2).toMatchObject({ code: "QNAM-SBN-2019-v2", version: 2, totalMax: 93, inUse: false });
    expect(v2.nodes.find((n: { code: string }) => n.code === "1.1").title).toBe(
      "Kế hoạch CCHC năm (sửa đổi)",
    );
    const original = (await j().api("admin", "GET", `/frameworks/${f2019.id}`)).json;
    expect(original.nodes.find((n: { code: string }) => n.code === "1.1").title).not.toBe(
      "Kế hoạch CCHC năm (sửa đổi)",
    );

    // Export: the file is the API's export.
    await page.getByRole("link", { name: "Về danh sách" }).click();
    await page.waitForURL("**/admin/frameworks");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Xuất JSON QNAM-SBN-2019-v2" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("QNAM-SBN-2019-v2.json");
    const exported = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
    expect(exported).toEqual((await j().api("admin", "GET", `/frameworks/${v2Id}/export`)).json);

    // Import it back under another code: the editor shows it, saving stores the same tree.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "parindex-import-")), "bo-chi-so.json");
    fs.writeFileSync(file, JSON.stringify({ ...exported, code: "QNAM-NHAP-THU" }));
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.waitForURL("**/admin/frameworks/new");
    await poll(() => page.getByText("Đã nhập từ tệp bo-chi-so.json").count()).toBe(1);
    expect(await page.getByLabel("Mã bộ chỉ số").inputValue()).toBe("QNAM-NHAP-THU");
    await page.getByRole("button", { name: "Lưu bộ chỉ số mới" }).click();
    await page.waitForURL((u) => /\/admin\/frameworks\/\d+$/.test(u.pathname));
    const imported = (await j().api("admin", "GET", `/frameworks/${page.url().split("/").pop()}`)).json;
    expect(imported.code).toBe("QNAM-NHAP-THU");
    expect(imported.nodes).toEqual(v2.nodes);
    // A file that is not a framework is refused with the reason.
    fs.writeFileSync(file, JSON.stringify({ code: "X" }));
    await page.goto("/admin/frameworks");
    await page.locator('input[type="file"]').setInputFiles(file);
    await poll(() =>
      page.getByRole("alert").filter({ hasText: "Tệp không đúng định dạng bộ chỉ số" }).count(),
    ).toBe(1);
    await accessible(page, j().expectAccessible);
    j().expectNoConsoleErrors(page);
  });

  test("creates an agency with validity dates and a successor, and finds 'cải cách' by typing 'cai cach'", async () => {
    const provinceId = (await j().api(null, "GET", "/agencies?kind=province")).json.items.find(
      (p: { code: string }) => p.code === "QNAM",
    ).id;
    const successor = await j().api("admin", "POST", "/agencies", {
      code: "SVHTTDL-MOI",
      name: "Sở Văn hóa và Thể thao mới",
      kind: "agency",
      parentId: provinceId,
      validFrom: "2025-07-01",
    });
    expect(successor.status).toBe(201);
    await j().api("admin", "POST", "/agencies", {
      code: "BCD-CCHC",
      name: "Ban Chỉ đạo cải cách hành chính tỉnh",
      kind: "agency",
      parentId: provinceId,
    });
    const page = await j().page({ user: "admin" });
    await page.goto("/admin/agencies");
    await page.getByRole("button", { name: "Thêm cơ quan" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Mã", { exact: true }).fill("SVHTTDL");
    await dialog.getByLabel("Tên đầy đủ").fill("Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam");
    await choose(page, "Trực thuộc", "UBND tỉnh Quảng Nam", "quang nam");
    await typeDate(page, "Hiệu lực từ ngày", "01/01/2008");
    await typeDate(page, "Hết hiệu lực ngày", "31/12/2007");
    await poll(() => errorOf(page, "Hết hiệu lực ngày").textContent()).toBe(
      "Ngày hết hiệu lực trước ngày bắt đầu",
    );
    await typeDate(page, "Hết hiệu lực ngày", "30/06/2025");
    await poll(() => errorOf(page, "Hết hiệu lực ngày").count()).toBe(0);
    await choose(page, "Cơ quan kế thừa", "Sở Văn hóa và Thể thao mới", "van hoa");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    const created = (await j().api(null, "GET", "/agencies?q=SVHTTDL")).json.items.find(
      (a: { code: string }) => a.code === "SVHTTDL",
    );
    expect(created).toMatchObject({
      validFrom: "2008-01-01",
      validTo: "2025-06-30",
      successorId: successor.json.id,
      parentId: provinceId,
    });

    // Search without accents.
    await page.getByLabel("Tìm cơ quan").fill("cai cach");
    await poll(() =>
      page.getByRole("row").filter({ hasText: "Ban Chỉ đạo cải cách hành chính tỉnh" }).count(),
    ).toBe(1);
    await poll(() => page.getByRole("row").filter({ hasText: "Sở Tư pháp" }).count()).toBe(0);
    const api = (await j().api(null, "GET", "/agencies?q=cai%20cach")).json;
    await poll(() => page.locator(".ant-table-tbody tr.ant-table-row").count()).toBe(api.items.length);
    // The new agency shows its validity and successor.
    await page.getByLabel("Tìm cơ quan").fill("van hoa, the thao va du lich");
    const row = page.getByRole("row").filter({ hasText: "SVHTTDL" }).first();
    await poll(() => row.textContent()).toContain("01/01/2008 – 30/06/2025");
    expect(await row.textContent()).toContain("Sở Văn hóa và Thể thao mới");

    // An agency's divisions.
    await page.getByLabel("Tìm cơ quan").fill("van phong ubnd");
    await page.getByRole("button", { name: "Phòng, đơn vị của Văn phòng UBND tỉnh Quảng Nam" }).click();
    const drawer = page.getByRole("dialog");
    await poll(() => drawer.getByRole("row").filter({ hasText: "Phòng Hành chính – Tổ chức" }).count()).toBe(
      1,
    );
    await j().screenshot(page, "admin-agencies");
    await accessible(page, j().expectAccessible);
    j().expectNoConsoleErrors(page);
  });

  test("creates a user (rules checked as typed), changes the role, disables the account after confirming", async () => {
    const page = await j().page({ user: "admin" });
    await page.goto("/admin/users");
    await page.getByRole("button", { name: "Thêm người dùng" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Tên đăng nhập").fill("có dấu");
    await poll(() => errorOf(page, "Tên đăng nhập").textContent()).toBe("3–40 ký tự a-z, 0-9, . _ -");
    await dialog.getByLabel("Tên đăng nhập").fill("stp.daumoi");
    await dialog.getByLabel("Họ tên hoặc tên hiển thị").fill("Đầu mối CCHC, Sở Tư pháp");
    await dialog.getByLabel("Mật khẩu ban đầu").fill("ngan");
    await poll(() => errorOf(page, "Mật khẩu ban đầu").textContent()).toBe("Mật khẩu cần 10–128 ký tự");
    await dialog.getByLabel("Mật khẩu ban đầu").fill("mot-mat-khau-dai");
    await choose(page, "Vai trò", "Đầu mối CCHC", undefined, dialog);
    await choose(page, "Cơ quan", "Sở Tư pháp tỉnh Quảng Nam", "tu phap", dialog);
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    const find = async () =>
      (await j().api("admin", "GET", "/users")).json.items.find(
        (u: { username: string }) => u.username === "stp.daumoi",
      );
    expect(await find()).toMatchObject({
      role: "focal_point",
      agencyName: "Sở Tư pháp tỉnh Quảng Nam",
      disabled: false,
    });
    const login = await j().api(null, "POST", "/auth/login", {
      username: "stp.daumoi",
      password: "mot-mat-khau-dai",
    });
    expect(login.status).toBe(200);

    // Change the role to leader.
    const row = page.getByRole("row").filter({ hasText: "stp.daumoi" });
    await poll(() => row.count()).toBe(1);
    await row.getByRole("button", { name: "Sửa stp.daumoi" }).click();
    const edit = page.getByRole("dialog");
    await poll(() => edit.getByLabel("Họ tên hoặc tên hiển thị").inputValue()).toBe(
      "Đầu mối CCHC, Sở Tư pháp",
    );
    await choose(page, "Vai trò", "Lãnh đạo cơ quan", undefined, edit);
    await poll(() =>
      edit
        .locator(".ant-select")
        .filter({ has: page.getByLabel("Vai trò", { exact: true }) })
        .textContent(),
    ).toContain("Lãnh đạo cơ quan");
    await edit.getByRole("button", { name: "Lưu" }).click();
    await poll(() => edit.isVisible()).toBe(false);
    await poll(async () => (await find()).role).toBe("leader");
    await poll(() => row.textContent()).toContain("Lãnh đạo cơ quan");

    // Disabling asks first.
    await row.getByRole("button", { name: "Khóa tài khoản stp.daumoi" }).click();
    await poll(() => page.getByText("Khóa tài khoản stp.daumoi?").isVisible()).toBe(true);
    await answerConfirm(page, "Khóa");
    await poll(async () => (await find()).disabled).toBe(true);
    await poll(() => row.textContent()).toContain("Đã khóa");
    const refused = await j().api(null, "POST", "/auth/login", {
      username: "stp.daumoi",
      password: "mot-mat-khau-dai",
    });
    expect(refused.status).toBe(403);
    await j().screenshot(page, "admin-users");
    // Readable on a phone: nothing wider than the screen but the tables, which scroll.
    const phone = await j().page({ user: "admin", width: 375, height: 800 });
    for (const section of ["users", "frameworks/2", "periods"]) {
      await phone.goto(`/admin/${section}`);
      await poll(() => phone.getByRole("heading", { level: 2 }).count()).toBe(1);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    }
    await j().screenshot(phone, "admin-phone");
    j().expectNoConsoleErrors(phone);
    await accessible(page, j().expectAccessible);
    j().expectNoConsoleErrors(page);
  });

  test("saves a province's reporting periods, refusing a deadline before the cut-off where it is typed", async () => {
    const provinces = (await j().api(null, "GET", "/agencies?kind=province")).json.items;
    const qnam = provinces.find((p: { code: string }) => p.code === "QNAM");
    const page = await j().page({ user: "admin" });
    await page.goto("/admin/periods");
    await choose(page, "Tỉnh, thành phố", "UBND tỉnh Quảng Nam");
    const day = page.getByLabel("Ngày — hạn gửi, Báo cáo quý I", { exact: true });
    await poll(() => day.inputValue()).toBe("20");
    await day.fill("10");
    const cell = page.locator("td").filter({ has: day });
    await poll(() => cell.textContent()).toContain("Hạn gửi phải sau ngày chốt số liệu");
    expect(await page.getByRole("button", { name: "Lưu kỳ báo cáo" }).isDisabled()).toBe(true);
    await day.fill("25");
    await poll(() => cell.textContent()).not.toContain("Hạn gửi phải sau ngày chốt số liệu");
    await page.getByRole("button", { name: "Lưu kỳ báo cáo" }).click();
    const year = new Date().getFullYear();
    await poll(
      async () => (await j().api(null, "GET", `/agencies/${qnam.id}/periods?year=${year}`)).json.rules[0].due,
    ).toEqual({
      month: 3,
      day: 25,
    });
    const periods = (await j().api(null, "GET", `/agencies/${qnam.id}/periods?year=${year}`)).json.periods;
    const [d, m, y] = [periods[0].due.slice(8, 10), periods[0].due.slice(5, 7), periods[0].due.slice(0, 4)];
    await poll(() =>
      page.getByRole("row").filter({ hasText: "Báo cáo quý I" }).last().textContent(),
    ).toContain(`${d}/${m}/${y}`);
    await j().screenshot(page, "admin-periods");
    await accessible(page, j().expectAccessible);
    j().expectNoConsoleErrors(page);
  });
});
