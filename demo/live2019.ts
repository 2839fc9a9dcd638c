/**
 * The demo's living day: what has happened by 10/12/2019 in the 2019 cycle and the Office's plan, so
 * every journey of the README works on a fresh demo without changing a setting. Self-assessment of
 * 2019 is open (1–31/12/2019), the appraisal team is assigned, Sở Tư pháp has submitted its
 * self-assessment (so the appraiser has something to appraise), and the plan's divisions have
 * reported: two tasks done, one overdue (the inspection due 31/10/2019), the annual report due. Illustrative data,
 * like the demo's 2018 figures: no document number here names a real document.
 */
import type { TaskStatus } from "../server/db/schema.ts";

/** The demo's day: the clock of a database that started as the demo stands here (server/clock.ts). */
export { DEMO_DAY } from "../server/clock.ts";

/** The areas of the 2019 cycle the demo's appraiser (thamdinh) appraises: all but the survey area. */
export const APPRAISED_AREAS = ["1", "2", "3", "4", "5", "6", "7"] as const;

/** The department that has submitted its 2019 self-assessment, waiting for the appraisal team. */
export const SUBMITTED_2019 = {
  agency: "STP",
  submittedOn: "2019-12-06",
  explanation: "Dữ liệu demo: tài liệu kiểm chứng lưu tại cơ quan",
  /** Self-assessed points per leaf of the 2019 framework (criteria of areas 1 and 7, the other areas whole). */
  scores: {
    "1.1": "3",
    "1.2": "2",
    "1.3": "1,5",
    "1.4": "2",
    "1.5": "1",
    "1.6": "1,5",
    "2": "5",
    "3": "13",
    "4": "3,5",
    "5": "9",
    "6": "2",
    "7.1": "4",
    "7.2": "3,5",
    "8": "33",
  } as Record<string, string>,
};

export interface DemoTaskUpdate {
  /** The task's position in the plan (demo/quangnam2019.ts TASKS). */
  task: number;
  /** Who posts it: a demo user name. */
  by: "vp.hctc" | "vp.qttv";
  /** The unit it reports for. */
  unit: "VPUBND-HCTC" | "VPUBND-QTTV";
  role: "lead" | "coordinating";
  on: string;
  status: TaskStatus | null;
  progress: number;
  note: string;
  /** Evidence of the update: a document named by its number. */
  evidence?: { docNumber: string; note: string };
}

/** In the order they were posted. A lead unit's update sets the task's status and progress. */
export const TASK_UPDATES: DemoTaskUpdate[] = [
  {
    task: 4,
    by: "vp.hctc",
    unit: "VPUBND-HCTC",
    role: "lead",
    on: "2019-10-15",
    status: "in_progress",
    progress: 75,
    note: "Đã gửi báo cáo CCHC quý I, 6 tháng và 9 tháng đúng hạn; báo cáo năm đến hạn trong tháng 12/2019.",
    evidence: { docNumber: "Demo-BC-9T/2019", note: "Báo cáo 9 tháng (dữ liệu demo)" },
  },
  {
    task: 1,
    by: "vp.hctc",
    unit: "VPUBND-HCTC",
    role: "lead",
    on: "2019-10-10",
    status: "in_progress",
    progress: 20,
    note: "Đã ban hành kế hoạch kiểm tra; mới kiểm tra 1/7 Phòng, Ban, Trung tâm.",
    evidence: { docNumber: "Demo-KH-KT/2019", note: "Kế hoạch kiểm tra CCHC (dữ liệu demo)" },
  },
  {
    task: 2,
    by: "vp.qttv",
    unit: "VPUBND-QTTV",
    role: "coordinating",
    on: "2019-11-05",
    status: null,
    progress: 50,
    note: "Đã đăng 12 tin CCHC lên trang thông tin điện tử của Văn phòng.",
    evidence: { docNumber: "Demo-TT/2019", note: "Danh sách tin CCHC đã đăng (dữ liệu demo)" },
  },
  {
    task: 3,
    by: "vp.hctc",
    unit: "VPUBND-HCTC",
    role: "lead",
    on: "2019-11-15",
    status: "done",
    progress: 100,
    note: "62 % cán bộ, công chức, viên chức dự thi tìm hiểu CCHC của tỉnh.",
  },
  {
    task: 11,
    by: "vp.hctc",
    unit: "VPUBND-HCTC",
    role: "lead",
    on: "2019-11-28",
    status: "done",
    progress: 100,
    note: "Đã đánh giá, phân loại công chức năm 2019 và cập nhật đủ hồ sơ trên phần mềm quản lý CBCCVC.",
  },
  {
    task: 13,
    by: "vp.qttv",
    unit: "VPUBND-QTTV",
    role: "lead",
    on: "2019-12-02",
    status: "in_progress",
    progress: 60,
    note: "Tỷ lệ văn bản đi có chữ ký số đạt 82 %.",
  },
];
