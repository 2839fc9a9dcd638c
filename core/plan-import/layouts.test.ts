/**
 * Layouts the held-out plans showed the importer: role words inside a unit list, short names a
 * document defines, text wrapped at a fixed width, lettered parts, short numbered tasks, deadlines
 * without a year, a header whose agency name runs over two lines.
 */
import { describe, expect, it, test } from "vitest";
import { importPlanText } from "./index.ts";
import { normaliseDocumentText } from "./text.ts";

const UNITS = [
  { name: "Văn phòng Sở" },
  { name: "Thanh tra Sở" },
  { name: "Phòng Quản lý năng lượng" },
  { name: "Phòng Kế hoạch - Tài chính" },
  { name: "Các phòng, đơn vị thuộc Sở" },
  { name: "Các cơ quan chuyên môn thuộc Ủy ban nhân dân huyện" },
  { name: "Ủy ban nhân dân các xã, thị trấn" },
];

const plan = (body: string) =>
  importPlanText(
    [
      "UBND TỈNH BẮC GIANG",
      "SỞ NÔNG NGHIỆP",
      "VÀ PHÁT TRIỂN NÔNG THÔN",
      "Số: 45/KH-SNN",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Bắc Giang, ngày 06 tháng 02 năm 2023",
      "KẾ HOẠCH",
      "Cải thiện Chỉ số cải cách hành chính năm 2023",
      "I. MỤC TIÊU",
      "- Chỉ số thành phần “Cải cách thể chế” đạt 7,5/8 điểm, tăng 0,5 điểm so với năm 2022;",
      "- Chỉ số thành phần “Cải cách thủ tục hành chính” đạt 11/12 điểm, tăng 01 điểm so với năm 2022.",
      "II. NHIỆM VỤ, GIẢI PHÁP",
      body,
      "III. TỔ CHỨC THỰC HIỆN",
      "Giao Văn phòng Sở theo dõi, đôn đốc thực hiện Kế hoạch./.",
    ].join("\n"),
    { units: UNITS },
  );

