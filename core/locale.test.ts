import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  closestMatch,
  compareByGivenName,
  compareVi,
  documentDateLine,
  formatDate,
  formatDateShort,
  formatNumber,
  formatPercentCenti,
  formatPoints,
  givenName,
  levenshtein,
  levenshteinWithin,
  matchesSearch,
  nfc,
  normalizeText,
  parseDecimal,
  parseViDate,
  quarterLabel,
  romanNumeral,
  searchKey,
  sortVi,
  todayInVietnam,
} from "./locale.ts";

const NFD = (s: string) => s.normalize("NFD");

// Letters (with every tone on every vowel), spaces and dash variants: the text this module exists for.
const VI_VOWELS = "aăâeêioôơuưy";
const TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"];
const VI_CHARS = [
  ..."bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX",
  ...Array.from(VI_VOWELS + VI_VOWELS.toUpperCase()).flatMap((v) => TONES.map((t) => nfc(v + t))),
  " ",
  "  ",
  "\u00A0",
  "-",
  "–",
  "—",
  "‑",
  "−",
  "0",
  "7",
  ",",
];
const viText = fc.array(fc.constantFrom(...VI_CHARS), { maxLength: 40 }).map((a) => a.join(""));
const anyText = fc.oneof(
  viText,
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
);

describe("nfc", () => {
  it("composes decomposed Vietnamese", () => {
    expect(nfc(NFD("Việt Nam"))).toBe("Việt Nam");
    expect(nfc(NFD("ệ")).length).toBe(1);
    expect(NFD("ệ").length).toBe(3);
  });
});

describe("normalizeText", () => {
  it("unifies dash variants and the spaces around them", () => {
    for (const s of [
      "Hành chính –Tổ chức",
      "Hành chính - Tổ chức",
      "Hành chính – Tổ chức",
      "Hành chính -Tổ chức",
      "Hành chính— Tổ chức",
      "Hành chính − Tổ chức",
      "  Hành   chính\u00A0–\tTổ chức ",
    ]) {
      expect(normalizeText(s)).toBe("Hành chính - Tổ chức");
    }
    expect(normalizeText("Độc lập – Tự do – Hạnh phúc")).toBe("Độc lập - Tự do - Hạnh phúc");
  });

  it("keeps glued dashes glued and leading list dashes in place", () => {
    expect(normalizeText("Số: 1994/KH-VPUBND")).toBe("Số: 1994/KH-VPUBND");
    expect(normalizeText("giai đoạn 2019–2020")).toBe("giai đoạn 2019-2020");
    expect(normalizeText("- Lưu: VT, HCTC.")).toBe("- Lưu: VT, HCTC.");
    expect(normalizeText("giảm -2,5 điểm")).toBe("giảm -2,5 điểm");
    expect(normalizeText("a - - b")).toBe("a - - b");
    expect(normalizeText("a -- b")).toBe("a -- b");
  });

  it("rewrites old-style tone placement on final oa/oe/uy, keeping case", () => {
    expect(normalizeText("hoà")).toBe("hòa");
    expect(normalizeText("uỷ")).toBe("ủy");
    expect(normalizeText("Uỷ ban nhân dân")).toBe("Ủy ban nhân dân");
    expect(normalizeText("khoẻ")).toBe("khỏe");
    expect(normalizeText("thuỷ")).toBe("thủy");
    expect(normalizeText("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(normalizeText("UỶ BAN")).toBe("ỦY BAN");
    expect(normalizeText("hoá học, hoạ sĩ, thoả thuận")).toBe("hóa học, họa sĩ, thỏa thuận");
    expect(normalizeText(NFD("Uỷ ban"))).toBe("Ủy ban");
  });

  it("leaves syllables that continue after the pair, and qu-, alone", () => {
    for (const s of [
      "hoàng",
      "toán",
      "khoảng",
      "ngoài",
      "xoáy",
      "khuỷu",
      "tuyển",
      "quý",
      "Quỳnh",
      "quả",
      "QUÝ",
    ]) {
      expect(normalizeText(s)).toBe(s);
    }
  });

  it("drops invisible characters", () => {
    expect(normalizeText("cải\u200B cách\u00AD")).toBe("cải cách");
    expect(normalizeText("")).toBe("");
  });

  it("stays stable on odd input found by property tests", () => {
    // A mark after a zero-width space composes once the space is gone.
    expect(normalizeText("oA\u200B\u0301")).toBe("óA");
    // Marks stay on their dash, and dash runs with marks count as one dash.
    expect(normalizeText(" -\u0300 o")).toBe("-\u0300 o");
    expect(normalizeText("o-\u0300\u2013 ")).toBe("o -\u0300-");
  });

  it("is idempotent and returns NFC", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const t = normalizeText(s);
        expect(normalizeText(t)).toBe(t);
        expect(t).toBe(nfc(t));
      }),
      { numRuns: 500 },
    );
  });
});

