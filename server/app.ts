/** Builds the Fastify app: validation, errors, sessions, and every module's routes under /api. */

import os from "node:os";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppContext } from "./context.ts";
import { AppError, notFound, pathScrubber } from "./errors.ts";
import { sessionToken } from "./http.ts";
import { controlCharacterError, convertPageBreaks, findControlCharacter, pathIdOutOfRange } from "./input.ts";
import { agencyRoutes } from "./modules/agencies/routes.ts";
import { auditRoutes } from "./modules/audit/routes.ts";
import { crossOrigin, isCrossOrigin, originOf } from "./modules/auth/origin.ts";
import { passwordChangeRequired } from "./modules/auth/password.ts";
import type { Caller } from "./modules/auth/policy.ts";
import { authRoutes } from "./modules/auth/routes.ts";
import { resolveCaller } from "./modules/auth/service.ts";
import type { ThrottleOptions } from "./modules/auth/throttle.ts";
import { clockRoutes } from "./modules/clock/routes.ts";
import { cycleRoutes } from "./modules/cycles/routes.ts";
import { frameworkRoutes } from "./modules/frameworks/routes.ts";
import { healthRoutes } from "./modules/health/routes.ts";
import { indicatorRoutes } from "./modules/indicators/routes.ts";
import { planImportRoutes } from "./modules/plan-import/routes.ts";
import { planRoutes } from "./modules/plans/routes.ts";
import { rankingRoutes } from "./modules/ranking/routes.ts";
import { scoreRoutes } from "./modules/scores/routes.ts";
import { forgetPublicAnswers } from "./public-cache.ts";
import { registerWeb } from "./web.ts";

declare module "fastify" {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /**
     * Top-level body fields that take text pasted from a PDF or Word, where a form feed (page
     * break) and a vertical tab (line break) are turned into line breaks instead of being refused
     * as control characters (input.ts). Each route that takes such text says so itself.
     */
    pageBreaks?: readonly string[];
    /** A public read, the same for every caller: the session is not even looked up. */
    anonymous?: boolean;
    /** Open to a user who must first replace a password an administrator reset (auth/password.ts). */
    passwordChange?: boolean;
  }
}

/**
 * Sent with every answer. The app frames its own PDF evidence previews, so framing is same-origin
 * only rather than denied; antd writes its CSS at run time, hence inline styles in the page's policy.
 */
const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "SAMEORIGIN",
};
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

/** PostgreSQL's data exceptions (SQLSTATE class 22): a value the database cannot take. */
function isDataException(err: unknown): boolean {
  const e = err as { code?: unknown; severity?: unknown };
  return typeof e.code === "string" && /^22[0-9A-Z]{3}$/.test(e.code) && typeof e.severity === "string";
}

