/**
 * Evidence files: size-limited by @fastify/multipart, type-checked by their first bytes (the name
 * and the browser's content type are not trusted), stored under DATA_DIR/files.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { nfc } from "../core/locale.ts";
import type { AppContext } from "./context.ts";
import { AppError } from "./errors.ts";

const KINDS = [
  {
    ext: [".pdf"],
    mime: "application/pdf",
    test: (b: Buffer) => b.subarray(0, 5).toString("latin1") === "%PDF-",
  },
  {
    ext: [".png"],
    mime: "image/png",
    test: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
  },
  {
    ext: [".jpg", ".jpeg"],
    mime: "image/jpeg",
    test: (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    ext: [".docx"],
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    test: (b: Buffer) => isZip(b) && b.includes("word/"),
  },
  {
    ext: [".xlsx"],
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    test: (b: Buffer) => isZip(b) && b.includes("xl/"),
  },
] as const;

function isZip(b: Buffer) {
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

export const ALLOWED_EXTENSIONS = KINDS.flatMap((k) => k.ext);

/** What storeUpload needs of an uploaded part; @fastify/multipart's file parts satisfy it. */
export interface IncomingFile {
  filename: string;
  toBuffer(): Promise<Buffer>;
}

export interface StoredFile {
  filePath: string;
  fileName: string;
  mime: string;
  size: number;
}

export function sniff(fileName: string, bytes: Buffer): { mime: string } | null {
  const ext = path.extname(fileName).toLowerCase();
  const kind = KINDS.find((k) => (k.ext as readonly string[]).includes(ext));
  if (!kind?.test(bytes)) return null;
  return { mime: kind.mime };
}

export async function storeUpload(
  ctx: AppContext,
  agencyId: number,
  file: IncomingFile,
): Promise<StoredFile> {
  const bytes = await file.toBuffer(); // throws FST_REQ_FILE_TOO_LARGE past the limit
  const fileName = nfc(path.basename(file.filename || "tep")).slice(0, 200);
  if (bytes.length === 0)
    throw new AppError("upload.empty", 400, { vi: "Tệp rỗng", en: "The file is empty" }, "file");
  const kind = sniff(fileName, bytes);
  if (!kind)
    throw new AppError(
      "upload.bad_type",
      415,
      {
        vi: `Tệp "${fileName}" không đúng định dạng cho phép (${ALLOWED_EXTENSIONS.join(", ")}) hoặc nội dung không khớp phần mở rộng`,
        en: `"${fileName}" is not an allowed file type (${ALLOWED_EXTENSIONS.join(", ")}) or its content does not match its extension`,
      },
      "file",
    );
  const rel = path.join(
    "files",
    String(agencyId),
    `${crypto.randomUUID()}${path.extname(fileName).toLowerCase()}`,
  );
  const abs = path.join(ctx.config.dataDir, rel);
  await fs.mkdir(path.dirname(abs), { recursive: true });
  await fs.writeFile(abs, bytes, { flag: "wx" });
  return { filePath: rel, fileName, mime: kind.mime, size: bytes.length };
}

export async function removeStored(ctx: AppContext, rel: string) {
  await fs.rm(path.join(ctx.config.dataDir, rel), { force: true });
}

export function absolutePath(ctx: AppContext, rel: string): string {
  const abs = path.resolve(ctx.config.dataDir, rel);
  if (!abs.startsWith(path.resolve(ctx.config.dataDir) + path.sep)) throw new Error("path escapes DATA_DIR");
  return abs;
}

/**
 * Stores the file (when there is one) and runs fn with it; if fn fails, the stored file is removed
 * again, so a rejected write never leaves an orphan under DATA_DIR.
 */
export async function withStoredUpload<T>(
  ctx: AppContext,
  agencyId: number,
  file: IncomingFile | undefined,
  fn: (stored: StoredFile | null) => Promise<T>,
): Promise<T> {
  const stored = file ? await storeUpload(ctx, agencyId, file) : null;
  try {
    return await fn(stored);
  } catch (e) {
    if (stored) await removeStored(ctx, stored.filePath);
    throw e;
  }
}