describe("searchKey / matchesSearch", () => {
  it("folds accents, đ, case, tone placement and dashes", () => {
    expect(searchKey("Cải cách hành chính Đà Nẵng")).toBe("cai cach hanh chinh da nang");
    expect(searchKey("ĐỒNG ĐỨC")).toBe("dong duc");
    expect(searchKey("Uỷ ban")).toBe(searchKey("Ủy ban"));
    expect(searchKey("hoà")).toBe(searchKey("hòa"));
    expect(searchKey("Phòng Hành chính – Tổ chức")).toBe(searchKey("phong hanh chinh -to chuc"));
    expect(searchKey("Phòng Hành chính –Tổ chức")).toBe("phong hanh chinh-to chuc");
    expect(searchKey("  a \u00A0 b  ")).toBe("a b");
    expect(searchKey("Ngày 17/7/2019")).toBe("ngay 17/7/2019");
  });

  it("finds accented text from unaccented queries", () => {
    expect(matchesSearch("Kế hoạch cải cách hành chính năm 2019", "cai cach")).toBe(true);
    expect(matchesSearch("Sở Nội vụ Đà Nẵng", "da nang")).toBe(true);
    expect(matchesSearch("Ủy ban nhân dân tỉnh", "UỶ BAN")).toBe(true);
    expect(matchesSearch("Phòng Hành chính – Tổ chức", "hành chính-tổ")).toBe(true);
    expect(matchesSearch("Cải cách thủ tục", "cai cach hanh chinh")).toBe(false);
    // A dash matches a space either way: people type the unit's name without its dash.
    expect(matchesSearch("Phòng Hành chính – Tổ chức", "hanh chinh to chuc")).toBe(true);
    expect(matchesSearch("Phòng Hành chính Tổ chức", "hanh chinh - to chuc")).toBe(true);
    expect(matchesSearch("anything", "")).toBe(true);
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const k = searchKey(s);
        expect(searchKey(k)).toBe(k);
      }),
      { numRuns: 1000 },
    );
  });

  it("is equal for the NFC and NFD forms of a string", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(searchKey(s.normalize("NFC"))).toBe(searchKey(s.normalize("NFD")));
        expect(normalizeText(s.normalize("NFC"))).toBe(normalizeText(s.normalize("NFD")));
      }),
      { numRuns: 500 },
    );
  });

  it("is equal for old and new tone placement of any oa/oe/uy syllable", () => {
    const syllable = fc.record({
      onset: fc.constantFrom("h", "kh", "th", "x", "t", "l", "ng", "H", "TH", ""),
      pair: fc.constantFrom("oa", "oe", "uy", "OA", "Oe", "UY", "Uy"),
      tone: fc.constantFrom(...TONES.slice(1)),
    });
    fc.assert(
      fc.property(syllable, ({ onset, pair, tone }) => {
        const oldStyle = nfc(onset + pair[0] + pair[1] + tone);
        const newStyle = nfc(onset + pair[0] + tone + pair[1]);
        expect(normalizeText(oldStyle)).toBe(newStyle);
        expect(searchKey(`Ban ${oldStyle} x`)).toBe(searchKey(`Ban ${newStyle} x`));
      }),
    );
  });
});

