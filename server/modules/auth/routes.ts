import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createUserSchema, patchUserSchema, SESSION_PATH } from "../../../core/contracts/users.ts";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import { requireCaller, SESSION_COOKIE, sessionToken } from "../../http.ts";
import { idParam } from "../../schemas.ts";
import {
  finishOidc,
  OIDC_COOKIE,
  OIDC_COOKIE_PATH,
  OidcRefusal,
  oidcEnabled,
  requireOidc,
  startOidc,
} from "./oidc.ts";
import { changeOwnPassword } from "./password.ts";
import { isAdmin } from "./policy.ts";
import { listUsers } from "./repository.ts";
import { createUser, logout, presentUser, resetPassword, updateUser } from "./service.ts";
import { DEVICE_COOKIE, DEVICE_DAYS, LoginGate, type SignedIn } from "./sign-in.ts";
import type { ThrottleOptions } from "./throttle.ts";

/** The session cookie and the browser's device cookie, after a password or a single sign-on. */
function setSignInCookies(reply: FastifyReply, ctx: AppContext, s: SignedIn) {
  reply.setCookie(SESSION_COOKIE, s.token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.config.COOKIE_SECURE,
    expires: s.expiresAt,
  });
  // Only the sign-in reads it, so only the sign-in is sent it.
  reply.setCookie(DEVICE_COOKIE, s.deviceToken, {
    path: "/api/auth",
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.config.COOKIE_SECURE,
    maxAge: DEVICE_DAYS * 86_400,
  });
}

export async function authRoutes(app: FastifyInstance, ctx: AppContext, throttle: ThrottleOptions = {}) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const gate = new LoginGate(ctx, throttle);
  // Open to a user who must change a reset password: the change itself, who they are, signing out,
  // and single sign-on.
  const duringChange = { passwordChange: true } as const;
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
      setSignInCookies(reply, ctx, { token, expiresAt, deviceToken });
      return { token, expiresAt: expiresAt.toISOString() };
    },
  );
  // Single sign-on (oidc.ts). Both are top-level navigations of the browser, hence GETs; they act
  // for nobody signed in, so they stay open to a user who must change a reset password. Without
  // OIDC_* configured both answer 404.
  const flowCookie = {
    path: OIDC_COOKIE_PATH,
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.config.COOKIE_SECURE,
  } as const;
  const refused = (reply: FastifyReply, e: unknown) => {
    if (!(e instanceof OidcRefusal)) throw e;
    const q = new URLSearchParams({ sso_error: e.code });
    if (e.username) q.set("user", e.username.slice(0, 100));
    return reply.redirect(`/login?${q}`, 302);
  };
  r.get(
    "/auth/oidc/start",
    {
      schema: { tags: ["auth"], querystring: z.object({ next: z.string().max(500).optional() }) },
      config: duringChange,
    },
    async (req, reply) => {
      try {
        const { url, cookie, maxAgeS } = await startOidc(ctx, req.query.next);
        reply.setCookie(OIDC_COOKIE, cookie, { ...flowCookie, maxAge: maxAgeS });
        return reply.redirect(url, 302);
      } catch (e) {
        return refused(reply, e);
      }
    },
  );
  r.get("/auth/oidc/callback", { schema: { tags: ["auth"] }, config: duringChange }, async (req, reply) => {
    requireOidc(ctx);
    // One use: whatever the outcome, this flow is over.
    reply.clearCookie(OIDC_COOKIE, flowCookie);
    try {
      const signed = await finishOidc(ctx, {
        query: req.url.split("?")[1] ?? "",
        flowCookie: req.cookies[OIDC_COOKIE],
        ip: req.ip,
        deviceToken: req.cookies[DEVICE_COOKIE],
      });
      setSignInCookies(reply, ctx, signed);
      // The sign-in page goes on as after a password sign-in (the user's start page, or `next`).
      const q = new URLSearchParams({ sso: "done" });
      if (signed.next) q.set("next", signed.next);
      return reply.redirect(`/login?${q}`, 302);
    } catch (e) {
      return refused(reply, e);
    }
  });
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
  // `singleSignOn` tells the sign-in page to offer the province's single sign-on: read with the
  // session the app reads on every page anyway, so no page makes a request more for it.
  r.get(SESSION_PATH, { schema: { tags: ["auth"] }, config: duringChange }, async (req) => ({
    user: req.caller ?? null,
    singleSignOn: oidcEnabled(ctx),
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
