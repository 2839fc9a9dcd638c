/**
 * The Quảng Nam 2019 demo, transcribed from plan 1994/KH-VPUBND of 03/9/2019 (shared/seed). The
 * areas, maxima, targets and tasks are the seed's; the other departments' results are sample data,
 * labelled as such, so the ranking has something to rank against.
 */
import type { MeasurableTarget } from "../core/plan.ts";

export const PROVINCE = { code: "QNAM", name: "UBND tỉnh Quảng Nam", validTo: "2025-06-30" };
export const SUCCESSOR = { code: "DANANG", name: "UBND thành phố Đà Nẵng", validFrom: "2025-07-01" };
export const GROUP = "so-ban-nganh";
export const OFFICE = {
  code: "VPUBND",
  name: "Văn phòng UBND tỉnh Quảng Nam",
  shortName: "VP UBND tỉnh",
  staffCount: 96,
};
export const HOME_AFFAIRS = { code: "SNV", name: "Sở Nội vụ tỉnh Quảng Nam", shortName: "Sở Nội vụ" };

export const UNITS = [
  { code: "VPUBND-HCTC", name: "Phòng Hành chính – Tổ chức", shortName: "HC-TC", kind: "division" },
  { code: "VPUBND-QTTV", name: "Phòng Quản trị – Tài vụ", shortName: "QT-TV", kind: "division" },
  { code: "VPUBND-NC", name: "Phòng Nội chính", shortName: "NC", kind: "division" },
  {
    code: "VPUBND-KSTTHC",
    name: "Phòng Kiểm soát thủ tục hành chính",
    shortName: "KSTTHC",
    kind: "division",
  },
  { code: "VPUBND-KT", name: "Phòng Kinh tế", shortName: "KT", kind: "division" },
  { code: "VPUBND-KGVX", name: "Phòng Khoa giáo – Văn xã", shortName: "KGVX", kind: "division" },
  { code: "VPUBND-TTTH", name: "Trung tâm Tin học – Công báo", shortName: "TTTH-CB", kind: "division" },
  { code: "VPUBND-ALL", name: "Các Phòng, Ban, Trung tâm", shortName: "Tất cả", kind: "unit_group" },
  {
    code: "VPUBND-REL",
    name: "Các Phòng, Ban, Trung tâm liên quan",
    shortName: "Liên quan",
    kind: "unit_group",
  },
] as const;

/** The eight component indices of the seed (§3) with their maxima: 93 points in all. */
export const AREAS = [
  { code: "1", title: "Chỉ đạo, điều hành cải cách hành chính", max: "12" },
  { code: "2", title: "Cải cách thể chế", max: "5" },
  { code: "3", title: "Cải cách thủ tục hành chính", max: "14" },
  { code: "4", title: "Cải cách tổ chức bộ máy hành chính nhà nước", max: "3,5" },
  { code: "5", title: "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", max: "10" },
  { code: "6", title: "Cải cách tài chính công", max: "2" },
  { code: "7", title: "Hiện đại hóa hành chính", max: "8,5" },
  { code: "8", title: "Tác động của cải cách hành chính (điều tra xã hội học)", max: "38" },
] as const;

/**
 * 2019 criteria, only where the seed names them, marked illustrative: the seed gives no maxima below
 * area level, so these split the area's max by judgement and carry example scoring rules.
 */