describe("parseDecimal", () => {
  it.each([
    ["3,5", 3.5],
    ["3.5", 3.5],
    ["-2,25", -2.25],
    ["+4", 4],
    ["\u22122,5", -2.5],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["1.234.567", 1234567],
    ["1,234,567", 1234567],
    ["1.234.567,89", 1234567.89],
    ["1 234,5", 1234.5],
    ["1\u00A0234\u00A0567", 1234567],
    ["1\u202F234.5", 1234.5],
    ["1.234", 1.234],
    ["1,234", 1.234],
    ["  8,50 ", 8.5],
    ["0", 0],
    ["-0", 0],
    [",5", 0.5],
    ["12", 12],
  ])("%j → %d", (input, expected) => {
    expect(parseDecimal(input)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "abc",
    "1,2,3,4",
    "3,5x",
    "3,5,",
    "5.",
    ".",
    "-",
    "--3",
    "12.34,5",
    "1.234,567.8",
    "1 234.567,8",
    "12 34",
    "1  234",
    "1e3",
    "Infinity",
    "NaN",
    "٣",
  ])("%j → null", (input) => {
    expect(parseDecimal(input)).toBeNull();
  });
});

describe("formatNumber", () => {
  it("formats vi-VN", () => {
    expect(formatNumber(3.5)).toBe("3,5");
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(75.4)).toBe("75,4");
    expect(formatNumber(1234567.891)).toBe("1.234.567,89");
    expect(formatNumber(-2.25)).toBe("-2,25");
    expect(formatNumber(12)).toBe("12");
    expect(formatNumber(3.5, { minDecimals: 2 })).toBe("3,50");
    expect(formatNumber(1.23456, { maxDecimals: 3 })).toBe("1,235");
    expect(formatNumber(2.5, { maxDecimals: 0 })).toBe("3");
    expect(formatNumber(-0.001)).toBe("0");
    expect(formatNumber(-0)).toBe("0");
  });

  it("rejects non-finite numbers", () => {
    expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("pins the known ambiguity: vi-VN prints 1234 as 1.234, which input reads as 1,234", () => {
    expect(formatNumber(1234)).toBe("1.234");
    expect(parseDecimal(formatNumber(1234))).toBe(1.234);
    expect(parseDecimal(formatNumber(1234, { minDecimals: 1 }))).toBe(1234);
  });

  it("round-trips through parseDecimal for numbers with at most two decimals", () => {
    // Integers from 1 000 to 999 999 print with a single group dot: see the test above.
    const ambiguous = (x: number) => Number.isInteger(x) && Math.abs(x) >= 1000 && Math.abs(x) < 1e6;
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }).map((k) => k / 100),
        (x) => {
          fc.pre(!ambiguous(x));
          expect(parseDecimal(formatNumber(x))).toBe(x === 0 ? 0 : x);
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -99999, max: 99999 }), (k) => {
        expect(parseDecimal(formatNumber(k / 100))).toBe(k / 100 === 0 ? 0 : k / 100);
      }),
    );
  });
});

