import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { parseInput, readMultipart, requireCaller, requireFile } from "../../http.ts";
import { idParam } from "../../schemas.ts";
import * as svc from "./service.ts";

/** Which indicator and which reporting period a value is for. */
const indicatorKey = {
  code: z.string().min(1).max(60),
  period: z.string().min(4).max(20),
};

export async function indicatorRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/agencies/:id/indicators", { schema: { tags: ["indicators"], params: idParam } }, async (req) => ({
    items: await svc.listValues(ctx, requireCaller(req), req.params.id),
  }));
  r.post(
    "/agencies/:id/indicators",
    {
      schema: {
        tags: ["indicators"],
        params: idParam,
        body: z.object({
          ...indicatorKey,
          value: z.number().finite().min(-1e11).max(1e11),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await svc.recordValue(ctx, requireCaller(req), req.params.id, req.body) }),
  );
  r.post(
    "/agencies/:id/indicators/import",
    { schema: { tags: ["indicators"], params: idParam } },
    async (req, reply) => {
      const caller = requireCaller(req);
      const { fields, file } = await readMultipart(req);
      const input = parseInput(
        z.object({
          ...indicatorKey,
          column: z.string().min(1).max(200),
        }),
        fields,
      );
      return reply
        .status(201)
        .send(await svc.importRegister(ctx, caller, req.params.id, input, requireFile(file)));
    },
  );
  r.post(
    "/agencies/:id/indicators/derive",
    {
      schema: {
        tags: ["indicators"],
        params: idParam,
        body: z.object({
          ...indicatorKey,
          count: z.number().int().min(0).max(1_000_000_000),
          of: z.number().int().positive().max(1_000_000_000).optional(),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.deriveRatio(ctx, requireCaller(req), req.params.id, req.body)),
  );
}
