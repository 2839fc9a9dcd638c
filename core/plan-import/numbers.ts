/** Vietnamese decimals in plan text ("3,5", "8,5", "2,28") read exactly, as hundredths. */
import { type Centi, fromCenti, parseCenti } from "../decimal.ts";

export const NUM = "\\d+(?:,\\d+)?";

export function centi(s: string): Centi {
  const c = parseCenti(s.replace(",", "."));
  if (c === null) throw new Error(`not a number: ${s}`);
  return c;
}

export const num = (s: string): number => fromCenti(centi(s));
