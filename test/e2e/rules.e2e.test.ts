/**
 * The framework editor's scoring rules: a leaf shows its rule in words; the administrator gives it
 * percentage thresholds, sees a sample scored as scoring will score it, is told what is wrong with a
 * threshold that goes backwards, and saves the rule with the framework's next version.
 */
import { expect, test } from "vitest";
import { describeRule } from "../../core/rule-text.ts";
import type { ScoringRuleInput } from "../../core/rules.ts";
import { choose, journeys, poll } from "./harness.ts";

interface Node {
  code: string;
  parentCode: string | null;
  kind: string;
  max: number;
  rule?: unknown;
}

journeys("scoring rules in the framework editor", (j) => {
  for (const width of [1366, 375]) {
    test(`a leaf's rule is read in words, edited with a preview and saved with the framework (${width} px)`, async () => {
      const frameworks = (await j().api("admin", "GET", "/frameworks")).json.items as {
        id: number;
        code: string;
      }[];
      const f = frameworks.find((x) => x.code === "QNAM-SBN-2019")!;
      const detail = (await j().api("admin", "GET", `/frameworks/${f.id}`)).json as { nodes: Node[] };
      // A leaf worth 1 point or more: the thresholds below give 0,5 and its max.
      const leaf = detail.nodes.find(
        (n) => n.kind !== "area" && !detail.nodes.some((c) => c.parentCode === n.code) && n.max >= 1,
      )!;
      const max = String(leaf.max).replace(".", ",");

      const page = await j().page({ user: "admin", width });
      await page.goto(`/admin/frameworks/${f.id}`);
      const row = page.locator(`li[data-node="${leaf.code}"]`);
      // The leaf's stored rule, in the words core gives it (or that it is scored directly).
      const before = leaf.rule
        ? describeRule(leaf.rule as ScoringRuleInput, Math.round(leaf.max * 100))
        : "chưa đặt: người thẩm định chấm trực tiếp";
      await poll(() => row.locator("[data-rule-text]").textContent()).toBe(before);
      await row.getByRole("button", { name: `Sửa quy tắc chấm của ${leaf.code}` }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText(`Quy tắc chấm của ${leaf.code}`).waitFor();
      await choose(page, "Cách chấm", "Theo ngưỡng tỷ lệ (%)");
      await dialog.getByLabel("Mã chỉ số đo").fill("plan_completion");
      await dialog.getByLabel("Ngưỡng 1", { exact: true }).fill("70");
      await dialog.getByLabel("Điểm của ngưỡng 1").fill("0,5");
      await dialog.getByLabel("Ngưỡng 2", { exact: true }).fill("90");
      await dialog.getByLabel("Điểm của ngưỡng 2").fill(max);
      const words = `≥ 90%: ${max} điểm; 70%–90%: 0,5 điểm; dưới 70%: 0`;
      await poll(() => dialog.locator("[data-rule-preview-text]").textContent()).toContain(words);

      // A sample scored exactly as scoring does.
      await dialog.getByLabel("Thử với tỷ lệ (%)").fill("85,5");
      await poll(() => dialog.locator("[data-rule-preview]").textContent()).toContain(
        "Được 0,5 điểm — plan_completion = 85,5% ≥ 70%: 0,5 điểm",
      );
      await dialog.getByLabel("Thử với tỷ lệ (%)").fill("95");
      await poll(() => dialog.locator("[data-rule-preview]").textContent()).toContain(`Được ${max} điểm`);

      // Thresholds that go backwards cannot be applied, and the dialog says why.
      await dialog.getByLabel("Ngưỡng 2", { exact: true }).fill("60");
      await poll(() => dialog.locator("[data-rule-problems]").textContent()).toContain("tăng dần");
      expect(await dialog.getByRole("button", { name: "Áp dụng" }).isDisabled()).toBe(true);
      // A value that is not a number is named too.
      await dialog.getByLabel("Ngưỡng 2", { exact: true }).fill("chín mươi");
      await poll(() => dialog.getByText("Các ô tô đỏ phải là số không âm").count()).toBe(1);
      await dialog.getByLabel("Ngưỡng 2", { exact: true }).fill("90");
      await j().screenshot(page, `rules-dialog-${width}`);
      await j().expectAccessible(page);
      await dialog.getByRole("button", { name: "Áp dụng" }).click();
      await poll(() => row.locator("[data-rule-text]").textContent()).toBe(words);
      const wide = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(wide).toBeLessThanOrEqual(width);

      // The framework is in use: the rule goes into its next version, the original keeps its own.
      await page.getByLabel("Mã bộ chỉ số").fill(`QNAM-SBN-2019-quy-tac-${width}`);
      await page.getByRole("button", { name: "Lưu thành phiên bản mới" }).click();
      await page.waitForURL(
        (u) => /\/admin\/frameworks\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${f.id}`),
      );
      const saved = (await j().api("admin", "GET", `/frameworks/${page.url().split("/").pop()}`)).json as {
        nodes: Node[];
      };
      expect(saved.nodes.find((n) => n.code === leaf.code)?.rule).toEqual({
        kind: "percent_bands",
        indicator: "plan_completion",
        bands: [
          { atLeast: 7000, points: 50 },
          { atLeast: 9000, points: Math.round(leaf.max * 100) },
        ],
      });
      const original = (await j().api("admin", "GET", `/frameworks/${f.id}`)).json as { nodes: Node[] };
      expect(original.nodes.find((n) => n.code === leaf.code)?.rule).toEqual(leaf.rule);

      // Removing the rule leaves the leaf scored directly by the appraiser, and says so.
      const saved2 = page.locator(`li[data-node="${leaf.code}"]`);
      await saved2.getByRole("button", { name: `Sửa quy tắc chấm của ${leaf.code}` }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Bỏ quy tắc" }).click();
      await poll(() => saved2.locator("[data-rule-text]").textContent()).toBe(
        "chưa đặt: người thẩm định chấm trực tiếp",
      );
      j().expectNoConsoleErrors(page);
    });
  }
});
