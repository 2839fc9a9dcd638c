import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressKey, LIMITS, type Recent, type ThrottleLimits, waitMs } from "./throttle.ts";

const MIN = 60_000;
const SMALL: ThrottleLimits = {
  perUserAddress: { max: 3, windowMs: 15 * MIN },
  perAddress: { max: 5, windowMs: 15 * MIN },
  perDevice: { max: 4, windowMs: 15 * MIN },
  perUser: { max: 6, windowMs: 15 * MIN, slowMs: 5_000 },
};

interface Failure {
  at: number;
  user: string;
  address: string;
  device: string | null;
}

/**
 * The store as the repository keeps it, in memory: the decision's inputs are read from it exactly as
 * repository.recentFailures reads them (newest first, at most `max`, within the window).
 */
class Model {
  failures: Failure[] = [];
  constructor(
    private readonly limits: ThrottleLimits,
    /** The devices known for each user name. */
    readonly devices = new Map<string, Set<string>>(),
  ) {}
  private recent(pred: (f: Failure) => boolean, max: number, windowMs: number, now: number) {
    return this.failures
      .filter((f) => pred(f) && f.at > now - windowMs)
      .map((f) => f.at)
      .sort((a, b) => b - a)
      .slice(0, max);
  }
  recentFor(user: string, address: string, device: string | null, now: number): Recent {
    const l = this.limits;
    if (device && this.devices.get(user)?.has(device))
      return {
        kind: "device",
        device: this.recent(
          (f) => f.device === device && f.user === user,
          l.perDevice.max,
          l.perDevice.windowMs,
          now,
        ),
      };
    const elsewhere = (f: Failure) => f.device === null;
    return {
      kind: "elsewhere",
      userAddress: this.recent(
        (f) => elsewhere(f) && f.user === user && f.address === address,
        l.perUserAddress.max,
        l.perUserAddress.windowMs,
        now,
      ),
      address: this.recent(
        (f) => elsewhere(f) && f.address === address,
        l.perAddress.max,
        l.perAddress.windowMs,
        now,
      ),
      user: this.recent((f) => elsewhere(f) && f.user === user, l.perUser.max, l.perUser.windowMs, now),
    };
  }
  /** An attempt that fails if let through; returns the wait (0: it was let through and charged). */
  fail(user: string, address: string, device: string | null, now: number): number {
    const recent = this.recentFor(user, address, device, now);
    const wait = waitMs(recent, now, this.limits);
    if (wait === 0)
      this.failures.push({ at: now, user, address, device: recent.kind === "device" ? device : null });
    return wait;
  }
}