export const ILLUSTRATIVE_CRITERIA = [
  {
    code: "1.1",
    parent: "1",
    title: "Mức độ hoàn thành kế hoạch cải cách hành chính năm",
    max: "3",
    rule: {
      kind: "percent_bands",
      indicator: "plan_completion",
      bands: [
        { atLeast: 7000, points: 150 },
        { atLeast: 10000, points: 300 },
      ],
    },
  },
  {
    code: "1.2",
    parent: "1",
    title: "Kiểm tra cải cách hành chính (≥ 30% số đơn vị)",
    max: "2",
    rule: { kind: "percent_bands", indicator: "units_inspected", bands: [{ atLeast: 3000, points: 200 }] },
  },
  {
    code: "1.3",
    parent: "1",
    title: "Tuyên truyền cải cách hành chính, Hội thi tìm hiểu CCHC",
    max: "2",
    rule: { kind: "linear", indicator: "contest_participation", from: 2500, to: 5000 },
  },
  {
    code: "1.4",
    parent: "1",
    title: "Chế độ báo cáo định kỳ (04 báo cáo)",
    max: "2",
    rule: {
      kind: "count_threshold",
      indicator: "reports_on_time",
      steps: [
        { atLeast: 2, points: 100 },
        { atLeast: 4, points: 200 },
      ],
    },
  },
  {
    code: "1.5",
    parent: "1",
    title: "Sáng kiến hoặc giải pháp mới trong cải cách hành chính",
    max: "1",
    rule: { kind: "count_threshold", indicator: "initiatives", steps: [{ atLeast: 1, points: 100 }] },
  },
  {
    code: "1.6",
    parent: "1",
    title: "Thực hiện nhiệm vụ UBND tỉnh giao",
    max: "2",
    rule: { kind: "manual", step: 25 },
  },
  {
    code: "7.1",
    parent: "7",
    title: "Ứng dụng công nghệ thông tin",
    max: "4,5",
    rule: { kind: "manual", step: 25 },
  },
  {
    code: "7.2",
    parent: "7",
    title: "Tỷ lệ văn bản đi được ký số (≥ 90%)",
    max: "4",
    rule: {
      kind: "percent_bands",
      indicator: "signed_outgoing",
      bands: [
        { atLeast: 7000, points: 200 },
        { atLeast: 9000, points: 400 },
      ],
    },
  },
] as const;

/** The Office's 2018 results per area, implied by the seed's targets and deltas (domain.md §3). */
export const OFFICE_2018 = ["7", "5", "13", "3,5", "7,5", "2", "5,72", "31,68"] as const;

/** Plan targets for 2019 (seed §3): target / max, and whether the 2018 result is kept. */
export const OFFICE_TARGETS_2019 = [
  { area: "1", target: "10" },
  { area: "2", target: "5", kept: true },
  { area: "3", target: "14" },
  { area: "4", target: "3,5", kept: true },
  { area: "5", target: "9" },
  { area: "6", target: "2", kept: true },
  { area: "7", target: "8" },
  { area: "8", target: "35" },
] as const;

/** Other departments, 2018, per area — SAMPLE DATA for the ranking (not real results). */
export const SAMPLE_DEPARTMENTS: { code: string; name: string; scores: string[] }[] = [
  { code: "SNV", name: "Sở Nội vụ", scores: ["11,5", "5", "13,5", "3,5", "9,5", "2", "8", "34,5"] },
  { code: "STP", name: "Sở Tư pháp", scores: ["11", "5", "13", "3,5", "9", "2", "7,5", "33"] },
  {
    code: "SKHDT",
    name: "Sở Kế hoạch và Đầu tư",
    scores: ["10,5", "4,5", "13,5", "3,5", "8,5", "2", "7,5", "32,5"],
  },
  { code: "STC", name: "Sở Tài chính", scores: ["10", "5", "13", "3,5", "8,5", "2", "7", "32"] },
  {
    code: "STTTT",
    name: "Sở Thông tin và Truyền thông",
    scores: ["10", "5", "13", "3,5", "8,5", "2", "7", "32"],
  },
  { code: "SCT", name: "Sở Công Thương", scores: ["9,5", "4,5", "12,5", "3", "8", "2", "6,5", "32"] },
  { code: "SXD", name: "Sở Xây dựng", scores: ["9", "4,5", "12,5", "3,5", "8", "1,5", "6,5", "31,5"] },
  { code: "SYT", name: "Sở Y tế", scores: ["8", "4,5", "12", "3", "7,5", "2", "6", "30,5"] },
  { code: "SGDDT", name: "Sở Giáo dục và Đào tạo", scores: ["8", "4", "12", "3", "7", "2", "5,5", "30"] },
  {
    code: "SGTVT",
    name: "Sở Giao thông vận tải",
    scores: ["7,5", "4", "11,5", "3", "7", "1,5", "5,5", "29,5"],
  },
  {
    code: "STNMT",
    name: "Sở Tài nguyên và Môi trường",
    scores: ["7", "3,5", "11", "3", "6,5", "1,5", "5", "28"],
  },
  {
    code: "SNNPTNT",
    name: "Sở Nông nghiệp và Phát triển nông thôn",
    scores: ["6,5", "3,5", "10,5", "2,5", "6", "1,5", "5", "27,5"],
  },
];

