import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { whatIfBodySchema } from "../../../core/contracts/ranking.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { requireCaller } from "../../http.ts";
import { sendPublic } from "../../public-cache.ts";
import { idParam, idValue } from "../../schemas.ts";
import { publicCycle } from "../cycles/public.ts";
import { presentCycle } from "../cycles/service.ts";
import { agencyDashboard } from "./dashboard.ts";
import { publicAgency, publicOverview, publicPlan } from "./public.ts";
import { agencyGap, agencyIndex, agencyWhatIf, cycleResults, presentResult } from "./service.ts";

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export async function rankingRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/cycles/:id/ranking", { schema: { tags: ["index"], params: idParam } }, async (req, reply) => {
    const answer = async () => {
      const res = await cycleResults(ctx, req.caller, req.params.id);
      return { cycle: presentCycle(res.cycle), items: res.results.map(presentResult) };
    };
    // Anonymous readers all get the published version: the public cache serves them.
    if (!req.caller) return sendPublic(req, reply, `ranking:${req.params.id}`, answer);
    return answer();
  });
  r.get(
    "/agencies/:id/index",
    { schema: { tags: ["index"], params: idParam, querystring: yearQuery } },
    async (req) => agencyIndex(ctx, req.caller, req.params.id, req.query.year),
  );
  r.get(
    "/agencies/:id/gap",
    {
      schema: {
        tags: ["index"],
        params: idParam,
        querystring: yearQuery.extend({ level: z.enum(["area", "leaf"]).default("area") }),
      },
    },
    async (req) => agencyGap(ctx, req.caller, req.params.id, req.query.year, req.query.level),
  );
  r.post(
    "/agencies/:id/what-if",
    {
      schema: {
        tags: ["index"],
        params: idParam,
        body: whatIfBodySchema,
      },
    },
    async (req) =>
      agencyWhatIf(
        ctx,
        requireCaller(req),
        req.params.id,
        req.body.baseYear,
        req.body.areas ? new Map(Object.entries(req.body.areas)) : null,
      ),
  );
  // The dashboard and the what-if are an agency's own view: no session, 401.
  r.get("/agencies/:id/dashboard", { schema: { tags: ["index"], params: idParam } }, async (req) =>
    agencyDashboard(ctx, requireCaller(req), req.params.id),
  );
  // The caller's own agency, so the page need not wait for /auth/me to know which one.
  r.get("/me/dashboard", { schema: { tags: ["index"] } }, async (req) => {
    const caller = requireCaller(req);
    if (caller.agencyId === null)
      throw new AppError("dashboard.no_agency", 404, {
        vi: "Tài khoản không thuộc cơ quan nào; hãy chọn một cơ quan",
        en: "Your account belongs to no agency; choose one",
      });
    return agencyDashboard(ctx, caller, caller.agencyId);
  });
  // What the public reads is the same for every caller: computed once, served from memory
  // (server/public-cache.ts), and never looks at the session.
  const open = { anonymous: true } as const;
  r.get("/public/overview", { schema: { tags: ["public"] }, config: open }, async (req, reply) =>
    sendPublic(req, reply, "overview", () => publicOverview(ctx)),
  );
  // A cycle's published results: the current version, or an earlier one at its own address.
  r.get(
    "/public/cycles/:id",
    { schema: { tags: ["public"], params: idParam }, config: open },
    async (req, reply) =>
      sendPublic(
        req,
        reply,
        `cycle:${req.params.id}`,
        async () => (await publicCycle(ctx, req.params.id)).body,
      ),
  );
  r.get(
    "/public/cycles/:id/versions/:version",
    {
      schema: {
        tags: ["public"],
        // A version past the current one answers 404 like any record that does not exist.
        params: idParam.extend({ version: idValue }),
      },
      config: open,
    },
    async (req, reply) =>
      sendPublic(
        req,
        reply,
        `cycle:${req.params.id}:v${req.params.version}`,
        async () => (await publicCycle(ctx, req.params.id, req.params.version)).body,
      ),
  );
  r.get(
    "/public/agencies/:id",
    { schema: { tags: ["public"], params: idParam }, config: open },
    async (req, reply) =>
      sendPublic(req, reply, `agency:${req.params.id}`, () => publicAgency(ctx, req.params.id)),
  );
  r.get(
    "/public/plans/:id",
    { schema: { tags: ["public"], params: idParam }, config: open },
    async (req, reply) =>
      sendPublic(req, reply, `plan:${req.params.id}`, () => publicPlan(ctx, req.params.id)),
  );
}
