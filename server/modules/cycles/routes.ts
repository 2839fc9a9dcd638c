import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  assignmentSchema,
  correctionSchema,
  createCycleSchema,
  exclusionSchema,
  participantsSchema,
  patchCycleSchema,
  publishCycleSchema,
} from "../../../core/contracts/cycles.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { requireCaller } from "../../http.ts";
import { idParam, idValue, MAX_ID } from "../../schemas.ts";
import { canReadProvinceResults } from "../auth/policy.ts";
import { compareAgencies } from "./compare.ts";
import { presentVersion } from "./public.ts";
import { cancelCorrection, publish, reopenForCorrection } from "./publication.ts";
import * as pubs from "./publication-repository.ts";
import { publicationStatus } from "./readiness.ts";
import * as repo from "./repository.ts";
import {
  addCycleParticipants,
  assignAppraiser,
  createCycle,
  cycleAppraisers,
  cycleHistory,
  cycleToRun,
  listVisibleCycles,
  presentCycle,
  removeCycleParticipant,
  setExclusion,
  unassignAppraiser,
  updateCycleDates,
  visibleCycle,
} from "./service.ts";

const participantParams = idParam.extend({ agencyId: idValue });

export async function cycleRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/cycles",
    {
      schema: {
        tags: ["cycles"],
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          provinceId: idValue.optional(),
          group: z.string().max(40).optional(),
        }),
      },
    },
    async (req) => ({ items: (await listVisibleCycles(ctx, req.caller, req.query)).map(presentCycle) }),
  );
  r.get("/cycles/:id", { schema: { tags: ["cycles"], params: idParam } }, async (req) => {
    const c = await visibleCycle(ctx, req.caller, req.params.id);
    // Who takes part and where each stands is the province's working view, not a public fact.
    const province = canReadProvinceResults(req.caller, c.province_id);
    const participants = province ? await repo.listParticipants(ctx.db, c.id) : [];
    return {
      ...presentCycle(c),
      correctionReason: province ? c.correction_reason : null,
      participants: participants.map((p) => ({
        agencyId: p.id,
        code: p.code,
        name: p.name,
        status: p.status,
        sample: p.sample,
        excludedReason: p.excluded_reason,
      })),
    };
  });
  r.post("/cycles", { schema: { tags: ["cycles"], body: createCycleSchema } }, async (req, reply) =>
    reply.status(201).send({ id: await createCycle(ctx, requireCaller(req), req.body) }),
  );
  r.patch(
    "/cycles/:id",
    { schema: { tags: ["cycles"], params: idParam, body: patchCycleSchema } },
    async (req) => {
      await updateCycleDates(ctx, requireCaller(req), req.params.id, req.body);
      return presentCycle(await visibleCycle(ctx, req.caller, req.params.id));
    },
  );
  r.post(
    "/cycles/:id/participants",
    { schema: { tags: ["cycles"], params: idParam, body: participantsSchema } },
    async (req) => {
      await addCycleParticipants(ctx, requireCaller(req), req.params.id, req.body.agencyIds);
      return { ok: true };
    },
  );
  r.delete(
    "/cycles/:id/participants/:agencyId",
    { schema: { tags: ["cycles"], params: participantParams } },
    async (req) => {
      await removeCycleParticipant(ctx, requireCaller(req), req.params.id, req.params.agencyId);
      return { ok: true };
    },
  );
  r.post(
    "/cycles/:id/participants/:agencyId/exclude",
    { schema: { tags: ["cycles"], params: participantParams, body: exclusionSchema } },
    async (req) => {
      await setExclusion(ctx, requireCaller(req), req.params.id, req.params.agencyId, req.body.reason);
      return { ok: true };
    },
  );
  r.post(
    "/cycles/:id/participants/:agencyId/include",
    { schema: { tags: ["cycles"], params: participantParams } },
    async (req) => {
      await setExclusion(ctx, requireCaller(req), req.params.id, req.params.agencyId, null);
      return { ok: true };
    },
  );
  // Area results of a few agencies side by side (the province's comparison view).
  r.get(
    "/cycles/:id/compare",
    {
      schema: {
        tags: ["cycles"],
        params: idParam,
        querystring: z.object({
          agencyIds: z
            .string()
            .regex(/^\d{1,10}(,\d{1,10}){0,9}$/, "comma-separated agency ids")
            .transform((v) => [...new Set(v.split(",").map(Number))])
            .pipe(z.array(z.number().int().positive().max(MAX_ID)).min(1).max(10)),
        }),
      },
    },
    async (req) => compareAgencies(ctx, req.caller, req.params.id, req.query.agencyIds),
  );
  // What publishing would publish now, and what stands in the way: shown before anyone clicks.
  r.get("/cycles/:id/publication", { schema: { tags: ["cycles"], params: idParam } }, async (req) =>
    publicationStatus(ctx, requireCaller(req), req.params.id),
  );
  r.post(
    "/cycles/:id/publish",
    { schema: { tags: ["cycles"], params: idParam, body: publishCycleSchema } },
    async (req) => {
      const caller = requireCaller(req);
      const c = await cycleToRun(ctx, caller, req.params.id);
      if (c.state === "open" && !req.body.decision)
        throw new AppError(
          "cycle.decision_required",
          400,
          {
            vi: "Cần số, ký hiệu và ngày của quyết định công bố kết quả",
            en: "Give the number, code and date of the decision that announces the results",
          },
          "decision",
        );
      const r = await publish(ctx, caller, c, req.body.decision ?? null, req.body.note ?? null);
      return { ...presentCycle(await visibleCycle(ctx, caller, c.id)), version: r.version };
    },
  );
  // Kept so an old client gets a clear answer: a publication is never withdrawn silently.
  r.post("/cycles/:id/unpublish", { schema: { tags: ["cycles"], params: idParam } }, async (req) => {
    await cycleToRun(ctx, requireCaller(req), req.params.id);
    throw new AppError("cycle.use_correction", 409, {
      vi: "Kết quả đã công bố không thể rút lại; hãy mở đính chính có ghi lý do",
      en: "Published results cannot be withdrawn; open a correction with a written reason",
    });
  });
  r.post(
    "/cycles/:id/corrections",
    { schema: { tags: ["cycles"], params: idParam, body: correctionSchema } },
    async (req) => {
      const caller = requireCaller(req);
      await reopenForCorrection(ctx, caller, await cycleToRun(ctx, caller, req.params.id), req.body.reason);
      return presentCycle(await visibleCycle(ctx, caller, req.params.id));
    },
  );
  r.post("/cycles/:id/corrections/cancel", { schema: { tags: ["cycles"], params: idParam } }, async (req) => {
    const caller = requireCaller(req);
    await cancelCorrection(ctx, caller, await cycleToRun(ctx, caller, req.params.id));
    return presentCycle(await visibleCycle(ctx, caller, req.params.id));
  });
  r.get("/cycles/:id/publications", { schema: { tags: ["cycles"], params: idParam } }, async (req) => {
    const c = await visibleCycle(ctx, req.caller, req.params.id);
    return { items: (await pubs.listPublications(ctx.db, c.id)).map(presentVersion) };
  });
  r.get("/cycles/:id/history", { schema: { tags: ["cycles"], params: idParam } }, async (req) =>
    cycleHistory(ctx, requireCaller(req), req.params.id),
  );
  r.get("/cycles/:id/appraisers", { schema: { tags: ["cycles"], params: idParam } }, async (req) =>
    cycleAppraisers(ctx, requireCaller(req), req.params.id),
  );
  r.post(
    "/cycles/:id/appraisers",
    { schema: { tags: ["cycles"], params: idParam, body: assignmentSchema } },
    async (req) => {
      await assignAppraiser(ctx, requireCaller(req), req.params.id, req.body.areaCode, req.body.userId);
      return { ok: true };
    },
  );
  r.delete(
    "/cycles/:id/appraisers",
    {
      schema: {
        tags: ["cycles"],
        params: idParam,
        querystring: z.object({
          areaCode: assignmentSchema.shape.areaCode,
          userId: idValue,
        }),
      },
    },
    async (req) => {
      await unassignAppraiser(ctx, requireCaller(req), req.params.id, req.query.areaCode, req.query.userId);
      return { ok: true };
    },
  );
}
