/** Request helpers shared by every module's routes. */
import type { FastifyRequest } from "fastify";
import type { ZodType } from "zod";
import { AppError, unauthenticated } from "./errors.ts";
import { controlCharacterError, findControlCharacter, hasControlCharacter } from "./input.ts";
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
 * set on @fastify/multipart in app.ts (one file, UPLOAD_MAX_MB) end the request when exceeded. A
 * control character in a field's name or value, or in the file's name, is refused naming the field,
 * as app.ts refuses it in a JSON body; a form that does not parse is refused as malformed.
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
  try {
    for await (const part of req.parts()) {
      if (hasControlCharacter(part.fieldname))
        throw controlCharacterError(findControlCharacter({ [part.fieldname]: "" })!);
      if (part.type === "file") {
        if (hasControlCharacter(part.filename)) throw controlCharacterError(part.fieldname, "fileName");
        const buf = await part.toBuffer();
        file = { filename: part.filename, toBuffer: async () => buf };
      } else {
        const value = String(part.value);
        if (hasControlCharacter(value)) throw controlCharacterError(part.fieldname);
        fields[part.fieldname] = value;
      }
    }
  } catch (e) {
    // busboy's own complaints ("Unexpected end of form", "Malformed part header") carry no status.
    if (e instanceof AppError || (e as { statusCode?: number }).statusCode) throw e;
    throw new AppError(
      "upload.malformed",
      400,
      {
        vi: "Biểu mẫu gửi lên bị hỏng hoặc không đầy đủ; hãy gửi lại",
        en: "The form that was sent is malformed or incomplete; send it again",
      },
      "file",
    );
  }
  return { fields, file };
}

/**
 * Validates a value that did not come through a route schema (multipart fields, the JSON a form
 * field carries). Control characters are refused here as app.ts refuses them in a JSON body: JSON
 * in a form field can spell a NUL as "\u0000", which readMultipart cannot see.
 */
export function parseInput<T>(schema: ZodType<T>, value: unknown): T {
  const at = findControlCharacter(value);
  if (at) throw controlCharacterError(at);
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
