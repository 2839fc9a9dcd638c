import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import { requireCaller, SESSION_COOKIE, sessionToken } from "../../http.ts";
import { isAdmin } from "./policy.ts";
import { listUsers } from "./repository.ts";
import { createUser, login, logout, ROLES } from "./service.ts";

const roleSchema = z.enum(ROLES as [string, ...string[]]);

export async function authRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/auth/login",
    {
      schema: {
        tags: ["auth"],
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
      },
      config: {},
    },
    async (req, reply) => {
      const { token, expiresAt } = await login(ctx, req.body.username, req.body.password);
      reply.setCookie(SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: ctx.config.COOKIE_SECURE,
        expires: expiresAt,
      });
      return { token, expiresAt: expiresAt.toISOString() };
    },
  );
  r.post("/auth/logout", { schema: { tags: ["auth"] } }, async (req, reply) => {
    const token = sessionToken(req);
    if (token) await logout(ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true };
  });
  r.get("/auth/me", { schema: { tags: ["auth"] } }, async (req) => {
    const c = requireCaller(req);
    return { user: c };
  });
  r.get("/users", { schema: { tags: ["auth"] } }, async (req) => {
    if (!isAdmin(requireCaller(req))) throw forbidden();
    const rows = await listUsers(ctx.db);
    return {
      items: rows.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role,
        agencyId: u.agency_id,
        unitId: u.unit_id,
      })),
    };
  });
  r.post(
    "/users",
    {
      schema: {
        tags: ["auth"],
        body: z.object({
          username: z.string(),
          password: z.string(),
          displayName: z.string().min(1).max(200),
          role: roleSchema,
          agencyId: z.number().int().positive().nullable().optional(),
          unitId: z.number().int().positive().nullable().optional(),
        }),
      },
    },
    async (req, reply) => {
      if (!isAdmin(requireCaller(req))) throw forbidden();
      const id = await createUser(ctx, { ...req.body, role: req.body.role as (typeof ROLES)[number] });
      return reply.status(201).send({ id });
    },
  );
}