describe("formatPoints / formatPercentCenti", () => {
  it("formats points from hundredths", () => {
    expect(formatPoints(350)).toBe("3,5");
    expect(formatPoints(7540)).toBe("75,4");
    expect(formatPoints(572)).toBe("5,72");
    expect(formatPoints(1200)).toBe("12");
    expect(formatPoints(0)).toBe("0");
    expect(formatPoints(5)).toBe("0,05");
    expect(formatPoints(-225)).toBe("-2,25");
    expect(formatPoints(123456)).toBe("1.234,56");
    expect(() => formatPoints(3.5)).toThrow(RangeError);
  });

  it("formats percentages with two decimals", () => {
    expect(formatPercentCenti(8108)).toBe("81,08%");
    expect(formatPercentCenti(9301)).toBe("93,01%");
    expect(formatPercentCenti(10000)).toBe("100,00%");
    expect(formatPercentCenti(0)).toBe("0,00%");
    expect(formatPercentCenti(5)).toBe("0,05%");
    expect(formatPercentCenti(-150)).toBe("-1,50%");
    expect(() => formatPercentCenti(Number.NaN)).toThrow(RangeError);
  });

  it("percentages always carry exactly two decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (p) => {
        const s = formatPercentCenti(p);
        expect(s).toMatch(/^-?\d{1,3}(\.\d{3})*,\d{2}%$/);
        expect(parseDecimal(s.slice(0, -1).replace(/\./g, ""))).toBe(p / 100 === 0 ? 0 : p / 100);
      }),
    );
  });

  it("points agree with formatNumber", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => {
        expect(formatPoints(c)).toBe(formatNumber(c / 100));
      }),
    );
  });
});

