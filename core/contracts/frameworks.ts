/**
 * A framework as the API takes it (POST/PUT /frameworks) and as it is exported to and imported from
 * a JSON file: the same schema on both sides, so a file the editor accepts is one the server stores.
 * Grade thresholds are percents here (80 = 80 %); points are numbers or Vietnamese strings ("3,5").
 */
import { z } from "zod";
import { type Centi, parseCenti } from "../decimal.ts";
import { idNumber } from "./ids.ts";

/** Points as a JSON number (3.5) or a Vietnamese string ("3,5"); at most two decimals → hundredths. */
export const pointsCentiSchema = z.union([z.number(), z.string()]).transform((v, ctx): Centi => {
  const c = parseCenti(v);
  if (c === null) {
    ctx.addIssue({ code: "custom", message: "must be a number with at most two decimals, e.g. 3,5" });
    return z.NEVER;
  }
  return c;
});

export const NODE_KINDS = ["area", "criterion", "subcriterion"] as const;

export const frameworkNodeSchema = z.object({
  code: z.string().min(1).max(40),
  parentCode: z.string().min(1).max(40).nullable().default(null),
  kind: z.enum(NODE_KINDS),
  title: z.string().min(1).max(500),
  max: pointsCentiSchema,
  position: z.number().int().min(0).optional(),
  rule: z.unknown().optional(),
  illustrative: z.boolean().optional(),
});

export const frameworkCodeSchema = z.string().trim().min(1).max(60);
export const frameworkTitleSchema = z.string().trim().min(1).max(300);
export const frameworkYearSchema = z.number().int().min(2000).max(2100);
export const agencyTypeSchema = z.string().trim().min(1).max(40);

export const frameworkInputSchema = z.object({
  code: frameworkCodeSchema,
  title: frameworkTitleSchema,
  year: frameworkYearSchema,
  agencyType: agencyTypeSchema,
  gradeBands: z
    .array(z.object({ grade: z.string().min(1).max(20), atLeast: z.number().min(0).max(100) }))
    .optional(),
  rankDecimals: z.union([z.literal(0), z.literal(1), z.literal(2), z.null()]).optional(),
  nodes: z.array(frameworkNodeSchema).min(1).max(5000),
});
export type FrameworkInput = z.input<typeof frameworkInputSchema>;

/** POST /frameworks: a new framework, optionally the next version of an existing one. */
export const createFrameworkSchema = frameworkInputSchema.extend({
  basedOnId: idNumber.optional(),
});

/** The exported file: the API's input plus a marker saying what the file is. */
export const FRAMEWORK_FILE_FORMAT = "parindex.framework/1";
export const frameworkFileSchema = frameworkInputSchema.extend({
  format: z.literal(FRAMEWORK_FILE_FORMAT).optional(),
});
