import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { requireCaller } from "../../http.ts";
import { moveDemoDate, readClock } from "./service.ts";

export const moveDemoDateBody = z.object({ demoDate: z.string().max(40) });

export async function clockRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The same for everyone, signed in or not: the banner shows on the public pages too.
  r.get("/clock", { schema: { tags: ["health"] }, config: { anonymous: true } }, async () => readClock(ctx));
  r.put("/clock", { schema: { tags: ["admin"], body: moveDemoDateBody } }, async (req) =>
    moveDemoDate(ctx, requireCaller(req), req.body),
  );
}
