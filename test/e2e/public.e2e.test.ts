/**
 * Journey 7 — the public, without signing in: published results only, as published. The ranking
 * says when it was first published, by which decision, which version it is and the audit log's check
 * value it recorded; a correction shows its reason and each agency's old → new figures while the
 * earlier version stays readable at its own address; an excluded agency shows its reason; an agency's
 * area breakdown; published plans and their progress (never a division's notes), on a 375 px phone,
 * with shareable addresses; a cycle never published is refused by the API and has no page.
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { formatDate, formatPercentCenti, formatPoints, todayInVietnam } from "../../core/locale.ts";
import { setParticipantStatus } from "../../server/modules/cycles/repository.ts";
import { journeys } from "./harness.ts";

// The page has to load and ask the server first: poll longer than vitest's default second.
const WAIT = { timeout: 15_000 };

const pct = (n: number) => formatPercentCenti(Math.round(n * 100));
const pts = (n: number) => formatPoints(Math.round(n * 100));
const day = (instant: string) => formatDate(todayInVietnam(new Date(instant)));
const change = (n: number | null) =>
  n === null
    ? "chưa có hạng năm trước"
    : n === 0
      ? "giữ nguyên"
      : n > 0
        ? `↑ tăng ${n} bậc`
        : `↓ giảm ${-n} bậc`;

interface Headline {
  points: number;
  max: number;
  percent: number | null;
  rank: number | null;
  grade: string | null;
}
/** An agency's figures as the correction block writes them. */
const figures = (h: Headline | null) =>
  h
    ? `${pts(h.points)}/${pts(h.max)} điểm · ${pct(h.percent ?? 0)} · hạng ${h.rank} · xếp loại ${h.grade}`
    : "không xếp hạng";

