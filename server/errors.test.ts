import { describe, expect, it } from "vitest";
import { pathScrubber } from "./errors.ts";

describe("pathScrubber", () => {
  const scrub = pathScrubber(["/srv/parindex/data", "/opt/parindex/", "C:\\parindex"]);

  it("removes this machine's paths from a message, whatever follows them", () => {
    expect(scrub("/tmp/parindex-register-Ab12/register.xlsx is not a valid Excel workbook (bad zip)")).toBe(
      "[…] is not a valid Excel workbook (bad zip)",
    );
    expect(scrub("ENOENT: open '/srv/parindex/data/files/3/x.pdf'")).toBe("ENOENT: open '[…]'");
    expect(scrub("in /opt/parindex/server/app.ts:12")).toBe("in […]");
    expect(scrub("Cơ sở dữ liệu nhúng tại /home/an/parindex/data đang được dùng")).toBe(
      "Cơ sở dữ liệu nhúng tại […] đang được dùng",
    );
    expect(scrub("at C:\\parindex\\data\\x.db and D:/temp/y")).toBe("at […] and […]");
    expect(scrub("two: /var/lib/x, /root/.npm")).toBe("two: […], […]");
  });

  it("keeps URLs, URL paths and text that only looks alike", () => {
    for (const keep of [
      "No route POST /api/plans/1/publish",
      "see https://stuk.github.io/jszip/documentation/howto/read_zip.html",
      "Không có đường dẫn /api/tmp/x",
      "a ratio 3/4, the 2019/KH-VPUBND plan, /tmpfoo, and/or /usr-name",
      "Kế hoạch số 1994/KH-VPUBND",
    ])
      expect(scrub(keep)).toBe(keep);
  });
});