describe("plan layouts", () => {
  test("a header whose agency name runs over two lines; area targets with a quoted title and no colon", () => {
    const p = plan("1. Cải cách thể chế\n- Rà soát văn bản; Chủ trì: Thanh tra Sở.");
    expect(p.document.issuer).toBe("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN");
    expect(p.document.parentIssuer).toBe("UBND TỈNH BẮC GIANG");
    expect(p.areaTargets.map((a) => [a.title, a.target, a.max, a.delta])).toEqual([
      ["Cải cách thể chế", 7.5, 8, 0.5],
      ["Cải cách thủ tục hành chính", 11, 12, 1],
    ]);
  });

  test("role words inside a unit list: 'A chủ trì; B, C phối hợp' and 'A chủ trì, phối hợp với B'", () => {
    const p = plan(
      [
        "1. Cải cách thể chế",
        "a) Rà soát văn bản quy phạm pháp luật.",
        "Đơn vị thực hiện: Thanh tra Sở chủ trì; Văn phòng Sở, Phòng Kế hoạch - Tài chính phối hợp.",
        "b) Công khai thủ tục hành chính.",
        "Đơn vị thực hiện: Văn phòng Sở chủ trì, phối hợp với Phòng Quản lý năng lượng.",
      ].join("\n"),
    );
    expect(p.tasks.slice(0, 2).map((t) => [t.leadUnits, t.coordinatingUnits])).toEqual([
      [["Thanh tra Sở"], ["Văn phòng Sở", "Phòng Kế hoạch - Tài chính"]],
      [["Văn phòng Sở"], ["Phòng Quản lý năng lượng"]],
    ]);
    // "Giao Văn phòng Sở theo dõi …": the unit given the job leads it.
    expect(p.tasks.at(-1)?.leadUnits).toEqual(["Văn phòng Sở"]);
  });

  test("prose 'Giao A chủ trì, phối hợp với B thực hiện' leads with A only", () => {
    const p = plan(
      "1. Cải cách thể chế\n1.1. Kiểm tra ít nhất 03 đơn vị. Giao Văn phòng Sở chủ trì, phối hợp với Thanh tra Sở thực hiện; hoàn thành trước ngày 30/9/2023.",
    );
    expect(p.tasks[0]).toMatchObject({
      section: "1",
      leadUnits: ["Văn phòng Sở"],
      coordinatingUnits: ["Thanh tra Sở"],
      due: "2023-09-30",
    });
    expect(p.tasks[0].title).toBe("Kiểm tra ít nhất 03 đơn vị");
  });

  test("a short name the document defines names the unit afterwards", () => {
    const p = plan(
      [
        "Các cơ quan chuyên môn thuộc UBND huyện (sau đây gọi tắt là các cơ quan chuyên môn), Ủy ban nhân dân các xã, thị trấn (sau đây gọi tắt là UBND cấp xã) triển khai Kế hoạch.",
        "1. Cải cách thể chế",
        "- Rà soát văn bản (Chủ trì: Thanh tra Sở; phối hợp: các cơ quan chuyên môn, UBND cấp xã).",
      ].join("\n"),
    );
    const task = p.tasks.find((t) => t.title.startsWith("Rà soát"));
    expect(task?.coordinatingUnits).toEqual([
      "Các cơ quan chuyên môn thuộc Ủy ban nhân dân huyện",
      "Ủy ban nhân dân các xã, thị trấn",
    ]);
  });

  test("lettered parts hold their tasks and their area; a lead-in line ending 'sau:' is not a task", () => {
    const p = plan(
      [
        "Tập trung thực hiện các nhiệm vụ trọng tâm sau:",
        "A. CẢI CÁCH THỂ CHẾ",
        "- Rà soát văn bản; Chủ trì: Thanh tra Sở; Thời hạn hoàn thành: Quý III.",
        "B. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
        "- Công khai thủ tục; Chủ trì: Văn phòng Sở; Thời hạn hoàn thành: Tháng 6.",
        "- Số hóa hồ sơ; Chủ trì: Văn phòng Sở; Thời hạn hoàn thành: trước ngày 15/11.",
      ].join("\n"),
    );
    const tasks = p.tasks.filter((t) => t.section !== "III");
    expect(tasks.map((t) => [t.section, t.area, t.leadUnits[0], t.due])).toEqual([
      ["A", "1", "Thanh tra Sở", "2023-09-30"],
      ["B", "2", "Văn phòng Sở", "2023-06-30"],
      ["B", "2", "Văn phòng Sở", "2023-11-15"],
    ]);
  });

  test("a short numbered item of several clauses is a task, not a heading", () => {
    const p = plan(
      "2. Cải cách thủ tục hành chính\n2.1. Ký số 95% văn bản đi. Giao Văn phòng Sở thực hiện; thời gian: thường xuyên.\n2.2. Số hóa 100% hồ sơ. Giao Văn phòng Sở thực hiện.",
    );
    expect(p.tasks.filter((t) => t.section === "2").map((t) => t.title)).toEqual([
      "Ký số 95% văn bản đi",
      "Số hóa 100% hồ sơ",
    ]);
  });
});

