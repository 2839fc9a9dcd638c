import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireCaller } from "../../app.ts";
import type { AppContext } from "../../context.ts";
import { AppError, forbidden } from "../../errors.ts";
import { idParam } from "../../schemas.ts";
import { agencyFacts } from "../agencies/service.ts";
import { canManageAgency, canReadAgencyPrivate } from "../auth/policy.ts";
import { deriveRatio, importRegister } from "./service.ts";

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
  r.post(
    "/agencies/:id/indicators/import",
    { schema: { tags: ["indicators"], params: idParam } },
    async (req, reply) => {
      const caller = requireCaller(req);
      if (!req.isMultipart())
        throw new AppError(
          "upload.no_file",
          400,
          { vi: "Cần gửi tệp sổ đăng ký", en: "Send the register as a multipart upload" },
          "file",
        );
      const fields: Record<string, string> = {};
      let file: { filename: string; toBuffer: () => Promise<Buffer> } | undefined;
      for await (const part of req.parts()) {
        if (part.type === "file") {
          const buf = await part.toBuffer();
          file = { filename: part.filename, toBuffer: async () => buf };
        } else fields[part.fieldname] = String(part.value);
      }
      const parsed = z
        .object({
          code: z.string().min(1).max(60),
          period: z.string().min(4).max(20),
          column: z.string().min(1).max(200),
        })
        .safeParse(fields);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        throw new AppError(
          "validation",
          400,
          {
            vi: `Thiếu hoặc sai trường ${i?.path.join(".")}`,
            en: `Missing or invalid field ${i?.path.join(".")}`,
          },
          i?.path.join("."),
        );
      }
      if (!file)
        throw new AppError(
          "upload.no_file",
          400,
          { vi: "Chưa chọn tệp", en: "No file in the upload" },
          "file",
        );
      return reply.status(201).send(await importRegister(ctx, caller, req.params.id, parsed.data, file));
    },
  );
  r.post(
    "/agencies/:id/indicators/derive",
    {
      schema: {
        tags: ["indicators"],
        params: idParam,
        body: z.object({
          code: z.string().min(1).max(60),
          period: z.string().min(4).max(20),
          count: z.number().int().min(0),
          of: z.number().int().positive().optional(),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await deriveRatio(ctx, requireCaller(req), req.params.id, req.body)),
  );
}
