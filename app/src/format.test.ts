import { describe, expect, test } from "vitest";
import { date, dateTime, delta, pts } from "./format.ts";

describe("the app's formatting (vi-VN)", () => {
  test("a day is dd/mm/yyyy; an instant is the day it was in Vietnam, not in UTC", () => {
    expect(date("2019-09-03")).toBe("03/09/2019");
    // 18:30 UTC on 2 September is 01:30 on 3 September in Vietnam.
    expect(date("2019-09-02T18:30:00.000Z")).toBe("03/09/2019");
    expect(date("2019-09-03T16:59:00Z")).toBe("03/09/2019");
    expect(date("not a date at all")).toBe("—");
    expect(date(null)).toBe("—");
    expect(dateTime("2019-09-02T18:30:00.000Z")).toBe("01:30 03/09/2019");
  });

  test("points with a decimal comma, a signed change", () => {
    expect(pts(75.4)).toBe("75,4");
    expect(delta(-1.5)).toBe("−1,5");
    expect(delta(3)).toBe("+3");
  });
});