describe("more layouts", () => {
  test("a numbered task written as a heading, with its items a), b) and one set of labelled lines", () => {
    const p = plan(
      [
        "1. Cải cách thể chế",
        "1.1. Kiểm tra cải cách hành chính",
        "a) Ban hành Kế hoạch kiểm tra;",
        "b) Theo dõi, đôn đốc xử lý 100% tồn tại.",
        "Cơ quan chủ trì: Văn phòng Sở; cơ quan phối hợp: Thanh tra Sở.",
        "Thời gian hoàn thành: Quý III/2023.",
        "1.2. Theo dõi tình hình thi hành pháp luật trong lĩnh vực sở hữu trí tuệ.",
        "Cơ quan chủ trì: Thanh tra Sở.",
        "- Số hóa hồ sơ:",
        "+ Số hóa 100% kết quả;",
        "+ Số hóa 100% hồ sơ khi tiếp nhận.",
        "Giao Văn phòng Sở thực hiện, Phòng Kế hoạch - Tài chính phối hợp; hoàn thành trước ngày 30/6/2023.",
      ].join("\n"),
    );
    const tasks = p.tasks.filter((t) => t.section !== "III");
    expect(tasks.map((t) => [t.title, t.leadUnits, t.coordinatingUnits, t.due])).toEqual([
      ["Kiểm tra cải cách hành chính", ["Văn phòng Sở"], ["Thanh tra Sở"], "2023-09-30"],
      ["Theo dõi tình hình thi hành pháp luật trong lĩnh vực sở hữu trí tuệ", ["Thanh tra Sở"], [], null],
      ["Số hóa hồ sơ", ["Văn phòng Sở"], ["Phòng Kế hoạch - Tài chính"], "2023-06-30"],
    ]);
  });

  test("area targets in a table drawn with '|', in a list after 'các lĩnh vực phấn đấu đạt:', and under the area's heading", () => {
    const table = importPlanText(
      [
        "I. MỤC TIÊU",
        "TT | Lĩnh vực | Điểm tối đa | Điểm năm 2023 | Mục tiêu năm 2024",
        "1 | Cải cách thể chế | 8,5 | 7,12 | 7,75",
        "2 | Cải cách tài chính công | 9,5 | 9,5 | 9,5",
        "| Tổng cộng | 18 | 16,62 | 17,25",
      ].join("\n"),
    );
    expect(table.areaTargets.map((a) => [a.title, a.target, a.max, a.delta, a.kept, a.baselineYear])).toEqual(
      [
        ["Cải cách thể chế", 7.75, 8.5, 0.63, false, 2023],
        ["Cải cách tài chính công", 9.5, 9.5, 0, true, 2023],
      ],
    );
    const listed = importPlanText(
      "I. MỤC TIÊU\nPhấn đấu đạt từ 87% trở lên; trong đó các lĩnh vực phấn đấu đạt: Cải cách thể chế 7/7,5 điểm; Cải cách tài chính công 6/6,5 điểm.",
    );
    expect(listed.areaTargets.map((a) => [a.title, a.target, a.max])).toEqual([
      ["Cải cách thể chế", 7, 7.5],
      ["Cải cách tài chính công", 6, 6.5],
    ]);
    const under = plan(
      "3. Cải cách tài chính công\nMục tiêu: đạt 8,75/9,5 điểm (tăng 0,45 điểm so với năm 2022).\n3.1. Giải ngân vốn đầu tư công. Giao Phòng Kế hoạch - Tài chính thực hiện.",
    );
    expect(under.areaTargets.at(-1)).toMatchObject({
      title: "Cải cách tài chính công",
      target: 8.75,
      max: 9.5,
      delta: 0.45,
    });
    expect(under.tasks.map((t) => t.title)).not.toContain("Mục tiêu");
  });

  test("a task table written with tabs reads like one in HTML", () => {
    const p = importPlanText(
      [
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành",
        "1\tRà soát văn bản quy phạm pháp luật\tThanh tra Sở\tVăn phòng Sở\tQuý II/2023",
        "2\tCông khai thủ tục hành chính\tVăn phòng Sở\t\tThường xuyên",
      ].join("\n"),
      { units: UNITS },
    );
    expect(p.tasks.map((t) => [t.title, t.leadUnits, t.coordinatingUnits, t.due])).toEqual([
      ["Rà soát văn bản quy phạm pháp luật", ["Thanh tra Sở"], ["Văn phòng Sở"], "2023-06-30"],
      ["Công khai thủ tục hành chính", ["Văn phòng Sở"], [], null],
    ]);
  });

  test("a news item's own plan is the one it says was issued, not the one it implements; a baseline in per cent", () => {
    const p = importPlanText(
      [
        "Ngày 12/3/2024, UBND thị xã Ninh Hòa ban hành Kế hoạch số 86/KH-UBND về Cải thiện Chỉ số cải cách hành chính năm 2024.",
        "Kế hoạch nhằm triển khai Kế hoạch số 37/KH-UBND ngày 06/02/2024 của UBND tỉnh Khánh Hòa.",
        "I. MỤC TIÊU",
        "Năm 2023, Chỉ số CCHC của thị xã đạt 84,17%, xếp thứ 6/8 huyện. Phấn đấu năm 2024 đạt từ 87% trở lên, tăng từ 3 đến 5 bậc.",
      ].join("\n"),
    );
    expect([p.document.number, p.document.date, p.document.issuer]).toEqual([
      "86",
      "2024-03-12",
      "UBND thị xã Ninh Hòa",
    ]);
    expect(p.document.references.map((r) => r.number)).toEqual(["37"]);
    expect(p.baseline).toMatchObject({ year: 2023, points: null, percent: 84.17, rank: 6, rankOf: 8 });
    expect(p.overallTarget).toMatchObject({ percentAtLeast: 87, rankGainMin: 3, rankGainMax: 5 });
  });
});