export async function buildApp(
  ctx: AppContext,
  opts: { logger?: boolean; loginThrottle?: ThrottleOptions } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.config.LOG_LEVEL } : false,
    bodyLimit: 2 * 1024 * 1024,
    // Off unless configured: a forwarded address from anyone else could be made up.
    trustProxy: ctx.config.TRUST_PROXY,
    // The router's own refusals, answered before any hook or handler, get the one coded body too.
    frameworkErrors: (err, _req, reply) => {
      const send = (e: AppError) => (reply as unknown as FastifyReply).status(e.status).send(e.toJSON());
      // A path segment longer than any id or code can name nothing.
      if (err.code === "FST_ERR_MAX_PARAM_LENGTH") return send(notFound("đường dẫn / path"));
      return send(
        new AppError("bad_url", 400, {
          vi: "Đường dẫn không hợp lệ (mã hóa ký tự sai)",
          en: "The address is malformed (bad percent-encoding)",
        }),
      );
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, {
    openapi: {
      info: {
        title: "parindex API",
        version: "0.1.0",
        description: "PAR INDEX: frameworks, scores, index, plans",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(cookie);
  // Before any route: only routes added after it are compressed (the API's JSON and the app's files).
  await app.register(compress, { global: true, encodings: ["br", "gzip", "deflate"] });
  app.addHook("onRequest", async (_req, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
  // Before anything is read or parsed: a forged request costs nothing and changes nothing.
  app.addHook("onRequest", async (req) => {
    const h = req.headers;
    const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : v);
    if (
      isCrossOrigin({
        method: req.method,
        fetchSite: one(h["sec-fetch-site"]),
        origin: one(h.origin),
        own: originOf(req.protocol, req.host) ?? "",
        allowed: ctx.config.PUBLIC_ORIGIN,
      })
    )
      throw crossOrigin();
  });
  // JSON and multipart only. A form (urlencoded) or text/plain body is what another site's page can
  // send without asking; nothing of the app sends one, so it is refused (415) rather than parsed.
  app.removeContentTypeParser("text/plain");
  // Only HTML pages get the content policy: a PDF shown in the browser's viewer must not inherit it.
  app.addHook("onSend", async (_req, reply, payload) => {
    if (String(reply.getHeader("content-type") ?? "").startsWith("text/html"))
      reply.header("content-security-policy", PAGE_POLICY);
    return payload;
  });
  await app.register(multipart, {
    limits: { fileSize: ctx.config.UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 10 },
  });

  // Hostile input, refused for every route at once before any route's schema sees it.
  app.addHook("preValidation", async (req) => {
    const outOfRange = pathIdOutOfRange(req.params);
    if (outOfRange) throw outOfRange;
    const breaks = req.routeOptions.config?.pageBreaks;
    if (breaks) convertPageBreaks(req.body, breaks);
    const field =
      findControlCharacter(req.params) ?? findControlCharacter(req.query) ?? findControlCharacter(req.body);
    if (field) throw controlCharacterError(field);
  });

  // recordAudit empties the public cache inside the write's transaction, before it commits: on
  // PostgreSQL a public read on another connection in between would keep the old answer for a
  // second. Once a write's answer is sent its transaction has committed, so the cache is emptied
  // again there.
  app.addHook("onResponse", async (req) => {
    // Sign-in, sign-out and passwords change nothing the public reads (and a flood of sign-ins must
    // not empty the cache on publication day), as in recordAudit.
    const write = req.method !== "GET" && req.method !== "HEAD";
    if (write && req.url.startsWith("/api/") && !req.url.startsWith("/api/auth/")) forgetPublicAnswers();
  });

  app.decorateRequest("caller", null);
  // Only the API acts for a caller: the app's files and pages (and routes marked anonymous) are
  // served without looking the session up.
  app.addHook("onRequest", async (req) => {
    if (req.routeOptions.config?.anonymous || !req.url.startsWith("/api/")) return;
    req.caller = await resolveCaller(ctx, sessionToken(req), req.ip);
  });
  // After a reset the temporary password was seen by the administrator: nothing but replacing it.
  // The app's own pages still load (they show the change form); only the API is closed. Checked
  // after the hostile-input hook, so an id past the integer range is a 404 for everyone alike.
  app.addHook("preValidation", async (req) => {
    if (req.caller?.mustChangePassword && !req.routeOptions.config?.passwordChange)
      throw passwordChangeRequired();
  });

  const scrub = pathScrubber([
    ctx.config.dataDir,
    ctx.config.appDist,
    process.cwd(),
    os.tmpdir(),
    os.homedir(),
  ]);
  app.setErrorHandler((err, req, reply) => {
    const { status, body } = errorAnswer(err, ctx);
    if (status >= 500) req.log.error(err);
    else if (isDataException(err)) req.log.warn({ err, url: req.url }, "a value the route let through");
    body.error.message = scrub(body.error.message);
    body.error.messageEn = scrub(body.error.messageEn);
    if (err instanceof AppError) reply.headers(err.headers);
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({
      error: {
        code: "not_found",
        message: `Không có đường dẫn ${req.url}`,
        messageEn: `No route ${req.method} ${req.url}`,
        field: null,
      },
    }),
  );

  await app.register(
    async (api) => {
      await healthRoutes(api, ctx);
      await clockRoutes(api, ctx);
      await authRoutes(api, ctx, opts.loginThrottle);
      await agencyRoutes(api, ctx);
      await frameworkRoutes(api, ctx);
      await cycleRoutes(api, ctx);
      await scoreRoutes(api, ctx);
      await rankingRoutes(api, ctx);
      await planRoutes(api, ctx);
      await indicatorRoutes(api, ctx);
      await planImportRoutes(api, ctx);
      await auditRoutes(api, ctx);
      api.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: "/api" },
  );
  await registerWeb(app, ctx.config.appDist);
  return app;
}

type ErrorBody = ReturnType<AppError["toJSON"]>;

/** Every error as a status and the one coded body (code, message in vi and en, field). */
function errorAnswer(err: unknown, ctx: AppContext): { status: number; body: ErrorBody } {
  if (err instanceof AppError) return { status: err.status, body: err.toJSON() };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    const field = first?.instancePath?.replace(/^\//, "").replace(/\//g, ".") || null;
    const detail = err.validation.map((v) => `${v.instancePath || "(body)"} ${v.message}`).join("; ");
    return {
      status: 400,
      body: {
        error: {
          code: "validation",
          message: `Dữ liệu không hợp lệ: ${detail}`,
          messageEn: `Invalid input: ${detail}`,
          field,
        },
      },
    };
  }
  const e = err as { statusCode?: number; code?: string; message: string };
  const coded = (code: string, status: number, vi: string, en: string, field?: string) => ({
    status,
    body: new AppError(code, status, { vi, en }, field).toJSON(),
  });
  if (e.code === "FST_FILES_LIMIT")
    return coded("upload.too_many", 400, "Chỉ một tệp mỗi lần", "One file at a time", "file");
  if (e.code === "FST_REQ_FILE_TOO_LARGE")
    return coded(
      "upload.too_large",
      413,
      `Tệp quá lớn (tối đa ${ctx.config.UPLOAD_MAX_MB} MB)`,
      `File too large (at most ${ctx.config.UPLOAD_MAX_MB} MB)`,
      "file",
    );
  if (e.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
    return coded(
      "unsupported_media_type",
      415,
      "Định dạng dữ liệu gửi lên không được hỗ trợ: hãy gửi JSON (application/json) hoặc biểu mẫu có tệp (multipart/form-data)",
      "Unsupported body type: send JSON (application/json) or a form with a file (multipart/form-data)",
    );
  // The route's schema let through a value the database cannot take (a number past its integer,
  // a malformed date): the request was wrong, and its transaction has been rolled back.
  if (isDataException(err))
    return coded(
      e.code === "22003" || e.code === "22008" ? "validation.out_of_range" : "validation",
      400,
      "Dữ liệu không hợp lệ: có giá trị nằm ngoài phạm vi cho phép",
      "Invalid input: a value is out of the range that can be stored",
    );
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return {
      status: e.statusCode,
      body: {
        error: {
          code: e.code === "FST_ERR_CTP_INVALID_JSON_BODY" ? "invalid_json" : (e.code ?? "bad_request"),
          message: `Yêu cầu không hợp lệ: ${e.message}`,
          messageEn: e.message,
          field: null,
        },
      },
    };
  return {
    status: 500,
    body: { error: { code: "internal", message: "Lỗi hệ thống", messageEn: "Internal error", field: null } },
  };
}
