/**
 * A text made of the plan reader's own cues (a short name defined over and over, table rows, page
 * breaks, open brackets, bracketed targets, labelled lines) repeated to the size limit, with 30
 * units of near-identical names: the worst a reading must survive in bounded time. Used by
 * test/plan-import/robust.test.ts and bench/plan-import.ts.
 */
import { MAX_CHARS } from "../../core/plan-import/index.ts";

export function hostilePlanText(): { text: string; units: { name: string }[] } {
  const units = Array.from({ length: 30 }, (_, i) => ({ name: `Phòng Chuyên môn số ${i + 1} và Kiểm tra` }));
  const cues = [
    "Phòng Chuyên môn số 3 và Kiểm tra (sau đây gọi tắt là Phòng ba)",
    "1 | Cải cách thể chế | 8 | 7 | 7,5",
    "",
    "2",
    "",
    "((( Giao Phòng ba chủ trì, phối hợp Phòng Chuyên môn số 4 và Kiểm tra, trước ngày 30/6/2023;",
    "1.1. Chỉ số thành phần “Cải cách thể chế” (điểm tối đa: 8; năm 2022 đạt 6,5 điểm; mục tiêu năm 2023: 7 điểm)",
    "Nhiệm vụ 1. Thời gian thực hiện: Quý II. Hoàn thành: Tháng 9",
  ].join("\n");
  return { text: Array.from({ length: Math.ceil(MAX_CHARS / cues.length) }, () => cues).join("\n"), units };
}