export interface DemoTask {
  section: string;
  area: string | null;
  title: string;
  body: string;
  lead: string[];
  coordinating: string[];
  startsOn?: string;
  due?: string;
  period?: string;
  targets: MeasurableTarget[];
}

const HCTC = "VPUBND-HCTC";
const QTTV = "VPUBND-QTTV";
const NC = "VPUBND-NC";
const KSTTHC = "VPUBND-KSTTHC";
const ALL = "VPUBND-ALL";
const REL = "VPUBND-REL";

/**
 * Who the seed's unit groups stand for, as the Office's focal point resolved them: "Các Phòng, Ban,
 * Trung tâm" is every division but the task's lead; "the related divisions" on the province's
 * assigned work are those that follow the province's sectors.
 */
export const RELATED_DIVISIONS = ["VPUBND-KT", "VPUBND-KGVX", "VPUBND-NC"];
export function groupMembers(group: string, lead: readonly string[]): string[] {
  if (group === REL) return RELATED_DIVISIONS;
  return UNITS.filter((u) => u.kind === "division" && !lead.includes(u.code)).map((u) => u.code);
}

/** Every task of sections 4.1–4.6 and 5 of the seed, with its units as the seed gives them. */
export const TASKS: DemoTask[] = [
  {
    section: "4.1",
    area: "1",
    title: "Xây dựng và thực hiện Kế hoạch cải cách hành chính",
    body: "Bảo đảm mức độ hoàn thành kế hoạch cải cách hành chính năm: Hoàn thành 100% kế hoạch.",
    lead: [HCTC],
    coordinating: [ALL],
    targets: [
      {
        text: "Hoàn thành 100% kế hoạch cải cách hành chính năm",
        indicator: "plan_completion",
        comparator: ">=",
        value: 100,
        unit: "%",
      },
    ],
  },
  {
    section: "4.1",
    area: "1",
    title: "Kiểm tra cải cách hành chính",
    body: "Xây dựng Kế hoạch kiểm tra công tác Cải cách hành chính, Quy chế làm việc tại các Phòng, Ban, Trung tâm trực thuộc Văn phòng (đảm bảo kiểm tra từ 30% số đơn vị trở lên). Thời gian hoàn thành trong tháng 10/2019.",
    lead: [HCTC],
    coordinating: [ALL],
    due: "2019-10-31",
    period: "trong tháng 10/2019",
    targets: [
      {
        text: "Kiểm tra từ 30% số đơn vị trở lên",
        indicator: "units_inspected",
        comparator: ">=",
        value: 30,
        unit: "%",
      },
      { text: "Hoàn thành trong tháng 10/2019", comparator: "done_by", value: "2019-10-31" },
    ],
  },
  {
    section: "4.1",
    area: "1",
    title: "Tuyên truyền cải cách hành chính",
    body: "Thực hiện tuyên truyền cải cách hành chính bằng hình thức đăng tải thông tin CCHC trên website của Văn phòng. Ngoài hình thức nêu trên, thực hiện tuyên truyền CCHC bằng hình thức tổ chức tọa đàm về CCHC hoặc các hình thức tuyên truyền mới, sáng tạo khác.",
    lead: [HCTC],
    coordinating: [QTTV],
    targets: [],
  },
  {
    section: "4.1",
    area: "1",
    title: "Tham gia Hội thi tìm hiểu cải cách hành chính của tỉnh",
    body: "Tham gia Hội thi tìm hiểu cải cách hành chính của tỉnh (đảm bảo số lượng người dự thi đạt tỷ lệ trên 50% trở lên so với tổng số cán bộ, công chức, viên chức, người lao động hiện có và đạt kết quả tốt). Các Phòng, Ban, Trung tâm phối hợp thực hiện theo Kế hoạch của Văn phòng.",
    lead: [HCTC],
    coordinating: [ALL],
    targets: [
      {
        text: "Số người dự thi trên 50% tổng số CBCCVC, người lao động",
        indicator: "contest_participation",
        comparator: ">",
        value: 50,
        unit: "%",
      },
    ],
  },
  {
    section: "4.1",
    area: "1",
    title: "Thực hiện chế độ báo cáo định kỳ",
    body: "Các báo cáo: Công tác cải cách hành chính; công tác kiểm tra, rà soát văn bản quy phạm pháp luật; về tình hình theo dõi thi hành pháp luật; về đào tạo bồi dưỡng cán bộ, công chức, viên chức; kết quả ứng dụng công nghệ thông tin, đảm bảo chất lượng, nội dung và thời gian quy định. Phòng Hành chính – Tổ chức: báo cáo công tác CCHC tại Văn phòng (04 báo cáo: quý I, 6 tháng, 9 tháng và năm) và công tác đào tạo bồi dưỡng CBCCVC. Phòng Nội chính: báo cáo công tác kiểm tra, rà soát VBQPPL, tình hình theo dõi thi hành pháp luật trên địa bàn tỉnh. Phòng Quản trị – Tài vụ: báo cáo kết quả ứng dụng công nghệ thông tin. Phòng Kiểm soát TTHC: báo cáo định kỳ quý, năm về kiểm soát thủ tục hành chính; rà soát, đánh giá thủ tục hành chính.",
    lead: [HCTC, NC, QTTV, KSTTHC],
    coordinating: [],
    period: "quý I, 6 tháng, 9 tháng, năm",
    targets: [
      {
        text: "04 báo cáo CCHC (quý I, 6 tháng, 9 tháng và năm)",
        indicator: "reports_on_time",
        comparator: ">=",
        value: 4,
        unit: "báo cáo",
      },
    ],
  },
  {
    section: "4.1",
    area: "1",
    title: "Sáng kiến hoặc giải pháp mới trong cải cách hành chính",
    body: "Có ít nhất 1 sáng kiến hoặc giải pháp mới về công tác cải cách hành chính được cơ quan có thẩm quyền công nhận.",
    lead: [],
    coordinating: [],
    targets: [
      {
        text: "Ít nhất 1 sáng kiến được công nhận",
        indicator: "initiatives",
        comparator: ">=",
        value: 1,
        unit: "sáng kiến",
      },
    ],
  },
  {
    section: "4.1",
    area: "1",
    title: "Gắn kết quả thực hiện CCHC với công tác thi đua, khen thưởng",
    body: "Gắn kết quả thực hiện CCHC với công tác thi đua, khen thưởng của cơ quan, đơn vị.",
    lead: [],
    coordinating: [],
    targets: [],
  },
  {
    section: "4.1",
    area: "1",
    title: "Tổ chức Hội nghị đánh giá, sơ kết, tổng kết công tác cải cách hành chính",
    body: "Tổ chức Hội nghị đánh giá, sơ kết, tổng kết công tác cải cách hành chính của Văn phòng hoặc lồng ghép vào Hội nghị của cơ quan kèm theo nội dung đánh giá thực hiện nhiệm vụ cải cách hành chính và khen thưởng về công tác cải cách hành chính.",
    lead: [HCTC],
    coordinating: [QTTV],
    targets: [],
  },
  {
    section: "4.1",
    area: "1",
    title: "Thực hiện các nhiệm vụ, công việc được UBND tỉnh giao",
    body: "Thực hiện các nhiệm vụ, công việc được UBND tỉnh giao (thể hiện qua phần mềm theo dõi, giám sát nhiệm vụ) và trong Kế hoạch cải thiện Chỉ số cải cách hành chính; Kế hoạch cải thiện Chỉ số hiệu quả quản trị và hành chính công tỉnh hàng năm.",
    lead: [KSTTHC, REL],
    coordinating: [],
    targets: [],
  },
  {
    section: "4.2",
    area: "2",
    title: "Rà soát, xử lý văn bản quy phạm pháp luật",
    body: "Rà soát văn bản quy phạm pháp luật thường xuyên, 100% số văn bản quy phạm pháp luật đã được xử lý theo thẩm quyền hoặc kiến nghị cơ quan có thẩm quyền xử lý; 100% văn bản phát hiện sai phạm qua kiểm tra được xử lý; đảm bảo tính đồng bộ, đồng nhất, hợp lý, khả thi và kịp thời trong việc phát hiện, xử lý các bất cập, vướng mắc.",
    lead: [HCTC],
    coordinating: [ALL],
    targets: [
      {
        text: "100% văn bản QPPL được rà soát, xử lý",
        indicator: "legal_docs_reviewed",
        comparator: ">=",
        value: 100,
        unit: "%",
      },
      {
        text: "100% văn bản sai phạm được xử lý",
        indicator: "violations_handled",
        comparator: ">=",
        value: 100,
        unit: "%",
      },
    ],
  },
  {
    section: "4.3",
    area: "4",
    title: "Sắp xếp tổ chức bộ máy, kiện toàn chức năng nhiệm vụ, sử dụng biên chế",
    body: "Thực hiện đầy đủ các quy định của Chính phủ, Văn phòng Chính phủ và của tỉnh về sắp xếp tổ chức bộ máy và kiện toàn chức năng, nhiệm vụ của các Phòng, Ban, Trung tâm trực thuộc Văn phòng; sử dụng biên chế công chức không vượt quá tổng biên chế được giao.",
    lead: [HCTC],
    coordinating: [ALL],
    targets: [
      {
        // The plan names a quantity, not a number: stored by its name (value null), never a made-up number.
        text: "Sử dụng biên chế công chức không vượt quá tổng biên chế được giao",
        indicator: "staff_quota_used",
        comparator: "<=",
        value: null,
        reference: "tổng biên chế được giao",
        unit: null,
      },
    ],
  },
  {
    section: "4.4",
    area: "5",
    title: "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
    body: "Bố trí công chức theo vị trí việc làm được phê duyệt; bổ nhiệm, bổ nhiệm lại lãnh đạo cấp phòng đúng quy định; đánh giá, phân loại CCVC năm 2019 đúng trình tự, thủ tục; đào tạo, bồi dưỡng và báo cáo đúng quy định; báo cáo thực hiện Chỉ thị 22/CT-UBND và 26/CT-UBND; tinh giản biên chế theo Nghị quyết HĐND tỉnh; cập nhật đầy đủ, kịp thời thông tin CBCCVC trên Phần mềm Quản lý cán bộ, công chức, viên chức (xây dựng Kế hoạch và phân công công chức thực hiện). Thời gian thực hiện: bắt đầu từ tháng 9/2019 và kết thúc vào tháng 11/2019.",
    lead: [HCTC],
    coordinating: [ALL],
    startsOn: "2019-09-01",
    due: "2019-11-30",
    period: "từ tháng 9/2019 đến tháng 11/2019",
    targets: [
      {
        text: "100% Phòng, Ban, Trung tâm bố trí công chức theo vị trí việc làm",
        indicator: "units_by_job_position",
        comparator: ">=",
        value: 100,
        unit: "%",
      },
      {
        text: "100% lãnh đạo cấp phòng bổ nhiệm đúng quy định",
        indicator: "leaders_appointed_properly",
        comparator: ">=",
        value: 100,
        unit: "%",
      },
      {
        text: "Hoàn thành 100% kế hoạch đào tạo, bồi dưỡng",
        indicator: "training_plan_completion",
        comparator: ">=",
        value: 100,
        unit: "%",
      },
    ],
  },
  {
    section: "4.5",
    area: "6",
    title: "Thực hiện cơ chế tự chủ về kinh phí quản lý hành chính",
    body: "Thực hiện cơ chế tự chủ, tự chịu trách nhiệm về sử dụng kinh phí quản lý hành chính, đảm bảo không có sai phạm về sử dụng kinh phí quản lý hành chính được phát hiện trong năm; thực hiện tiết kiệm chi phí hành chính, tăng thu nhập trong cơ quan.",
    lead: [QTTV],
    coordinating: [ALL],
    targets: [
      {
        text: "Không có sai phạm về sử dụng kinh phí được phát hiện",
        indicator: "finance_violations",
        comparator: "<=",
        value: 0,
        unit: "sai phạm",
      },
    ],
  },
  {
    section: "4.6",
    area: "7",
    title: "Hiện đại hóa hành chính: ứng dụng công nghệ thông tin, chữ ký số",
    body: "Xây dựng giải pháp thực hiện, đảm bảo kết quả đánh giá, xếp hạng mức độ ứng dụng công nghệ thông tin trong năm của Văn phòng đạt kết quả tốt nhất; tỷ lệ thực hiện Chữ ký số đối với văn bản đi đạt 90% trở lên; phối hợp điều tra xã hội học về tác động của cải cách hành chính đến Hiện đại hóa hành chính.",
    lead: [QTTV, HCTC],
    coordinating: [ALL],
    targets: [
      {
        text: "Tỷ lệ văn bản đi có chữ ký số đạt 90% trở lên",
        indicator: "signed_outgoing",
        comparator: ">=",
        value: 90,
        unit: "%",
      },
    ],
  },
  {
    section: "5",
    area: null,
    title: "Triển khai kế hoạch và gửi báo cáo kết quả về Phòng Hành chính – Tổ chức",
    body: "Các Phòng, Ban, Trung tâm căn cứ Kế hoạch cải thiện Chỉ số Cải cách hành chính (PAR INDEX) của Văn phòng chủ động triển khai thực hiện và gửi báo cáo kết quả về Phòng Hành chính – Tổ chức để theo dõi, tổng hợp báo cáo Lãnh đạo Văn phòng chỉ đạo.",
    lead: [ALL],
    coordinating: [],
    targets: [],
  },
  {
    section: "5",
    area: null,
    title: "Theo dõi, đôn đốc và tổng hợp báo cáo định kỳ về UBND tỉnh",
    body: "Phòng Hành chính – Tổ chức chịu trách nhiệm theo dõi, đôn đốc các Phòng, Ban, Trung tâm thực hiện tốt kế hoạch; định kỳ hằng quý, 6 tháng, năm tổng hợp báo cáo kết quả về Ủy ban nhân dân tỉnh theo quy định (lồng ghép trong báo cáo cải cách hành chính).",
    lead: [HCTC],
    coordinating: [],
    period: "hằng quý, 6 tháng, năm",
    targets: [],
  },
];

export const PLAN = {
  number: "1994",
  code: "KH-VPUBND",
  issuedOn: "2019-09-03",
  place: "Quảng Nam",
  title: "Kế hoạch cải thiện Chỉ số Cải cách hành chính (PAR INDEX) năm 2019 của Văn phòng UBND tỉnh",
  implements:
    "Kế hoạch số 4183/KH-UBND ngày 17/7/2019 của UBND tỉnh về cải thiện Chỉ số CCHC tỉnh Quảng Nam năm 2019",
  percentTarget: "85",
  rankGainMin: 1,
  rankGainMax: 2,
};
