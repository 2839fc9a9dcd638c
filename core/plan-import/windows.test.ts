/**
 * A deadline window belongs to the sentence that states it: inside one sentence of several it is that
 * sentence's (kept in `windows`), the task does not start with it, and it is the task's deadline only
 * when the task states no other date. On a label of its own, or in a task of one sentence, it is the task's.
 */
import { describe, expect, test } from "vitest";
import { taskDeadline } from "./deadlines.ts";

const read = (s: string) => taskDeadline(s, { start: 0, end: s.length }, 2019);

describe("deadline windows", () => {
  test("one sentence of several: the sentence keeps the window, its end is the task's only deadline", () => {
    const s =
      "Tổ chức khảo sát mức độ hài lòng của người dân. Hằng quý, Bộ phận Một cửa cập nhật danh sách. " +
      "Việc phát và thu phiếu được thực hiện từ tháng 9/2019 đến tháng 11/2019. Kết quả được tổng hợp vào báo cáo năm. " +
      "Phòng Nội vụ chủ trì; Bộ phận Một cửa phối hợp.";
    const { deadline, windows } = read(s);
    expect(deadline).toMatchObject({ startsOn: null, due: "2019-11-30", period: "Hằng quý" });
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({
      text: "Việc phát và thu phiếu được thực hiện từ tháng 9/2019 đến tháng 11/2019",
      startsOn: "2019-09-01",
      due: "2019-11-30",
      period: "từ tháng 9/2019 đến tháng 11/2019",
    });
    expect(s.slice(windows[0].sentence.start, windows[0].sentence.end)).toBe(windows[0].text);
    expect(s.slice(windows[0].span.start, windows[0].span.end)).toContain("từ tháng 9/2019");
  });

  test("a task that states its own deadline keeps it; the window stays with its sentence", () => {
    const { deadline, windows } = read(
      "Số hóa 100% sổ hộ tịch. Việc nhập sổ khai sinh được thực hiện từ tháng 4/2019 đến tháng 6/2019. " +
        "Tư pháp chủ trì. Thời hạn hoàn thành: 30/9/2019.",
    );
    expect(deadline).toMatchObject({ startsOn: null, due: "2019-09-30" });
    expect(windows.map((w) => [w.startsOn, w.due])).toEqual([["2019-04-01", "2019-06-30"]]);
  });

  test("a window on its own label, or in a task of one sentence, is the whole task's", () => {
    const labelled = read(
      "Rà soát quy chế làm việc. Cập nhật thông tin công chức. Thời gian thực hiện: bắt đầu từ tháng 9/2019 và kết thúc vào tháng 11/2019.",
    );
    expect(labelled.deadline).toMatchObject({ startsOn: "2019-09-01", due: "2019-11-30" });
    expect(labelled.windows).toEqual([]);
    const one = read(
      "3. Tuyên truyền cải cách hành chính\nTuyên truyền trên loa truyền thanh xã, thực hiện từ tháng 5/2019 đến tháng 11/2019. Văn hóa - Xã hội chủ trì.",
    );
    expect(one.deadline).toMatchObject({ startsOn: "2019-05-01", due: "2019-11-30" });
    expect(one.windows).toEqual([]);
  });

  test("a deadline that is not a window is the task's as before", () => {
    const { deadline, windows } = read(
      "Kiểm tra 30% đơn vị. Báo cáo kết quả. Thời gian hoàn thành trong tháng 10/2019.",
    );
    expect(deadline).toMatchObject({ startsOn: null, due: "2019-10-31" });
    expect(windows).toEqual([]);
  });
});
