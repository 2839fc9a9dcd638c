/**
 * A plan written out as a document and read back by the importer is the same plan: document
 * identity, overall and area targets, and every task's title, units, deadline, targets and area.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { AREAS, UNITS } from "../demo/quangnam2019.ts";
import { type DocumentPlan, planDocument, planDocumentText, referenceLine } from "./plan-document.ts";
import { importPlanText } from "./plan-import/index.ts";

const OFFICE_UNITS = UNITS.filter((u) => u.kind === "division").map((u) => u.name);
const WORDS = [
  "Rà soát",
  "kiểm tra",
  "công khai",
  "thủ tục",
  "tuyên truyền",
  "báo cáo",
  "đánh giá",
  "ứng dụng",
  "phần mềm",
  "hồ sơ",
  "chữ ký số",
  "biên chế",
  "đào tạo",
];

const centi = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((x) => x / 100);
const isoDay = (year: number) =>
  fc
    .date({ min: new Date(Date.UTC(year, 0, 1)), max: new Date(Date.UTC(year, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const title = fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 6 }).map((ws) => {
  const t = ws.join(" ");
  return t.charAt(0).toLocaleUpperCase("vi-VN") + t.slice(1);
});

const units = (n: number) => fc.shuffledSubarray(OFFICE_UNITS, { minLength: 0, maxLength: n });

const planArb = fc.integer({ min: 2019, max: 2030 }).chain((year) =>
  fc
    .record({
      areas: fc
        .shuffledSubarray(
          AREAS.map((a) => a.code),
          { minLength: 1, maxLength: 8 },
        )
        .map((codes) => AREAS.filter((a) => codes.includes(a.code))),
      number: fc.integer({ min: 1, max: 9999 }).map(String),
      date: isoDay(year),
      place: fc.constantFrom("Quảng Nam", "Đà Nẵng", "Hà Tĩnh"),
      // Distinct documents: the importer reads a document named twice as one reference.
      refs: fc.uniqueArray(
        fc.record({ number: fc.integer({ min: 1, max: 9999 }).map(String), date: isoDay(year - 1) }),
        { maxLength: 2, selector: (r) => r.number },
      ),
      pct: fc.option(fc.integer({ min: 50, max: 100 }), { nil: null }),
      gain: fc.option(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 3 })), {
        nil: null,
      }),
    })
    .chain((base) =>
      fc
        .record({
          areaTargets: fc.tuple(
            ...base.areas.map((a) =>
              fc
                .record({
                  max: centi(100, 4000),
                  t: fc.integer({ min: 0, max: 100 }),
                  d: fc.integer({ min: -1, max: 400 }),
                })
                .map((r) => {
                  const max = r.max;
                  const target = Math.round(max * r.t) / 100;
                  const kept = r.d === -1;
                  const delta = kept ? 0 : Math.min(r.d / 100, target);
                  return { area: a.code, title: a.title, max, target, delta, kept, baselineYear: year - 1 };
                }),
            ),
          ),
          tasks: fc.array(
            fc.record({
              area: fc.option(fc.constantFrom(...base.areas.map((a) => a.code)), { nil: null }),
              title,
              lead: units(2),
              coord: units(2),
              due: fc.option(isoDay(year), { nil: null }),
              targets: fc.array(
                fc.oneof(
                  fc
                    .integer({ min: 1, max: 100 })
                    .map((v) => ({ comparator: ">=" as const, value: v, unit: "%" })),
                  fc
                    .record({
                      value: fc.integer({ min: 1, max: 12 }),
                      unit: fc.constantFrom("báo cáo", "sáng kiến", "cuộc kiểm tra"),
                    })
                    .map((x) => ({ comparator: ">=" as const, ...x })),
                ),
                { maxLength: 2 },
              ),
            }),
            { maxLength: 8 },
          ),
        })
        .map(
          ({ areaTargets, tasks }): DocumentPlan => ({
            parentIssuer: "UBND tỉnh Quảng Nam",
            issuer: "Văn phòng UBND tỉnh",
            number: base.number,
            code: "KH-VPUBND",
            place: base.place,
            date: base.date,
            year,
            title: `Cải thiện Chỉ số cải cách hành chính năm ${year} của Văn phòng`,
            references: base.refs.map((r) => ({
              kind: "Kế hoạch",
              number: r.number,
              code: "KH-UBND",
              date: r.date,
              issuer: "UBND tỉnh",
            })),
            overallTarget:
              base.pct !== null || base.gain !== null
                ? {
                    percentAtLeast: base.pct,
                    rankGainMin: base.gain?.[0] ?? null,
                    rankGainMax: base.gain ? base.gain[0] + base.gain[1] : null,
                  }
                : null,
            areaTargets,
            tasks: tasks.map((t) => ({
              area: t.area,
              title: t.title,
              text: null,
              leadUnits: t.lead,
              coordinatingUnits: t.coord.filter((u) => !t.lead.includes(u)),
              due: t.due,
              period: t.due ? null : "thường xuyên",
              targets: t.targets,
            })),
            signer: {
              authority: "KT. CHÁNH VĂN PHÒNG",
              position: "PHÓ CHÁNH VĂN PHÒNG",
              name: "Nguyễn Văn An",
            },
            recipients: ["Sở Nội vụ", "Lưu: VT, HCTC"],
          }),
        ),
    ),
);

function readBack(p: DocumentPlan) {
  return importPlanText(planDocumentText(planDocument(p)), { units: UNITS, areas: AREAS });
}

describe("plan → document → plan", () => {
  test("the demo-like plan reads back field by field", () => {
    fc.assert(
      fc.property(planArb, (p) => {
        const r = readBack(p);
        expect(r.document).toMatchObject({
          number: p.number,
          code: p.code,
          date: p.date,
          place: p.place,
          issuer: p.issuer.toLocaleUpperCase("vi-VN"),
          parentIssuer: p.parentIssuer?.toLocaleUpperCase("vi-VN"),
          title: p.title,
          signer: "Nguyễn Văn An",
          signerAuthority: "KT. CHÁNH VĂN PHÒNG",
          signerPosition: "PHÓ CHÁNH VĂN PHÒNG",
        });
        expect(r.document.references.map((x) => [x.number, x.code, x.date])).toEqual(
          p.references.map((x) => [x.number, x.code, x.date]),
        );
        if (p.overallTarget) expect(r.overallTarget).toMatchObject(p.overallTarget);
        expect(
          r.areaTargets.map(({ area, title, target, max, delta, kept }) => ({
            area,
            title,
            target,
            max,
            delta,
            kept,
          })),
        ).toEqual(
          p.areaTargets.map(({ area, title, target, max, delta, kept }) => ({
            area,
            title,
            target,
            max,
            delta,
            kept,
          })),
        );
        // Tasks come back grouped by area in the framework's order, then the ones without an area.
        const expected = [
          ...p.areaTargets.flatMap((a) => p.tasks.filter((t) => t.area === a.area)),
          ...p.tasks.filter((t) => t.area === null),
        ];
        expect(
          r.tasks.map((t) => ({
            area: t.area,
            title: t.title,
            lead: t.leadUnits,
            coord: t.coordinatingUnits,
            due: t.due,
          })),
        ).toEqual(
          expected.map((t) => ({
            area: t.area,
            title: t.title,
            lead: t.leadUnits,
            coord: t.coordinatingUnits,
            due: t.due,
          })),
        );
        r.tasks.forEach((t, i) => {
          expect(t.targets.map((x) => [x.comparator, x.value, x.unit])).toEqual(
            expected[i].targets.map((x) => [x.comparator, x.value, x.unit]),
          );
        });
      }),
      { numRuns: 150 },
    );
  });

  test("the document has the official parts in order", () => {
    const [p] = fc.sample(planArb, { numRuns: 1, seed: 7 });
    const text = planDocumentText(planDocument(p));
    const order = [
      "UBND TỈNH QUẢNG NAM",
      "VĂN PHÒNG UBND TỈNH",
      "Số: ",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      `${p.place}, ngày`,
      "KẾ HOẠCH",
      p.title,
      "./.",
      "PHÓ CHÁNH VĂN PHÒNG",
      "Nơi nhận:",
      "- Lưu: VT, HCTC.",
    ];
    let at = -1;
    for (const s of order) {
      const i = text.indexOf(s, at + 1);
      expect(i, s).toBeGreaterThan(at);
      at = i;
    }
  });
});

describe("a cited document", () => {
  test("reads as Nghị định 30 writes it: Party numbers keep their hyphen, normative ones their year", () => {
    expect(
      referenceLine({
        kind: "Kế hoạch",
        number: "4183",
        code: "KH-UBND",
        date: "2019-07-17",
        issuer: "UBND tỉnh",
      }),
    ).toBe("Kế hoạch số 4183/KH-UBND ngày 17/7/2019 của UBND tỉnh");
    expect(referenceLine({ kind: "Đề án", number: "02", code: "ĐA/TU", date: null, issuer: null })).toBe(
      "Đề án số 02-ĐA/TU",
    );
    expect(referenceLine({ kind: null, number: "61", code: "2018/NĐ-CP", date: null, issuer: null })).toBe(
      "Văn bản số 61/2018/NĐ-CP",
    );
  });
});
