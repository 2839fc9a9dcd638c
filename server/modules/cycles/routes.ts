import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  assignmentSchema,
  createCycleSchema,
  participantsSchema,
  patchCycleSchema,
} from "../../../core/contracts/cycles.ts";
import type { AppContext } from "../../context.ts";
import { requireCaller } from "../../http.ts";
import { idParam } from "../../schemas.ts";
import { compareAgencies } from "./compare.ts";
import * as repo from "./repository.ts";
import {
  addCycleParticipants,
  assignAppraiser,
  createCycle,
  cycleAppraisers,
  getCycle,
  presentCycle,
  publishCycle,
  removeCycleParticipant,
  unassignAppraiser,
  updateCycleDates,
} from "./service.ts";

export async function cycleRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/cycles",
    {
      schema: {
        tags: ["cycles"],
        querystring: z.object({
          year: z.coerce.number().int().optional(),
          provinceId: z.coerce.number().int().optional(),
          group: z.string().max(40).optional(),
        }),
      },
    },
    async (req) => ({ items: (await repo.listCycles(ctx.db, req.query)).map(presentCycle) }),
  );
  r.get("/cycles/:id", { schema: { tags: ["cycles"], params: idParam } }, async (req) => {
    const c = await getCycle(ctx, req.params.id);
    const participants = await repo.listParticipants(ctx.db, c.id);
    return {
      ...presentCycle(c),
      participants: participants.map((p) => ({
        agencyId: p.id,
        code: p.code,
        name: p.name,
        status: p.status,
        sample: p.sample,
      })),
    };
  });
  r.post("/cycles", { schema: { tags: ["cycles"], body: createCycleSchema } }, async (req, reply) =>
    reply.status(201).send({ id: await createCycle(ctx, requireCaller(req), req.body) }),
  );
  r.patch(
    "/cycles/:id",
    { schema: { tags: ["cycles"], params: idParam, body: patchCycleSchema } },
    async (req) => {
      await updateCycleDates(ctx, requireCaller(req), req.params.id, req.body);
      return presentCycle(await getCycle(ctx, req.params.id));
    },
  );
  r.post(
    "/cycles/:id/participants",
    { schema: { tags: ["cycles"], params: idParam, body: participantsSchema } },
    async (req) => {
      await addCycleParticipants(ctx, requireCaller(req), req.params.id, req.body.agencyIds);
      return { ok: true };
    },
  );
  r.delete(
    "/cycles/:id/participants/:agencyId",
    {
      schema: {
        tags: ["cycles"],
        params: idParam.extend({ agencyId: z.coerce.number().int().positive() }),
      },
    },
    async (req) => {
      await removeCycleParticipant(ctx, requireCaller(req), req.params.id, req.params.agencyId);
      return { ok: true };
    },
  );
  // Area results of a few agencies side by side (the province's comparison view).
  r.get(
    "/cycles/:id/compare",
    {
      schema: {
        tags: ["cycles"],
        params: idParam,
        querystring: z.object({
          agencyIds: z
            .string()
            .regex(/^\d+(,\d+)*$/, "comma-separated agency ids")
            .transform((v) => [...new Set(v.split(",").map(Number))])
            .pipe(z.array(z.number().int().positive()).min(1).max(10)),
        }),
      },
    },
    async (req) => compareAgencies(ctx, req.caller, req.params.id, req.query.agencyIds),
  );
  r.post("/cycles/:id/publish", { schema: { tags: ["cycles"], params: idParam } }, async (req) => {
    await publishCycle(ctx, requireCaller(req), req.params.id, true);
    return presentCycle(await getCycle(ctx, req.params.id));
  });
  r.post("/cycles/:id/unpublish", { schema: { tags: ["cycles"], params: idParam } }, async (req) => {
    await publishCycle(ctx, requireCaller(req), req.params.id, false);
    return presentCycle(await getCycle(ctx, req.params.id));
  });
  r.get("/cycles/:id/appraisers", { schema: { tags: ["cycles"], params: idParam } }, async (req) =>
    cycleAppraisers(ctx, requireCaller(req), req.params.id),
  );
  r.post(
    "/cycles/:id/appraisers",
    { schema: { tags: ["cycles"], params: idParam, body: assignmentSchema } },
    async (req) => {
      await assignAppraiser(ctx, requireCaller(req), req.params.id, req.body.areaCode, req.body.userId);
      return { ok: true };
    },
  );
  r.delete(
    "/cycles/:id/appraisers",
    {
      schema: {
        tags: ["cycles"],
        params: idParam,
        querystring: z.object({
          areaCode: assignmentSchema.shape.areaCode,
          userId: z.coerce.number().int().positive(),
        }),
      },
    },
    async (req) => {
      await unassignAppraiser(ctx, requireCaller(req), req.params.id, req.query.areaCode, req.query.userId);
      return { ok: true };
    },
  );
}
