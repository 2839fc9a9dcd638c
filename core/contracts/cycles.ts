/**
 * What a cycle request looks like, shared by the API routes and the web forms, so a form refuses
 * exactly what the server would refuse. Pure: zod and core only.
 */
import { z } from "zod";
import { parseViDate } from "../locale.ts";
import { idNumber } from "./ids.ts";

/** A date as "03/9/2019" or "2019-09-03" → ISO. */
export const isoDateSchema = z.string().transform((v, ctx) => {
  const d = parseViDate(v);
  if (!d) {
    ctx.addIssue({ code: "custom", message: "must be a date, dd/mm/yyyy or yyyy-mm-dd" });
    return z.NEVER;
  }
  return d;
});

export const cycleDatesSchema = z.object({
  selfAssessmentOpens: isoDateSchema.nullable().optional(),
  selfAssessmentCloses: isoDateSchema.nullable().optional(),
  appraisalCloses: isoDateSchema.nullable().optional(),
});
export type CycleDates = z.infer<typeof cycleDatesSchema>;
export type CycleDateField = keyof CycleDates;

export const groupSchema = z.string().trim().min(1).max(40);

export const createCycleSchema = cycleDatesSchema.extend({
  year: z.number().int().min(2000).max(2100),
  frameworkId: idNumber,
  provinceId: idNumber,
  group: groupSchema,
  agencyIds: z.array(idNumber).max(5000).optional(),
});
export type CreateCycle = z.infer<typeof createCycleSchema>;

/** PATCH /cycles/:id: only the dates change; a field left out keeps its value, null clears it. */
export const patchCycleSchema = cycleDatesSchema;

export const participantsSchema = z.object({
  agencyIds: z.array(idNumber).min(1).max(5000),
});

export const assignmentSchema = z.object({
  areaCode: z.string().trim().min(1).max(40),
  userId: idNumber,
});

export interface CycleDateIssue {
  code: "cycle.bad_dates";
  field: CycleDateField;
  vi: string;
  en: string;
}

/**
 * The order of a cycle's windows: self-assessment opens ≤ it closes ≤ appraisal closes. A date left
 * empty is not compared. Each problem names the later field, where a person would correct it.
 */
export function cycleDateIssues(d: {
  selfAssessmentOpens?: string | null;
  selfAssessmentCloses?: string | null;
  appraisalCloses?: string | null;
}): CycleDateIssue[] {
  const o = d.selfAssessmentOpens ?? null;
  const c = d.selfAssessmentCloses ?? null;
  const a = d.appraisalCloses ?? null;
  const issues: CycleDateIssue[] = [];
  if (o && c && c < o)
    issues.push({
      code: "cycle.bad_dates",
      field: "selfAssessmentCloses",
      vi: "Hạn tự đánh giá phải sau ngày mở",
      en: "Self-assessment must close after it opens",
    });
  if (a && (c ?? o) && a < (c ?? o)!)
    issues.push({
      code: "cycle.bad_dates",
      field: "appraisalCloses",
      vi: c ? "Hạn thẩm định phải sau hạn tự đánh giá" : "Hạn thẩm định phải sau ngày mở tự đánh giá",
      en: c
        ? "Appraisal must close after self-assessment"
        : "Appraisal must close after self-assessment opens",
    });
  return issues;
}

/** A written reason: a correction's, an exclusion's. At least a few words. */
export const reasonSchema = z.string().trim().min(10, "at least 10 characters: say why").max(2000);

/** The decision that announces the results, e.g. 617/QĐ-UBND of 29/3/2023. */
export const decisionSchema = z.object({
  number: z
    .string()
    .trim()
    .regex(/^\d{1,6}[a-zA-Z]?$/, "a document number, e.g. 617"),
  code: z
    .string()
    .trim()
    .regex(/^[\p{Lu}\p{N}Đ]+(-[\p{Lu}\p{N}Đ]+)*$/u, "a document code, e.g. QĐ-UBND")
    .max(40),
  date: isoDateSchema,
});
export type DecisionInput = z.infer<typeof decisionSchema>;

/** POST /cycles/:id/publish: the first publication names its decision; a correction may name a new one. */
export const publishCycleSchema = z.object({
  decision: decisionSchema.nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});

export const correctionSchema = z.object({ reason: reasonSchema });
export const exclusionSchema = z.object({ reason: reasonSchema });