describe("waitMs", () => {
  it("holds a user name back on the address its failures came from, until the oldest leaves the window", () => {
    const m = new Model(SMALL);
    const t0 = 1_000_000;
    expect(m.fail("an", "10.0.0.1", null, t0)).toBe(0);
    expect(m.fail("an", "10.0.0.1", null, t0 + MIN)).toBe(0);
    expect(m.fail("an", "10.0.0.1", null, t0 + 2 * MIN)).toBe(0);
    expect(m.fail("an", "10.0.0.1", null, t0 + 2 * MIN)).toBe(13 * MIN);
    expect(m.fail("an", "10.0.0.2", null, t0 + 2 * MIN)).toBe(0); // another address
    expect(m.fail("binh", "10.0.0.1", null, t0 + 2 * MIN)).toBe(0); // another user name
    expect(m.fail("an", "10.0.0.1", null, t0 + 15 * MIN - 1)).toBe(1);
    expect(m.fail("an", "10.0.0.1", null, t0 + 15 * MIN)).toBe(0);
  });

  it("holds an address back after its failures over any user names", () => {
    const m = new Model(SMALL);
    for (let i = 0; i < 5; i++) expect(m.fail(`u${i}`, "10.0.0.1", null, i)).toBe(0);
    expect(m.fail("u9", "10.0.0.1", null, 10)).toBe(15 * MIN - 10);
    expect(m.fail("u9", "10.0.0.2", null, 10)).toBe(0);
  });

  it("slows a user name failing from many addresses instead of locking it: one attempt per slowMs", () => {
    const m = new Model(SMALL);
    let t = 0;
    const later = (ms: number) => {
      t += ms;
      return t;
    };
    for (let i = 0; i < 6; i++) expect(m.fail("an", `10.0.1.${i}`, null, later(100))).toBe(0);
    // Past the limit: from a fresh address too, the next attempt waits what is left of 5 s.
    expect(m.fail("an", "10.0.2.1", null, later(1_000))).toBe(4_000);
    expect(m.fail("an", "10.0.2.1", null, later(4_000))).toBe(0);
    expect(m.fail("an", "10.0.2.2", null, t)).toBe(5_000);
    // Still slowed, never locked, while the failures keep coming.
    for (let i = 0; i < 100; i++) expect(m.fail("an", `10.0.3.${i}`, null, later(5_000))).toBe(0);
    // Another user name is not slowed.
    expect(m.fail("binh", "10.0.2.3", null, t)).toBe(0);
  });

  it("counts a device known for the user name on its own, whatever happens elsewhere", () => {
    const m = new Model(SMALL, new Map([["an", new Set(["dev-an"])]]));
    let t = 0;
    const later = (ms: number) => {
      t += ms;
      return t;
    };
    // Someone fails on "an" from many addresses, and from the owner's own address.
    for (let i = 0; i < 40; i++) m.fail("an", `10.0.1.${i % 20}`, null, later(10));
    expect(m.fail("an", "10.0.1.0", null, t)).toBeGreaterThan(0);
    // The owner's browser, known for "an", from the same address: let through.
    expect(m.fail("an", "10.0.1.0", "dev-an", t)).toBe(0);
    // A device cookie known for another user name counts for nothing on this one: the attempt is
    // weighed and charged as from anywhere else.
    expect(m.recentFor("binh", "10.0.1.0", "dev-an", t).kind).toBe("elsewhere");
    expect(m.fail("binh", "10.0.1.0", "dev-an", t)).toBe(0);
    expect(m.failures.at(-1)).toMatchObject({ user: "binh", device: null });
    // The device's own failures hold only the device back, and do not count against the address.
    for (let i = 1; i < 4; i++) expect(m.fail("an", "10.0.9.9", "dev-an", later(10))).toBe(0);
    expect(m.fail("an", "10.0.9.9", "dev-an", later(10))).toBeGreaterThan(0);
    expect(m.fail("zoe", "10.0.9.9", null, t)).toBe(0);
  });

  it("with the real limits: 5 per user name and address, 30 per address, 10 per device, 50 then one per 5 s", () => {
    expect(LIMITS).toEqual({
      perUserAddress: { max: 5, windowMs: 15 * MIN },
      perAddress: { max: 30, windowMs: 15 * MIN },
      perDevice: { max: 10, windowMs: 15 * MIN },
      perUser: { max: 50, windowMs: 15 * MIN, slowMs: 5_000 },
    });
  });

  it("never lets more through than the limits allow, and always lets a waiting attempt in after its wait", () => {
    const attempt = fc.record({
      gap: fc.integer({ min: 0, max: 90_000 }),
      user: fc.constantFrom("an", "binh"),
      address: fc.constantFrom("10.0.0.1", "10.0.0.2", "10.0.0.3"),
      device: fc.constantFrom(null, "dev-an", "dev-x"),
    });
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 150 }), (attempts) => {
        const m = new Model(SMALL, new Map([["an", new Set(["dev-an"])]]));
        let now = 0;
        for (const a of attempts) {
          now += a.gap;
          const recent = m.recentFor(a.user, a.address, a.device, now);
          const wait = m.fail(a.user, a.address, a.device, now);
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThanOrEqual(15 * MIN);
          if (wait > 0) {
            // Nothing was charged, and the wait is exact for the failures known now.
            expect(waitMs(recent, now + wait - 1, SMALL)).toBeGreaterThan(0);
            expect(waitMs(recent, now + wait, SMALL)).toBe(0);
          }
        }
        // In any window: at most max failures per user name and address, per address, per device.
        const within = (fs: Failure[], max: number, windowMs: number) => {
          const ts = fs.map((f) => f.at).sort((a, b) => a - b);
          for (let i = 0; i + max < ts.length; i++)
            expect(ts[i + max]! - ts[i]!).toBeGreaterThanOrEqual(windowMs);
        };
        const elsewhere = m.failures.filter((f) => f.device === null);
        for (const address of ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) {
          within(
            elsewhere.filter((f) => f.address === address),
            SMALL.perAddress.max,
            SMALL.perAddress.windowMs,
          );
          for (const user of ["an", "binh"])
            within(
              elsewhere.filter((f) => f.address === address && f.user === user),
              SMALL.perUserAddress.max,
              SMALL.perUserAddress.windowMs,
            );
        }
        within(
          m.failures.filter((f) => f.device === "dev-an"),
          SMALL.perDevice.max,
          SMALL.perDevice.windowMs,
        );
        // Only the device known for "an" ever counts as a device.
        expect(m.failures.every((f) => f.device === null || (f.device === "dev-an" && f.user === "an"))).toBe(
          true,
        );
      }),
      { seed: 8_2025, numRuns: 300 },
    );
  });
});

describe("addressKey", () => {
  it("keeps IPv4 (also IPv4-mapped) and groups IPv6 by its /64", () => {
    expect(addressKey("127.0.0.1")).toBe("127.0.0.1");
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("2001:db8:0:1:aaaa::1")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:0db8:0000:0001:ffff:1:2:3")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:DB8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });
});
