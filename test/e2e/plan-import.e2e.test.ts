/**
 * Journey (issue 4): the focal point imports the seed plan from a file, reviews it beside the
 * document, corrects the year and accepts; the plan exists afterwards with what was read.
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
    expect(targetsOf("Kiểm tra cải cách hành chính")).toEqual([["từ 30% số đơn vị trở lên", ">=", 35, "%"]]);
    expect(targetsOf("Tuyên truyền cải cách hành chính")).toEqual([
      ["Ít nhất 12 tin, bài", ">=", 12, "tin, bài"],
    ]);
    expect(targetsOf("Tham gia Hội thi")).toEqual([]);
    await page.getByRole("link", { name: "Mở kế hoạch" }).click();
    await page.waitForURL(`**/plans/${p2020.id}`);
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
