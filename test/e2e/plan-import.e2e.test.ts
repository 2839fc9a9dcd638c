/**
 * Journey (issue 4): the focal point imports the seed plan from a file, reviews it beside the
 * document, corrects the year and accepts; the plan exists afterwards with what was read. Imported
 * into the plan that exists, the same document is a reviewed diff: nothing is duplicated, and the
 * published plan changes in its draft only.
 */
import path from "node:path";
import { expect, test } from "vitest";
import { answerDialog, journeys } from "./harness.ts";

const SEED = path.resolve("test/fixtures/plans/quangnam-1994-kh-vpubnd-2019.txt");

journeys("plan import screen", (j) => {
  test("a focal point reads the seed, sees it beside the document, accepts it as the 2020 plan", async () => {
    const page = await j().page({ user: "vp.daumoi" });
    // Found from the plan page, beside the downloads of the plan as a document.
    await page.goto("/plans");
    await page.getByRole("button", { name: "Tải văn bản" }).hover();
    await page.getByRole("link", { name: "Word (.docx)" }).waitFor();
    await page.getByRole("link", { name: "Nhập từ văn bản" }).click();
    await page.getByRole("heading", { name: "Nhập kế hoạch từ văn bản" }).waitFor();
    await page.locator('input[type="file"]').setInputFiles(SEED);
    await page.getByRole("button", { name: "Đọc văn bản" }).click();
    await page.getByRole("heading", { name: "Nhiệm vụ (16)" }).waitFor();

    // What was read is highlighted in the document: the 8 area targets and the 16 tasks at least.
    expect(await page.locator("mark.import-mark-task").count()).toBe(16);
    expect(await page.locator("mark.import-mark-target").count()).toBeGreaterThanOrEqual(8);
    // The page furniture is not part of the document shown.
    await expect.poll(() => page.locator(".import-source").textContent()).toContain("Người phát ngôn");
    expect(await page.locator("mark", { hasText: "Người phát ngôn" }).count()).toBe(0);
    // Totals as the importer computed them, formatted vi-VN.
    await page.getByText("Tổng chỉ tiêu 86,5/93 điểm; kết quả năm 2018 suy ra: 75,4 điểm.").waitFor();
    // The typo is a warning; clicking a task's warning highlights its text.
    await page
      .getByText('"Phòng Hành chính –Tổ chứ" gần giống đơn vị "Phòng Hành chính – Tổ chức"', { exact: false })
      .waitFor();
    await page
      .getByRole("button", { name: /"Xây dựng và thực hiện Kế hoạch cải cách hành chính" chưa có thời hạn/ })
      .click();
    await expect
      .poll(() => page.locator("mark.import-mark-active").textContent())
      .toContain("Bảo đảm mức độ hoàn thành kế hoạch");

    // A named ceiling ("không vượt quá tổng biên chế được giao") comes without a number, never a made-up
    // 0: left empty, the plan stores it by its name.
    await page.getByText("Văn bản so với “tổng biên chế được giao”", { exact: false }).first().waitFor();

    // A wrong value is refused as typed, with the server's rule; fixing it enables "Accept".
    const year = page.getByLabel("Năm của kế hoạch");
    await year.fill("1999");
    await page.getByText("Còn 1 chỗ cần sửa trước khi lưu").waitFor();
    await year.fill("2020");

    // Measurable targets are edited in place: a value changed, one added where the reader found none
    // (its empty text is refused as typed), one removed.
    await page.getByLabel("Mức cần đạt — chỉ tiêu 1 của nhiệm vụ 2").fill("35");
    await page.getByRole("button", { name: "Thêm chỉ tiêu cho nhiệm vụ 3" }).click();
    await page.getByText("Nhập nội dung chỉ tiêu (tối đa 1.000 ký tự)").waitFor();
    await page.getByText("Còn 1 chỗ cần sửa trước khi lưu").waitFor();
    await page.getByLabel("Nội dung chỉ tiêu — chỉ tiêu 1 của nhiệm vụ 3").fill("Ít nhất 12 tin, bài");
    await page.getByLabel("Mức cần đạt — chỉ tiêu 1 của nhiệm vụ 3").fill("12");
    await page.getByLabel("Đơn vị tính — chỉ tiêu 1 của nhiệm vụ 3").fill("tin, bài");
    await page.getByRole("button", { name: "Bỏ — chỉ tiêu 1 của nhiệm vụ 4" }).click();
    await expect.poll(() => page.getByText("Còn 1 chỗ cần sửa trước khi lưu").count()).toBe(0);
    await page.getByLabel("Nội dung chỉ tiêu — chỉ tiêu 1 của nhiệm vụ 3").scrollIntoViewIfNeeded();
    await j().screenshot(page, "plan-import");
    await page.getByRole("button", { name: "Chấp nhận và lưu kế hoạch" }).click();
    await answerDialog(page, "Chấp nhận và lưu kế hoạch");
    await page.getByText("Đã tạo kế hoạch").waitFor();
    await page.getByText(/nhiệm vụ thêm mới: 16/).waitFor();

    const office = (await j().api("vp.daumoi", "GET", "/agencies?kind=agency&q=VPUBND")).json.items[0];
    const plans = (await j().api("vp.daumoi", "GET", `/agencies/${office.id}/plans`)).json.items;
    const p2020 = plans.find((p: { year: number }) => p.year === 2020);
    const detail = (await j().api("vp.daumoi", "GET", `/plans/${p2020.id}`)).json;
    expect(detail.tasks).toHaveLength(16);
    expect(detail.targets.points).toBe(86.5);
    const targetsOf = (title: string) =>
      detail.tasks
        .find((t: { title: string }) => t.title.startsWith(title))
        .targets.map((x: { text: string; comparator: string; value: number; unit: string }) => [
          x.text,
          x.comparator,
          x.value,
          x.unit,
        ]);
    expect(targetsOf("Kiểm tra cải cách hành chính")).toEqual([
      ["đảm bảo kiểm tra từ 30% số đơn vị trở lên", ">=", 35, "%"],
    ]);
    expect(targetsOf("Tuyên truyền cải cách hành chính")).toEqual([
      ["Ít nhất 12 tin, bài", ">=", 12, "tin, bài"],
    ]);
    expect(targetsOf("Tham gia Hội thi")).toEqual([]);
    await page.getByRole("link", { name: "Mở kế hoạch" }).click();
    await page.waitForURL(`**/plans/${p2020.id}`);
    j().expectNoConsoleErrors(page);
  });

  test("imported into the published 2019 plan, the seed is a diff: no duplicate, the public plan unchanged", async () => {
    const office = (await j().api("vp.daumoi", "GET", "/agencies?kind=agency&q=VPUBND")).json.items[0];
    const p2019 = (await j().api("vp.daumoi", "GET", `/agencies/${office.id}/plans`)).json.items.find(
      (p: { year: number }) => p.year === 2019,
    );
    const publicBefore = (await j().api(null, "GET", `/public/plans/${p2019.id}`)).json;
    const page = await j().page({ user: "vp.daumoi", width: 375, height: 812 });
    await page.goto("/plans/import");
    await page.locator('input[type="file"]').setInputFiles(SEED);
    await page.getByRole("button", { name: "Đọc văn bản" }).click();
    await page.getByRole("heading", { name: "Nhiệm vụ (16)" }).waitFor();
    // The named ceiling of 4.3 is compared by its name: the demo stores "≤ tổng biên chế được giao" too.
    const diff = page.getByTestId("import-diff");
    await diff.getByText("So với kế hoạch năm 2019 đã lưu").waitFor();
    const counts = diff.getByTestId("import-diff-counts");
    await expect
      .poll(() => counts.textContent(), { timeout: 20_000 })
      .toMatch(/0 thêm mới · 0 bỏ · 0 giữ lại/);
    expect(await diff.locator('[data-diff="new"]').count()).toBe(0);
    await diff.getByText(/Kế hoạch này đã công bố: chấp nhận chỉ thay đổi bản nháp/).waitFor();
    // Each changed task says which fields change, before → after on request.
    const changed = diff.locator('[data-diff="changed"]').first();
    await changed.locator("summary").click();
    await changed.locator("del").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await j().screenshot(page, "plan-import-diff");
    await page.getByRole("button", { name: "Chấp nhận và lưu kế hoạch" }).click();
    const confirm = page.getByTestId("accept-counts");
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(
      /Kế hoạch năm 2019 đã có\. Chấp nhận sẽ: \d+ nhiệm vụ sửa, 0 thêm mới, 0 bỏ/,
    );
    expect(await confirm.innerText()).toContain("trang công khai giữ nguyên");
    await answerDialog(page, "Chấp nhận và lưu kế hoạch");
    await page.getByText("Đã cập nhật kế hoạch").waitFor();
    await page.getByText(/nhiệm vụ thêm mới: 0/).waitFor();
    const draft = (await j().api("vp.daumoi", "GET", `/plans/${p2019.id}`)).json;
    expect(draft.tasks).toHaveLength(16);
    expect(draft.publication.pending).toBe(true);
    expect((await j().api(null, "GET", `/public/plans/${p2019.id}`)).json).toEqual(publicBefore);
    j().expectNoConsoleErrors(page);
  });

  test("a division cannot open the import screen, and a binary file is refused with a message", async () => {
    const division = await j().page({ user: "vp.hctc" });
    await division.goto("/plans/import");
    await division.getByText("Vai trò của bạn không được mở trang này").waitFor();
    const page = await j().page({ user: "vp.daumoi" });
    await page.goto("/plans/import");
    await page.locator('input[type="file"]').setInputFiles({
      name: "plan.docx",
      mimeType: "application/octet-stream",
      buffer: Buffer.from("PK\u0003\u0004garbage", "latin1"),
    });
    await page.getByRole("button", { name: "Đọc văn bản" }).click();
    await page.getByText("Không đọc được văn bản").waitFor();
    await page.getByText(/không phải văn bản Word/).waitFor();
    j().expectNoConsoleErrors(page);
  });
});