describe("dates", () => {
  it("parses Vietnamese and ISO dates", () => {
    expect(parseViDate("03/9/2019")).toBe("2019-09-03");
    expect(parseViDate("3/9/2019")).toBe("2019-09-03");
    expect(parseViDate("03/09/2019")).toBe("2019-09-03");
    expect(parseViDate("2019-09-03")).toBe("2019-09-03");
    expect(parseViDate(" 17/7/2019 ")).toBe("2019-07-17");
    expect(parseViDate("17.07.2019")).toBe("2019-07-17");
    expect(parseViDate("29/02/2020")).toBe("2020-02-29");
    expect(parseViDate("29/02/2000")).toBe("2000-02-29");
    expect(parseViDate("31/12/2024")).toBe("2024-12-31");
  });

  it.each([
    "",
    "29/02/2019",
    "29/02/1900",
    "31/4/2019",
    "32/1/2019",
    "0/1/2019",
    "1/13/2019",
    "1/0/2019",
    "2019-02-30",
    "2019-13-01",
    "03/09/19",
    "03/09-2019",
    "9/3/2019x",
    "ngày 03 tháng 9",
  ])("rejects %j", (s) => {
    expect(parseViDate(s)).toBeNull();
  });

  it("formats ISO dates", () => {
    expect(formatDate("2019-09-03")).toBe("03/09/2019");
    expect(formatDateShort("2019-09-03")).toBe("03/9/2019");
    expect(formatDateShort("2019-07-17")).toBe("17/7/2019");
    expect(formatDateShort("2019-12-25")).toBe("25/12/2019");
    expect(() => formatDate("2019-02-29")).toThrow(RangeError);
    expect(() => formatDateShort("3/9/2019")).toThrow(RangeError);
  });

  it("writes the NĐ 30 place-and-date line", () => {
    expect(documentDateLine("Quảng Nam", "2019-09-03")).toBe("Quảng Nam, ngày 03 tháng 9 năm 2019");
    expect(documentDateLine("Quảng Nam", "2019-01-15")).toBe("Quảng Nam, ngày 15 tháng 01 năm 2019");
    expect(documentDateLine("Đà Nẵng", "2020-02-09")).toBe("Đà Nẵng, ngày 09 tháng 02 năm 2020");
    expect(documentDateLine("Hà Nội", "2025-11-20")).toBe("Hà Nội, ngày 20 tháng 11 năm 2025");
    expect(documentDateLine("Hà Nội", "2025-10-01")).toBe("Hà Nội, ngày 01 tháng 10 năm 2025");
    expect(() => documentDateLine("Hà Nội", "2025-02-29")).toThrow(RangeError);
  });

  it("pads every day below 10 and only months 1 and 2, for every day of a leap year", () => {
    let seen = 0;
    for (let m = 1; m <= 12; m++) {
      for (let d = 1; d <= 31; d++) {
        const iso = `2024-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        if (parseViDate(iso) === null) continue;
        seen++;
        const line = documentDateLine("Quảng Nam", iso);
        const dd = d < 10 ? `0${d}` : String(d);
        const mm = m <= 2 ? `0${m}` : String(m);
        expect(line).toBe(`Quảng Nam, ngày ${dd} tháng ${mm} năm 2024`);
      }
    }
    expect(seen).toBe(366);
  });

  it("date formats round-trip for any calendar date", () => {
    const isoDate = fc
      .date({
        min: new Date("1900-01-01T00:00:00Z"),
        max: new Date("2199-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(isoDate, (iso) => {
        expect(parseViDate(formatDate(iso))).toBe(iso);
        expect(parseViDate(formatDateShort(iso))).toBe(iso);
        expect(parseViDate(iso)).toBe(iso);
        const [y, m, d] = iso.split("-").map(Number);
        const match = /^X, ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})$/.exec(documentDateLine("X", iso));
        expect(match).not.toBeNull();
        expect(Number(match![1])).toBe(d);
        expect(match![2]).toBe(m <= 2 ? `0${m}` : String(m));
        expect(Number(match![3])).toBe(y);
      }),
    );
  });

  it("takes today's date in Vietnam, 7 hours ahead of UTC", () => {
    expect(todayInVietnam(new Date("2019-09-02T17:00:00Z"))).toBe("2019-09-03");
    expect(todayInVietnam(new Date("2019-09-02T16:59:59Z"))).toBe("2019-09-02");
    expect(todayInVietnam(new Date("2019-12-31T17:30:00Z"))).toBe("2020-01-01");
    expect(todayInVietnam()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(() => todayInVietnam(new Date("nope"))).toThrow(RangeError);
  });
});

describe("roman numerals and quarters", () => {
  it("writes 1..12", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(romanNumeral).join(" ")).toBe(
      "I II III IV V VI VII VIII IX X XI XII",
    );
    expect(() => romanNumeral(0)).toThrow(RangeError);
    expect(() => romanNumeral(13)).toThrow(RangeError);
    expect(() => romanNumeral(1.5)).toThrow(RangeError);
  });

  it("labels quarters", () => {
    expect(quarterLabel(1)).toBe("quý I");
    expect(quarterLabel(2)).toBe("quý II");
    expect(quarterLabel(3)).toBe("quý III");
    expect(quarterLabel(4)).toBe("quý IV");
    expect(() => quarterLabel(5 as 1)).toThrow(RangeError);
  });
});

describe("collation", () => {
  it("sorts with the Vietnamese alphabet and tone order", () => {
    const expected = "an Ăn ân ba bà bả bã bá bạ da dz đa o ô ơ uy ưa Zô".split(" ");
    const shuffled = [...expected].reverse();
    expect(sortVi(shuffled)).toEqual(expected);
    expect(shuffled[0]).toBe("Zô");
    expect(compareVi("đa", "dz")).toBeGreaterThan(0);
    expect(compareVi("a", "b")).toBeLessThan(0);
    expect(compareVi("hòa", NFD("hòa"))).toBe(0);
  });

  it("puts Giáo before Giao and Đ after D, where code points would not", () => {
    const names = ["Sở Y tế", "Sở Giao thông vận tải", "Sở Đất đai", "Sở Giáo dục và Đào tạo", "Sở Du lịch"];
    const ordered = [
      "Sở Du lịch",
      "Sở Đất đai",
      "Sở Giáo dục và Đào tạo",
      "Sở Giao thông vận tải",
      "Sở Y tế",
    ];
    expect(sortVi(names)).toEqual(ordered);
    expect([...names].sort()).not.toEqual(ordered);
  });

  it("sorts objects by key into a new array, stably", () => {
    const units = [
      { id: 1, name: "Sở Tư pháp" },
      { id: 2, name: "Sở Nội vụ" },
      { id: 3, name: "Văn phòng UBND" },
      { id: 4, name: "Sở Nội vụ" },
      { id: 5, name: "Ban Dân tộc" },
    ];
    const sorted = sortVi(units, (u) => u.name);
    expect(sorted.map((u) => u.id)).toEqual([5, 2, 4, 1, 3]);
    expect(units.map((u) => u.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("takes the given name as the last word", () => {
    expect(givenName("Nguyễn Như Công")).toBe("Công");
    expect(givenName("  Lê   Văn   Ánh ")).toBe("Ánh");
    expect(givenName("Hoa")).toBe("Hoa");
    expect(givenName("")).toBe("");
  });

  it("orders people by given name, then middle names, then family name", () => {
    const people = [
      "Trần Thị Bình",
      "Nguyễn Văn An",
      "Phạm Thị An",
      "Lê An",
      "Võ Văn An",
      "Nguyễn Như Công",
      "Đặng Ánh",
    ];
    expect([...people].sort(compareByGivenName)).toEqual([
      "Lê An",
      "Phạm Thị An",
      "Nguyễn Văn An",
      "Võ Văn An",
      "Đặng Ánh",
      "Trần Thị Bình",
      "Nguyễn Như Công",
    ]);
    expect(compareByGivenName("Nguyễn Văn An", "Nguyễn Văn An")).toBe(0);
  });

  it("compareByGivenName is antisymmetric", () => {
    fc.assert(
      fc.property(viText, viText, (a, b) => {
        expect(Math.sign(compareByGivenName(a, b)) + Math.sign(compareByGivenName(b, a))).toBe(0);
      }),
    );
  });
});

describe("fuzzy matching", () => {
  it("computes edit distance", () => {
    expect(levenshtein("", "")).toBe(0);
    expect(levenshtein("abc", "")).toBe(3);
    expect(levenshtein("", "ab")).toBe(2);
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("flaw", "lawn")).toBe(2);
    expect(levenshtein("cải", "cai")).toBe(1);
    expect(levenshtein("😀a", "a")).toBe(1);
  });

  it("stops at a bound with the same answer up to it (levenshteinWithin)", () => {
    const s = fc.string({ maxLength: 14 });
    fc.assert(
      fc.property(s, s, fc.integer({ min: 0, max: 6 }), (a, b, k) => {
        expect(levenshteinWithin(a, b, k)).toBe(Math.min(levenshtein(a, b), k + 1));
      }),
    );
    expect(levenshteinWithin("Phòng Nội vụ", "Phòng Nội vu", 1)).toBe(1);
    expect(levenshteinWithin("kitten", "sitting", 2)).toBe(3);
  });

  it("is a metric on samples", () => {
    const s = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        expect(levenshtein(a, b)).toBe(levenshtein(b, a));
        expect(levenshtein(a, a)).toBe(0);
        expect(levenshtein(a, c)).toBeLessThanOrEqual(levenshtein(a, b) + levenshtein(b, c));
      }),
    );
  });

  it("suggests the nearest unit name", () => {
    const units = [
      "Phòng Tổng hợp",
      "Phòng Hành chính – Tổ chức",
      "Phòng Kế hoạch - Tài chính",
      "Văn phòng UBND",
    ];
    expect(closestMatch("Phòng Hành chính –Tổ chứ", units)).toEqual({
      candidate: "Phòng Hành chính – Tổ chức",
      distance: 1,
    });
    expect(closestMatch("phong hanh chinh - to chuc", units)).toEqual({
      candidate: "Phòng Hành chính – Tổ chức",
      distance: 0,
    });
    expect(closestMatch("phong ke hoach tai chinh", units)?.candidate).toBe("Phòng Kế hoạch - Tài chính");
    expect(closestMatch("Sở Giáo dục", units)).toBeNull();
    expect(closestMatch("", units)).toBeNull();
    expect(closestMatch("abc", [])).toBeNull();
  });

  it("respects the distance ratio and prefers the earlier candidate on ties", () => {
    expect(closestMatch("abcd", ["abxy"])).toBeNull();
    expect(closestMatch("abcd", ["abxy"], 0.5)).toEqual({ candidate: "abxy", distance: 2 });
    expect(closestMatch("abc", ["abd", "abe"])).toEqual({ candidate: "abd", distance: 1 });
  });
});
