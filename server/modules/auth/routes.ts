import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createUserSchema, patchUserSchema } from "../../../core/contracts/users.ts";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import { requireCaller, SESSION_COOKIE, sessionToken } from "../../http.ts";
import { idParam } from "../../schemas.ts";
import { isAdmin } from "./policy.ts";
import { listUsers } from "./repository.ts";
import {
  createUser,
  login,
  loginName,
  logout,
  presentUser,
  resetPassword,
  tooManyAttempts,
  updateUser,
} from "./service.ts";
import { LoginThrottle } from "./throttle.ts";

export async function authRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  throttle: LoginThrottle = new LoginThrottle(),
) {
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
      const username = loginName(req.body.username);
      // Checked before the user is looked up or any password hashed: a refusal costs nothing.
      const attempt = throttle.attempt(username, req.ip);
      if (!attempt.ok)
        return reply
          .status(429)
          .header("retry-after", String(attempt.retryAfterS))
          .send(tooManyAttempts(attempt.retryAfterS).toJSON());
      const { token, expiresAt } = await login(ctx, username, req.body.password);
      attempt.succeeded();
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
    return {
      items: (await listUsers(ctx.db)).map((u) => ({
        ...presentUser(u),
        agencyName: u.agency_name,
        unitName: u.unit_name,
      })),
    };
  });
  r.post("/users", { schema: { tags: ["auth"], body: createUserSchema } }, async (req, reply) => {
    if (!isAdmin(requireCaller(req))) throw forbidden();
    const id = await createUser(ctx, req.body);
    return reply.status(201).send({ id });
  });
  r.patch(
    "/users/:id",
    { schema: { tags: ["auth"], params: idParam, body: patchUserSchema } },
    async (req) => {
      const caller = requireCaller(req);
      if (!isAdmin(caller)) throw forbidden();
      return updateUser(ctx, caller, req.params.id, req.body);
    },
  );
  r.post("/users/:id/reset-password", { schema: { tags: ["auth"], params: idParam } }, async (req) => {
    if (!isAdmin(requireCaller(req))) throw forbidden();
    return resetPassword(ctx, req.params.id);
  });
}
