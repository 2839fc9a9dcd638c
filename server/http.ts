/** Request helpers shared by every module's routes. */
import type { FastifyRequest } from "fastify";
import type { ZodType } from "zod";
import { AppError, unauthenticated } from "./errors.ts";
import type { Caller } from "./modules/auth/policy.ts";
import type { IncomingFile } from "./uploads.ts";

export const SESSION_COOKIE = "parindex_session";

export function requireCaller(req: FastifyRequest): Caller {
  if (!req.caller) throw unauthenticated();
  return req.caller;
}

/** The session token of a request: a bearer token, else the session cookie. */
export function sessionToken(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith("Bearer ") ? auth.slice(7) : req.cookies[SESSION_COOKIE];
}

/**
 * Reads a multipart form whole: its text fields, in any order, and its file, buffered. The limits
 * set on @fastify/multipart in app.ts (one file, UPLOAD_MAX_MB) end the request when exceeded.
 */
export async function readMultipart(
  req: FastifyRequest,
): Promise<{ fields: Record<string, string>; file?: IncomingFile }> {
  if (!req.isMultipart())
    throw new AppError(
      "upload.not_multipart",
      400,
      { vi: "Cần gửi biểu mẫu có tệp (multipart)", en: "Send a multipart form" },
      "file",
    );
  const fields: Record<string, string> = {};
  let file: IncomingFile | undefined;
  for await (const part of req.parts()) {
    if (part.type === "file") {
      const buf = await part.toBuffer();
      file = { filename: part.filename, toBuffer: async () => buf };
    } else fields[part.fieldname] = String(part.value);
  }
  return { fields, file };
}

/** Validates a value that did not come through a route schema (multipart fields, form JSON). */
export function parseInput<T>(schema: ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw new AppError(
    "validation",
    400,
    {
      vi: `Dữ liệu không hợp lệ${field ? ` (${field})` : ""}: ${issue?.message}`,
      en: `Invalid input${field ? ` (${field})` : ""}: ${issue?.message}`,
    },
    field,
  );
}

export function requireFile(file: IncomingFile | undefined): IncomingFile {
  if (!file)
    throw new AppError("upload.no_file", 400, { vi: "Chưa chọn tệp", en: "No file in the upload" }, "file");
  return file;
}
