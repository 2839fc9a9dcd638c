import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  taskCreateBody,
  taskListQuery,
  taskPatchBody,
  taskUpdateBody,
} from "../../../core/contracts/plans.ts";
import { parseCenti } from "../../../core/decimal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { parseInput, readMultipart, requireCaller } from "../../http.ts";
import { dateSchema, idParam, pointsSchema } from "../../schemas.ts";
import type { IncomingFile } from "../../uploads.ts";
import * as svc from "./service.ts";

export async function planRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/agencies/:id/plans", { schema: { tags: ["plans"], params: idParam } }, async (req) => ({
    items: await svc.agencyPlans(ctx, req.caller, req.params.id),
  }));
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
    svc.planDetail(ctx, req.caller, req.params.id),
  );
  r.post("/plans/:id/publish", { schema: { tags: ["plans"], params: idParam } }, async (req) => {
    await svc.publishPlan(ctx, requireCaller(req), req.params.id, true);
    return svc.planDetail(ctx, req.caller, req.params.id);
  });
  r.post("/plans/:id/unpublish", { schema: { tags: ["plans"], params: idParam } }, async (req) => {
    await svc.publishPlan(ctx, requireCaller(req), req.params.id, false);
    return svc.planDetail(ctx, req.caller, req.params.id);
  });
  r.get("/plans/:id/lint", { schema: { tags: ["plans"], params: idParam } }, async (req) => ({
    items: (await svc.planDetail(ctx, req.caller, req.params.id)).lint,
  }));
  r.get(
    "/plans/:id/tasks",
    {
      schema: {
        tags: ["plans"],
        params: idParam,
        querystring: taskListQuery,
      },
    },
    async (req) => ({ items: await svc.listPlanTasks(ctx, req.caller, req.params.id, req.query) }),
  );
  r.post(
    "/plans/:id/tasks",
    { schema: { tags: ["plans"], params: idParam, body: taskCreateBody } },
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
        body: taskPatchBody,
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
    const id = await svc.postTaskUpdate(
      ctx,
      caller,
      req.params.id,
      parseInput(taskUpdateBody, body ?? {}),
      file,
    );
    return reply.status(201).send({ id });
  });
  r.get("/me/tasks", { schema: { tags: ["plans"] } }, async (req) => ({
    items: await svc.myTasks(ctx, requireCaller(req)),
  }));
}