/** The page fits a phone: nothing makes the whole page scroll sideways. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

const CORRECTION =
  "Lĩnh vực 8 (điều tra xã hội học) không áp dụng cho Văn phòng năm 2018: loại khỏi mẫu số theo Công văn 123/SNV-CCHC";
const EXCLUSION = "Không nộp hồ sơ tự đánh giá đúng hạn (Công văn 45/SNV-CCHC)";

journeys("public", (j) => {
  const agencyByCode = async (code: string) => {
    const items = (await j().api(null, "GET", "/agencies?kind=agency&limit=500")).json.items;
    return items.find((a: { code: string }) => a.code === code) as { id: number; name: string };
  };
  // Asked as the province office, which also sees the open 2019 cycle (the public does not).
  const cycleOf = async (year: number) =>
    (await j().api("snv.cchc", "GET", `/cycles?year=${year}`)).json.items[0];

  /**
   * A published 2017 cycle of three agencies with its decision (617/QĐ-UBND of 29/3/2018). The
   * province creates it, the administrator enters the points, the three results are marked final
   * in the database (the appraisal journey covers that path), and the province publishes; idempotent.
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
    for (const agencyId of ids) await setParticipantStatus(j().db.ctx.db, id, agencyId, "finalised");
    const published = await j().api("snv.cchc", "POST", `/cycles/${id}/publish`, {
      decision: { number: "617", code: "QĐ-UBND", date: "2018-03-29" },
    });
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    return id;
  };

  test("a visitor on a phone reads the published 2018 ranking as published: first publication, no decision, version 1, the audit head", async () => {
    const c2017 = await seed2017();
    const c2018 = await cycleOf(2018);
    const pub = (await j().api(null, "GET", `/public/cycles/${c2018.id}`)).json;
    expect(pub.publication).toMatchObject({ version: 1, current: true, decision: null });

    const page = await j().page({ width: 375, height: 812 });
    await page.goto("/public");
    const link2018 = page.getByRole("link", { name: "Năm 2018 — Sở, ban, ngành" });
    await link2018.waitFor();
    // Only published cycles exist for the public: 2017 and 2018, never the open 2019 one.
    expect(await page.getByRole("link", { name: "Năm 2017 — Sở, ban, ngành" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: /Năm 2019/ }).count()).toBe(0);
    expect(await page.getByText("Chưa công bố").count()).toBe(0);
    expect(await page.getByRole("link", { name: /Kế hoạch cải thiện Chỉ số/ }).count()).toBe(1);
    expect(await fitsWidth(page)).toBe(true);
    await j().expectAccessible(page);
    await link2018.click();
    await page.waitForURL(`**/public/rankings/${c2018.id}`);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT)
      .toBe("Bảng xếp hạng Chỉ số CCHC năm 2018 — Sở, ban, ngành");
    // What people quote, and plainly that no decision is recorded for the demo's 2018 data.
    expect(await page.locator('[data-figure="version"]').textContent()).toBe("1 — bản công bố đầu tiên");
    expect(await page.locator('[data-figure="first-published"]').textContent()).toBe(
      day(pub.cycle.firstPublishedAt),
    );
    expect(await page.locator('[data-figure="decision"]').textContent()).toContain(
      "Không có quyết định công bố nào được ghi nhận",
    );
    // The audit head the publication recorded: its length, a shortened hash, the whole hash to copy.
    const head = page.locator('[data-figure="audit-head"]');
    expect(await head.textContent()).toContain(`bản ghi thứ ${pub.publication.auditHead.length}, dấu`);
    expect(await head.textContent()).toContain(`${pub.publication.auditHead.hash.slice(0, 12)}…`);
    expect(await head.locator("[data-hash]").getAttribute("data-hash")).toBe(pub.publication.auditHead.hash);
    expect(await head.getByRole("button", { name: "Sao chép đầy đủ" }).count()).toBe(1);
    // No correction, so no correction block and no "not current" warning.
    expect(await page.locator("[data-correction]").count()).toBe(0);
    expect(await page.locator('[data-state="old-version"]').count()).toBe(0);

    await page.locator(`[data-agency="${pub.items[0].agencyId}"]`).waitFor();
    for (const r of pub.items) {
      const text = await page.locator(`[data-agency="${r.agencyId}"]`).textContent();
      expect(text).toContain(r.agency);
      expect(text).toContain(String(r.rank));
      expect(text).toContain(pct(r.percent));
      expect(text).toContain(`${pts(r.points)}/${pts(r.max)} điểm`);
      expect(text).toContain(`xếp loại ${r.grade}`);
      expect(text).toContain(change(r.rankChange));
    }
    const office = pub.items.find((r: { code: string }) => r.code === "VPUBND");
    expect(office).toMatchObject({ rank: 8, percent: 81.08, points: 75.4, max: 93 });
    expect(await fitsWidth(page)).toBe(true);
    await j().screenshot(page, "public");
    await j().expectAccessible(page);

    // The filter lives in the address, so the filtered table can be shared; accents are optional.
    await page.getByLabel("Tìm cơ quan").fill("van phong");
    await page.getByLabel("Tìm cơ quan").press("Enter");
    await page.waitForURL(/\?q=van\+phong$/);
    // Searching again starts from the same box: it keeps the keyboard's focus.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("public-ranking-search");
    const shared = await j().page({ width: 375 });
    await shared.goto(new URL(page.url()).pathname + new URL(page.url()).search);
    await expect.poll(() => shared.locator("[data-agency]").count(), WAIT).toBe(1);
    expect(await shared.locator("[data-agency]").textContent()).toContain("Văn phòng UBND tỉnh Quảng Nam");
    // Choosing another cycle goes there on "Xem", not on the choice (arrow keys change a closed picker).
    await page.getByLabel("Kỳ đánh giá").selectOption(String(c2017));
    expect(new URL(page.url()).pathname).toBe(`/public/rankings/${c2018.id}`);
    await page.getByRole("button", { name: "Xem", exact: true }).click();
    await page.waitForURL(`**/public/rankings/${c2017}`);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT)
      .toBe("Bảng xếp hạng Chỉ số CCHC năm 2017 — Sở, ban, ngành");
    j().expectNoConsoleErrors(page);
    j().expectNoConsoleErrors(shared);
  });

  test("a cycle published with its decision names it in the Nghị định 30 form", async () => {
    const id = await seed2017();
    const page = await j().page({ width: 1366 });
    await page.goto(`/public/rankings/${id}`);
    await expect
      .poll(() => page.locator('[data-figure="decision"]').textContent(), WAIT)
      .toBe("Quyết định số 617/QĐ-UBND ngày 29/3/2018");
    const pub = (await j().api(null, "GET", `/public/cycles/${id}`)).json;
    expect(pub.items.map((r: { code: string }) => r.code)).toEqual(["SNV", "VPUBND", "STP"]);
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
  });

  test("an agency's page shows its published results and its 2018 area breakdown, as published", async () => {
    const office = await agencyByCode("VPUBND");
    const c2018 = await cycleOf(2018);
    const agency = (await j().api(null, "GET", `/public/agencies/${office.id}`)).json;
    const pub = (await j().api(null, "GET", `/public/cycles/${c2018.id}`)).json;
    const mine = pub.items.find((i: { agencyId: number }) => i.agencyId === office.id);
    expect(mine).toMatchObject({ percent: 81.08, rank: 8 });

    const page = await j().page({ width: 375, height: 812 });
    // The page reads the publication, never the live index (which a correction may be changing).
    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`/public/agencies/${office.id}?year=2018`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe(office.name);
    await expect
      .poll(() => page.locator('[data-figure="agency-index"]').textContent(), WAIT)
      .toContain(`Chỉ số ${pct(mine.percent)} (${pts(mine.points)}/${pts(mine.max)} điểm), xếp loại A`);
    expect(await page.locator('[data-figure="agency-index"]').textContent()).toContain("xếp thứ 8/13");
    const areas = page.getByRole("table").filter({ hasText: "Điểm đạt và tỷ lệ đạt từng lĩnh vực năm 2018" });
    for (const a of mine.areas) {
      const row = areas.getByRole("row").filter({ hasText: `${a.code}. ${a.title}` });
      const text = await row.textContent();
      expect(text).toContain(`${pts(a.points)}/${pts(a.max)}`);
      expect(text).toContain(pct(a.percent));
    }
    // Results across years: 2017 and 2018 with their numbers; the open 2019 cycle is not listed.
    expect(agency.cycles.map((c: { year: number }) => c.year)).not.toContain(2019);
    const results = page.getByRole("table").filter({ hasText: "Chỉ số, xếp loại và thứ hạng từng năm" });
    for (const c of agency.cycles) {
      const text = await results
        .getByRole("row")
        .filter({ hasText: String(c.year) })
        .textContent();
      expect(text).toContain(pct(c.result.percent));
      expect(text).toContain(`${c.result.rank}/${c.result.rankOf}`);
      expect(text).toContain(change(c.result.rankChange));
    }
    expect(requested.some((p) => p.endsWith("/index"))).toBe(false);
    expect(requested).toContain(`/api/public/cycles/${c2018.id}`);
    expect(await fitsWidth(page)).toBe(true);
    await j().expectAccessible(page);
    await page.getByRole("link", { name: /Kế hoạch cải thiện Chỉ số/ }).click();
    await page.waitForURL(`**/public/plans/${agency.plans[0].id}`);
    j().expectNoConsoleErrors(page);
  });

  test("a correction shows as version 2 with its reason and each agency's old → new figures; version 1 stays readable at its own address", async () => {
    const c2018 = await cycleOf(2018);
    const office = await agencyByCode("VPUBND");
    const farming = await agencyByCode("SNNPTNT");
    const before = (await j().api(null, "GET", `/public/cycles/${c2018.id}`)).json;
    const officeBefore = before.items.find((i: { agencyId: number }) => i.agencyId === office.id);
    // The province office corrects the published 2018 results, with a written reason.
    const steps: [string, string, unknown][] = [
      ["POST", `/cycles/${c2018.id}/corrections`, { reason: CORRECTION }],
      ["POST", `/cycles/${c2018.id}/agencies/${office.id}/reopen`, { reason: "Đính chính lĩnh vực 8" }],
      ["PUT", `/cycles/${c2018.id}/agencies/${office.id}/scores/8/applicability`, { applicable: false }],
      ["POST", `/cycles/${c2018.id}/agencies/${office.id}/complete-appraisal`, {}],
      ["POST", `/cycles/${c2018.id}/agencies/${office.id}/finalise`, {}],
      ["POST", `/cycles/${c2018.id}/participants/${farming.id}/exclude`, { reason: EXCLUSION }],
      [
        "POST",
        `/cycles/${c2018.id}/publish`,
        { decision: { number: "1234", code: "QĐ-UBND", date: "2019-05-10" } },
      ],
    ];
    for (const [method, url, body] of steps) {
      const r = await j().api("snv.cchc", method, url, body);
      expect(r.status, `${method} ${url}: ${JSON.stringify(r.json)}`).toBe(200);
    }
    const pub = (await j().api(null, "GET", `/public/cycles/${c2018.id}`)).json;
    expect(pub.publication).toMatchObject({ version: 2, current: true, reason: CORRECTION });
    const correction = pub.corrections[0];
    const officeChange = correction.changes.find((c: { agencyId: number }) => c.agencyId === office.id);
    expect(officeChange.old).toMatchObject({ points: 75.4, max: 93, rank: officeBefore.rank });
    expect(officeChange.new).toMatchObject({ max: 55 });
    expect(correction.changes.find((c: { agencyId: number }) => c.agencyId === farming.id)).toMatchObject({
      new: null,
    });

    // The public front page says the cycle was corrected.
    const page = await j().page({ width: 375, height: 812 });
    await page.goto("/public");
    await expect
      .poll(() => page.locator("[data-corrected]").first().textContent(), WAIT)
      .toBe(" (đính chính, phiên bản 2)");
    await page.getByRole("link", { name: "Năm 2018 — Sở, ban, ngành" }).click();
    await page.waitForURL(`**/public/rankings/${c2018.id}`);
    await page.locator('[data-state="corrected"]').waitFor(WAIT);
    expect(await page.locator('[data-state="corrected"]').textContent()).toContain(
      "Kết quả đã được đính chính: đây là phiên bản 2, đang hiện hành",
    );
    expect(await page.locator('[data-figure="version"]').textContent()).toBe(
      `2 — đính chính ngày ${day(pub.publication.publishedAt)} (hiện hành)`,
    );
    // The table is version 2's: the Office with its new figures, the excluded agency not in it.
    const officeRow = page.locator(`[data-agency="${office.id}"]`);
    expect(await officeRow.textContent()).toContain(`${pts(officeChange.new.points)}/55 điểm`);
    expect(await page.locator(`[data-agency="${farming.id}"]`).count()).toBe(0);
    expect(await page.locator(`[data-excluded="${farming.id}"]`).textContent()).toContain(EXCLUSION);
    // "Đính chính": the date, the decision, the reason, every changed agency's old → new figures.
    const block = page.locator('[data-correction="2"]');
    expect(await block.getByRole("heading").textContent()).toBe(
      `Phiên bản 2 — đính chính ngày ${day(correction.publishedAt)}`,
    );
    expect(await block.textContent()).toContain("Theo Quyết định số 1234/QĐ-UBND ngày 10/5/2019");
    expect(await block.locator('[data-figure="reason"]').textContent()).toContain(CORRECTION);
    expect(await block.locator("[data-change]").count()).toBe(correction.changes.length);
    for (const c of correction.changes) {
      const row = block.locator(`[data-change="${c.agencyId}"]`);
      expect(await row.textContent()).toContain(c.name);
      expect(await row.locator('[data-side="old"]').textContent()).toBe(figures(c.old));
      expect(await row.locator('[data-side="new"]').textContent()).toBe(figures(c.new));
    }
    expect(await fitsWidth(page)).toBe(true);
    await j().screenshot(page, "public-correction");
    await j().expectAccessible(page);

    // Version 1 at its own address: said not to be current, with the old figures, and a way back.
    await block.getByRole("link", { name: "Xem nguyên bản phiên bản 1" }).click();
    await page.waitForURL(`**/public/rankings/${c2018.id}/v/1`);
    await page.locator('[data-state="old-version"]').waitFor(WAIT);
    expect(await page.locator('[data-state="old-version"]').textContent()).toContain(
      "Đây là phiên bản 1, không còn hiện hành",
    );
    expect(await page.locator(`[data-agency="${office.id}"]`).textContent()).toContain("75,4/93 điểm");
    expect(await page.locator(`[data-agency="${office.id}"]`).textContent()).toContain("81,08%");
    expect(await page.locator(`[data-agency="${farming.id}"]`).count()).toBe(1);
    expect(await page.locator("[data-correction]").count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await j().screenshot(page, "public-version-1");
    await j().expectAccessible(page);
    await page.getByRole("link", { name: "Xem kết quả hiện hành" }).click();
    await page.waitForURL(`**/public/rankings/${c2018.id}`);
    await page.locator('[data-state="corrected"]').waitFor(WAIT);

    // The agencies' pages: the Office's corrected result; the excluded agency's reason, no figures.
    await page.goto(`/public/agencies/${office.id}?year=2018`);
    await expect
      .poll(() => page.locator('[data-figure="agency-index"]').textContent(), WAIT)
      .toContain(`Chỉ số ${pct(officeChange.new.percent)} (${pts(officeChange.new.points)}/55 điểm)`);
    expect(await page.locator('[data-figure="agency-index"]').textContent()).toContain(
      "(đính chính, phiên bản 2)",
    );
    await page.goto(`/public/agencies/${farming.id}?year=2018`);
    await expect
      .poll(() => page.locator('[data-state="excluded"]').textContent(), WAIT)
      .toBe(`Năm 2018, cơ quan không được xếp hạng. Lý do: ${EXCLUSION}`);
    expect(await page.locator('[data-figure="agency-index"]').count()).toBe(0);
    expect(await page.locator(`[data-excluded="${c2018.id}"]`).textContent()).toContain(EXCLUSION);
    expect(await fitsWidth(page)).toBe(true);
    await j().expectAccessible(page);

    // The desktop page, for the eye.
    const wide = await j().page({ width: 1366 });
    await wide.goto(`/public/rankings/${c2018.id}`);
    await wide.locator('[data-correction="2"]').waitFor(WAIT);
    await j().screenshot(wide, "public-correction-desktop");
    j().expectNoConsoleErrors(page);
    j().expectNoConsoleErrors(wide);
  });

  test("a cycle never published has no public page: the API answers 404 and the page says there are no published results", async () => {
    const c2019 = await cycleOf(2019);
    expect(c2019.published).toBe(false);
    expect((await j().api(null, "GET", "/cycles?year=2019")).json.items).toEqual([]);
    const office = await agencyByCode("VPUBND");
    for (const url of [`/public/cycles/${c2019.id}`, `/public/cycles/${c2019.id}/versions/1`]) {
      const r = await j().api(null, "GET", url);
      expect(r.status, url).toBe(404);
    }
    for (const url of [
      `/cycles/${c2019.id}/ranking`,
      `/agencies/${office.id}/index?year=2019`,
      `/agencies/${office.id}/gap?year=2019`,
      `/agencies/${office.id}/dashboard`,
      `/cycles/${c2019.id}/agencies/${office.id}/scores`,
    ]) {
      // Refused, asked to sign in, or answered as if it did not exist: either way, no number.
      const r = await j().api(null, "GET", url);
      expect([401, 403, 404], url).toContain(r.status);
      expect(r.json.error).toBeDefined();
    }
    const overview = (await j().api(null, "GET", "/public/overview")).json;
    expect(overview.cycles.map((c: { id: number }) => c.id)).not.toContain(c2019.id);

    const page = await j().page({ width: 375 });
    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`/public/rankings/${c2019.id}`);
    await expect
      .poll(() => page.locator('[data-state="not-published"]').textContent(), WAIT)
      .toContain("Không có kết quả đã công bố ở địa chỉ này");
    expect(await page.locator("[data-agency]").count()).toBe(0);
    expect(requested).not.toContain(`/api/cycles/${c2019.id}/ranking`);
    await j().expectAccessible(page);
    // A version that does not exist says so too.
    const c2018 = await cycleOf(2018);
    await page.goto(`/public/rankings/${c2018.id}/v/99`);
    await expect
      .poll(() => page.locator('[data-state="not-published"]').textContent(), WAIT)
      .toContain("Kết quả này không có phiên bản 99.");
    // 404s are the expected answers here; Chromium logs them as resource errors, which are allowed.
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
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe("not_found");
    const listed = (await j().api(null, "GET", "/public/overview")).json.plans as { id: number }[];
    expect(listed.map((p) => p.id)).not.toContain(planId);

    const page = await j().page({ width: 375 });
    await page.goto(`/public/plans/${planId}`);
    await expect
      .poll(() => page.locator('[data-state="not-published"]').textContent(), WAIT)
      .toContain("Không có kế hoạch đã công bố ở địa chỉ này");
    expect(await page.locator('[data-figure="plan-progress"]').count()).toBe(0);
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
  });
  test("on a phone a signed-in reader's public menu folds behind 'Menu', opens, and closes on a link", async () => {
    const page = await j().page({ user: "vp.daumoi", width: 375, height: 800 });
    await page.goto("/public");
    const button = page.getByRole("button", { name: "Menu", exact: true });
    await button.waitFor();
    const menu = page.getByRole("navigation", { name: "Menu chính" });
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await menu.isVisible()).toBe(false);
    await button.click();
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    await menu.getByRole("link", { name: "Đổi mật khẩu" }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await j().expectAccessible(page);
    await menu.getByRole("link", { name: "Công khai", exact: true }).click();
    await expect.poll(() => button.getAttribute("aria-expanded"), WAIT).toBe("false");
    expect(await menu.isVisible()).toBe(false);
    j().expectNoConsoleErrors(page);
  });
});
