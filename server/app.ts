/** Builds the Fastify app: validation, errors, sessions, and every module's routes under /api. */
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppContext } from "./context.ts";
import { AppError } from "./errors.ts";
import { sessionToken } from "./http.ts";
import { agencyRoutes } from "./modules/agencies/routes.ts";
import { auditRoutes } from "./modules/audit/routes.ts";
import type { Caller } from "./modules/auth/policy.ts";
import { authRoutes } from "./modules/auth/routes.ts";
import { resolveCaller } from "./modules/auth/service.ts";
import type { LoginThrottle } from "./modules/auth/throttle.ts";
import { cycleRoutes } from "./modules/cycles/routes.ts";
import { frameworkRoutes } from "./modules/frameworks/routes.ts";
import { healthRoutes } from "./modules/health/routes.ts";
import { indicatorRoutes } from "./modules/indicators/routes.ts";
import { planImportRoutes } from "./modules/plan-import/routes.ts";
import { planRoutes } from "./modules/plans/routes.ts";
import { rankingRoutes } from "./modules/ranking/routes.ts";
import { scoreRoutes } from "./modules/scores/routes.ts";
import { registerWeb } from "./web.ts";

declare module "fastify" {
  interface FastifyRequest {
    caller: Caller | null;
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

export async function buildApp(
  ctx: AppContext,
  opts: { logger?: boolean; loginThrottle?: LoginThrottle } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.config.LOG_LEVEL } : false,
    bodyLimit: 2 * 1024 * 1024,
    // Off unless configured: a forwarded address from anyone else could be made up.
    trustProxy: ctx.config.TRUST_PROXY,
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
  // Only HTML pages get the content policy: a PDF shown in the browser's viewer must not inherit it.
  app.addHook("onSend", async (_req, reply, payload) => {
    if (String(reply.getHeader("content-type") ?? "").startsWith("text/html"))
      reply.header("content-security-policy", PAGE_POLICY);
    return payload;
  });
  await app.register(multipart, {
    limits: { fileSize: ctx.config.UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 10 },
  });

  app.decorateRequest("caller", null);
  app.addHook("onRequest", async (req) => {
    req.caller = await resolveCaller(ctx, sessionToken(req), req.ip);
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) return reply.status(err.status).send(err.toJSON());
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const field = first?.instancePath?.replace(/^\//, "").replace(/\//g, ".") || null;
      const detail = err.validation.map((v) => `${v.instancePath || "(body)"} ${v.message}`).join("; ");
      return reply.status(400).send({
        error: {
          code: "validation",
          message: `Dữ liệu không hợp lệ: ${detail}`,
          messageEn: `Invalid input: ${detail}`,
          field,
        },
      });
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.code === "FST_FILES_LIMIT")
      return reply
        .status(400)
        .send(
          new AppError(
            "upload.too_many",
            400,
            { vi: "Chỉ một tệp mỗi lần", en: "One file at a time" },
            "file",
          ).toJSON(),
        );
    if (e.code === "FST_REQ_FILE_TOO_LARGE")
      return reply.status(413).send({
        error: {
          code: "upload.too_large",
          message: `Tệp quá lớn (tối đa ${ctx.config.UPLOAD_MAX_MB} MB)`,
          messageEn: `File too large (at most ${ctx.config.UPLOAD_MAX_MB} MB)`,
          field: "file",
        },
      });
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
      return reply.status(e.statusCode).send({
        error: {
          code: e.code === "FST_ERR_CTP_INVALID_JSON_BODY" ? "invalid_json" : (e.code ?? "bad_request"),
          message: `Yêu cầu không hợp lệ: ${e.message}`,
          messageEn: e.message,
          field: null,
        },
      });
    req.log.error(err);
    return reply.status(500).send({
      error: { code: "internal", message: "Lỗi hệ thống", messageEn: "Internal error", field: null },
    });
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
