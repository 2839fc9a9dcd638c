/**
 * Journey 4: the Office's PAR focal point self-assesses a cycle that is open today — indicator values
 * whose rule the server scores, points typed the Vietnamese way, evidence uploaded, linked and taken
 * from a task — checks the running totals against the API, submits, withdraws and resubmits; and
 * finds the 2019 cycle, whose deadline has passed, read-only (the server refuses changes too).
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { answerConfirm, journeys } from "./harness.ts";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  "latin1",
);

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The API's numbers as the UI must show them (vi-VN, no trailing zeros). */
const vi = (n: number) => String(n).replace(".", ",");

journeys("self-assessment", (j) => {
  const setup = async (year: number) => {
    const agencies = (await j().api(null, "GET", "/agencies?kind=agency&limit=500")).json.items;
    const officeId = agencies.find((a: { code: string }) => a.code === "VPUBND").id as number;
    const c2019 = (await j().api("snv.cchc", "GET", "/cycles?year=2019")).json.items[0];
    // The server's today: the demo's day on a fresh demo (server/clock.ts).
    const today = (await j().api(null, "GET", "/clock")).json.today as string;
    const r = await j().api("snv.cchc", "POST", "/cycles", {
      year,
      frameworkId: c2019.frameworkId,
      provinceId: c2019.provinceId,
      group: c2019.group,
      selfAssessmentOpens: addDays(today, -3),
      selfAssessmentCloses: addDays(today, 14),
      appraisalCloses: addDays(today, 30),
      agencyIds: [officeId],
    });
    expect(r.status).toBe(201);
    return { officeId, cycleId: r.json.id as number, cycle2019: c2019.id as number };
  };
  const apiScores = async (cycleId: number, officeId: number) =>
    (await j().api("vp.daumoi", "GET", `/cycles/${cycleId}/agencies/${officeId}/scores`)).json;
  const drawer = (page: Page) => page.getByRole("dialog");
  const confirm = answerConfirm;

  test("scores by rule and by points, backs them with evidence, checks totals, submits, withdraws and resubmits", async () => {
    const { officeId, cycleId } = await setup(2041);
    // A division posts a report with a PDF on a task of the Office's plan: evidence the focal point can reuse.
    const division = await j().page({ user: "vp.hctc" });
    const plans = (await j().api(null, "GET", `/agencies/${officeId}/plans`)).json.items;
    const tasks = (await j().api("vp.daumoi", "GET", `/plans/${plans[0].id}/tasks`)).json.items;
    const task = tasks.find((t: { title: string }) => t.title === "Kiểm tra cải cách hành chính");
    const posted = await division.request.post(`/api/tasks/${task.id}/updates`, {
      multipart: {
        data: JSON.stringify({ progress: 60, note: "Biên bản kiểm tra" }),
        file: { name: "bien-ban-kiem-tra.pdf", mimeType: "application/pdf", buffer: PDF },
      },
    });
    expect(posted.status()).toBe(201);

    const page = await j().page({ user: "vp.daumoi" });
    await page.goto("/self-assessment");
    await page.waitForURL(`**/self-assessment/${cycleId}/${officeId}`);
    await page.getByRole("heading", { level: 1, name: /Tự đánh giá — .*năm 2041/ }).waitFor();
    await page.getByText(/Đang mở tự đánh giá đến hết ngày/).waitFor();

    // 1.1 is scored by its rule from the plan completion rate: the server computes the points.
    await page.getByRole("button", { name: "Chấm điểm tiêu chí 1.1" }).click();
    const rate = drawer(page).getByLabel("Tỉ lệ hoàn thành kế hoạch CCHC (%)");
    await rate.fill("120");
    await drawer(page).getByText("Tỉ lệ từ 0 đến 100 (%), tối đa hai chữ số thập phân").waitFor();
    await rate.fill("80");
    await drawer(page).getByRole("button", { name: "Tính điểm và lưu" }).click();
    let s = await apiScoresWhen(
      () => apiScores(cycleId, officeId),
      (x) => node(x, "1.1").self !== null,
    );
    expect(node(s, "1.1").self).toBe(1.5);
    await drawer(page)
      .getByText(`Điểm tính theo quy tắc: ${vi(node(s, "1.1").self)}`)
      .waitFor();
    await expect
      .poll(() => drawer(page).getByTestId("leaf-self").textContent())
      .toBe(vi(node(s, "1.1").self));

    // Evidence: a file uploaded from the computer.
    await drawer(page).locator('input[type="file"]').setInputFiles({
      name: "bao-cao-ke-hoach.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await drawer(page).getByRole("button", { name: "Tải lên" }).click();
    await drawer(page).getByRole("link", { name: "bao-cao-ke-hoach.pdf" }).waitFor();
    await page
      .getByRole("button", { name: /Quay lại|Close/ })
      .first()
      .click();

    // 1.2: evidence taken from the division's task update.
    await page.getByRole("button", { name: "Chấm điểm tiêu chí 1.2" }).click();
    await drawer(page).getByLabel("Tỉ lệ đơn vị được kiểm tra CCHC (%)").fill("30");
    await drawer(page).getByRole("button", { name: "Tính điểm và lưu" }).click();
    await drawer(page).getByText("Điểm tính theo quy tắc: 2").waitFor();
    await drawer(page).getByRole("tab", { name: "Từ nhiệm vụ" }).click();
    await drawer(page).getByRole("button", { name: "Gắn bien-ban-kiem-tra.pdf vào tiêu chí" }).click();
    await drawer(page).getByText("Từ nhiệm vụ:").waitFor();
    await drawer(page).getByRole("link", { name: "Kiểm tra cải cách hành chính" }).waitFor();
    await page
      .getByRole("button", { name: /Quay lại|Close/ })
      .first()
      .click();

    // 1.6 is scored by hand on a 0,25 grid, up to 2 points: the form says what the server would refuse.
    await page.getByRole("button", { name: "Chấm điểm tiêu chí 1.6" }).click();
    const points = drawer(page).getByLabel("Điểm tự chấm (0 – 2)");
    await points.fill("3");
    await drawer(page).getByText("Điểm vượt điểm tối đa 2").waitFor();
    await points.fill("1,3");
    await drawer(page).getByText("Điểm phải là bội của 0,25").waitFor();
    await points.fill("1,5");
    await drawer(page).getByLabel("Giải trình").fill("Đã thực hiện 6/8 nhiệm vụ UBND tỉnh giao");
    // The confirmation is a toast of a few seconds: wait for the server's answer first (a loaded
    // PostgreSQL in CI once took longer than the toast's wait), then for the toast it brings.
    const saved = page.waitForResponse(
      (r) => r.request().method() === "PUT" && /\/scores\/1\.6$/.test(new URL(r.url()).pathname),
      { timeout: 45_000 },
    );
    await drawer(page).getByRole("button", { name: "Lưu điểm" }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText("Đã lưu: 1,5 điểm").last().waitFor();
    await page
      .getByRole("button", { name: /Quay lại|Close/ })
      .first()
      .click();

    // Area 2 is scored as a whole: "3,5" typed the Vietnamese way, backed by a document number.
    await page.getByRole("button", { name: "Chấm điểm tiêu chí 2", exact: true }).click();
    await drawer(page).getByLabel("Điểm tự chấm (0 – 5)").fill("3,5");
    await drawer(page).getByRole("button", { name: "Lưu điểm" }).click();
    await page.getByText("Đã lưu: 3,5 điểm").last().waitFor();
    await drawer(page).getByRole("tab", { name: "Số văn bản" }).click();
    await drawer(page).getByLabel("Số, ký hiệu văn bản").fill("12/QĐ-VPUBND");
    await drawer(page).getByRole("button", { name: "Thêm", exact: true }).click();
    await drawer(page).getByText("12/QĐ-VPUBND").first().waitFor();
    await page
      .getByRole("button", { name: /Quay lại|Close/ })
      .first()
      .click();

    // Running totals: exactly the API's, formatted vi-VN.
    s = await apiScores(cycleId, officeId);
    expect(node(s, "2").self).toBe(3.5);
    expect(node(s, "1.6").self).toBe(1.5);
    expect(s.selfPoints).toBe(8.5);
    await expect.poll(() => page.getByTestId("total-self").textContent()).toBe(vi(s.selfPoints));
    await expect.poll(() => page.locator('[data-self="1"]').textContent()).toBe(vi(node(s, "1").selfTotal));
    await expect.poll(() => page.getByTestId("self-percent").textContent()).toBe(`${vi(s.selfPercent)}%`);
    expect(s.lackingEvidence).toEqual([]);

    // Submitting waits for every leaf: the page lists what is missing, each a link to its criterion.
    const missing = page.getByTestId("submit-missing");
    await missing.getByText(/Trước khi nộp, còn \d+ tiêu chí cần bổ sung/).waitFor();
    expect(await page.getByRole("button", { name: "Nộp", exact: true }).isDisabled()).toBe(true);
    await missing.getByRole("button", { name: /^3\. / }).click();
    await drawer(page).getByText("3. Cải cách thủ tục hành chính").waitFor();
    await page
      .getByRole("button", { name: /Quay lại|Close/ })
      .first()
      .click();
    // The rest is scored through the API (0 points with an explanation), as another person might.
    for (const m of s.submitMissing as { code: string }[]) {
      const r = await j().api(
        "vp.daumoi",
        "PUT",
        `/cycles/${cycleId}/agencies/${officeId}/scores/${m.code}`,
        {
          points: 0,
          explanation: "Chưa thực hiện trong kỳ",
        },
      );
      expect(r.status).toBe(200);
    }
    await page.reload();
    await page.getByRole("heading", { level: 1, name: /Tự đánh giá — .*năm 2041/ }).waitFor();
    expect(await missing.count()).toBe(0);

    // Submit, withdraw, resubmit — each confirmed.
    await page.getByRole("button", { name: "Nộp", exact: true }).click();
    await confirm(page, "Nộp");
    await expect.poll(() => page.getByTestId("status").textContent()).toBe("Đã nộp");
    expect((await apiScores(cycleId, officeId)).status).toBe("submitted");
    await page.getByText(/Muốn sửa, hãy rút lại và nộp lại trước hết ngày/).waitFor();
    expect(await page.getByRole("button", { name: "Chấm điểm tiêu chí 1.1" }).count()).toBe(0);
    await page.getByRole("button", { name: "Rút lại" }).click();
    await confirm(page, "Rút lại");
    await expect.poll(() => page.getByTestId("status").textContent()).toBe("Đang soạn");
    expect((await apiScores(cycleId, officeId)).status).toBe("draft");
    await page.getByRole("button", { name: "Nộp", exact: true }).click();
    await confirm(page, "Nộp");
    await expect.poll(() => page.getByTestId("status").textContent()).toBe("Đã nộp");
    expect((await apiScores(cycleId, officeId)).status).toBe("submitted");
    await expect.poll(() => page.locator(".ant-message-notice").count(), { timeout: 10_000 }).toBe(0);
    await j().screenshot(page, "self-assessment");
    await j().expectAccessible(page);
    j().expectNoConsoleErrors(page);
    j().expectNoConsoleErrors(division);
    // A long journey: a loaded CI machine needs the room.
  }, 180_000);

  test("after the deadline the 2019 self-assessment is read-only, in the page and on the server, also on a phone", async () => {
    const { officeId, cycle2019 } = await setup(2042);
    // The demo lives inside the 2019 window; the administrator moves its day past the deadline.
    const moved = await j().api("admin", "PUT", "/clock", { demoDate: "2020-01-15" });
    expect(moved.json).toEqual({ today: "2020-01-15", demo: true });
    try {
      const page = await j().page({ user: "vp.daumoi", width: 375, height: 800 });
      await page.goto(`/self-assessment/${cycle2019}/${officeId}`);
      await page.getByText("Đã hết hạn tự đánh giá ngày 31/12/2019.").waitFor();
      await page.getByText(/Máy chủ từ chối mọi thay đổi/).waitFor();
      expect(await page.getByRole("button", { name: "Nộp", exact: true }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /^Chấm điểm tiêu chí/ }).count()).toBe(0);
      await page.getByRole("button", { name: "Xem tiêu chí 1.1" }).click();
      await expect
        .poll(() => drawer(page).getByLabel("Tỉ lệ hoàn thành kế hoạch CCHC (%)").isDisabled())
        .toBe(true);
      expect(await drawer(page).getByRole("button", { name: "Tính điểm và lưu" }).count()).toBe(0);
      expect(await drawer(page).getByRole("button", { name: "Tải lên" }).count()).toBe(0);
      // The page is readable at 375 px: nothing spills sideways out of the viewport.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);
      await page.waitForFunction(() => document.getAnimations().length === 0);
      await j().screenshot(page, "self-assessment-phone");
      const r = await j().api("vp.daumoi", "PUT", `/cycles/${cycle2019}/agencies/${officeId}/scores/1.1`, {
        inputs: { values: { plan_completion: 9000 } },
      });
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe("cycle.closed");
      j().expectNoConsoleErrors(page);
    } finally {
      await j().api("admin", "PUT", "/clock", { demoDate: "2019-12-10" });
    }
  });
});

interface Node {
  code: string;
  self: number;
  selfTotal: number;
}
const node = (s: { nodes: Node[] }, code: string) => s.nodes.find((n) => n.code === code) as Node;

async function apiScoresWhen<T>(get: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const v = await get();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  return get();
}
