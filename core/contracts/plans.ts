/**
 * The request bodies of the plan and task routes, shared by the server (route validation) and the
 * web app (forms validate as you type with the same rules). Pure: zod and core only.
 */
import { z } from "zod";
import { parseViDate } from "../locale.ts";
import { idNumber, idQuery } from "./ids.ts";

export const TASK_STATUSES = ["not_started", "in_progress", "done", "cancelled"] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);

export const COMPARATORS = [">=", ">", "<=", "<", "=", "done_by"] as const;

/** A date as "03/9/2019" or "2019-09-03" → ISO. */
export const planDateSchema = z.string().transform((v, ctx) => {
  const d = parseViDate(v);
  if (!d) {
    ctx.addIssue({ code: "custom", message: "must be a date, dd/mm/yyyy or yyyy-mm-dd" });
    return z.NEVER;
  }
  return d;
});

/** A unit of the agency by id, or by its name or short name (as a plan document writes it). */
export const unitRefSchema = z.union([idNumber, z.string().min(1).max(200)]);

export const targetFields = z.object({
  text: z.string().trim().min(1).max(1000),
  indicator: z.string().max(60).nullable().optional(),
  comparator: z.enum(COMPARATORS),
  value: z
    .union([z.number(), z.string().max(20)])
    .nullable()
    .default(null),
  /** A named quantity instead of a number: "tổng biên chế được giao" (value null). */
  reference: z.string().trim().min(1).max(200).nullable().optional(),
  unit: z.string().max(40).nullable().optional(),
});

const hasValue = (t: { value?: unknown }) => t.value !== null && t.value !== undefined;

/**
 * A measurable target: done_by takes an ISO date; every other comparator a number, or instead of it
 * a named quantity (`reference`) — exactly one of the two, never both and never neither.
 */
export const measurableTargetSchema = targetFields
  .refine((t) => hasValue(t) || !!t.reference, {
    message: "Cần giá trị hoặc tên đại lượng / a value or a named quantity is needed",
    path: ["value"],
  })
  .refine((t) => !(hasValue(t) && t.reference), {
    message: "Chỉ một trong giá trị và tên đại lượng / a value or a named quantity, not both",
    path: ["reference"],
  })
  .refine((t) => t.comparator !== "done_by" || !t.reference, {
    message: "done_by needs an ISO date, not a named quantity",
    path: ["reference"],
  })
  .refine(
    (t) =>
      !hasValue(t) ||
      (t.comparator === "done_by"
        ? typeof t.value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(t.value)
        : typeof t.value === "number"),
    { message: "done_by needs an ISO date value; other comparators need a number", path: ["value"] },
  );

export const taskFields = z.object({
  section: z.string().max(20).nullable().optional(),
  title: z.string().trim().min(1).max(500),
  body: z.string().max(20000).nullable().optional(),
  areaCode: z.string().max(40).nullable().optional(),
  startsOn: planDateSchema.nullable().optional(),
  due: planDateSchema.nullable().optional(),
  period: z.string().max(200).nullable().optional(),
  leadUnits: z.array(unitRefSchema).max(20),
  coordinatingUnits: z.array(unitRefSchema).max(50),
  targets: z.array(measurableTargetSchema).max(20),
});

/** POST /plans/:id/tasks */
export const taskCreateBody = taskFields.extend({
  leadUnits: taskFields.shape.leadUnits.default([]),
  coordinatingUnits: taskFields.shape.coordinatingUnits.default([]),
  targets: taskFields.shape.targets.default([]),
});

export const progressSchema = z.number().int().min(0).max(100);

/**
 * PATCH /tasks/:id. taskFields, not taskCreateBody: zod 4 applies defaults even inside .partial(),
 * which would turn a PATCH without leadUnits/coordinatingUnits/targets into "remove them all".
 */
export const taskPatchBody = taskFields
  .partial()
  .extend({ status: taskStatusSchema.optional(), progress: progressSchema.optional() });

/** Both ISO dates or null: the deadline may not come before the start. */
export function datesInOrder(startsOn: string | null | undefined, due: string | null | undefined): boolean {
  return !startsOn || !due || due >= startsOn;
}

export const indicatorValueSchema = z.object({
  code: z.string().min(1).max(60),
  value: z.number().finite(),
  period: z.string().min(4).max(20),
});

/** POST /tasks/:id/updates (JSON, or the `data` field of a multipart form with one `file`). */
export const taskUpdateBody = z
  .object({
    progress: progressSchema.optional(),
    status: taskStatusSchema.optional(),
    note: z.string().max(5000).nullable().optional(),
    indicator: indicatorValueSchema.nullable().optional(),
    link: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .optional(),
    docNumber: z.string().trim().min(3).max(100).nullable().optional(),
  })
  .strict();
export type TaskUpdateBody = z.infer<typeof taskUpdateBody>;

/** GET /plans/:id/tasks: every filter optional; q is searched ignoring accents ("cai cach"). */
export const taskListQuery = z.object({
  unitId: idQuery.optional(),
  areaCode: z.string().max(40).optional(),
  status: taskStatusSchema.optional(),
  overdue: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  q: z.string().max(200).optional(),
});
