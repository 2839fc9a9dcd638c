/**
 * What a what-if request looks like, shared by the API route and the dashboard's what-if form, so the
 * form refuses as you type exactly what the server would refuse. Pure: zod and core only.
 */
import { z } from "zod";
import { type Centi, parseCenti } from "../decimal.ts";

/** Points as a JSON number (3.5) or a Vietnamese string ("3,5"), at most two decimals → hundredths. */
export const areaPointsSchema = z.union([z.number(), z.string()]).transform((v, ctx): Centi => {
  const c = parseCenti(v);
  if (c === null) {
    ctx.addIssue({ code: "custom", message: "must be a number with at most two decimals, e.g. 3,5" });
    return z.NEVER;
  }
  return c;
});

export const whatIfBodySchema = z.object({
  baseYear: z.number().int().min(2000).max(2100),
  /** Points per area code; an area left out keeps the base year's points. */
  areas: z.record(z.string(), areaPointsSchema).optional(),
});
export type WhatIfBody = z.infer<typeof whatIfBodySchema>;

/**
 * One area's points in the what-if form: a number with at most two decimals, from 0 to the area's
 * max. The server answers the same two bounds with whatif.negative and whatif.above_max.
 */
export function areaPointsWithin(max: Centi) {
  return areaPointsSchema.refine((c) => c >= 0 && c <= max, {
    message: "must be between 0 and the area's max points",
  });
}
