import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressKey, FailureLog, LoginThrottle } from "./throttle.ts";

const MIN = 60_000;

describe("FailureLog", () => {
  it("refuses a key after max failures until the oldest of them leaves the window", () => {
    const log = new FailureLog({ max: 3, windowMs: 10 * MIN });
    log.fail("a", 0);
    log.fail("a", 1 * MIN);
    expect(log.waitMs("a", 2 * MIN)).toBe(0);
    log.fail("a", 2 * MIN);
    expect(log.waitMs("a", 2 * MIN)).toBe(8 * MIN);
    expect(log.waitMs("a", 10 * MIN - 1)).toBe(1);
    expect(log.waitMs("a", 10 * MIN)).toBe(0);
    expect(log.waitMs("b", 2 * MIN)).toBe(0);
  });

  it("forgets a key on reset, and forgives one failure at a given time", () => {
    const log = new FailureLog({ max: 2, windowMs: MIN });
    log.fail("a", 5);
    log.fail("a", 7);
    expect(log.waitMs("a", 8)).toBeGreaterThan(0);
    log.forgive("a", 7);
    expect(log.waitMs("a", 8)).toBe(0);
    log.forgive("a", 999); // never recorded: nothing happens
    log.fail("a", 9);
    log.reset("a");
    expect(log.waitMs("a", 10)).toBe(0);
    expect(log.size).toBe(0);
  });

  it("drops expired keys first, then the least recently failed, past maxKeys", () => {
    const log = new FailureLog({ max: 2, windowMs: MIN }, 3);
    log.fail("old", 0);
    log.fail("a", MIN - 10);
    log.fail("b", MIN - 5);
    log.fail("c", MIN + 1); // "old" has expired by now
    expect(log.size).toBe(3);
    log.fail("a", MIN + 2); // a is now the most recent
    log.fail("d", MIN + 3); // b is the least recently failed
    expect(log.size).toBe(3);
    log.fail("a", MIN + 4);
    expect(log.waitMs("a", MIN + 5)).toBeGreaterThan(0);
    log.fail("b", MIN + 6);
    expect(log.waitMs("b", MIN + 6)).toBe(0); // b was dropped and starts afresh
  });

  it("never lets more than max failures through in any window, and always lets a waiting key in after its wait", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 80 }),
        (max, windowMs, gaps) => {
          const log = new FailureLog({ max, windowMs });
          const allowed: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            const wait = log.waitMs("k", now);
            expect(wait).toBeGreaterThanOrEqual(0);
            expect(wait).toBeLessThanOrEqual(windowMs);
            if (wait === 0) {
              log.fail("k", now);
              allowed.push(now);
            } else {
              expect(log.waitMs("k", now + wait - 1)).toBeGreaterThan(0);
              expect(log.waitMs("k", now + wait)).toBe(0);
            }
          }
          for (let i = 0; i + max < allowed.length; i++)
            expect(allowed[i + max]! - allowed[i]!).toBeGreaterThanOrEqual(windowMs);
        },
      ),
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

describe("LoginThrottle", () => {
  function setup() {
    let t = 1_000_000;
    const throttle = new LoginThrottle({
      now: () => t,
      perUser: { max: 3, windowMs: 15 * MIN },
      perUserEverywhere: { max: 4, windowMs: 15 * MIN },
      perAddress: { max: 5, windowMs: 15 * MIN },
    });
    const fail = (user: string, ip = "127.0.0.1") => {
      const a = throttle.attempt(user, ip);
      expect(a.ok).toBe(true);
    };
    return { throttle, fail, advance: (ms: number) => (t += ms) };
  }

  it("holds a user name back on the address its failures came from, saying how many seconds to wait", () => {
    const { throttle, fail, advance } = setup();
    fail("an");
    advance(MIN);
    fail("an");
    fail("an");
    expect(throttle.attempt("an", "127.0.0.1")).toEqual({ ok: false, retryAfterS: 14 * 60 });
    expect(throttle.attempt("binh", "127.0.0.1").ok).toBe(true);
    advance(14 * MIN);
    expect(throttle.attempt("an", "127.0.0.1").ok).toBe(true);
  });

  it("someone who knows a user name cannot lock its owner out from another address, until the looser overall limit", () => {
    const { throttle, fail } = setup();
    fail("an", "10.0.0.66");
    fail("an", "10.0.0.66");
    fail("an", "10.0.0.66");
    expect(throttle.attempt("an", "10.0.0.66").ok).toBe(false);
    // The owner, elsewhere, still gets in (and that attempt counts towards the overall limit).
    expect(throttle.attempt("an", "127.0.0.2").ok).toBe(true);
    // Four over all addresses: the user name now waits everywhere.
    expect(throttle.attempt("an", "127.0.0.3")).toMatchObject({ ok: false });
  });

  it("a success clears the user name's failures but not the address's", () => {
    const { throttle, fail } = setup();
    fail("an");
    fail("an");
    const good = throttle.attempt("an", "127.0.0.1");
    if (!good.ok) throw new Error("refused");
    good.succeeded();
    fail("an");
    fail("an");
    // Four failures from the address so far (the success was taken back from it): one more fits.
    fail("binh");
    const r = throttle.attempt("dung", "127.0.0.1");
    expect(r.ok).toBe(false);
    expect(throttle.attempt("dung", "127.0.0.9").ok).toBe(true);
  });

  it("charges an attempt at once, so parallel guesses cannot all start before the first fails", () => {
    const { throttle } = setup();
    const started = [1, 2, 3, 4].map(() => throttle.attempt("an", "127.0.0.1"));
    expect(started.map((a) => a.ok)).toEqual([true, true, true, false]);
  });

  it("holds back a refused attempt without recording it", () => {
    const { throttle, fail, advance } = setup();
    fail("an");
    fail("an");
    fail("an");
    for (let i = 0; i < 10; i++) expect(throttle.attempt("an", "127.0.0.1").ok).toBe(false);
    // Refusals did not count against the address: two more failures still fit.
    fail("binh");
    fail("binh");
    advance(15 * MIN);
    expect(throttle.attempt("an", "127.0.0.1").ok).toBe(true);
  });
});