describe("layouts of the third held-out set", () => {
  test("tasks grouped under their lead unit; 'Về <area>:' names the area; 'chủ trì, phối hợp X' coordinates X", () => {
    const p = plan(
      [
        "1. Văn phòng Sở",
        "- Về cải cách thể chế: rà soát 100% văn bản; hoàn thành trong tháng 4/2023.",
        "- Về cải cách thủ tục hành chính: chủ trì, phối hợp Thanh tra Sở kiểm tra việc giải quyết hồ sơ; hoàn thành trong Quý II/2023.",
        "2. Thanh tra Sở",
        "- Về cải cách thể chế: tự kiểm tra văn bản; thực hiện thường xuyên.",
      ].join("\n"),
    );
    const tasks = p.tasks.filter((t) => t.section !== "III");
    expect(tasks.map((t) => [t.section, t.area, t.leadUnits, t.coordinatingUnits, t.due])).toEqual([
      ["1", "1", ["Văn phòng Sở"], [], "2023-04-30"],
      ["1", "2", ["Văn phòng Sở"], ["Thanh tra Sở"], "2023-06-30"],
      ["2", "1", ["Thanh tra Sở"], [], null],
    ]);
  });

  test("an area heading with its points in brackets; what was lost is not a task, nor is the lead-in to the tasks", () => {
    const p = plan(
      [
        "1. Chỉ số thành phần “Cải cách thể chế” (điểm tối đa: 8; năm 2022 đạt 6,5 điểm; mục tiêu năm 2023: 7,75 điểm)",
        "- Tồn tại, nguyên nhân mất điểm: kiểm tra được 20% đơn vị.",
        "- Nhiệm vụ, giải pháp:",
        "a) Rà soát văn bản. Đơn vị thực hiện: Thanh tra Sở chủ trì; Văn phòng Sở phối hợp. Thời hạn: tháng 6/2023.",
        "b) Tự kiểm tra văn bản. Đơn vị thực hiện: Văn phòng Sở. Thời hạn: thường xuyên.",
        "2. Chỉ số thành phần “Cải cách tài chính công” (điểm tối đa: 5; năm 2022 đạt 5 điểm; mục tiêu năm 2023: giữ vững 5 điểm)",
      ].join("\n"),
    );
    expect(p.areaTargets.slice(-2).map((a) => [a.title, a.target, a.max, a.delta, a.kept])).toEqual([
      ["Cải cách thể chế", 7.75, 8, 1.25, false],
      ["Cải cách tài chính công", 5, 5, 0, true],
    ]);
    const tasks = p.tasks.filter((t) => t.section !== "III");
    expect(tasks.map((t) => [t.title, t.leadUnits, t.coordinatingUnits])).toEqual([
      ["Rà soát văn bản", ["Thanh tra Sở"], ["Văn phòng Sở"]],
      ["Tự kiểm tra văn bản", ["Văn phòng Sở"], []],
    ]);
  });

  test("a PDF's page number inside a sentence, 'Nhiệm vụ N.' blocks and a 'Hoàn thành:' line", () => {
    const p = plan(
      [
        "1. Cải cách thể chế",
        "Nhiệm vụ 1. Ban hành Kế hoạch rà soát văn bản năm",
        "",
        "2",
        "",
        "2023 của Sở.",
        "Chỉ tiêu: giảm ít nhất",
        "50% văn bản trễ hạn.",
        "Chủ trì: Thanh tra Sở. Phối hợp: Văn phòng Sở.",
        "Hoàn thành: Tháng 9/2023.",
        "Nhiệm vụ 2. Tự kiểm tra văn bản.",
        "Chủ trì: Văn phòng Sở.",
      ].join("\n"),
    );
    const tasks = p.tasks.filter((t) => t.section !== "III");
    expect(tasks.map((t) => [t.title, t.leadUnits, t.coordinatingUnits, t.due])).toEqual([
      ["Ban hành Kế hoạch rà soát văn bản năm 2023 của Sở", ["Thanh tra Sở"], ["Văn phòng Sở"], "2023-09-30"],
      ["Tự kiểm tra văn bản", ["Văn phòng Sở"], [], null],
    ]);
    expect(tasks[0].targets.map((x) => [x.comparator, x.value, x.unit])).toEqual([[">=", 50, "%"]]);
  });

  test("a unit abbreviated by the initials of its parts: 'Phòng TN-MT', 'Sở KH&ĐT'", () => {
    const p = importPlanText(
      "I. NHIỆM VỤ\n- Rà soát hồ sơ đất đai; Chủ trì: Phòng TN-MT; Phối hợp: Sở KH&ĐT, Phòng QH-XD.",
      {
        units: [
          { name: "Phòng Tài nguyên và Môi trường" },
          { name: "Sở Kế hoạch và Đầu tư" },
          { name: "Phòng Quản lý quy hoạch và xây dựng" },
        ],
      },
    );
    expect([p.tasks[0].leadUnits, p.tasks[0].coordinatingUnits]).toEqual([
      ["Phòng Tài nguyên và Môi trường"],
      ["Sở Kế hoạch và Đầu tư", "Phòng Quản lý quy hoạch và xây dựng"],
    ]);
  });
});

