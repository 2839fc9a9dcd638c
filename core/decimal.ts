/**
 * Exact points arithmetic. Points carry at most two decimals (5,72), so every amount of points is
 * held as an integer number of hundredths ("centi-points"): 5,72 → 572. Sums of integers are exact,
 * so 5,72 + 31,68 is 37,40 and never 37,400000000000006. Percentages are held the same way, in
 * hundredths of a percent (81,08 % → 8108).
 */

/** An amount of points in hundredths of a point. Always an integer. */
export type Centi = number;

export const SCALE = 100;

/** Parses "3,5", "3.5", "5,72", "12", " 8,50 " into hundredths. Returns null when not a number with ≤ 2 decimals. */
export function parseCenti(input: string | number): Centi | null {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return null;
    const c = Math.round(input * SCALE);
    // Reject values that carry more than two decimals (e.g. 1.234).
    if (Math.abs(c / SCALE - input) > 1e-9) return null;
    return c;
  }
  const s = input.trim().replace(/\s/g, "");
  const m = /^([+-]?)(\d+)(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const sign = m[1] === "-" ? -1 : 1;
  const whole = Number(m[2]);
  const frac = m[3] ? Number(m[3].padEnd(2, "0")) : 0;
  const c = sign * (whole * SCALE + frac);
  return Number.isSafeInteger(c) ? c : null;
}

/** Converts a number of points (as a JS number with ≤ 2 decimals) to hundredths, rounding half away from zero. */
export function toCenti(points: number): Centi {
  return roundHalfUp(points * SCALE);
}

/** Converts hundredths back to a plain number (only for presentation/JSON, never to compute with). */
export function fromCenti(c: Centi): number {
  return c / SCALE;
}

/** "7540" → "75.40": the canonical decimal string used in SQL numeric(7,2) and JSON-as-string. */
export function centiToDecimalString(c: Centi): string {
  const sign = c < 0 ? "-" : "";
  const a = Math.abs(c);
  return `${sign}${Math.trunc(a / SCALE)}.${String(a % SCALE).padStart(2, "0")}`;
}

export function sumCenti(values: Iterable<Centi>): Centi {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** Rounds a real number to the nearest integer, halves away from zero (the rounding people do by hand). */
export function roundHalfUp(x: number): number {
  // Guard against representation error such as 1.005*100 = 100.49999999999999.
  const r = Math.round(Math.abs(x) + 1e-9);
  return x < 0 ? -r : r;
}

/**
 * Exact integer division rounded half up: round(n / d) for integers, without float error.
 * Used for percentages: percentCenti = divRound(achieved * 10000, max).
 */
export function divRound(n: number, d: number): number {
  if (d === 0) throw new RangeError("division by zero");
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const neg = n < 0;
  const a = Math.abs(n);
  const q = Math.floor(a / d);
  const r = a - q * d;
  const res = 2 * r >= d ? q + 1 : q;
  return neg ? -res : res;
}

/** achieved ÷ max × 100, as hundredths of a percent rounded half up: (7540, 9300) → 8108 (81,08 %). */
export function percentCenti(achieved: Centi, max: Centi): Centi | null {
  if (max <= 0) return null;
  return divRound(achieved * 10000, max);
}
