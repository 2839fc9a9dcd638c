import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import {
  createFrameworkSchema,
  FRAMEWORK_FILE_FORMAT,
  frameworkInputSchema,
} from "../../../core/contracts/frameworks.ts";
import { fromCenti } from "../../../core/decimal.ts";
import { type FrameworkNode, totalMax } from "../../../core/framework.ts";
import type { AppContext } from "../../context.ts";
import { badInput, forbidden } from "../../errors.ts";
import { requireCaller } from "../../http.ts";
import { presentNode } from "../../presenters.ts";
import { idParam, idValue } from "../../schemas.ts";
import { findAgency } from "../agencies/repository.ts";
import type { Caller } from "../auth/policy.ts";
import { canEditFramework, listsFramework } from "./policy.ts";
import * as repo from "./repository.ts";
import { createFramework, type FrameworkInput, loadFramework, replaceFramework } from "./service.ts";

type Body = Omit<z.output<typeof frameworkInputSchema>, "nodes"> & {
  nodes: (Omit<FrameworkNode, "position"> & { position?: number })[];
};

/** The API takes grade thresholds in percent (80) and stores hundredths of a percent (8000). */
function toInput<T extends Body>(body: T): Omit<T, "gradeBands" | "nodes"> & FrameworkInput {
  return {
    ...body,
    gradeBands: body.gradeBands?.map((b) => ({ grade: b.grade, atLeast: Math.round(b.atLeast * 100) })),
    nodes: body.nodes.map((n, i) => ({ ...n, position: n.position ?? i })),
  };
}

/**
 * POST /frameworks: the framework, and the province that will own it. Left out, a new version
 * belongs to its base's owner when the caller may edit that one; otherwise a province office's
 * framework is its province's and the administrator's is national (null).
 */
const createBody = createFrameworkSchema.extend({ provinceId: idValue.nullable().optional() });

/** The owner of a new framework, once the caller may issue frameworks for it. */
async function ownerOf(
  ctx: AppContext,
  c: Caller,
  named: number | null | undefined,
  basedOnId: number | undefined,
): Promise<number | null> {
  if (c.role !== "admin" && c.role !== "province_office") throw forbidden();
  let provinceId = named;
  if (provinceId === undefined && basedOnId !== undefined) {
    const base = await repo.findFramework(ctx.db, basedOnId);
    if (base && canEditFramework(c, base.provinceId)) provinceId = base.provinceId;
  }
  if (provinceId === undefined) provinceId = c.role === "admin" ? null : c.provinceId;
  if (!canEditFramework(c, provinceId))
    throw forbidden(
      "A province's PAR office issues frameworks for its own province only; national ones are the administrator's",
      "Sở Nội vụ chỉ ban hành bộ chỉ số của tỉnh mình; bộ chỉ số dùng chung do quản trị hệ thống ban hành",
    );
  if (provinceId !== null && (await findAgency(ctx.db, provinceId))?.kind !== "province")
    throw badInput("framework.unknown_province", "provinceId", "Tỉnh không tồn tại", "Unknown province");
  return provinceId;
}

export async function frameworkRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // What the caller works with: their province's frameworks and the national ones (all for admin and the public).
  r.get("/frameworks", { schema: { tags: ["frameworks"] } }, async (req) => {
    const usage = await repo.frameworkUsage(ctx.db);
    const mine = (await repo.listFrameworks(ctx.db)).filter((f) => listsFramework(req.caller, f.provinceId));
    return {
      items: mine.map((f) => ({
        ...f,
        usedInYears: usage.get(f.id) ?? [],
        inUse: usage.has(f.id),
      })),
    };
  });
  r.get("/frameworks/:id", { schema: { tags: ["frameworks"], params: idParam } }, async (req) => {
    const f = await loadFramework(ctx, req.params.id);
    const usage = await repo.frameworkUsage(ctx.db, f.meta.id);
    return {
      ...f.meta,
      totalMax: fromCenti(totalMax(f.tree)),
      usedInYears: usage.get(f.meta.id) ?? [],
      inUse: usage.has(f.meta.id),
      nodes: f.nodes.map(presentNode),
    };
  });
  // The framework as a JSON file that POST /frameworks (and the web editor's import) takes back.
  r.get(
    "/frameworks/:id/export",
    { schema: { tags: ["frameworks"], params: idParam } },
    async (req, reply) => {
      const f = await loadFramework(ctx, req.params.id);
      const file = {
        format: FRAMEWORK_FILE_FORMAT,
        code: f.meta.code,
        title: f.meta.title,
        year: f.meta.year,
        agencyType: f.meta.agencyType,
        gradeBands: f.meta.gradeBands.map((b) => ({ grade: b.grade, atLeast: fromCenti(b.atLeast) })),
        rankDecimals: f.meta.rankDecimals,
        nodes: f.nodes.map((n) => {
          const p = presentNode(n);
          return { ...p, rule: p.rule ?? undefined, illustrative: p.illustrative || undefined };
        }),
      };
      const name = f.meta.code.replace(/[^A-Za-z0-9._-]/g, "_");
      return reply
        .header("content-disposition", `attachment; filename="${name}.json"`)
        .type("application/json; charset=utf-8")
        .send(JSON.stringify(file, null, 2));
    },
  );
  r.post("/frameworks", { schema: { tags: ["frameworks"], body: createBody } }, async (req, reply) => {
    const caller = requireCaller(req);
    const provinceId = await ownerOf(ctx, caller, req.body.provinceId, req.body.basedOnId);
    const id = await createFramework(ctx, caller, { ...toInput(req.body), provinceId });
    return reply.status(201).send({ id });
  });
  r.put(
    "/frameworks/:id",
    { schema: { tags: ["frameworks"], params: idParam, body: frameworkInputSchema } },
    async (req) => {
      const caller = requireCaller(req);
      await replaceFramework(ctx, caller, req.params.id, toInput(req.body));
      return { id: req.params.id };
    },
  );
}