describe("layouts of the fourth held-out set", () => {
  test("a Word table pasted as text: header, group rows with their empty cells dropped, a commune's posts as units", () => {
    const p = importPlanText(
      [
        "III. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN",
        "Các nhiệm vụ cụ thể theo bảng dưới đây:",
        "TT\tNội dung công việc\tBộ phận chủ trì\tBộ phận phối hợp\tThời gian hoàn thành",
        "I\tCải cách thể chế",
        "1\tRà soát văn bản QPPL\tTư pháp - Hộ tịch\tVăn phòng - Thống kê\tQuý II/2023",
        "2\tTự kiểm tra văn bản\tTư pháp - Hộ tịch\t\tThường xuyên",
      ].join("\n"),
      { units: [{ name: "Công chức Tư pháp - Hộ tịch" }, { name: "Công chức Văn phòng - Thống kê" }] },
    );
    expect(p.tasks.map((t) => [t.section, t.title, t.leadUnits, t.coordinatingUnits, t.due])).toEqual([
      [
        "I",
        "Rà soát văn bản QPPL",
        ["Công chức Tư pháp - Hộ tịch"],
        ["Công chức Văn phòng - Thống kê"],
        "2023-06-30",
      ],
      ["I", "Tự kiểm tra văn bản", ["Công chức Tư pháp - Hộ tịch"], [], null],
    ]);
  });

  test("a table of targets with a 'So với năm 2019' column; last year's results are not targets", () => {
    const p = importPlanText(
      [
        "II. KẾT QUẢ VÀ CHỈ TIÊU",
        "1. Kết quả năm 2019",
        "- Cải cách thủ tục hành chính: đạt 10,5/13 điểm; còn 12 hồ sơ trễ hạn.",
        "2. Chỉ tiêu năm 2020",
        "TT | Chỉ số thành phần | Điểm tối đa | Chỉ tiêu năm 2020 | So với năm 2019",
        "1 | Cải cách thủ tục hành chính | 13 | 12 | Tăng 1,5 điểm",
        "2 | Cải cách tài chính công | 6 | 5,5 | Giữ vững",
        "3 | Cải cách thể chế | 5 | 5 | +0,5",
      ].join("\n"),
    );
    expect(p.areaTargets.map((a) => [a.title, a.target, a.max, a.delta, a.kept])).toEqual([
      ["Cải cách thủ tục hành chính", 12, 13, 1.5, false],
      ["Cải cách tài chính công", 5.5, 6, 0, true],
      ["Cải cách thể chế", 5, 5, 0.5, false],
    ]);
  });

  test("targets listed in brackets or after 'đạt'; an item's mark before 'Giao X chủ trì'", () => {
    const p = plan(
      [
        "1. Cải cách thể chế",
        "a) Giao Văn phòng Sở chủ trì, phối hợp với Thanh tra Sở rà soát văn bản; hoàn thành trong Quý II/2023.",
      ].join("\n"),
    );
    expect(p.tasks[0]).toMatchObject({ leadUnits: ["Văn phòng Sở"], coordinatingUnits: ["Thanh tra Sở"] });
    const listed = importPlanText(
      "I. MỤC TIÊU\na) Các lĩnh vực phấn đấu đạt điểm tối đa: Chỉ đạo, điều hành CCHC (9/9 điểm); Cải cách thể chế (5,5/5,5 điểm).\nb) Các lĩnh vực còn lại: Cải cách tài chính công đạt 5,5/6 điểm.",
    );
    expect(listed.areaTargets.map((a) => [a.title, a.target, a.max])).toEqual([
      ["Chỉ đạo, điều hành CCHC", 9, 9],
      ["Cải cách thể chế", 5.5, 5.5],
      ["Cải cách tài chính công", 5.5, 6],
    ]);
  });
});

