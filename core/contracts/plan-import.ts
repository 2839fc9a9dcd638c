/**
 * POST /agencies/:id/plans/import/accept: the plan a person reviewed on the import screen. Shared
 * by the route and the screen's form. Pure: zod and the plans contract only.
 */
import { z } from "zod";
import { taskCreateBody } from "./plans.ts";

/** Signature lines as stored and printed: NFC (so a decomposed paste is measured as written), "\n" between lines. */
const signerText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.normalize("NFC").replace(/\r\n?/g, "\n") : v), schema);

const points = z.number().min(0).max(1000).multipleOf(0.01);

export const acceptImportBody = z.object({
  year: z.number().int().min(2000).max(2100),
  document: z.object({
    number: z.string().trim().max(20).nullable().optional(),
    code: z.string().trim().max(40).nullable().optional(),
    issuedOn: z.iso.date().nullable().optional(),
    place: z.string().trim().max(100).nullable().optional(),
    title: z.string().trim().min(1, "Cần trích yếu / a title is needed").max(500),
    implements: z.string().trim().max(2000).nullable().optional(),
    /** Who signs: null or absent when the document does not say (an update keeps the stored one). */
    signer: z
      .object({
        authority: signerText(
          z
            .string()
            .trim()
            .max(120, "Thẩm quyền ký tối đa 120 ký tự / the authority is at most 120 characters"),
        )
          .nullable()
          .optional(),
        position: signerText(
          z
            .string()
            .trim()
            .min(1, "Cần chức vụ người ký / the signer's position is needed")
            .max(120, "Chức vụ người ký tối đa 120 ký tự / the position is at most 120 characters"),
        ),
        name: signerText(
          z
            .string()
            .trim()
            .min(1, "Cần tên người ký / the signer's name is needed")
            .max(120, "Tên người ký tối đa 120 ký tự / the signer's name is at most 120 characters"),
        ),
      })
      .nullable()
      .optional(),
  }),
  overallTarget: z
    .object({
      percentAtLeast: z.number().min(0).max(100).nullable().optional(),
      rankGainMin: z.number().int().min(0).max(200).nullable().optional(),
      rankGainMax: z.number().int().min(0).max(200).nullable().optional(),
    })
    .refine((o) => o.rankGainMin == null || o.rankGainMax == null || o.rankGainMax >= o.rankGainMin, {
      message: "Số bậc tối đa không nhỏ hơn tối thiểu / the maximum gain is below the minimum",
      path: ["rankGainMax"],
    })
    .nullable()
    .optional(),
  areaTargets: z
    .array(
      z.object({ areaCode: z.string().min(1).max(40), target: points, kept: z.boolean().default(false) }),
    )
    .max(50),
  tasks: z.array(taskCreateBody).max(500),
});
export type AcceptImportBody = z.infer<typeof acceptImportBody>;

export interface AcceptImportResult {
  planId: number;
  created: boolean;
  changes: {
    fields: string[];
    areaTargets: number;
    tasksAdded: number;
    tasksUpdated: number;
    tasksUnchanged: number;
    /** Tasks of the stored plan that the document does not mention: kept as they are. */
    tasksNotInDocument: number;
  };
}
