/**
 * Agency, division and reporting-period requests, shared by the API routes and the admin forms.
 * Pure: zod and core only.
 */
import { z } from "zod";
import { type PeriodRule, validatePeriodRules } from "../periods.ts";
import { isoDateSchema } from "./cycles.ts";
import { idNumber } from "./ids.ts";

export const AGENCY_KINDS = ["province", "agency", "division", "unit_group"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const agencyCodeSchema = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, _ . - only");
export const agencyNameSchema = z.string().min(2).max(300);
export const shortNameSchema = z.string().max(60);
export const groupCodeSchema = z.string().max(40);
export const staffCountSchema = z.number().int().min(0).max(10_000_000);

export const createAgencySchema = z.object({
  code: agencyCodeSchema,
  name: agencyNameSchema,
  shortName: shortNameSchema.nullable().optional(),
  kind: z.enum(AGENCY_KINDS),
  parentId: idNumber.nullable().optional(),
  group: groupCodeSchema.nullable().optional(),
  validFrom: isoDateSchema.optional(),
  validTo: isoDateSchema.nullable().optional(),
  successorId: idNumber.nullable().optional(),
  staffCount: staffCountSchema.nullable().optional(),
});
export type CreateAgency = z.infer<typeof createAgencySchema>;

export const patchAgencySchema = z.object({
  name: agencyNameSchema.optional(),
  shortName: shortNameSchema.nullable().optional(),
  validFrom: isoDateSchema.optional(),
  validTo: isoDateSchema.nullable().optional(),
  successorId: idNumber.nullable().optional(),
  staffCount: staffCountSchema.nullable().optional(),
  group: groupCodeSchema.nullable().optional(),
});
export type PatchAgency = z.infer<typeof patchAgencySchema>;

/** An agency's validity: it may end on the day it starts, never before. */
export function validityIssue(validFrom: string | null | undefined, validTo: string | null | undefined) {
  if (validFrom && validTo && validTo < validFrom)
    return {
      code: "agency.bad_dates",
      field: "validTo",
      vi: "Ngày hết hiệu lực trước ngày bắt đầu",
      en: "validTo is before validFrom",
    } as const;
  return null;
}

const monthDay = z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) });
export const periodRuleSchema = z.object({
  code: z.enum(["q1", "h1", "m9", "year"]),
  labelVi: z.string().min(1).max(100),
  labelEn: z.string().min(1).max(100),
  from: monthDay.extend({ fromPrevYear: z.boolean() }),
  to: monthDay,
  due: monthDay,
});
export const periodRulesSchema = z.object({ rules: z.array(periodRuleSchema).min(1).max(4) });

export type PeriodIssueCode =
  | "periods.duplicate"
  | "periods.bad_day"
  | "periods.window"
  | "periods.due"
  | "periods.other";

export interface PeriodIssue {
  code: PeriodIssueCode;
  /** Index of the rule the problem is about. */
  index: number;
  /** The part of the rule to correct: from, to, due, or code. */
  field: "code" | "from" | "to" | "due";
  /** core/periods.ts's own wording (English). */
  message: string;
}

/**
 * core/periods.ts's validation, rule by rule, each problem placed on the rule and part it concerns so a
 * form can show it there. Exactly the same checks as the server's (it calls validatePeriodRules).
 */
export function periodIssues(rules: readonly PeriodRule[]): PeriodIssue[] {
  const out: PeriodIssue[] = [];
  const seen = new Set<string>();
  rules.forEach((r, index) => {
    if (seen.has(r.code))
      out.push({
        code: "periods.duplicate",
        index,
        field: "code",
        message: `Period ${r.code} is defined twice`,
      });
    seen.add(r.code);
    for (const message of validatePeriodRules([r])) {
      const day = / (from|to|due) is not a valid day/.exec(message);
      if (day) out.push({ code: "periods.bad_day", index, field: day[1] as "from", message });
      else if (/starts after it ends/.test(message))
        out.push({ code: "periods.window", index, field: "from", message });
      else if (/deadline must come after/.test(message))
        out.push({ code: "periods.due", index, field: "due", message });
      else out.push({ code: "periods.other", index, field: "code", message });
    }
  });
  return out;
}
