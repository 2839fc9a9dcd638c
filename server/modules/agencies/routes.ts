import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AGENCY_KINDS,
  createAgencySchema,
  patchAgencySchema,
  periodRulesSchema,
} from "../../../core/contracts/agencies.ts";
import { idQuery } from "../../../core/contracts/ids.ts";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { requireCaller } from "../../http.ts";
import { dateSchema, idParam, paging } from "../../schemas.ts";
import * as repo from "./repository.ts";
import { configurePeriods, createAgency, reportingPeriods, updateAgency, withSuccessors } from "./service.ts";

export async function agencyRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/agencies",
    {
      schema: {
        tags: ["agencies"],
        querystring: paging.extend({
          kind: z.enum(AGENCY_KINDS).optional(),
          parentId: idQuery.optional(),
          q: z.string().max(200).optional(),
          activeOn: dateSchema.optional(),
        }),
      },
    },
    async (req) => ({
      items: await withSuccessors(ctx, await repo.listAgencies(ctx.db, req.query)),
      total: await repo.countFiltered(ctx.db, req.query),
    }),
  );
  r.get("/agencies/:id", { schema: { tags: ["agencies"], params: idParam } }, async (req) => {
    const a = await repo.findAgency(ctx.db, req.params.id);
    if (!a) throw notFound("cơ quan / agency");
    const units = await repo.listUnits(ctx.db, a.id);
    const [agency] = await withSuccessors(ctx, [a]);
    return { ...agency, units: await withSuccessors(ctx, units) };
  });
  r.post("/agencies", { schema: { tags: ["agencies"], body: createAgencySchema } }, async (req, reply) =>
    reply.status(201).send({ id: await createAgency(ctx, requireCaller(req), req.body) }),
  );
  r.patch(
    "/agencies/:id",
    { schema: { tags: ["agencies"], params: idParam, body: patchAgencySchema } },
    async (req) => updateAgency(ctx, requireCaller(req), req.params.id, req.body),
  );
  // Reporting periods (quý I, 6 tháng, 9 tháng, năm) of the province an agency belongs to.
  r.get(
    "/agencies/:id/periods",
    {
      schema: {
        tags: ["agencies"],
        params: idParam,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      },
    },
    async (req) => reportingPeriods(ctx, req.params.id, req.query.year),
  );
  r.put(
    "/agencies/:id/periods",
    { schema: { tags: ["agencies"], params: idParam, body: periodRulesSchema } },
    async (req) => configurePeriods(ctx, requireCaller(req), req.params.id, req.body.rules),
  );
}
