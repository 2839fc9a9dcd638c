/**
 * POST /agencies/:id/plans/import/accept: the plan a person reviewed on the import screen. Shared
 * by the route and the screen's form. Pure: zod and the plans contract only.
 */
import { z } from "zod";
import type { FieldChange } from "../plan-version.ts";
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
  tasks: z
    .array(
      taskCreateBody.extend({
        /**
         * Which stored task this one is, when the reviewer says so: a stored task's id, or null for a
         * new task. Absent: matched by section and title (core/plan-import/match.ts).
         */
        match: z.number().int().positive().nullable().optional(),
      }),
    )
    .max(500),
  /** Stored tasks the document no longer has that the reviewer removes (kept otherwise; never one with updates). */
  remove: z.array(z.number().int().positive()).max(500).default([]),
});
export type AcceptImportBody = z.infer<typeof acceptImportBody>;

/** How a task of the document relates to the stored plan (POST …/plans/import/preview). */
export interface ImportTaskDiff {
  /** unchanged / changed: a stored task the document has; new: not stored yet; removed: stored, not in the document. */
  kind: "unchanged" | "changed" | "new" | "removed";
  /** The task's place in the document (null for a stored task the document does not have). */
  index: number | null;
  /** The stored task (null for a new one). */
  taskId: number | null;
  title: string;
  section: string | null;
  /** How alike the matched tasks are (1: the same title); null when not matched by similarity. */
  score: number | null;
  /** Field by field, what accepting changes in the stored task. */
  changes: FieldChange[];
  /** The stored task's progress updates (a task with updates is never removed). */
  updates: number;
  /** A removed task: whether accepting deletes it (the reviewer chose so) or keeps it. */
  remove: boolean;
}

export interface ImportDiff {
  /** The stored plan of that year, null when accepting creates it. */
  planId: number | null;
  /** Whether the stored plan has a published version: accepting then changes its draft only. */
  published: boolean;
  fields: { field: string; before: unknown; after: unknown }[];
  areaTargets: {
    areaCode: string;
    before: { target: number; kept: boolean } | null;
    after: { target: number; kept: boolean } | null;
  }[];
  tasks: ImportTaskDiff[];
  counts: { unchanged: number; changed: number; added: number; removed: number; kept: number };
}

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
    /** Stored tasks the document does not mention that the reviewer removed. */
    tasksRemoved: number;
  };
  /** The plan has a published version: the public reads it unchanged until the focal point publishes again. */
  published: boolean;
}
