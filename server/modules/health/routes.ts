import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { AppContext } from "../../context.ts";

export async function healthRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get("/health", { schema: { tags: ["health"] } }, async () => {
    await sql`select 1`.execute(ctx.db);
    return { status: "ok", database: ctx.engine };
  });
}
