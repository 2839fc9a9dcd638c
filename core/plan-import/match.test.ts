import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AREAS, TASKS, UNITS } from "../../demo/quangnam2019.ts";
import { importPlanText } from "./index.ts";
import { matchTasks } from "./match.ts";

const fixture = (name: string) => fs.readFileSync(path.resolve("test/fixtures/plans", name), "utf8");
const demo = TASKS.map((t) => ({ section: t.section, title: t.title, body: t.body }));

describe("matchTasks", () => {
  it("finds every task of the demo plan in the seed document, one to one, however the titles differ", () => {
    const read = importPlanText(fixture("quangnam-1994-kh-vpubnd-2019.txt"), {
      units: UNITS.map((u) => ({ name: u.name, shortName: u.shortName })),
      areas: AREAS.map((a) => ({ code: a.code, title: a.title })),
    });
    const m = matchTasks(
      demo,
      read.tasks.map((t) => ({ section: t.section, title: t.title, body: t.text })),
    );
    // The document lists the tasks in the demo's order: each is the stored task at the same place.
    expect(m.stored).toEqual(demo.map((_, i) => i));
    expect(m.score.every((s) => s !== null && s > 0.5)).toBe(true);
  });

  it("matches a reworded, reordered plan and leaves a new task new and a dropped one unmatched", () => {
    const incoming = [
      { section: "4.1", title: "Kiểm tra công tác cải cách hành chính", body: demo[1].body },
      { section: "4.1", title: "Tuyen truyen cai cach hanh chinh", body: null },
      { section: "4.1", title: "Tổ chức hội thi viết về cải cách hành chính cho đoàn viên", body: null },
      { section: "4.2", title: demo[9].title, body: demo[9].body },
    ];
    const m = matchTasks(demo, incoming);
    expect(m.stored).toEqual([1, 2, null, 9]);
  });

  it("never pairs two tasks of the document with one stored task", () => {
    const m = matchTasks(
      [{ section: "1", title: "Rà soát văn bản quy phạm pháp luật", body: null }],
      [
        { section: "1", title: "Rà soát văn bản quy phạm pháp luật", body: null },
        { section: "1", title: "Rà soát văn bản quy phạm pháp luật", body: null },
      ],
    );
    expect(m.stored).toEqual([0, null]);
  });

  it("matches little between two different agencies' plans", () => {
    for (const name of ["binhdinh-stp-2021.txt", "hatinh-stnmt-2023.txt", "nghiphong-xa-2024.txt"]) {
      const other = importPlanText(fixture(name));
      const m = matchTasks(
        demo,
        other.tasks.map((t) => ({ section: t.section, title: t.title, body: t.text })),
      );
      expect(
        m.stored.filter((x) => x !== null),
        name,
      ).toEqual([]);
    }
  });

  it("pairs the one remaining task of a section with the one remaining stored task, however reworded", () => {
    const m = matchTasks(
      [
        {
          section: "4.6",
          title: "Hiện đại hóa hành chính: ứng dụng công nghệ thông tin, chữ ký số",
          body: null,
        },
      ],
      [{ section: "4.6", title: "Về ứng dụng công nghệ thông tin", body: null }],
    );
    expect(m.stored).toEqual([0]);
  });
});
