import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idNumber } from "../../../core/contracts/ids.ts";
import {
  taskCreateBody,
  taskListQuery,
  taskPatchBody,
  taskUpdateBody,
  unitRefSchema,
} from "../../../core/contracts/plans.ts";
import { parseCenti } from "../../../core/decimal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { parseInput, readMultipart, requireCaller } from "../../http.ts";
import { sendPublic } from "../../public-cache.ts";
import { dateSchema, idParam, pointsSchema } from "../../schemas.ts";
import type { IncomingFile } from "../../uploads.ts";
import { planHistory, taskHistory } from "./history.ts";
import { publicPlan } from "./public.ts";
import * as svc from "./service.ts";
import * as tasks from "./tasks.ts";
import { postTaskUpdate } from "./updates.ts";
import * as versions from "./versions.ts";

const versionParams = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive().max(100_000),
});

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
          agencyId: idNumber,
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
  r.post(
    "/plans/:id/publish",
    {
      schema: {
        tags: ["plans"],
        params: idParam,
        body: z
          .object({
            /** Why this version: "Bổ sung 2 nhiệm vụ theo Kế hoạch 123/KH-UBND". */
            note: z.string().max(1000).nullable().optional(),
            /** The draft the confirmation showed (GET /plans/:id → publication.draftHash). */
            draftHash: z
              .string()
              .regex(/^[0-9a-f]{64}$/)
              .nullable()
              .optional(),
          })
          .strict()
          .nullish(),
      },
    },
    async (req) => {
      await versions.publishPlan(ctx, requireCaller(req), req.params.id, req.body ?? {});
      return svc.planDetail(ctx, req.caller, req.params.id);
    },
  );
  r.post("/plans/:id/unpublish", { schema: { tags: ["plans"], params: idParam } }, async (req) => {
    await versions.unpublishPlan(ctx, requireCaller(req), req.params.id);
    return svc.planDetail(ctx, req.caller, req.params.id);
  });
  r.post(
    "/plans/:id/withdraw",
    {
      schema: {
        tags: ["plans"],
        params: idParam,
        body: z.object({
          reason: z
            .string()
            .trim()
            .min(
              10,
              "Ghi rõ lý do rút kế hoạch (ít nhất 10 ký tự) / give the reason (at least 10 characters)",
            )
            .max(1000),
        }),
      },
    },
    async (req) => {
      await versions.withdrawPlan(ctx, requireCaller(req), req.params.id, req.body.reason);
      return svc.planDetail(ctx, req.caller, req.params.id);
    },
  );
  r.get("/plans/:id/versions", { schema: { tags: ["plans"], params: idParam } }, async (req) => ({
    items: await versions.listVersions(ctx, req.caller, req.params.id),
  }));
  r.get("/plans/:id/versions/:version", { schema: { tags: ["plans"], params: versionParams } }, async (req) =>
    svc.planDetail(ctx, req.caller, req.params.id, req.params.version),
  );
  r.get(
    "/public/plans/:id/versions/:version",
    { schema: { tags: ["public"], params: versionParams }, config: { anonymous: true } },
    async (req, reply) =>
      sendPublic(req, reply, `plan:${req.params.id}:v${req.params.version}`, () =>
        publicPlan(ctx, req.params.id, req.params.version),
      ),
  );
  r.get(
    "/plans/:id/history",
    {
      schema: {
        tags: ["plans"],
        params: idParam,
        querystring: z.object({ beforeId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (req) => ({ items: await planHistory(ctx, requireCaller(req), req.params.id, req.query.beforeId) }),
  );
  r.get("/tasks/:id/history", { schema: { tags: ["plans"], params: idParam } }, async (req) => ({
    items: await taskHistory(ctx, requireCaller(req), req.params.id),
  }));
  r.put(
    "/tasks/:id/groups/:groupId",
    {
      schema: {
        tags: ["plans"],
        params: z.object({
          id: z.coerce.number().int().positive(),
          groupId: z.coerce.number().int().positive(),
        }),
        body: z.object({ units: z.array(unitRefSchema).max(50) }),
      },
    },
    async (req) => {
      await tasks.resolveGroup(ctx, requireCaller(req), req.params.id, req.params.groupId, req.body.units);
      return tasks.taskDetail(ctx, req.caller, req.params.id);
    },
  );
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
    async (req) => ({ items: await tasks.listPlanTasks(ctx, req.caller, req.params.id, req.query) }),
  );
  r.post(
    "/plans/:id/tasks",
    { schema: { tags: ["plans"], params: idParam, body: taskCreateBody } },
    async (req, reply) =>
      reply
        .status(201)
        .send({ id: await tasks.createTask(ctx, requireCaller(req), req.params.id, req.body) }),
  );
  r.get("/tasks/:id", { schema: { tags: ["plans"], params: idParam } }, async (req) =>
    tasks.taskDetail(ctx, req.caller, req.params.id),
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
      await tasks.patchTask(ctx, requireCaller(req), req.params.id, req.body);
      return tasks.taskDetail(ctx, req.caller, req.params.id);
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
    const id = await postTaskUpdate(ctx, caller, req.params.id, parseInput(taskUpdateBody, body ?? {}), file);
    return reply.status(201).send({ id });
  });
  r.get("/me/tasks", { schema: { tags: ["plans"] } }, async (req) => ({
    items: await tasks.myTasks(ctx, requireCaller(req)),
  }));
}
