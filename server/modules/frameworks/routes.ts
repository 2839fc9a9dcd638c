import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { fromCenti } from "../../../core/decimal.ts";
import { totalMax } from "../../../core/framework.ts";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import { requireCaller } from "../../http.ts";
import { presentNode } from "../../presenters.ts";
import { idParam, pointsSchema } from "../../schemas.ts";
import * as repo from "./repository.ts";
import { createFramework, loadFramework } from "./service.ts";

const nodeSchema = z.object({
  code: z.string().min(1).max(40),
  parentCode: z.string().min(1).max(40).nullable().default(null),
  kind: z.enum(["area", "criterion", "subcriterion"]),
  title: z.string().min(1).max(500),
  max: pointsSchema,
  position: z.number().int().min(0).optional(),
  rule: z.unknown().optional(),
  illustrative: z.boolean().optional(),
});

export async function frameworkRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/frameworks", { schema: { tags: ["frameworks"] } }, async () => ({
    items: await repo.listFrameworks(ctx.db),
  }));
  r.get("/frameworks/:id", { schema: { tags: ["frameworks"], params: idParam } }, async (req) => {
    const f = await loadFramework(ctx, req.params.id);
    return { ...f.meta, totalMax: fromCenti(totalMax(f.tree)), nodes: f.nodes.map(presentNode) };
  });
  r.post(
    "/frameworks",
    {
      schema: {
        tags: ["frameworks"],
        body: z.object({
          code: z.string().min(1).max(60),
          title: z.string().min(1).max(300),
          year: z.number().int().min(2000).max(2100),
          agencyType: z.string().min(1).max(40),
          gradeBands: z
            .array(z.object({ grade: z.string().min(1).max(20), atLeast: z.number().min(0).max(100) }))
            .optional(),
          rankDecimals: z.union([z.literal(0), z.literal(1), z.literal(2), z.null()]).optional(),
          nodes: z.array(nodeSchema).min(1).max(5000),
        }),
      },
    },
    async (req, reply) => {
      const c = requireCaller(req);
      if (c.role !== "admin" && c.role !== "province_office") throw forbidden();
      const body = req.body;
      const id = await createFramework(ctx, {
        ...body,
        gradeBands: body.gradeBands?.map((b) => ({ grade: b.grade, atLeast: Math.round(b.atLeast * 100) })),
        nodes: body.nodes.map((n, i) => ({ ...n, position: n.position ?? i })),
      });
      return reply.status(201).send({ id });
    },
  );
}
