import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireCaller } from "../../app.ts";
import type { AppContext } from "../../context.ts";
import { badInput, forbidden } from "../../errors.ts";
import { dateSchema, idParam } from "../../schemas.ts";
import { canRunProvince } from "../auth/policy.ts";
import { findFramework } from "../frameworks/repository.ts";
import * as repo from "./repository.ts";
import { createCycle, getCycle, presentCycle, publishCycle } from "./service.ts";

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
      const c = await getCycle(ctx, req.params.id);
      const caller = requireCaller(req);
      if (!canRunProvince(caller, c.province_id)) throw forbidden();
      const fw = await findFramework(ctx.db, c.framework_id);
      const { loadNodes } = await import("../frameworks/repository.ts");
      const nodes = await loadNodes(ctx.db, fw!.id);
      if (!nodes.some((n) => n.code === req.body.areaCode && n.kind === "area"))
        throw badInput(
          "cycle.unknown_area",
          "areaCode",
          "Lĩnh vực không có trong bộ chỉ số",
          "No such area in the framework",
        );
      const user = await ctx.db
        .selectFrom("users")
        .select(["id", "role"])
        .where("id", "=", req.body.userId)
        .executeTakeFirst();
      if (user?.role !== "appraiser")
        throw badInput(
          "cycle.not_appraiser",
          "userId",
          "Người dùng không phải thẩm định viên",
          "That user is not an appraiser",
        );
      await repo.assignAppraiser(ctx.db, c.id, req.body.areaCode, req.body.userId);
      return { ok: true };
    },
  );
}
