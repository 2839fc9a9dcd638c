/**
 * Accounts: an administrator resets a password; the user signs in with the temporary one on a phone,
 * is sent to the change page before anything else, sees a weak password called weak as they type, and
 * sets a strong one. A signed-in user reaches the same page from the user menu.
 */
import { expect, test } from "vitest";
import { journeys, PASSWORD, poll } from "./harness.ts";

const STRONG = "gió lùa qua rặng tre xanh";

journeys("accounts", (j) => {
  test("after a reset the user must set a new password first, on a phone, with its strength shown", async () => {
    const users = (await j().api("admin", "GET", "/users")).json.items as { id: number; username: string }[];
    const leader = users.find((u) => u.username === "vp.qttv")!;
    const reset = await j().api("admin", "POST", `/users/${leader.id}/reset-password`);
    expect(reset.status).toBe(200);
    const temporary = reset.json.password as string;

    const page = await j().page({ width: 375, height: 800 });
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill("vp.qttv");
    await page.getByLabel("Mật khẩu").fill(temporary);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL("**/account/password");
    await poll(() => page.getByText("Quản trị viên đã đặt lại mật khẩu của bạn").count()).toBe(1);
    // Anywhere else leads back here until the password is changed.
    await page.goto("/my-tasks");
    await page.waitForURL("**/account/password");

    await page.getByLabel("Mật khẩu hiện tại").fill(temporary);
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill("1234567890");
    await poll(() => page.getByTestId("password-strength").textContent()).toContain("rất yếu");
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(STRONG);
    await poll(() => page.getByTestId("password-strength").textContent()).toMatch(/Độ mạnh: (rất )?mạnh/);
    await page.getByLabel("Nhập lại mật khẩu mới").fill(STRONG);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await j().screenshot(page, "accounts-forced-change");
    await j().expectAccessible(page);
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await page.waitForURL((u) => u.pathname === "/");
    await page.goto("/my-tasks");
    await poll(() => new URL(page.url()).pathname).toBe("/my-tasks");
    j().expectNoConsoleErrors(page);

    expect(
      (await j().api(null, "POST", "/auth/login", { username: "vp.qttv", password: STRONG })).status,
    ).toBe(200);
  });

  test("a signed-in user changes their password from the user menu; a wrong current password is said in place", async () => {
    const page = await j().page({ user: "vp.lanhdao" });
    await page.goto("/");
    await page
      .getByRole("link", { name: /Đổi mật khẩu/ })
      .first()
      .click();
    await page.waitForURL("**/account/password");
    await page.getByLabel("Mật khẩu hiện tại").fill("not-my-password-at-all");
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(STRONG);
    await page.getByLabel("Nhập lại mật khẩu mới").fill(STRONG);
    // The server checks the current password with argon2, slow on a loaded machine: wait for its
    // answer before reading the form.
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/password"), { timeout: 60_000 });
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    expect((await answered).status()).toBe(400);
    await expect
      .poll(() => page.getByText("Mật khẩu hiện tại không đúng").count(), { timeout: 30_000 })
      .toBe(1);
    await page.getByLabel("Mật khẩu hiện tại").fill(PASSWORD);
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await page.waitForURL((u) => u.pathname === "/");
    j().expectNoConsoleErrors(page);
  });
});
