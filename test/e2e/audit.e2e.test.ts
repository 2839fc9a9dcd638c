/**
 * The audit log: the province office reads who changed what and when — each entry in words, the
 * changed fields before → after, the raw JSON a click away — filters it (dates, action, record,
 * agency, cycle, actor; every filter in the address), pages back to older entries, and sees the chain
 * verified; a cycle's own history opens in a drawer on its page; the administrator reaches the log
 * from the administration menu, and a trail altered behind the application's back is named in red.
 */
import { sql } from "kysely";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { formatDate, todayInVietnam } from "../../core/locale.ts";
import { choose, journeys, poll } from "./harness.ts";

const WAIT = { timeout: 15_000 };
/** Score changes the test makes, so the log has more than one page (50 entries) to show. */
const CHANGES = 56;

const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const entryIds = (page: Page) =>
  page
    .locator("[data-audit-entry]")
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-audit-entry"))));

interface Entry {
  id: number;
  action: string;
  entity: string;
  entityId: string;
  agencyId: number | null;
  cycleId: number | null;
  actor: { id: number | null; session: string | null; displayName: string | null };
  note: string | null;
  hash: string;
}

journeys("audit log", (j) => {
  let cycle2019: { id: number };
  let officeId: number;

  /** Reopens the 2019 self-assessment and has the Office's focal point change its scores many times. */
  const seed = async () => {
    if (cycle2019) return;
    cycle2019 = (await j().api("snv.cchc", "GET", "/cycles?year=2019")).json.items[0];
    officeId = (await j().api(null, "GET", "/agencies?kind=agency&limit=500")).json.items.find(
      (a: { code: string }) => a.code === "VPUBND",
    ).id;
    const dates = await j().api("snv.cchc", "PATCH", `/cycles/${cycle2019.id}`, {
      selfAssessmentCloses: "2099-12-31",
      appraisalCloses: "2100-01-31",
    });
    expect(dates.status, JSON.stringify(dates.json)).toBe(200);
    const scores = `/cycles/${cycle2019.id}/agencies/${officeId}/scores`;
    for (let i = 0; i < CHANGES; i++) {
      const r = await j().api("vp.daumoi", "PUT", `${scores}/${i % 2 ? "2" : "3"}`, {
        points: String(1 + (i % 4)),
      });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
  };

  test("the province office reads the log in words, pages back to older entries and sees the chain verified", async () => {
    await seed();
    // Signing in is in the trail too: the page signs in first, then the log is read as it shows it.
    const page = await j().page({ user: "snv.cchc", width: 1366 });
    const log = (await j().api("snv.cchc", "GET", "/audit?limit=50")).json as {
      items: Entry[];
      nextBeforeId: number;
    };
    const verify = (await j().api("snv.cchc", "GET", "/audit/verify")).json;
    expect(verify.ok).toBe(true);
    expect(log.nextBeforeId).not.toBeNull();

    await page.goto("/province");
    await page
      .getByRole("navigation", { name: "Các trang của Sở Nội vụ" })
      .getByRole("link", { name: "Nhật ký thay đổi" })
      .click();
    await page.waitForURL("**/province/audit");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT)
      .toBe("Nhật ký thay đổi");

    // The chain, recomputed on the server: its length and its last hash (whole, to copy).
    const line = page.locator('[data-verify="ok"]');
    await line.waitFor(WAIT);
    expect(await line.textContent()).toContain(`Chuỗi nhật ký toàn vẹn: ${verify.length} bản ghi, dấu cuối`);
    expect(await line.locator("[data-hash]").getAttribute("data-hash")).toBe(verify.head);

    // Newest first, a page of 50, as the API lists them.
    await poll(() => entryIds(page)).toEqual(log.items.map((e) => e.id));
    expect(
      await page.getByRole("heading", { name: "Đang hiển thị 50 bản ghi, mới nhất trước" }).count(),
    ).toBe(1);

    // The newest change in words (the newest entries are sign-ins): what, about what, when, who
    // (role, session), the change.
    const newest = log.items.find((e) => e.action !== "auth.login") as Entry;
    expect(newest).toMatchObject({
      action: "score.self_assessed",
      agencyId: officeId,
      cycleId: cycle2019.id,
    });
    const first = page.locator(`[data-audit-entry="${newest.id}"]`);
    const node = newest.entityId.split(":")[2];
    expect(await first.locator(".ant-tag").textContent()).toBe("Tự chấm điểm");
    await expect
      .poll(() => first.locator("[data-target]").textContent(), WAIT)
      .toBe(`Tiêu chí ${node} của Văn phòng UBND tỉnh Quảng Nam — kỳ 2019 — Sở, ban, ngành`);
    expect(await first.locator("[data-target] a").getAttribute("href")).toBe(
      `/self-assessment/${cycle2019.id}/${officeId}?criterion=${node}`,
    );
    const who = await first.locator("[data-actor]").textContent();
    expect(who).toContain("Đầu mối CCHC, VP UBND tỉnh (Đầu mối CCHC)");
    expect(who).toContain(`phiên ${newest.actor.session?.slice(0, 8)}`);
    const self = first.locator('[data-field="self"]');
    expect(await self.getAttribute("data-kind")).toBe("changed");
    expect(await self.textContent()).toMatch(/^Điểm tự chấm: \d → \d$/);
    // The raw entry, with the hash that seals it, a click away.
    await first.getByText("Dữ liệu gốc (JSON) và dấu kiểm").click();
    expect(await first.locator("pre").textContent()).toContain(`"hash": "${newest.hash}"`);
    expect(await fitsWidth(page)).toBe(true);
    await j().screenshot(page, "audit");
    await j().expectAccessible(page);

    // "Load older" asks for the entries before the last one shown, until the first one.
    await page.getByRole("button", { name: "Tải các bản ghi cũ hơn" }).click();
    const older = (await j().api("snv.cchc", "GET", `/audit?limit=50&beforeId=${log.nextBeforeId}`)).json;
    await poll(() => entryIds(page)).toEqual([...log.items, ...older.items].map((e: Entry) => e.id));
    while (await page.getByRole("button", { name: "Tải các bản ghi cũ hơn" }).count())
      await page.getByRole("button", { name: "Tải các bản ghi cũ hơn" }).click();
    await page.getByText("Đã đến bản ghi đầu tiên khớp với bộ lọc.").waitFor(WAIT);
    const all = await entryIds(page);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(new Set(all).size).toBe(all.length);
    j().expectNoConsoleErrors(page);
  });

  test("the log is filtered by action, record, actor, agency, cycle and dates, each filter in the address", async () => {
    await seed();
    const page = await j().page({ user: "snv.cchc", width: 1366 });
    await page.goto("/province/audit");
    await page.locator("[data-audit-entry]").first().waitFor(WAIT);

    // By action: the cycle's new dates, before → after, in vi-VN.
    await choose(page, "Loại thao tác", "Đổi thời hạn của kỳ", "thời hạn");
    await page.waitForURL(/action=cycle\.dates_changed/);
    await poll(() => page.locator("[data-audit-entry]").count()).toBe(1);
    const dates = page.locator('[data-action="cycle.dates_changed"]');
    expect(await dates.locator("[data-target]").textContent()).toBe("Kỳ đánh giá 2019 — Sở, ban, ngành");
    expect(await dates.locator('[data-field="selfAssessmentCloses"]').textContent()).toBe(
      "Hạn tự đánh giá: 31/12/2019 → 31/12/2099",
    );
    expect(await dates.locator('[data-field="selfAssessmentOpens"]').count()).toBe(0);

    // By record: one score's history, from the entry's own link.
    await page.getByRole("button", { name: "Xóa bộ lọc" }).click();
    await page.waitForURL((u) => !u.search.includes("action="));
    const newest = page.locator('[data-action="score.self_assessed"]').first();
    await poll(() => newest.locator("[data-target]").textContent()).toContain(
      "Văn phòng UBND tỉnh Quảng Nam",
    );
    const target = await newest.locator("[data-target]").textContent();
    await newest.getByRole("button", { name: /^Lịch sử của đối tượng này/ }).click();
    await page.waitForURL(/entity=score&entityId=/);
    const entityId = new URL(page.url()).searchParams.get("entityId");
    const history = (
      await j().api(
        "snv.cchc",
        "GET",
        `/audit?entity=score&entityId=${encodeURIComponent(entityId ?? "")}&limit=200`,
      )
    ).json.items as Entry[];
    expect(history.length).toBe(CHANGES / 2);
    await poll(() => entryIds(page)).toEqual(history.map((e) => e.id));
    await poll(async () => new Set(await page.locator("[data-target]").allTextContents())).toEqual(
      new Set([target]),
    );

    // By actor: only what the focal point did (the province office names them from an entry).
    await page.getByRole("button", { name: "Xóa bộ lọc" }).click();
    await page
      .locator("[data-audit-entry]")
      .first()
      .getByRole("button", { name: "Chỉ xem thao tác của Đầu mối CCHC, VP UBND tỉnh" })
      .click();
    await page.waitForURL(/actorId=\d+/);
    const actorId = new URL(page.url()).searchParams.get("actorId");
    await poll(() => page.locator('[data-filter="actor"]').textContent()).toContain(
      "Đầu mối CCHC, VP UBND tỉnh",
    );
    await poll(
      async () =>
        new Set(
          await page
            .locator("[data-actor]")
            .evaluateAll((els) => els.map((e) => e.getAttribute("data-actor"))),
        ),
    ).toEqual(new Set([actorId]));

    // By agency and cycle, chosen in the form: what the API answers for the same filters.
    await page.getByRole("button", { name: "Xóa bộ lọc" }).click();
    await choose(page, "Cơ quan", /Văn phòng UBND tỉnh Quảng Nam \(VPUBND\)/, "van phong ubnd");
    await page.waitForURL(new RegExp(`agencyId=${officeId}`));
    await choose(page, "Kỳ đánh giá", "2018 — Sở, ban, ngành");
    await page.waitForURL(/cycleId=\d+/);
    const c2018 = Number(new URL(page.url()).searchParams.get("cycleId"));
    const expected = (
      await j().api("snv.cchc", "GET", `/audit?agencyId=${officeId}&cycleId=${c2018}&limit=50`)
    ).json.items as Entry[];
    await poll(() => entryIds(page)).toEqual(expected.map((e) => e.id));

    // By dates: nothing happened tomorrow; today holds the focal point's changes. A shared address
    // opens the same view.
    await page.getByRole("button", { name: "Xóa bộ lọc" }).click();
    const today = todayInVietnam();
    const tomorrow = todayInVietnam(new Date(Date.now() + 86_400_000));
    await page.getByLabel("Từ ngày").fill(formatDate(tomorrow));
    await page.getByLabel("Từ ngày").press("Enter");
    await page.waitForURL(new RegExp(`from=${tomorrow}`));
    await page.getByText("Không có bản ghi nào khớp với bộ lọc.").waitFor(WAIT);
    const shared = await j().page({ user: "snv.cchc", width: 375 });
    await shared.goto(`/province/audit?from=${today}&to=${today}&action=score.`);
    await shared.locator("[data-audit-entry]").first().waitFor(WAIT);
    for (const a of await shared
      .locator("[data-audit-entry]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-action"))))
      expect(a).toBe("score.self_assessed");
    expect(await shared.getByLabel("Từ ngày").inputValue()).toBe(formatDate(today));
    expect(await fitsWidth(shared)).toBe(true);
    await j().screenshot(shared, "audit-phone");
    await j().expectAccessible(shared);
    j().expectNoConsoleErrors(page);
    j().expectNoConsoleErrors(shared);
  });

  test("a cycle's history opens in a drawer on its page, with the same entries", async () => {
    await seed();
    const history = (await j().api("snv.cchc", "GET", `/cycles/${cycle2019.id}/history`)).json
      .items as Entry[];
    expect(history[0]).toMatchObject({ action: "cycle.dates_changed" });
    for (const width of [1366, 375]) {
      const page = await j().page({ user: "snv.cchc", width });
      await page.goto(`/province/cycles/${cycle2019.id}`);
      await page.getByRole("button", { name: "Lịch sử thay đổi" }).click();
      const drawer = page.getByRole("dialog", { name: "Lịch sử thay đổi của kỳ đánh giá" });
      await drawer.waitFor(WAIT);
      await poll(() => entryIds(page)).toEqual(history.map((e) => e.id));
      expect(
        await drawer
          .locator('[data-action="cycle.dates_changed"] [data-field="appraisalCloses"]')
          .textContent(),
      ).toBe("Hạn thẩm định: 28/02/2020 → 31/01/2100");
      expect(await fitsWidth(page)).toBe(true);
      await j().screenshot(page, `audit-cycle-history-${width}`);
      await j().expectAccessible(page);
      await drawer.getByRole("link", { name: "Mở trong nhật ký thay đổi" }).click();
      await page.waitForURL(`**/province/audit?cycleId=${cycle2019.id}`);
      j().expectNoConsoleErrors(page);
    }
  });

  test("the administrator reaches the log from the administration menu, and an entry altered behind the application's back is named in red", async () => {
    await seed();
    const admin = (await j().api("admin", "GET", "/audit?action=framework.&limit=5")).json.items as Entry[];
    expect(admin.length).toBeGreaterThan(0);
    // The demo's frameworks are Quảng Nam's: its province office reads their entries too.
    const own = (await j().api("snv.cchc", "GET", "/audit?action=framework.&limit=5")).json.items as Entry[];
    expect(own.map((e) => e.id)).toEqual(admin.map((e) => e.id));
    expect((await j().api("vp.daumoi", "GET", "/audit")).status).toBe(403);

    const page = await j().page({ user: "admin", width: 1366 });
    await page.goto("/admin");
    await page
      .getByRole("navigation", { name: "Các mục quản trị" })
      .getByRole("link", { name: "Nhật ký thay đổi" })
      .click();
    await page.waitForURL("**/admin/audit");
    await page.getByRole("heading", { level: 2, name: "Nhật ký thay đổi" }).waitFor(WAIT);
    await page.locator('[data-verify="ok"]').waitFor(WAIT);
    // The administrator picks the actor from the users.
    await choose(page, "Người thực hiện", /Đầu mối CCHC, VP UBND tỉnh \(vp\.daumoi\)/, "dau moi");
    await page.waitForURL(/actorId=\d+/);
    await poll(() => page.locator('[data-action="score.self_assessed"]').count()).toBe(Math.min(CHANGES, 50));

    // Someone with the database's keys rewrites an old entry: the chain no longer verifies, and the
    // page names the entry in red and leads to it.
    const victim = (await j().api("admin", "GET", "/audit?action=score.&limit=10")).json.items[9] as Entry;
    const db = j().db.ctx.db;
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
    await sql`update audit_log set note = 'sửa lén sau khi công bố' where id = ${victim.id}`.execute(db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
    const broken = (await j().api("admin", "GET", "/audit/verify")).json;
    expect(broken).toMatchObject({ ok: false, entryId: victim.id });

    await page.goto("/admin/audit");
    const alert = page.locator('[data-verify="broken"]');
    await alert.waitFor(WAIT);
    expect(await alert.getAttribute("role")).toBe("alert");
    expect(await alert.textContent()).toContain(`Chuỗi nhật ký bị phá vỡ tại bản ghi số ${victim.id}`);
    await alert.getByRole("button", { name: `Xem các bản ghi từ số ${victim.id} trở về trước` }).click();
    await page.waitForURL(new RegExp(`beforeId=${victim.id + 1}`));
    await poll(async () => (await entryIds(page))[0]).toBe(victim.id);
    expect(await page.locator(`[data-audit-entry="${victim.id}"] [data-note]`).textContent()).toContain(
      "sửa lén sau khi công bố",
    );
    await j().screenshot(page, "audit-broken");
    // The entry is put back as it was: the chain verifies again, as the journey's last check wants.
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
    await sql`update audit_log set note = ${victim.note} where id = ${victim.id}`.execute(db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
    expect((await j().api("admin", "GET", "/audit/verify")).json).toMatchObject({ ok: true });
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
  });
});