describe("what a review of the reader found", () => {
  test("the overall target before a later 'chỉ tiêu' in the same paragraph is still read", () => {
    const p = importPlanText(
      "I. MỤC TIÊU\nNăm 2024, Chỉ số CCHC của huyện đạt từ 85% trở lên, tăng ít nhất 2 bậc so với năm 2023; hoàn thành 100% các chỉ tiêu, nhiệm vụ được giao.",
    );
    expect(p.overallTarget).toMatchObject({ percentAtLeast: 85, rankGainMin: 2, rankGainMax: null });
  });

  test("a recipient's line in capitals between the authority and the position is not the position", () => {
    const p = importPlanText(
      [
        "I. NHIỆM VỤ",
        "- Rà soát văn bản./.",
        "Nơi nhận:",
        "KT. CHÁNH VĂN PHÒNG",
        "- UBND TỈNH;",
        "PHÓ CHÁNH VĂN PHÒNG",
        "Nguyễn Văn An",
      ].join("\n"),
    );
    expect([p.document.signerAuthority, p.document.signerPosition, p.document.signer]).toEqual([
      "KT. CHÁNH VĂN PHÒNG",
      "PHÓ CHÁNH VĂN PHÒNG",
      "Nguyễn Văn An",
    ]);
  });

  test("a change column of plain numbers or words states no change; only signs and 'tăng/giảm' do", () => {
    const p = importPlanText(
      [
        "I. MỤC TIÊU",
        "TT | Chỉ số thành phần | Điểm tối đa | Chỉ tiêu năm 2020 | So với năm 2019",
        "1 | Cải cách thể chế | 5 | 5 | 10",
        "2 | Cải cách tài chính công | 6 | 5,5 | x3",
        "3 | Cải cách thủ tục hành chính | 13 | 12 | −0,5",
      ].join("\n"),
    );
    expect(p.areaTargets.map((a) => a.delta)).toEqual([null, null, -0.5]);
  });

  test("numbers between blank lines next to other numbers are table cells, not page numbers", () => {
    const text = normaliseDocumentText("Cải cách thể chế\n\n9\n\n8,5\n\nCải cách TTHC\n\n14\n\n13");
    expect(text.split("\n").filter((l) => l !== "")).toEqual([
      "Cải cách thể chế",
      "9",
      "8,5",
      "Cải cách TTHC",
      "14",
      "13",
    ]);
  });
});

