/**
 * The seed (plan 1994/KH-VPUBND, a web page with its furniture) read against the demo's hand
 * transcription of it: every task's units, every area target, both documents, the totals, and the
 * gaps of domain.md §3 as warnings.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { AREAS, OFFICE_2018, OFFICE_TARGETS_2019, TASKS, UNITS } from "../../demo/quangnam2019.ts";
import { normalizeText } from "../locale.ts";
import { importPlanText } from "./index.ts";

const SEED = fs.readFileSync(
  path.resolve(import.meta.dirname, "../../test/fixtures/plans/quangnam-1994-kh-vpubnd-2019.txt"),
  "utf8",
);
const unitName = new Map<string, string>(UNITS.map((u) => [u.code, u.name]));
const plan = importPlanText(SEED, { units: UNITS, areas: AREAS });
const at = (s: { start: number; end: number } | null | undefined) =>
  s ? plan.text.slice(s.start, s.end) : null;

describe("the seed plan", () => {
  test("document: number, code, date, issuer and the referenced plan, each with its span", () => {
    const d = plan.document;
    expect([d.kind, d.number, d.code, d.date]).toEqual(["Kế hoạch", "1994", "KH-VPUBND", "2019-09-03"]);
    expect(at(d.sources.number)).toBe("1994");
    expect(at(d.sources.code)).toBe("KH-VPUBND");
    expect(at(d.sources.date)).toBe("ngày 03/9/2019");
    expect(d.issuer).toBe("Văn phòng UBND tỉnh");
    expect(d.parentIssuer).toBe("UBND tỉnh");
    expect(d.title).toBe("Cải thiện Chỉ số Cải cách hành chính (PAR INDEX) năm 2019 của Văn phòng");
    // Not stated by the page: absent, not guessed.
    expect(d.place).toBeNull();
    expect(d.signer).toBeNull();
    const ref = d.references[0];
    expect(ref).toMatchObject({
      kind: "Kế hoạch",
      number: "4183",
      code: "KH-UBND",
      date: "2019-07-17",
      issuer: "Ủy ban nhân dân tỉnh",
    });
    expect(at(ref.span)).toBe("Kế hoạch số 4183/KH-UBND ngày 17/7/2019 của Uỷ ban nhân dân tỉnh");
    expect(d.references.map((r) => `${r.number}/${r.code}`)).toEqual([
      "4183/KH-UBND",
      "22/CT-UBND",
      "26/CT-UBND",
    ]);
  });

  test("overall target: at least 85 %, 1–2 places up", () => {
    expect(plan.overallTarget).toMatchObject({ percentAtLeast: 85, rankGainMin: 1, rankGainMax: 2 });
    expect(at(plan.overallTarget?.source)).toContain("85%");
  });

  test("every area target with max, target, delta and the implied 2018 baseline; totals 86,5 / 93 and 75,4", () => {
    expect(plan.areaTargets.map((a) => a.area)).toEqual(AREAS.map((a) => a.code));
    plan.areaTargets.forEach((a, i) => {
      const want = OFFICE_TARGETS_2019[i];
      expect(a.max, a.title).toBe(Number(AREAS[i].max.replace(",", ".")));
      expect(a.target, a.title).toBe(Number(String(want.target).replace(",", ".")));
      expect(a.kept, a.title).toBe("kept" in want);
      expect(a.impliedBaseline, a.title).toBe(Number(OFFICE_2018[i].replace(",", ".")));
      expect(a.baselineYear).toBe(2018);
      expect(at(a.span)).toContain(
        `${String(a.target).replace(".", ",")}/${String(a.max).replace(".", ",")} điểm`,
      );
    });
    expect(plan.areaTargets.map((a) => a.delta)).toEqual([3, 0, 1, 0, 1.5, 0, 2.28, 3.32]);
    expect(plan.totals).toEqual({
      max: 93,
      target: 86.5,
      impliedBaseline: 75.4,
      baselineYear: 2018,
      targetPercent: 93.01,
      impliedBaselinePercent: 81.08,
    });
    expect(plan.baseline).toBeNull();
  });

  test("all 16 tasks with exactly the lead and coordinating units the text gives, and their area", () => {
    expect(plan.tasks).toHaveLength(TASKS.length);
    plan.tasks.forEach((t, i) => {
      const want = TASKS[i];
      const label = `${want.section} ${want.title}`;
      expect(t.section, label).toBe(want.section);
      expect(t.leadUnits, label).toEqual(want.lead.map((c) => unitName.get(c)));
      expect(t.coordinatingUnits, label).toEqual(want.coordinating.map((c) => unitName.get(c)));
      expect(t.area, label).toBe(want.area);
      expect(t.due ?? undefined, label).toBe(want.due);
      expect(t.startsOn ?? undefined, label).toBe(want.startsOn);
    });
  });

  test("measurable targets: whole clauses, comparators as written, 04 reports as at least 4, named and unnumbered targets", () => {
    const flat = plan.tasks.flatMap((t) =>
      t.targets.map((x) => `${x.comparator} ${x.value ?? x.reference} ${x.unit}`),
    );
    expect(plan.tasks[1].targets[0]).toMatchObject({
      comparator: ">=",
      value: 30,
      unit: "%",
      text: "đảm bảo kiểm tra từ 30% số đơn vị trở lên",
      subject: "số đơn vị",
    });
    // "trên 50% trở lên": more than half.
    expect(plan.tasks[3].targets[0]).toMatchObject({ comparator: ">", value: 50, unit: "%" });
    // A count of deliverables is a minimum.
    expect(plan.tasks[4].targets[0]).toMatchObject({
      comparator: ">=",
      value: 4,
      unit: "báo cáo",
      text: "04 báo cáo (báo cáo quý I, báo cáo 6 tháng, báo cáo 9 tháng và báo cáo năm)",
    });
    expect(plan.tasks[5].targets[0]).toMatchObject({ comparator: ">=", value: 1, unit: "sáng kiến" });
    const all = plan.tasks.flatMap((t) => t.targets);
    const find = (start: string) => all.find((x) => x.text.startsWith(start));
    // Sentences are not cut after "đã" or at a comma, and a percentage keeps its subject.
    expect(find("Việc rà soát")?.text).toBe(
      "Việc rà soát phải được tiến hành thường xuyên, 100% số văn bản quy phạm pháp luật đã được xử lý theo thẩm quyền hoặc kiến nghị cơ quan có thẩm quyền xử lý",
    );
    expect(find("Việc rà soát")?.subject).toBe("số văn bản quy phạm pháp luật");
    expect(find("Đảm bảo 100% các Phòng")?.text).toBe(
      "Đảm bảo 100% các Phòng, Ban, Trung tâm trực thuộc Văn phòng bố trí công chức theo vị trí việc làm được phê duyệt",
    );
    expect(find("Tỷ lệ thực hiện Chữ ký số")).toMatchObject({
      comparator: ">=",
      value: 90,
      unit: "%",
      subject: "Tỷ lệ thực hiện Chữ ký số đối với văn bản đi",
    });
    // A ceiling that is a named quantity, never a made-up 0; a target without a number.
    expect(find("Sử dụng biên chế")).toMatchObject({
      comparator: "<=",
      value: null,
      reference: "tổng biên chế được giao",
    });
    expect(flat).toContain("<= 0 sai phạm");
    expect(flat).not.toContain("<= 0 người");
    for (const t of plan.tasks) for (const x of t.targets) expect(at(x.span)).toBe(x.text);
  });

  test("task titles are whole: shortened only before a bracketed remark, never cut inside a sentence's word", () => {
    for (const t of plan.tasks) {
      expect(t.title).not.toMatch(/…$/u);
      expect(normalizeText(t.text)).toContain(t.title);
    }
    expect(plan.tasks[3].title).toBe("Tham gia Hội thi tìm hiểu cải cách hành chính của tỉnh");
  });

  test("the gaps of domain.md §3 are warnings: areas 3 and 8 without tasks, 2 tasks without a lead, missing deadlines, the typo", () => {
    const codes = (c: string) => plan.warnings.filter((w) => w.code === c);
    expect(codes("area_without_task").map((w) => w.area)).toEqual(["3", "8"]);
    expect(codes("task_without_lead").map((w) => plan.tasks[w.task as number].section)).toEqual([
      "4.1",
      "4.1",
    ]);
    // The core plan-lint rule: neither a deadline nor a stated period ("thường xuyên", "quý I, 6 tháng …").
    expect(codes("task_without_deadline").map((w) => w.task)).toEqual(
      plan.tasks.flatMap((t, i) => (!t.due && !t.period ? [i] : [])),
    );
    expect(codes("task_without_deadline").length).toBeGreaterThanOrEqual(9);
    const typo = codes("unit_near_miss").find((w) => w.unit === "Phòng Hành chính –Tổ chứ");
    expect(typo?.suggestion).toBe("Phòng Hành chính – Tổ chức");
    expect(at(typo?.span)).toBe("Phòng Hành chính –Tổ chứ");
    expect(plan.tasks.filter((t) => t.leadUnits.length > 1).map((t) => t.leadUnits.length)).toEqual([
      4, 2, 2,
    ]);
  });

  test("page furniture is ignored: menus, counters, the spokesperson, birthdays, the footer", () => {
    const chrome = plan.warnings.filter((w) => w.code === "page_chrome");
    expect(chrome.length).toBeGreaterThan(0);
    const ignored = chrome.map((w) => at(w.span)).join("\n");
    for (const s of [
      "Select the search type",
      "Lượt xem: 2319",
      "Nguyễn Như Công",
      "Ông Trần Hùng",
      "Tổng số lượt truy cập",
    ])
      expect(ignored).toContain(s);
    const body = at(plan.body) ?? "";
    expect(body.startsWith("Văn phòng UBND tỉnh xây dựng Kế hoạch số 1994")).toBe(true);
    expect(body.endsWith("(lồng ghép trong báo cáo cải cách hành chính)./.")).toBe(true);
    const extracted = JSON.stringify({ ...plan, text: "", warnings: [] });
    for (const s of ["Nguyễn Như Công", "0914029888", "Trần Hùng", "Design by"])
      expect(extracted).not.toContain(s);
  });

  test("every task's span covers its text and the spans point into the returned text", () => {
    for (const t of plan.tasks) {
      expect(t.span.start).toBeGreaterThanOrEqual(plan.body.start);
      expect(t.span.end).toBeLessThanOrEqual(plan.body.end);
      expect(normalizeText(at(t.span) ?? "")).toContain(t.title.replace(/…$/, ""));
      expect(t.confidence).toBeGreaterThan(0);
    }
  });
});
