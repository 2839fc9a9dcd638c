/** The demo plan 1994/KH-VPUBND in the document model, for export tests. */
import type { DocumentPlan } from "../../core/plan-document.ts";
import { AREAS, OFFICE_2018, OFFICE_TARGETS_2019, TASKS, UNITS } from "../../demo/quangnam2019.ts";

const name = new Map<string, string>(UNITS.map((u) => [u.code, u.name]));
const num = (s: string) => Number(s.replace(",", "."));

export const DEMO_PLAN: DocumentPlan = {
  parentIssuer: "UBND tỉnh Quảng Nam",
  issuer: "Văn phòng UBND tỉnh",
  number: "1994",
  code: "KH-VPUBND",
  place: "Quảng Nam",
  date: "2019-09-03",
  year: 2019,
  title: "Cải thiện Chỉ số Cải cách hành chính (PAR INDEX) năm 2019 của Văn phòng",
  references: [
    { kind: "Kế hoạch", number: "4183", code: "KH-UBND", date: "2019-07-17", issuer: "UBND tỉnh" },
  ],
  overallTarget: { percentAtLeast: 85, rankGainMin: 1, rankGainMax: 2 },
  areaTargets: AREAS.map((a, i) => ({
    area: a.code,
    title: a.title,
    target: num(OFFICE_TARGETS_2019[i].target),
    max: num(a.max),
    delta: Math.round((num(OFFICE_TARGETS_2019[i].target) - num(OFFICE_2018[i])) * 100) / 100,
    baselineYear: 2018,
    kept: "kept" in OFFICE_TARGETS_2019[i],
  })),
  tasks: TASKS.map((t) => ({
    area: t.area,
    title: t.title.replace(/[:(].*$/, "").trim(),
    text: null,
    leadUnits: t.lead.map((c) => name.get(c) as string),
    coordinatingUnits: t.coordinating.map((c) => name.get(c) as string),
    due: t.due ?? null,
    period: t.due ? null : (t.period ?? null),
    // The measurable targets as stored (a deadline target is the task's deadline).
    targets: t.targets.flatMap((x) =>
      x.comparator === "done_by"
        ? []
        : [
            {
              comparator: x.comparator,
              value: x.value,
              reference: x.reference ?? null,
              unit: x.unit ?? null,
              text: x.text,
            },
          ],
    ),
  })),
  signer: { authority: "KT. CHÁNH VĂN PHÒNG", position: "PHÓ CHÁNH VĂN PHÒNG", name: "Nguyễn Văn An" },
  recipients: ["UBND tỉnh (b/c)", "Sở Nội vụ", "Lưu: VT, HCTC"],
};
