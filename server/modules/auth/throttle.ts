/**
 * Sign-in throttling: the decision, pure. The failures it weighs live in the database
 * (login_failures, migration 009: repository.ts reads and writes them, service.ts puts the two
 * together), so the throttle survives a restart and holds across several server processes.
 *
 * The rules, each over a sliding 15-minute window, checked before any password is hashed and alike
 * for user names that exist and ones that do not:
 * - a browser that signed in to this user name before (its device cookie is known for it) is
 *   counted on its own: 10 failures, then it waits. Nothing anyone does elsewhere holds it back, so
 *   the owner can always sign in from a device they used before;
 * - from anywhere else, 5 failures for one user name from one address (an IPv6 client by its /64)
 *   and 30 from one address over all user names, then that address waits out the window;
 * - 50 failures for one user name from all such places together do not lock it: past them the user
 *   name is slowed to one attempt every 5 seconds, so a guesser with many addresses gets ~720 guesses
 *   an hour instead of thousands, while its owner still gets in (a few seconds later at worst).
 */

export interface WindowLimit {
  /** Failures allowed within any window; the next attempt waits. */
  max: number;
  windowMs: number;
}

export interface ThrottleLimits {
  /** A user name from one address, from a device not known for it: the limit a person mistyping meets. */
  perUserAddress: WindowLimit;
  /** One address over all user names (devices not known for them). */
  perAddress: WindowLimit;
  /** A device known for the user name, on its own. */
  perDevice: WindowLimit;
  /** A user name from every unknown device together: past `max`, one attempt per `slowMs`. */
  perUser: WindowLimit & { slowMs: number };
}

const WINDOW = 15 * 60_000;

export const LIMITS: ThrottleLimits = {
  perUserAddress: { max: 5, windowMs: WINDOW },
  perAddress: { max: 30, windowMs: WINDOW },
  perDevice: { max: 10, windowMs: WINDOW },
  perUser: { max: 50, windowMs: WINDOW, slowMs: 5_000 },
};

/** How long failures are worth keeping: the longest window. */
export const keepMs = (l: ThrottleLimits) =>
  Math.max(l.perUserAddress.windowMs, l.perAddress.windowMs, l.perDevice.windowMs, l.perUser.windowMs);

/** What the throttle can be given: a clock (tests move time) and other limits. */
export interface ThrottleOptions {
  now?: () => number;
  limits?: Partial<ThrottleLimits>;
}

/**
 * The recent failures that bear on an attempt, newest first, each list at most the `max` of its
 * limit (all the decision needs). An attempt from a device known for the user name weighs only that
 * device's failures; any other weighs the other three.
 */
export type Recent =
  | { kind: "device"; device: readonly number[] }
  | {
      kind: "elsewhere";
      userAddress: readonly number[];
      address: readonly number[];
      user: readonly number[];
    };

/** Milliseconds until a key with these failures (newest first) may try again under `limit`. */
function windowWait(times: readonly number[], limit: WindowLimit, now: number): number {
  const live = times.filter((t) => t + limit.windowMs > now);
  return live.length >= limit.max ? live[limit.max - 1]! + limit.windowMs - now : 0;
}

/** Past the user name's limit: the wait until one `slowMs` has passed since its latest attempt. */
function slowWait(times: readonly number[], limit: ThrottleLimits["perUser"], now: number): number {
  const live = times.filter((t) => t + limit.windowMs > now);
  return live.length >= limit.max ? Math.max(0, live[0]! + limit.slowMs - now) : 0;
}

/** Milliseconds the attempt must wait; 0 lets it through (and it is then charged as a failure). */
export function waitMs(recent: Recent, now: number, limits: ThrottleLimits = LIMITS): number {
  if (recent.kind === "device") return windowWait(recent.device, limits.perDevice, now);
  return Math.max(
    windowWait(recent.userAddress, limits.perUserAddress, now),
    windowWait(recent.address, limits.perAddress, now),
    slowWait(recent.user, limits.perUser, now),
  );
}

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
