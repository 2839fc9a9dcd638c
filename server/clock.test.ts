import { describe, expect, it } from "vitest";
import { DEMO_DAY, databaseClock, fixedClock } from "./clock.ts";

describe("the clock", () => {
  it("a fixed clock stands on its day, for tests", async () => {
    const c = fixedClock("2019-12-10");
    expect(await c.today()).toBe("2019-12-10");
    expect(await c.read()).toEqual({ today: "2019-12-10", demo: false });
    expect(c.now().toISOString()).toBe("2019-12-10T02:00:00.000Z");
  });

  it("refuses a day that is not an ISO date", () => {
    expect(() => fixedClock("10/12/2019")).toThrow(RangeError);
  });

  it("with DEMO=off reads the real date in Vietnam, never the database", async () => {
    // 20:00 UTC on 9 December is 03:00 on 10 December in Vietnam.
    const db = new Proxy(
      {},
      {
        get: () => {
          throw new Error("the database was asked");
        },
      },
    );
    const c = databaseClock({
      db: db as never,
      demoAllowed: false,
      now: () => new Date("2019-12-09T20:00:00Z"),
    });
    expect(await c.read()).toEqual({ today: "2019-12-10", demo: false });
    expect(c.now().toISOString()).toBe("2019-12-09T20:00:00.000Z");
  });

  it("the demo's day is 10/12/2019", () => {
    expect(DEMO_DAY).toBe("2019-12-10");
  });
});
