import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { parseCenti } from "../../../core/decimal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { parseInput, readMultipart, requireCaller } from "../../http.ts";
import { dateSchema, idParam, pointsSchema } from "../../schemas.ts";
import type { IncomingFile } from "../../uploads.ts";
import * as svc from "./service.ts";

const unitRef = z.union([z.number().int().positive(), z.string().min(1).max(200)]);
const statusSchema = z.enum(["not_started", "in_progress", "done", "cancelled"]);
const targetSchema = z
  .object({
    text: z.string().min(1).max(1000),
    indicator: z.string().max(60).nullable().optional(),
    comparator: z.enum([">=", ">", "<=", "<", "=", "done_by"]),
    value: z.union([z.number(), z.string().max(20)]),
    unit: z.string().max(40).nullable().optional(),
  })
  .refine(
    (t) =>
      t.comparator === "done_by"
        ? typeof t.value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(t.value)
        : typeof t.value === "number",
    {
      message: "done_by needs an ISO date value; other comparators need a number",
      path: ["value"],
    },
  );

const taskFields = z.object({
  section: z.string().max(20).nullable().optional(),
  title: z.string().min(1).max(500),
  body: z.string().max(20000).nullable().optional(),
  areaCode: z.string().max(40).nullable().optional(),
  startsOn: dateSchema.nullable().optional(),
  due: dateSchema.nullable().optional(),
  period: z.string().max(60).nullable().optional(),
  leadUnits: z.array(unitRef).max(20),
  coordinatingUnits: z.array(unitRef).max(50),
  targets: z.array(targetSchema).max(20),
});
const taskBody = taskFields.extend({
  leadUnits: taskFields.shape.leadUnits.default([]),
  coordinatingUnits: taskFields.shape.coordinatingUnits.default([]),
  targets: taskFields.shape.targets.default([]),
});

const updateBody = z
  .object({
    progress: z.number().int().min(0).max(100).optional(),
    status: statusSchema.optional(),
    note: z.string().max(5000).nullable().optional(),
    indicator: z
      .object({
        code: z.string().min(1).max(60),
        value: z.number().finite(),
        period: z.string().min(4).max(20),
      })
      .nullable()
      .optional(),
    link: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .optional(),
    docNumber: z.string().min(3).max(100).nullable().optional(),
  })
  .strict();

export async function planRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/agencies/:id/plans", { schema: { tags: ["plans"], params: idParam } }, async (req) => {
    const plans = await svc.readablePlanIds(ctx, req.params.id);
    return {
      items: plans.map((p) => ({
        id: p.id,
        year: p.year,
        number: p.number,
        code: p.code,
        title: p.title,
        issuedOn: p.issued_on,
      })),
    };
  });
  r.post(
    "/plans",
    {
      schema: {
        tags: ["plans"],
        body: z.object({
          agencyId: z.number().int().positive(),
          year: z.number().int().min(2000).max(2100),
          number: z.string().max(20).nullable().optional(),
          code: z.string().max(40).nullable().optional(),
          issuedOn: dateSchema.nullable().optional(),
          place: z.string().max(100).nullable().optional(),
          title: z.string().min(1).max(500),
          implements: z.string().max(500).nullable().optional(),
          percentTarget: z
            .number()
            .min(0)
            .max(100)
            .refine((v) => parseCenti(v) !== null, "must have at most two decimals, e.g. 85.5")
            .nullable()
            .optional(),
          rankGainMin: z.number().int().min(0).max(1000).nullable().optional(),
          rankGainMax: z.number().int().min(0).max(1000).nullable().optional(),
          areaTargets: z
            .array(
              z.object({ areaCode: z.string().min(1), target: pointsSchema, kept: z.boolean().optional() }),
            )
            .max(100)
            .default([]),
        }),
      },
    },
    async (req, reply) => {
      const b = req.body;
      if (b.rankGainMin != null && b.rankGainMax != null && b.rankGainMax < b.rankGainMin)
        throw new AppError(
          "plan.bad_rank_gain",
          400,
          { vi: "Số bậc tối đa nhỏ hơn tối thiểu", en: "rankGainMax is below rankGainMin" },
          "rankGainMax",
        );
      const id = await svc.createPlan(ctx, requireCaller(req), {
        ...b,
        percentTarget: b.percentTarget == null ? null : parseCenti(b.percentTarget),
      });
      return reply.status(201).send({ id });
    },
  );
  r.get("/plans/:id", { schema: { tags: ["plans"], params: idParam } }, async (req) =>
    svc.planDetail(ctx, req.params.id),
  );
  r.get("/plans/:id/lint", { schema: { tags: ["plans"], params: idParam } }, async (req) => ({
    items: (await svc.planDetail(ctx, req.params.id)).lint,
  }));
  r.get(
    "/plans/:id/tasks",
    {
      schema: {
        tags: ["plans"],
        params: idParam,
        querystring: z.object({
          unitId: z.coerce.number().int().optional(),
          areaCode: z.string().optional(),
          status: statusSchema.optional(),
          overdue: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
        }),
      },
    },
    async (req) => ({ items: await svc.listPlanTasks(ctx, req.params.id, req.query) }),
  );
  r.post(
    "/plans/:id/tasks",
    { schema: { tags: ["plans"], params: idParam, body: taskBody } },
    async (req, reply) =>
      reply.status(201).send({ id: await svc.createTask(ctx, requireCaller(req), req.params.id, req.body) }),
  );
  r.get("/tasks/:id", { schema: { tags: ["plans"], params: idParam } }, async (req) =>
    svc.taskDetail(ctx, req.caller, req.params.id),
  );
  r.patch(
    "/tasks/:id",
    {
      schema: {
        tags: ["plans"],
        params: idParam,
        // taskFields, not taskBody: zod 4 applies defaults even inside .partial(), which would
        // turn a PATCH without leadUnits/coordinatingUnits/targets into "remove them all".
        body: taskFields
          .partial()
          .extend({ status: statusSchema.optional(), progress: z.number().int().min(0).max(100).optional() }),
      },
    },
    async (req) => {
      await svc.patchTask(ctx, requireCaller(req), req.params.id, req.body);
      return svc.taskDetail(ctx, req.caller, req.params.id);
    },
  );
  r.post("/tasks/:id/updates", { schema: { tags: ["plans"], params: idParam } }, async (req, reply) => {
    const caller = requireCaller(req);
    let body: unknown = req.body;
    let file: IncomingFile | undefined;
    if (req.isMultipart()) {
      // The form sends "data" (the update as JSON) and optionally one "file".
      const form = await readMultipart(req);
      file = form.file;
      try {
        body = form.fields.data ? JSON.parse(form.fields.data) : {};
      } catch {
        throw new AppError(
          "validation",
          400,
          { vi: "Trường data không phải JSON", en: "The data field is not JSON" },
          "data",
        );
      }
    }
    const id = await svc.postTaskUpdate(ctx, caller, req.params.id, parseInput(updateBody, body ?? {}), file);
    return reply.status(201).send({ id });
  });
  r.get("/me/tasks", { schema: { tags: ["plans"] } }, async (req) => ({
    items: await svc.myTasks(ctx, requireCaller(req)),
  }));
}
