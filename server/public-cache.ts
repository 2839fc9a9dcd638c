/**
 * Public answers at publication-day load. Everyone reads the same ranking at once, and an anonymous
 * answer is the same for every caller: it is computed once, compressed once (brotli and gzip), and
 * served from memory for a second. Each instance forgets everything when it records a change (the
 * audit trail is the one path every write takes) and again once the write's answer is sent, after
 * its commit (server/app.ts), so within one instance a reader never sees an answer older than the
 * last write; other instances on the same PostgreSQL catch up within the second. A browser that
 * already has the answer gets 304.
 */
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

interface Entry {
  at: number;
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const TTL_MS = 1000;
const MAX_ENTRIES = 2000;
const entries = new Map<string, Entry>();
/** Answers being computed: when one expires under load, 64 readers wait for one computation, not 64. */
const pending = new Map<string, Promise<Entry>>();
let epoch = 0;

/** Called on every recorded change: what was cached may no longer be true. */
export function forgetPublicAnswers() {
  epoch++;
  entries.clear();
}

function encode(text: string): Omit<Entry, "at"> {
  const identity = Buffer.from(text, "utf8");
  return {
    etag: `"${crypto.createHash("sha1").update(identity).digest("base64url")}"`,
    identity,
    // Compressed once per answer, so the best ratio is worth its cost.
    br: zlib.brotliCompressSync(identity, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    gzip: zlib.gzipSync(identity, { level: 9 }),
  };
}

async function fill(key: string, compute: () => Promise<unknown>): Promise<Entry> {
  const started = epoch;
  const value = await compute();
  const fresh = { at: Date.now(), ...encode(typeof value === "string" ? value : JSON.stringify(value)) };
  // A change recorded meanwhile may have made this answer stale: serve it, but do not keep it.
  if (started === epoch) {
    entries.delete(key);
    entries.set(key, fresh);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  }
  return fresh;
}

function pick(req: FastifyRequest, e: Entry): { body: Buffer; encoding: string | null } {
  const accept = String(req.headers["accept-encoding"] ?? "");
  if (/\bbr\b/.test(accept)) return { body: e.br, encoding: "br" };
  if (/\bgzip\b/.test(accept)) return { body: e.gzip, encoding: "gzip" };
  return { body: e.identity, encoding: null };
}

/**
 * Answers `key` from memory when it is fresh, else computes it (a JSON value, or JSON text already
 * made) and keeps it. Errors are not cached: a 404 is computed again next time.
 */
export async function sendPublic(
  req: FastifyRequest,
  reply: FastifyReply,
  key: string,
  compute: () => Promise<unknown>,
): Promise<FastifyReply> {
  let e = entries.get(key);
  if (!e || Date.now() - e.at > TTL_MS) {
    let p = pending.get(key);
    if (!p) {
      p = fill(key, compute).finally(() => pending.delete(key));
      pending.set(key, p);
    }
    e = await p;
  }
  reply.header("etag", e.etag).header("cache-control", "public, no-cache").header("vary", "accept-encoding");
  if (req.headers["if-none-match"] === e.etag) return reply.status(304).send();
  const { body, encoding } = pick(req, e);
  if (encoding) reply.header("content-encoding", encoding);
  return reply.type("application/json; charset=utf-8").send(body);
}
