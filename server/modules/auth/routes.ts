import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createUserSchema, patchUserSchema, SESSION_PATH } from "../../../core/contracts/users.ts";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import { requireCaller, SESSION_COOKIE, sessionToken } from "../../http.ts";
import { idParam } from "../../schemas.ts";
import { changeOwnPassword } from "./password.ts";
import { isAdmin } from "./policy.ts";
import { listUsers } from "./repository.ts";
import { createUser, logout, presentUser, resetPassword, updateUser } from "./service.ts";
import { DEVICE_COOKIE, DEVICE_DAYS, LoginGate } from "./sign-in.ts";
import type { ThrottleOptions } from "./throttle.ts";

export async function authRoutes(app: FastifyInstance, ctx: AppContext, throttle: ThrottleOptions = {}) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const gate = new LoginGate(ctx, throttle);
  r.post(
    "/auth/login",
    {
      schema: {
        tags: ["auth"],
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
      },
    },
    async (req, reply) => {
      const { token, expiresAt, deviceToken } = await gate.signIn({
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        deviceToken: req.cookies[DEVICE_COOKIE],
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: ctx.config.COOKIE_SECURE,
        expires: expiresAt,
      });
      // Only the sign-in reads it, so only the sign-in is sent it.
      reply.setCookie(DEVICE_COOKIE, deviceToken, {
        path: "/api/auth",
        httpOnly: true,
        sameSite: "lax",
        secure: ctx.config.COOKIE_SECURE,
        maxAge: DEVICE_DAYS * 86_400,
      });
      return { token, expiresAt: expiresAt.toISOString() };
    },
  );
  // Open to a user who must change a reset password: the change itself, who they are, signing out.
  const duringChange = { passwordChange: true } as const;
  r.post(
    "/auth/password",
    {
      schema: {
        tags: ["auth"],
        // The rules on the new password (length included) are said by the service, with their codes.
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(1000) }),
      },
      config: duringChange,
    },
    async (req) => changeOwnPassword(ctx, requireCaller(req), sessionToken(req), req.body),
  );
  r.post("/auth/logout", { schema: { tags: ["auth"] }, config: duringChange }, async (req, reply) => {
    const token = sessionToken(req);
    if (token) await logout(ctx, req.caller, token);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true };
  });
  r.get("/auth/me", { schema: { tags: ["auth"] }, config: duringChange }, async (req) => {
    const c = requireCaller(req);
    return { user: c };
  });
  // Who is signed in, for pages anyone may open: "nobody" is an answer (200, null), not an error a
  // browser logs on every public page. /auth/me keeps 401 for callers that need a session.
  r.get(SESSION_PATH, { schema: { tags: ["auth"] }, config: duringChange }, async (req) => ({
    user: req.caller ?? null,
  }));
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
    const caller = requireCaller(req);
    if (!isAdmin(caller)) throw forbidden();
    const id = await createUser(ctx, req.body, caller);
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
    const caller = requireCaller(req);
    if (!isAdmin(caller)) throw forbidden();
    return resetPassword(ctx, caller, req.params.id);
  });
}