describe("layouts of the fifth held-out set", () => {
  test("'Giao: X chủ trì; phối hợp: Y', 'Văn phòng HĐND-UBND', a counted noun before an abbreviation", () => {
    const p = importPlanText(
      [
        "I. NHIỆM VỤ",
        "- Kiểm tra CCHC tại 50% số thôn. Giao: Văn phòng HĐND-UBND xã chủ trì; phối hợp: Công an xã. Thời gian: tháng 3/2026.",
        "- Thực hiện 04 báo cáo CCHC định kỳ. Giao: Công an xã; phối hợp: Văn phòng HĐND và UBND xã.",
      ].join("\n"),
      { units: [{ name: "Văn phòng HĐND và UBND xã" }, { name: "Công an xã" }] },
    );
    expect(p.tasks.map((t) => [t.leadUnits, t.coordinatingUnits, t.targets.map((x) => x.unit)])).toEqual([
      [["Văn phòng HĐND và UBND xã"], ["Công an xã"], ["%"]],
      [["Công an xã"], ["Văn phòng HĐND và UBND xã"], ["báo cáo"]],
    ]);
  });

  test("'đạt 10,5 điểm/11 điểm tối đa', a 'Tăng so với năm 2023' column of bare numbers, a document named twice", () => {
    const p = importPlanText(
      [
        "Căn cứ Kế hoạch số 118/KH-UBND ngày 20/01/2021 của UBND tỉnh; thực hiện Kế hoạch 118/KH-UBND,",
        "I. MỤC TIÊU",
        "a) Công tác chỉ đạo, điều hành CCHC: đạt 10,5 điểm/11 điểm tối đa, tăng 1,5 điểm;",
        "TT | Chỉ số thành phần | Điểm tối đa | Chỉ tiêu năm 2024 | Tăng so với năm 2023",
        "1 | Cải cách thể chế | 7 | 6 | 1,25",
        "2 | Cải cách tài chính công | 6 | 5,5 | Giữ nguyên",
      ].join("\n"),
    );
    expect(p.areaTargets.map((a) => [a.target, a.max, a.delta, a.kept])).toEqual([
      [10.5, 11, 1.5, false],
      [6, 7, 1.25, false],
      [5.5, 6, 0, true],
    ]);
    expect(p.document.references.map((r) => `${r.number}/${r.code} ${r.date}`)).toEqual([
      "118/KH-UBND 2021-01-20",
    ]);
  });
});

describe("text wrapped at a fixed width", () => {
  const line = (s: string) => `      ${s}`;
  const wrapped = [
    "I. NHIỆM VỤ",
    "        1.1. Giải quyết hồ sơ thủ tục hành chính trước và đúng hạn đạt tỷ lệ trên 98%;",
    line("100% hồ sơ quá hạn có văn bản xin lỗi tổ chức, cá nhân. Giao Phòng Quản lý"),
    line("Sở thực hiện; thời gian: thường xuyên và theo dõi, báo cáo định kỳ hằng quý."),
    "        1.2. Công khai dự toán, quyết toán ngân sách theo quy định của pháp luật hiện",
    line("hành; không để xảy ra sai phạm trong quản lý, sử dụng tài chính, tài sản công."),
    ...Array.from({ length: 8 }, (_, i) =>
      line(`Dòng thứ ${i + 1} của một đoạn văn bản dài được ngắt ở độ rộng cố định như bản PDF`),
    ),
  ].join("\n");

  test("lines are joined into paragraphs, also after ';' and before a capital; items stay apart", () => {
    const lines = normaliseDocumentText(wrapped).split("\n");
    expect(lines[1]).toBe(
      "1.1. Giải quyết hồ sơ thủ tục hành chính trước và đúng hạn đạt tỷ lệ trên 98%; 100% hồ sơ quá hạn có văn bản xin lỗi tổ chức, cá nhân. Giao Phòng Quản lý Sở thực hiện; thời gian: thường xuyên và theo dõi, báo cáo định kỳ hằng quý.",
    );
    expect(lines[2]).toMatch(/^1\.2\. Công khai .* hiện hành; không để .* tài sản công\.$/u);
  });

  test("a text of one paragraph per line (Word's) is left as it is", () => {
    const word = [
      "Năm 2022, Chỉ số cải cách hành chính của Sở đạt 84,26 điểm, xếp thứ 11/19 sở, ban, ngành thuộc tỉnh, giảm 01 bậc",
      "Văn phòng Sở là cơ quan thường trực",
      "Các phòng, đơn vị thuộc Sở chủ động triển khai, phối hợp chặt chẽ trong quá trình thực hiện kế hoạch này",
    ].join("\n");
    expect(normaliseDocumentText(word)).toBe(word);
  });
});

describe("control characters from converters", () => {
  it("are dropped from the text read, so what is accepted can be stored", () => {
    const esc = String.fromCharCode(27);
    const nul = String.fromCharCode(0);
    const text = normaliseDocumentText(`KẾ HOẠCH${esc}[0m\nCải cách${nul} hành chính năm 2019\u000bTiếp`);
    expect(text).toBe("KẾ HOẠCH[0m\nCải cách hành chính năm 2019\nTiếp");
  });
});

