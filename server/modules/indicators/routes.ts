import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireCaller } from "../../app.ts";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import { idParam } from "../../schemas.ts";
import { agencyFacts } from "../agencies/service.ts";
import { canManageAgency, canReadAgencyPrivate } from "../auth/policy.ts";

export async function indicatorRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/agencies/:id/indicators", { schema: { tags: ["indicators"], params: idParam } }, async (req) => {
    const facts = await agencyFacts(ctx, req.params.id);
    if (!canReadAgencyPrivate(req.caller, facts)) throw forbidden();
    const rows = await ctx.db
      .selectFrom("indicator_values")
      .selectAll()
      .where("agency_id", "=", req.params.id)
      .orderBy("id")
      .execute();
    return {
      items: rows.map((v) => ({
        id: v.id,
        code: v.code,
        period: v.period,
        value: Number(v.value),
        source: v.source,
        recordedAt: new Date(v.recorded_at).toISOString(),
      })),
    };
  });
  r.post(
    "/agencies/:id/indicators",
    {
      schema: {
        tags: ["indicators"],
        params: idParam,
        body: z.object({
          code: z.string().min(1).max(60),
          period: z.string().min(4).max(20),
          value: z.number().finite().min(-1e11).max(1e11),
        }),
      },
    },
    async (req, reply) => {
      const facts = await agencyFacts(ctx, req.params.id);
      const caller = requireCaller(req);
      if (!canManageAgency(caller, facts)) throw forbidden();
      const row = await ctx.db
        .insertInto("indicator_values")
        .values({
          agency_id: req.params.id,
          code: req.body.code,
          period: req.body.period,
          value: req.body.value.toFixed(2),
          source: "manual",
          recorded_by: caller.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return reply.status(201).send({ id: row.id });
    },
  );
}
