/**
 * Single sign-on in Chromium against a real OpenID provider started here (oidc-provider, with its own
 * development sign-in and consent pages): on a phone the sign-in page offers the province's single
 * sign-on, the provider signs the focal point in, and the app lands signed in as vp.daumoi on their
 * start page; someone the provider knows but parindex does not is brought back to the sign-in page
 * and told to ask an administrator for an account, in Vietnamese and in English.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { startTestProvider, type TestProvider } from "../oidc.ts";
import { journeys, poll } from "./harness.ts";

journeys("single sign-on", (j) => {
  let provider: TestProvider;

  beforeAll(async () => {
    const callback = `${j().baseUrl}/api/auth/oidc/callback`;
    provider = await startTestProvider({
      redirectUris: [callback],
      accounts: {
        "daumoi@quangnam": { preferred_username: "VP.DauMoi", name: "Đầu mối CCHC" },
        "nguoi.la@quangnam": { preferred_username: "nguoi.la", name: "Người lạ" },
      },
    });
    const { ctx } = j().db;
    ctx.config = { ...ctx.config, oidc: loadConfig(provider.env(callback)).oidc };
  });
  afterAll(async () => {
    const { ctx } = j().db;
    ctx.config = { ...ctx.config, oidc: null };
    await provider?.close();
  });

  /** At the provider's own pages: its sign-in form, then its consent. */
  async function signInAtProvider(page: Page, login: string) {
    await page.waitForURL((u) => u.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("mat-khau-cua-cong-mot-cua");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((u) => u.href.startsWith(j().baseUrl));
  }

  test("on a phone, the focal point signs in through the province's single sign-on", async () => {
    const page = await j().page({ width: 375, height: 800 });
    await page.goto("/login");
    const sso = page.getByRole("link", { name: "Đăng nhập bằng tài khoản một cửa của tỉnh" });
    await sso.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await j().screenshot(page, "sso-login-phone");
    await j().expectAccessible(page);
    await sso.click();
    await signInAtProvider(page, "daumoi@quangnam");
    // Back in the app, signed in as parindex's own vp.daumoi, on the focal point's start page.
    await poll(() => new URL(page.url()).pathname).toBe("/dashboard");
    const me = await (await page.request.get("/api/auth/me")).json();
    expect(me.user).toMatchObject({ username: "vp.daumoi", role: "focal_point" });
    await poll(() => page.getByRole("heading", { name: /Bảng điều khiển/ }).isVisible()).toBe(true);
    await poll(() => page.getByRole("button", { name: "Đăng xuất" }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await j().screenshot(page, "sso-signed-in-phone");
    // Nothing logged an error on the way: the app's pages nor the provider's.
    j().expectNoConsoleErrors(page);
    // The sign-in is in the audit trail with its method.
    const log = (await j().api("admin", "GET", "/audit?action=auth.login")).json as {
      items: { actor: { name: string }; after: { method?: string } | null }[];
    };
    expect(log.items.some((e) => e.actor.name === "vp.daumoi" && e.after?.method === "oidc")).toBe(true);
  });

  test("someone parindex has no account for is sent back and told to ask an administrator", async () => {
    const before = (await j().api("admin", "GET", "/users")).json.items.length as number;
    for (const lang of ["vi", "en"] as const) {
      const page = await j().page({ lang });
      await page.goto("/login");
      await page.getByRole("link", { name: /tài khoản một cửa|single sign-on/ }).click();
      await signInAtProvider(page, "nguoi.la@quangnam");
      await page.waitForURL((u) => u.pathname === "/login" && u.searchParams.has("sso_error"));
      const alert = page.getByTestId("sso-error");
      await poll(() => alert.textContent()).toContain(
        lang === "vi"
          ? "Tài khoản nguoi.la chưa có trong parindex; hãy nhờ quản trị viên tạo tài khoản"
          : "The account nguoi.la does not exist in parindex; ask an administrator to create it",
      );
      expect((await (await page.request.get("/api/auth/session")).json()).user).toBeNull();
      await j().screenshot(page, `sso-unknown-account-${lang}`);
      await j().expectAccessible(page);
    }
    // Nobody was created.
    expect((await j().api("admin", "GET", "/users")).json.items.length).toBe(before);
  });
});
