import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden, notFound } from "../../errors.ts";
import { requireCaller } from "../../http.ts";
import { dateSchema, idParam, paging } from "../../schemas.ts";
import { isAdmin } from "../auth/policy.ts";
import * as repo from "./repository.ts";
import { configurePeriods, presentAgency, reportingPeriods } from "./service.ts";

export async function agencyRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/agencies",
    {
      schema: {
        tags: ["agencies"],
        querystring: paging.extend({
          kind: z.enum(["province", "agency", "division", "unit_group"]).optional(),
          parentId: z.coerce.number().int().optional(),
          q: z.string().max(200).optional(),
          activeOn: dateSchema.optional(),
        }),
      },
    },
    async (req) => ({ items: (await repo.listAgencies(ctx.db, req.query)).map(presentAgency) }),
  );
  r.get("/agencies/:id", { schema: { tags: ["agencies"], params: idParam } }, async (req) => {
    const a = await repo.findAgency(ctx.db, req.params.id);
    if (!a) throw notFound("cơ quan / agency");
    const units = await repo.listUnits(ctx.db, a.id);
    return { ...presentAgency(a), units: units.map(presentAgency) };
  });
  r.post(
    "/agencies",
    {
      schema: {
        tags: ["agencies"],
        body: z.object({
          code: z
            .string()
            .min(2)
            .max(40)
            .regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, _ . - only"),
          name: z.string().min(2).max(300),
          shortName: z.string().max(60).nullable().optional(),
          kind: z.enum(["province", "agency", "division", "unit_group"]),
          parentId: z.number().int().positive().nullable().optional(),
          group: z.string().max(40).nullable().optional(),
          validFrom: dateSchema.optional(),
          validTo: dateSchema.nullable().optional(),
          staffCount: z.number().int().min(0).nullable().optional(),
        }),
      },
    },
    async (req, reply) => {
      if (!isAdmin(requireCaller(req))) throw forbidden();
      const b = req.body;
      if (await repo.findAgencyByCode(ctx.db, b.code))
        throw new AppError(
          "agency.exists",
          409,
          { vi: `Mã ${b.code} đã tồn tại`, en: `Code ${b.code} is taken` },
          "code",
        );
      if (b.kind !== "province" && !b.parentId)
        throw badInput("agency.parent_required", "parentId", "Cần cơ quan cấp trên", "A parent is required");
      if (b.parentId && !(await repo.findAgency(ctx.db, b.parentId)))
        throw badInput(
          "agency.unknown_parent",
          "parentId",
          "Cơ quan cấp trên không tồn tại",
          "Unknown parent",
        );
      if (b.validFrom && b.validTo && b.validTo < b.validFrom)
        throw badInput(
          "agency.bad_dates",
          "validTo",
          "Ngày hết hiệu lực trước ngày bắt đầu",
          "validTo is before validFrom",
        );
      const id = await repo.insertAgency(ctx.db, { ...b, groupCode: b.group });
      return reply.status(201).send({ id });
    },
  );
  r.patch(
    "/agencies/:id",
    {
      schema: {
        tags: ["agencies"],
        params: idParam,
        body: z.object({
          name: z.string().min(2).max(300).optional(),
          validTo: dateSchema.nullable().optional(),
          successorId: z.number().int().positive().nullable().optional(),
          staffCount: z.number().int().min(0).nullable().optional(),
          group: z.string().max(40).nullable().optional(),
        }),
      },
    },
    async (req) => {
      if (!isAdmin(requireCaller(req))) throw forbidden();
      const a = await repo.findAgency(ctx.db, req.params.id);
      if (!a) throw notFound("cơ quan / agency");
      const b = req.body;
      if (b.successorId !== undefined && b.successorId !== null) {
        if (b.successorId === a.id)
          throw badInput(
            "agency.self_successor",
            "successorId",
            "Không thể kế thừa chính mình",
            "An agency cannot succeed itself",
          );
        if (!(await repo.findAgency(ctx.db, b.successorId)))
          throw badInput(
            "agency.unknown_successor",
            "successorId",
            "Cơ quan kế thừa không tồn tại",
            "Unknown successor",
          );
      }
      if (b.validTo && b.validTo < a.valid_from)
        throw badInput(
          "agency.bad_dates",
          "validTo",
          "Ngày hết hiệu lực trước ngày bắt đầu",
          "validTo is before validFrom",
        );
      await repo.updateAgency(ctx.db, a.id, { ...b, groupCode: b.group });
      return presentAgency((await repo.findAgency(ctx.db, a.id))!);
    },
  );
  const monthDay = z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) });
  const periodRule = z.object({
    code: z.enum(["q1", "h1", "m9", "year"]),
    labelVi: z.string().min(1).max(100),
    labelEn: z.string().min(1).max(100),
    from: monthDay.extend({ fromPrevYear: z.boolean() }),
    to: monthDay,
    due: monthDay,
  });
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
    {
      schema: {
        tags: ["agencies"],
        params: idParam,
        body: z.object({ rules: z.array(periodRule).min(1).max(4) }),
      },
    },
    async (req) => configurePeriods(ctx, requireCaller(req), req.params.id, req.body.rules),
  );
}
