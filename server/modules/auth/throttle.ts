/**
 * Sign-in throttling, in memory (one process): at most a few failed sign-ins per user name from one
 * client address, a looser number per user name from everywhere and per address, in any sliding
 * window. Pure bookkeeping over an injectable
 * clock, so tests move time instead of sleeping. Each app instance owns its own throttle.
 */

export interface WindowLimit {
  /** Failures allowed in any window; the next attempt waits. */
  max: number;
  windowMs: number;
}

/**
 * Failure times per key, newest last, at most `max` of them: a key is refused while `max`
 * failures fall within the last `windowMs` (a failure at t counts until t + windowMs, exclusive).
 */
export class FailureLog {
  private readonly times = new Map<string, number[]>();

  constructor(
    private readonly limit: WindowLimit,
    /** Keys remembered at most; past that, expired keys go first, then the least recently failed. */
    private readonly maxKeys = 10_000,
  ) {}

  get size(): number {
    return this.times.size;
  }

  private live(key: string, now: number): number[] {
    return (this.times.get(key) ?? []).filter((t) => t + this.limit.windowMs > now);
  }

  /** Milliseconds until the key may try again; 0 when it may now. Changes nothing. */
  waitMs(key: string, now: number): number {
    const t = this.live(key, now);
    return t.length >= this.limit.max ? t[t.length - this.limit.max]! + this.limit.windowMs - now : 0;
  }

  fail(key: string, now: number): void {
    const t = [...this.live(key, now), now].slice(-this.limit.max);
    this.times.delete(key); // re-inserted last: Map order is then least recently failed first
    this.times.set(key, t);
    if (this.times.size > this.maxKeys) this.evict(now);
  }

  /** Takes back one failure recorded at `at` (an attempt charged up front that turned out right). */
  forgive(key: string, at: number): void {
    const t = this.times.get(key);
    const i = t ? t.lastIndexOf(at) : -1;
    if (i < 0) return;
    t!.splice(i, 1);
    if (t!.length === 0) this.times.delete(key);
  }

  reset(key: string): void {
    this.times.delete(key);
  }

  private evict(now: number): void {
    for (const [key, t] of this.times)
      if (t[t.length - 1]! + this.limit.windowMs <= now) this.times.delete(key);
    for (const key of this.times.keys()) {
      if (this.times.size <= this.maxKeys) break;
      this.times.delete(key);
    }
  }
}

/** A user name from one address: the limit a person mistyping meets. */
export const USER_LIMIT: WindowLimit = { max: 5, windowMs: 15 * 60_000 };
/**
 * A user name from all addresses together: looser, so that someone who knows a name cannot lock its
 * owner out from one address, while guessing from many addresses stays slow.
 */
export const USER_EVERYWHERE_LIMIT: WindowLimit = { max: 50, windowMs: 15 * 60_000 };
export const ADDRESS_LIMIT: WindowLimit = { max: 30, windowMs: 15 * 60_000 };

/**
 * The key of a client address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 network, since
 * one client commonly holds a whole /64 and could otherwise step through fresh addresses.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(":")) return ip;
  const bare = ip.split("%")[0]!.toLowerCase();
  const [head = "", tail] = bare.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export type Attempt = { ok: true; succeeded(): void } | { ok: false; retryAfterS: number };

export class LoginThrottle {
  /** Per user name and address. */
  private readonly users: FailureLog;
  /** Per user name, over all addresses. */
  private readonly everywhere: FailureLog;
  private readonly addresses: FailureLog;
  private readonly now: () => number;

  constructor(
    opts: {
      now?: () => number;
      perUser?: WindowLimit;
      perUserEverywhere?: WindowLimit;
      perAddress?: WindowLimit;
      maxKeys?: number;
    } = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.users = new FailureLog(opts.perUser ?? USER_LIMIT, opts.maxKeys);
    this.everywhere = new FailureLog(opts.perUserEverywhere ?? USER_EVERYWHERE_LIMIT, opts.maxKeys);
    this.addresses = new FailureLog(opts.perAddress ?? ADDRESS_LIMIT, opts.maxKeys);
  }

  /**
   * Asks to try a password for `username` from `ip`. Refused: how many seconds to wait, with nothing
   * recorded. Allowed: the attempt is charged as a failure at once, so parallel guesses cannot all
   * slip in before the first one fails (an error of any kind leaves it charged); `succeeded()` clears
   * the user name's failures from that address and takes back the other two charges.
   */
  attempt(username: string, ip: string): Attempt {
    const now = this.now();
    const addr = addressKey(ip);
    const mine = `${username}\u0000${addr}`;
    const waitMs = Math.max(
      this.users.waitMs(mine, now),
      this.everywhere.waitMs(username, now),
      this.addresses.waitMs(addr, now),
    );
    if (waitMs > 0) return { ok: false, retryAfterS: Math.ceil(waitMs / 1000) };
    this.users.fail(mine, now);
    this.everywhere.fail(username, now);
    this.addresses.fail(addr, now);
    return {
      ok: true,
      succeeded: () => {
        this.users.reset(mine);
        this.everywhere.forgive(username, now);
        this.addresses.forgive(addr, now);
      },
    };
  }
}
