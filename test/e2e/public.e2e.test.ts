/**
 * Journey 7 — the public, without signing in: published rankings with grades and rank changes, each
 * agency's area breakdown, published plans and their progress (never a division's notes), on a 375 px
 * phone, with shareable addresses; unpublished 2019 scores are refused by the API and the pages say
 * "not published yet".
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { formatPercentCenti, formatPoints } from "../../core/locale.ts";
import { journeys } from "./harness.ts";

// The page has to load and ask the server first: poll longer than vitest's default second.
const WAIT = { timeout: 15_000 };

const pct = (n: number) => formatPercentCenti(Math.round(n * 100));
const pts = (n: number) => formatPoints(Math.round(n * 100));
const change = (n: number | null) =>
  n === null
    ? "chưa có hạng năm trước"
    : n === 0
      ? "giữ nguyên"
      : n > 0
        ? `↑ tăng ${n} bậc`
        : `↓ giảm ${-n} bậc`;

/** The page fits a phone: nothing makes the whole page scroll sideways. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

journeys("public", (j) => {
  const agencyByCode = async (code: string) => {
    const items = (await j().api(null, "GET", "/agencies?kind=agency&limit=500")).json.items;
    return items.find((a: { code: string }) => a.code === code) as { id: number; name: string };
  };
  const cycleOf = async (year: number) => (await j().api(null, "GET", `/cycles?year=${year}`)).json.items[0];

  /**
   * A published 2017 cycle of three agencies, so the 2018 table has rank changes to show. Made through
   * the API (the province creates and publishes it; the administrator enters the points); idempotent.
   */
  const seed2017 = async () => {
    const existing = await cycleOf(2017);
    if (existing) return existing.id as number;
    const c2018 = await cycleOf(2018);
    const scores: Record<string, string[]> = {
      SNV: ["12", "5", "14", "3,5", "10", "2", "8,5", "38"],
      VPUBND: ["5", "5", "12", "3,5", "7", "2", "5", "30,5"],
      STP: ["4", "4", "10", "3", "6", "2", "4", "27"],
    };
    const ids = await Promise.all(Object.keys(scores).map(async (code) => (await agencyByCode(code)).id));
    const created = await j().api("snv.cchc", "POST", "/cycles", {
      year: 2017,
      frameworkId: c2018.frameworkId,
      provinceId: c2018.provinceId,
      group: c2018.group,
      agencyIds: ids,
    });
    expect(created.status).toBe(201);
    const id = created.json.id as number;
    for (const [i, code] of Object.keys(scores).entries())
      for (const [k, points] of scores[code].entries()) {
        const r = await j().api("admin", "PUT", `/cycles/${id}/agencies/${ids[i]}/scores/${k + 1}`, {
          points,
        });
        expect(r.status).toBe(200);
      }
    expect((await j().api("snv.cchc", "POST", `/cycles/${id}/publish`)).status).toBe(200);
    return id;
  };

  test("a visitor on a phone reads the published 2018 ranking with grades and rank changes, as the API gives it", async () => {
    await seed2017();
    const c2018 = await cycleOf(2018);
    const ranking = (await j().api(null, "GET", `/cycles/${c2018.id}/ranking`)).json;
    expect(ranking.items.some((r: { rankChange: number | null }) => r.rankChange !== null)).toBe(true);

    const page = await j().page({ width: 375, height: 812 });
    await page.goto("/public");
    const link2018 = page.getByRole("link", { name: "Năm 2018 — Sở, ban, ngành" });
    await link2018.waitFor();
    // The front page of the public side lists the cycles (2019 flagged as not published) and the plans.
    expect(await page.getByRole("link", { name: /Kế hoạch cải thiện Chỉ số/ }).count()).toBe(1);
    expect(await page.getByText("Chưa công bố").count()).toBeGreaterThanOrEqual(1);
    expect(await fitsWidth(page)).toBe(true);
    await j().expectAccessible(page);
    await link2018.click();
    await page.waitForURL(`**/public/rankings/${c2018.id}`);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT)
      .toBe("Bảng xếp hạng Chỉ số CCHC năm 2018 — Sở, ban, ngành");
    await page.locator(`[data-agency="${ranking.items[0].agencyId}"]`).waitFor();
    for (const r of ranking.items) {
      const text = await page.locator(`[data-agency="${r.agencyId}"]`).textContent();
      expect(text).toContain(r.agency);
      expect(text).toContain(String(r.rank));
      expect(text).toContain(pct(r.percent));
      expect(text).toContain(`${pts(r.points)}/${pts(r.max)} điểm`);
      expect(text).toContain(`xếp loại ${r.grade}`);
      expect(text).toContain(change(r.rankChange));
    }
    const office = ranking.items.find((r: { code: string }) => r.code === "VPUBND");
    expect(office).toMatchObject({ rank: 8, percent: 81.08, previousRank: 2, rankChange: -6 });
    expect(await fitsWidth(page)).toBe(true);
    await j().screenshot(page, "public");
    await j().expectAccessible(page);

    // The filter lives in the address, so the filtered table can be shared; accents are optional.
    await page.getByLabel("Tìm cơ quan").fill("van phong");
    await page.getByLabel("Tìm cơ quan").press("Enter");
    await page.waitForURL(/\?q=van\+phong$/);
    const shared = await j().page({ width: 375 });
    await shared.goto(new URL(page.url()).pathname + new URL(page.url()).search);
    await expect.poll(() => shared.locator("[data-agency]").count(), WAIT).toBe(1);
    expect(await shared.locator("[data-agency]").textContent()).toContain("Văn phòng UBND tỉnh Quảng Nam");
    j().expectNoConsoleErrors(page);
    j().expectNoConsoleErrors(shared);
  });

  test("an agency's page shows its published results and its 2018 area breakdown, as the API gives them", async () => {
    await seed2017();
    const office = await agencyByCode("VPUBND");
    const pub = (await j().api(null, "GET", `/public/agencies/${office.id}`)).json;
    const index = (await j().api(null, "GET", `/agencies/${office.id}/index?year=2018`)).json;
    expect(index).toMatchObject({ percent: 81.08, rank: 8, rankOf: 13 });

    const page = await j().page({ width: 375, height: 812 });
    await page.goto(`/public/agencies/${office.id}?year=2018`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe(office.name);
    await expect
      .poll(() => page.locator('[data-figure="agency-index"]').textContent(), WAIT)
      .toContain(`Chỉ số ${pct(index.percent)} (${pts(index.points)}/${pts(index.max)} điểm), xếp loại A`);
    expect(await page.locator('[data-figure="agency-index"]').textContent()).toContain("xếp thứ 8/13");
    const areas = page.getByRole("table").filter({ hasText: "Điểm đạt và tỷ lệ đạt từng lĩnh vực năm 2018" });
    for (const a of index.areas) {
      const row = areas.getByRole("row").filter({ hasText: `${a.code}. ${a.title}` });
      const text = await row.textContent();
      expect(text).toContain(`${pts(a.points)}/${pts(a.max)}`);
      expect(text).toContain(pct(a.percent));
    }
    // Results across years: 2017 and 2018 with their numbers; 2019 not published.
    const results = page.getByRole("table").filter({ hasText: "Chỉ số, xếp loại và thứ hạng từng năm" });
    for (const c of pub.cycles) {
      const row = results.getByRole("row").filter({ hasText: String(c.year) });
      const text = await row.textContent();
      if (c.result) {
        expect(text).toContain(pct(c.result.percent));
        expect(text).toContain(`${c.result.rank}/${c.result.rankOf}`);
        expect(text).toContain(change(c.result.rankChange));
      } else expect(text).toContain("Chưa công bố");
    }
    expect(await fitsWidth(page)).toBe(true);
    await j().expectAccessible(page);
    await page.getByRole("link", { name: /Kế hoạch cải thiện Chỉ số/ }).click();
    await page.waitForURL(`**/public/plans/${pub.plans[0].id}`);
    j().expectNoConsoleErrors(page);
  });

  test("a published plan shows its targets and each task's progress, but never a division's notes", async () => {
    const office = await agencyByCode("VPUBND");
    const planId = (await j().api(null, "GET", `/agencies/${office.id}/plans`)).json.items[0].id;
    const before = (await j().api(null, "GET", `/public/plans/${planId}`)).json;
    const task = before.tasks.find((t: { section: string; status: string }) => t.section === "4.2");
    const note = `Ghi chú nội bộ ${Date.now()}: chờ ý kiến lãnh đạo`;
    const update = await j().api("vp.hctc", "POST", `/tasks/${task.id}/updates`, { progress: 60, note });
    expect(update.status).toBe(201);
    const p = (await j().api(null, "GET", `/public/plans/${planId}`)).json;
    expect(p.tasks.find((t: { id: number }) => t.id === task.id)).toMatchObject({ progress: 60 });

    const page = await j().page({ width: 375, height: 812 });
    await page.goto(`/public/plans/${planId}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe(p.title);
    // The public reads the published version, and says which.
    expect(await page.locator('[data-figure="plan-version"]').textContent()).toContain(
      "Phiên bản 1, công bố ngày 03/09/2019",
    );
    const progress = await page.locator('[data-figure="plan-progress"]').textContent();
    expect(progress).toContain(`${p.progress.percent}%`);
    expect(progress).toContain(`${p.progress.tasks} nhiệm vụ`);
    expect(progress).toContain(`${p.progress.inProgress} đang thực hiện`);
    expect(progress).toContain(`${p.progress.overdue} quá hạn`);
    const targets = await page
      .getByRole("table")
      .filter({ hasText: "Mục tiêu điểm theo lĩnh vực" })
      .textContent();
    for (const a of p.targets.areas) expect(targets).toContain(`${pts(a.target)}/${pts(a.max)}`);
    expect(await page.getByText(`${pct(p.targets.percent)} (${pts(p.targets.points)}/93 điểm)`).count()).toBe(
      1,
    );

    // Filtered by status through the address: the updated task is among those in progress.
    await page.goto(`/public/plans/${planId}?status=in_progress`);
    const row = page.locator(`[data-task="${task.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain("Đang thực hiện");
    expect(await row.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("60");
    expect(await page.locator("[data-task]").count()).toBe(
      p.tasks.filter((t: { status: string }) => t.status === "in_progress").length,
    );
    expect(await page.content()).not.toContain("Ghi chú nội bộ");
    expect(await fitsWidth(page)).toBe(true);
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
  });

  test("an anonymous visitor cannot see the unpublished 2019 scores: the API refuses and the pages say 'not published yet'", async () => {
    const c2019 = await cycleOf(2019);
    expect(c2019.published).toBe(false);
    const office = await agencyByCode("VPUBND");
    for (const url of [
      `/cycles/${c2019.id}/ranking`,
      `/agencies/${office.id}/index?year=2019`,
      `/agencies/${office.id}/gap?year=2019`,
      `/agencies/${office.id}/dashboard`,
      `/cycles/${c2019.id}/agencies/${office.id}/scores`,
    ]) {
      const r = await j().api(null, "GET", url);
      expect(r.status, url).toBe(403);
      expect(r.json.error.code).toBe("forbidden");
    }
    const pub = (await j().api(null, "GET", `/public/agencies/${office.id}`)).json;
    expect(pub.cycles.find((c: { year: number }) => c.year === 2019)).toMatchObject({
      published: false,
      result: null,
    });

    const page = await j().page({ width: 375 });
    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`/public/rankings/${c2019.id}`);
    await expect
      .poll(() => page.locator('[data-state="not-published"]').textContent(), WAIT)
      .toContain("Kết quả năm 2019 chưa được công bố");
    expect(await page.locator("[data-agency]").count()).toBe(0);
    await page.goto(`/public/agencies/${office.id}?year=2019`);
    await expect
      .poll(() => page.locator('[data-state="not-published"]').textContent(), WAIT)
      .toContain("Kết quả năm 2019 chưa được công bố");
    expect(await page.locator('[data-figure="agency-index"]').count()).toBe(0);
    // The pages never even ask for the unpublished numbers.
    expect(requested).not.toContain(`/api/cycles/${c2019.id}/ranking`);
    expect(requested.some((p) => p.endsWith("/index"))).toBe(false);
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
  });

  test("a draft plan stays off the public pages, and its address says it is not published", async () => {
    const office = await agencyByCode("VPUBND");
    const created = await j().api("vp.daumoi", "POST", "/plans", {
      agencyId: office.id,
      year: 2017,
      title: "Kế hoạch cải thiện Chỉ số CCHC năm 2017 (bản nháp)",
    });
    expect(created.status).toBe(201);
    const planId = created.json.id as number;
    const r = await j().api(null, "GET", `/public/plans/${planId}`);
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("plan.unpublished");
    const listed = (await j().api(null, "GET", "/public/overview")).json.plans as { id: number }[];
    expect(listed.map((p) => p.id)).not.toContain(planId);

    const page = await j().page({ width: 375 });
    await page.goto(`/public/plans/${planId}`);
    await expect
      .poll(() => page.locator('[data-state="not-published"]').textContent(), WAIT)
      .toContain("Kế hoạch chưa được công bố");
    expect(await page.locator('[data-figure="plan-progress"]').count()).toBe(0);
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
  });
});
