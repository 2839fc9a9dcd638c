import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  DEFAULT_PERIODS,
  type PeriodRule,
  periodsForYear,
  validatePeriodRules,
} from "../../../core/periods.ts";
import { requireCaller } from "../../app.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden, notFound } from "../../errors.ts";
import { dateSchema, idParam, paging } from "../../schemas.ts";
import { canRunProvince, isAdmin } from "../auth/policy.ts";
import * as repo from "./repository.ts";
import { presentAgency } from "./service.ts";

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
  const provinceOfId = async (id: number) => {
    const a = await repo.findAgency(ctx.db, id);
    if (!a) throw notFound("cơ quan / agency");
    const provinceId = a.kind === "province" ? a.id : await repo.provinceOf(ctx.db, a.id);
    const province = provinceId ? await repo.findAgency(ctx.db, provinceId) : undefined;
    if (!province)
      throw badInput(
        "agency.no_province",
        "id",
        "Cơ quan không thuộc tỉnh nào",
        "The agency belongs to no province",
      );
    return province;
  };
  const rulesOf = async (provinceId: number): Promise<PeriodRule[]> => {
    const row = await ctx.db
      .selectFrom("agencies")
      .select("period_rules")
      .where("id", "=", provinceId)
      .executeTakeFirst();
    const v = row?.period_rules;
    if (!v) return [...DEFAULT_PERIODS];
    return (typeof v === "string" ? JSON.parse(v) : v) as PeriodRule[];
  };
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
    async (req) => {
      const province = await provinceOfId(req.params.id);
      const rules = await rulesOf(province.id);
      return { provinceId: province.id, rules, periods: periodsForYear(req.query.year, rules) };
    },
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
    async (req) => {
      const province = await provinceOfId(req.params.id);
      if (province.id !== req.params.id)
        throw badInput(
          "periods.province_only",
          "id",
          "Lịch báo cáo đặt ở cấp tỉnh",
          "Reporting periods are set on the province",
        );
      if (!canRunProvince(requireCaller(req), province.id)) throw forbidden();
      const problems = validatePeriodRules(req.body.rules);
      if (problems.length)
        throw badInput("periods.invalid", "rules", `Lịch báo cáo không hợp lệ: ${problems[0]}`, problems[0]);
      await ctx.db
        .updateTable("agencies")
        .set({ period_rules: JSON.stringify(req.body.rules) })
        .where("id", "=", province.id)
        .execute();
      return { provinceId: province.id, rules: req.body.rules };
    },
  );
}
