import fs from "node:fs";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { forbidden, notFound } from "../../errors.ts";
import { parseInput, readMultipart, requireCaller, requireFile } from "../../http.ts";
import { idParam, pointsSchema } from "../../schemas.ts";
import { absolutePath } from "../../uploads.ts";
import { agencyFacts } from "../agencies/service.ts";
import { canReadAgencyPrivate } from "../auth/policy.ts";
import * as repo from "./repository.ts";
import * as svc from "./service.ts";

const keyParams = z.object({
  cycleId: z.coerce.number().int().positive(),
  agencyId: z.coerce.number().int().positive(),
});
const nodeParams = keyParams.extend({ nodeCode: z.string().min(1).max(40) });

const inputsSchema = z
  .object({
    points: pointsSchema.optional(),
    status: z.enum(["on_time", "late", "not_done"]).optional(),
    due: z.string().optional(),
    done: z.string().optional(),
    passed: z.boolean().optional(),
    values: z.record(z.string(), z.number()).optional(),
    answers: z.record(z.string(), z.number().int().min(0)).optional(),
  })
  .strict();

export async function scoreRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = "/cycles/:cycleId/agencies/:agencyId";
  r.get(`${base}/scores`, { schema: { tags: ["scores"], params: keyParams } }, async (req) =>
    svc.readScores(ctx, req.caller, req.params),
  );
  r.put(
    `${base}/scores/:nodeCode`,
    {
      schema: {
        tags: ["scores"],
        params: nodeParams,
        body: z
          .object({
            points: pointsSchema.optional(),
            inputs: inputsSchema.optional(),
            explanation: z.string().max(5000).nullable().optional(),
          })
          .strict(),
      },
    },
    async (req) => svc.selfAssess(ctx, requireCaller(req), req.params, req.body),
  );
  r.put(
    `${base}/scores/:nodeCode/appraisal`,
    {
      schema: {
        tags: ["scores"],
        params: nodeParams,
        body: z.object({ points: pointsSchema, remark: z.string().max(5000).nullable().optional() }).strict(),
      },
    },
    async (req) => svc.appraise(ctx, requireCaller(req), req.params, req.body),
  );
  r.put(
    `${base}/scores/:nodeCode/reply`,
    {
      schema: {
        tags: ["scores"],
        params: nodeParams,
        body: z.object({ reply: z.string().min(1).max(5000) }),
      },
    },
    async (req) => {
      await svc.reply(ctx, requireCaller(req), req.params, req.body.reply);
      return { ok: true };
    },
  );
  r.put(
    `${base}/scores/:nodeCode/applicability`,
    { schema: { tags: ["scores"], params: nodeParams, body: z.object({ applicable: z.boolean() }) } },
    async (req) => {
      await svc.setApplicability(ctx, requireCaller(req), req.params, req.body.applicable);
      return { ok: true };
    },
  );
  for (const action of ["submit", "withdraw", "finalise"] as const) {
    r.post(`${base}/${action}`, { schema: { tags: ["scores"], params: keyParams } }, async (req) => {
      await svc.setStatus(ctx, requireCaller(req), req.params, action);
      return { ok: true };
    });
  }
  r.post(
    `${base}/scores/:nodeCode/evidence`,
    { schema: { tags: ["scores"], params: nodeParams } },
    async (req, reply) => {
      const caller = requireCaller(req);
      if (req.isMultipart()) {
        const { fields, file } = await readMultipart(req);
        const note = parseInput(z.string().max(2000).optional(), fields.note);
        const id = await svc.addEvidence(ctx, caller, req.params, {
          kind: "file",
          file: requireFile(file),
          note,
        });
        return reply.status(201).send({ id });
      }
      const body = parseInput(
        z.discriminatedUnion("kind", [
          z.object({
            kind: z.literal("link"),
            url: z.url({ protocol: /^https?$/ }),
            note: z.string().max(2000).optional(),
          }),
          z.object({
            kind: z.literal("document"),
            docNumber: z.string().min(3).max(100),
            note: z.string().max(2000).optional(),
          }),
          z.object({ kind: z.literal("explanation"), note: z.string().min(1).max(5000) }),
        ]),
        req.body,
      );
      const id = await svc.addEvidence(ctx, caller, req.params, body);
      return reply.status(201).send({ id });
    },
  );
  r.get("/evidence/:id/file", { schema: { tags: ["scores"], params: idParam } }, async (req, reply) => {
    const e = await repo.findEvidence(ctx.db, req.params.id);
    if (e?.kind !== "file" || !e.file_path) throw notFound("tệp / file");
    const facts = await agencyFacts(ctx, e.agency_id);
    if (!canReadAgencyPrivate(req.caller, facts)) throw forbidden();
    reply.header("content-type", e.mime ?? "application/octet-stream");
    reply.header(
      "content-disposition",
      `inline; filename*=UTF-8''${encodeURIComponent(e.file_name ?? "file")}`,
    );
    reply.header("x-content-type-options", "nosniff");
    return reply.send(fs.createReadStream(absolutePath(ctx, e.file_path)));
  });
}
