/** The front door and sign-in: every journey is reachable from the home page; bad sign-ins are explained. */
import { expect, test } from "vitest";
import { journeys } from "./harness.ts";

journeys("home and sign-in", (j) => {
  test("a visitor finds all eight journeys on the home page and the public one opens without signing in", async () => {
    const page = await j().page();
    await page.goto("/");
    await expect.poll(() => page.locator("[data-journey]").count()).toBe(8);
    await j().screenshot(page, "home");
    await j().expectAccessible(page);
    await page.locator('[data-journey="public"]').getByRole("link").click();
    await page.waitForURL("**/public");
    await page.goto("/");
    await page.locator('[data-journey="dashboard"]').getByRole("link").click();
    await page.waitForURL("**/login?next=%2Fdashboard");
    j().expectNoConsoleErrors(page);
  });

  test("a wrong password is said next to the password field; the right one goes where the visitor was headed", async () => {
    const page = await j().page();
    await page.goto("/login?next=%2Fmy-tasks");
    await page.getByLabel("Tên đăng nhập").fill("vp.hctc");
    await page.getByLabel("Mật khẩu").fill("wrong password");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect.poll(() => page.locator(".ant-form-item-explain-error").textContent()).toMatch(/mật khẩu/i);
    expect(page.url()).toContain("/login");
    await page.getByLabel("Mật khẩu").fill("journey-Passw0rd");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL("**/my-tasks");
    await expect.poll(() => page.getByRole("button", { name: "Đăng xuất" }).isVisible()).toBe(true);
    j().expectNoConsoleErrors(page);
  });
});