describe("issue 9: headers wherever they stand, numbers in every form, targets as written", () => {
  test("a two-column header table, the date spread over the next row", () => {
    const p = importPlanText(
      [
        "| UBND TỈNH VĨNH LONG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
        "| SỞ NỘI VỤ | Độc lập - Tự do - Hạnh phúc |",
        "| Số: 215/KH-SNV | Vĩnh Long, ngày 20 tháng 02 |",
        "| | năm 2023 |",
        "",
        "KẾ HOẠCH",
        "Cải thiện Chỉ số cải cách hành chính năm 2023",
        "",
        "I. NHIỆM VỤ",
        "1. Hiện đại hóa hành chính",
        "- Tỷ lệ văn bản đi được ký số đạt trên 95%. Chủ trì: Văn phòng Sở. Thời hạn hoàn thành: 31/12/2023.",
      ].join("\n"),
    );
    expect(p.document).toMatchObject({
      number: "215",
      code: "KH-SNV",
      date: "2023-02-20",
      place: "Vĩnh Long",
      issuer: "SỞ NỘI VỤ",
      parentIssuer: "UBND TỈNH VĨNH LONG",
    });
    expect(p.tasks[0].targets[0]).toMatchObject({
      comparator: ">",
      value: 95,
      subject: "Tỷ lệ văn bản đi được ký số",
      text: "Tỷ lệ văn bản đi được ký số đạt trên 95%",
    });
  });

  test("the place-and-date line over the signature; Party, normative and submission numbers", () => {
    const p = importPlanText(
      [
        "ỦY BAN NHÂN DÂN",
        "XÃ AN BÌNH",
        "Số: 12/KH-UBND",
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2024",
        "Thực hiện Đề án số 02-ĐA/TU ngày 10/01/2022 của Tỉnh ủy, Kế hoạch số 41-KH/TU, Nghị định số 61/2018/NĐ-CP và Tờ trình số 538/TTr-SNV ngày 02/10/2023.",
        "I. NHIỆM VỤ",
        "1. Cải cách chế độ công vụ",
        "- Sử dụng biên chế không vượt quá tổng biên chế được giao; không có trường hợp vi phạm kỷ luật; gửi 04 báo cáo. Chủ trì: Văn phòng - Thống kê. Thời hạn hoàn thành: 30/6/2024.",
        "An Bình, ngày 05 tháng 01 năm 2024",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "",
        "Nguyễn Văn Bình",
      ].join("\n"),
    );
    expect(p.document).toMatchObject({ date: "2024-01-05", place: "An Bình" });
    expect(p.document.references.map((r) => [r.kind, r.number, r.code])).toEqual([
      ["Đề án", "02", "ĐA/TU"],
      ["Kế hoạch", "41", "KH/TU"],
      ["Nghị định", "61", "2018/NĐ-CP"],
      ["Tờ trình", "538", "TTr-SNV"],
    ]);
    expect(p.tasks[0].targets.map((t) => [t.comparator, t.value, t.reference ?? null, t.unit])).toEqual([
      ["<=", null, "tổng biên chế được giao", null],
      ["<=", 0, null, "trường hợp vi phạm"],
      [">=", 4, null, "báo cáo"],
    ]);
  });

  test("a directive's tasks per agency, and a numbered 'Giao …' assignment", () => {
    const p = importPlanText(
      [
        "ỦY BAN NHÂN DÂN",
        "TỈNH HÀ NAM",
        "Số: 08/CT-UBND",
        "Hà Nam, ngày 15 tháng 3 năm 2022",
        "CHỈ THỊ",
        "Về việc nâng cao Chỉ số cải cách hành chính năm 2022",
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:",
        "1. Sở Nội vụ:",
        "- Tham mưu ban hành Kế hoạch kiểm tra cải cách hành chính; hoàn thành trước ngày 30/4/2022.",
        "2. Giao Sở Tài chính chủ trì thẩm định dự toán kinh phí cải cách hành chính; hoàn thành trước ngày 30/11/2022.",
      ].join("\n"),
      { units: [{ name: "Sở Nội vụ" }, { name: "Sở Tài chính" }] },
    );
    expect(p.document.kind).toBe("Chỉ thị");
    expect(p.tasks.map((t) => [t.section, t.leadUnits, t.due])).toEqual([
      ["1", ["Sở Nội vụ"], "2022-04-30"],
      ["2", ["Sở Tài chính"], "2022-11-30"],
    ]);
  });
});
