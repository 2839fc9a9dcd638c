import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { requireCaller } from "../../http.ts";
import { dateSchema, idParam } from "../../schemas.ts";
import * as repo from "./repository.ts";
import { assignAppraiser, createCycle, getCycle, presentCycle, publishCycle } from "./service.ts";

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
  r.post(
    "/cycles",
    {
      schema: {
        tags: ["cycles"],
        body: z.object({
          year: z.number().int().min(2000).max(2100),
          frameworkId: z.number().int().positive(),
          provinceId: z.number().int().positive(),
          group: z.string().min(1).max(40),
          selfAssessmentOpens: dateSchema.nullable().optional(),
          selfAssessmentCloses: dateSchema.nullable().optional(),
          appraisalCloses: dateSchema.nullable().optional(),
          agencyIds: z.array(z.number().int().positive()).max(5000).optional(),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createCycle(ctx, requireCaller(req), req.body) }),
  );
  r.post("/cycles/:id/publish", { schema: { tags: ["cycles"], params: idParam } }, async (req) => {
    await publishCycle(ctx, requireCaller(req), req.params.id, true);
    return presentCycle(await getCycle(ctx, req.params.id));
  });
  r.post("/cycles/:id/unpublish", { schema: { tags: ["cycles"], params: idParam } }, async (req) => {
    await publishCycle(ctx, requireCaller(req), req.params.id, false);
    return presentCycle(await getCycle(ctx, req.params.id));
  });
  r.post(
    "/cycles/:id/appraisers",
    {
      schema: {
        tags: ["cycles"],
        params: idParam,
        body: z.object({ areaCode: z.string().min(1), userId: z.number().int().positive() }),
      },
    },
    async (req) => {
      await assignAppraiser(ctx, requireCaller(req), req.params.id, req.body.areaCode, req.body.userId);
      return { ok: true };
    },
  );
}
