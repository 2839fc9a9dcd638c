/** Helpers for API tests: error assertions, row counts, sign-in, hand-built multipart bodies. */
import type { Kysely } from "kysely";
import { expect } from "vitest";
import type { DB } from "../server/db/schema.ts";
import type { testApp } from "./db.ts";

type App = Awaited<ReturnType<typeof testApp>>;

/** Asserts a coded 4xx error with messages in both languages (and the field, when given). */
export function expectError(
  r: { statusCode: number; json(): unknown },
  status: number,
  code: string,
  field?: string | null,
) {
  expect(r.statusCode).toBe(status);
  const e = (
    r.json() as { error: { code: string; message: string; messageEn: string; field: string | null } }
  ).error;
  expect(e.code).toBe(code);
  expect(typeof e.message).toBe("string");
  expect(e.message.length).toBeGreaterThan(0);
  expect(typeof e.messageEn).toBe("string");
  expect(e.messageEn.length).toBeGreaterThan(0);
  if (field !== undefined) expect(e.field).toBe(field);
  return e;
}

export async function countRows(db: Kysely<DB>, table: keyof DB): Promise<number> {
  const r = await db.selectFrom(table).select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Signs the users in; returns the headers that act as each of them. */
export async function signIn(app: App, users: Record<string, string>) {
  const tokens: Record<string, string> = {};
  for (const [username, password] of Object.entries(users)) {
    const r = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
    expect(r.statusCode).toBe(200);
    tokens[username] = r.json().token;
  }
  return (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
}

export interface Part {
  name: string;
  value?: string;
  filename?: string;
  contentType?: string;
  content?: Buffer | string;
}

/** A multipart/form-data body built by hand, so tests control every byte of it. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = "----parindexTestBoundary7MA4YWxkTrZu0gW";
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += "\r\n";
    if (p.filename !== undefined) head += `Content-Type: ${p.contentType ?? "application/octet-stream"}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, "utf8"));
    const body = p.content ?? p.value ?? "";
    chunks.push(Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8"));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * Completes an agency's self-assessment as the page would: every leaf it still lacks gets 0 points
 * (or keeps its own) with an explanation, read from the API's own list of what is missing.
 */
export async function completeSelfAssessment(
  app: App,
  headers: Record<string, string>,
  base: string,
): Promise<string[]> {
  const read = async () => (await app.inject({ url: `/api${base}/scores`, headers })).json();
  const s = await read();
  for (const m of s.submitMissing as { code: string }[]) {
    const self =
      (s.nodes as { code: string; self: number | null }[]).find((n) => n.code === m.code)?.self ?? 0;
    const r = await app.inject({
      method: "PUT",
      url: `/api${base}/scores/${m.code}`,
      headers,
      payload: { points: self, explanation: "Chưa có văn bản trong kỳ; sẽ bổ sung" },
    });
    expect(r.statusCode, r.body).toBe(200);
  }
  expect((await read()).submitMissing).toEqual([]);
  return (s.submitMissing as { code: string }[]).map((m) => m.code);
}
