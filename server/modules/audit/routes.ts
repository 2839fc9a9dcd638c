import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { requireCaller } from "../../http.ts";
import { dateSchema, idValue } from "../../schemas.ts";
import { auditLog, auditVerify } from "./access.ts";

export const auditQuery = z.object({
  agencyId: idValue.optional(),
  cycleId: idValue.optional(),
  planId: idValue.optional(),
  actorId: idValue.optional(),
  entity: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  entityId: z.string().max(200).optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{1,60}$/)
    .optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  beforeId: idValue.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/audit", { schema: { tags: ["audit"], querystring: auditQuery } }, async (req) =>
    auditLog(ctx, requireCaller(req), req.query),
  );
  r.get("/audit/verify", { schema: { tags: ["audit"] } }, async (req) =>
    auditVerify(ctx, requireCaller(req)),
  );
}
