/**
 * Reads a V8 CPU profile (node --cpu-prof) and says where the time of one window went: by kind of
 * work (the embedded database's WebAssembly, Kysely, the pg driver, Fastify, compression, JSON,
 * Node's HTTP, the app's own code, GC) and by function, self and inclusive. A profile's timestamps
 * are CLOCK_MONOTONIC microseconds, the clock of process.hrtime in any process on the machine, so
 * the load generator's start and end cut the window of one endpoint out of the server's profile.
 */
import fs from "node:fs";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface WindowSummary {
  /** Wall time of the window, ms. */
  wallMs: number;
  /** Time the main thread was busy (not idle), ms. */
  busyMs: number;
  /** Time the process was not running at all (long gaps between samples), ms. */
  descheduledMs: number;
  byKind: { kind: string; ms: number }[];
  selfTop: { fn: string; ms: number }[];
  inclusiveTop: { fn: string; ms: number }[];
}

const short = (url: string) => {
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) return url.slice(nm + 13);
  const root = url.search(/\/(server|core|cli|demo|bench)\//);
  if (root >= 0) return url.slice(root + 1);
  return url.replace(/^file:\/\//, "");
};

export function frameName(f: CallFrame): string {
  const fn = f.functionName || "(anonymous)";
  if (!f.url) return fn;
  return `${fn} ${short(f.url)}:${f.lineNumber + 1}`;
}

/** The kind of work a frame does, for the breakdown. */
export function kindOf(f: CallFrame): string {
  const u = f.url;
  const fn = f.functionName;
  if (fn === "(idle)") return "idle";
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(program)") return "native (unattributed)";
  if (fn === "(root)") return "native (unattributed)";
  if (u.startsWith("wasm://") || u.includes("@electric-sql/pglite"))
    return "PGlite (WASM database + protocol)";
  if (u.includes("node_modules/kysely")) return "Kysely (query building, results)";
  if (/node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//.test(u)) return "pg driver";
  if (u.includes("@fastify/compress") || u === "node:zlib" || u.includes("internal/zlib"))
    return "compression (@fastify/compress, zlib)";
  if (
    /node_modules\/(fastify|@fastify|find-my-way|avvio|fast-json-stringify|light-my-request|secure-json-parse|fast-querystring|fastify-plugin|fastify-type-provider-zod|toad-cache|process-warning|abstract-logging|pino|cookie|content-type)/.test(
      u,
    )
  )
    return "Fastify (routing, hooks, reply)";
  if (u.includes("node_modules/zod")) return "zod";
  if (u.includes("node_modules/tsx") || u.includes("node_modules/esbuild")) return "tsx loader";
  if (!u && (fn === "stringify" || fn === "parse")) return "JSON";
  if (/^node:(_http|http|net|stream|internal\/(http|stream|streams|net|timers|async_hooks|process))/.test(u))
    return "Node HTTP, streams, sockets";
  if (u.startsWith("node:")) return "Node other";
  if (/\/(server|core)\//.test(u) && !u.includes("node_modules")) return "app (server/, core/)";
  if (!u) return `native ${fn}`;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  return m ? `other: ${m[1]}` : "other";
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
}

/** Where the time between startUs and endUs went. */
export function summariseWindow(p: CpuProfile, startUs: number, endUs: number, top = 12): WindowSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  // A sample stands for the time until the next one. On a busy machine the process is sometimes
  // not running at all for milliseconds (another process has the core): the profiler then sees one
  // long gap, which would be charged to whatever function happened to be on the stack. So a
  // sample counts for at most twice the usual interval; the excess is reported as descheduled.
  const picked: { id: number; dt: number }[] = [];
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    if (t < startUs || t > endUs) continue;
    picked.push({ id: p.samples[i], dt: i + 1 < p.timeDeltas.length ? p.timeDeltas[i + 1] : 0 });
  }
  const sortedDt = picked.map((x) => x.dt).sort((a, b) => a - b);
  const cap = 2 * (sortedDt[Math.floor(sortedDt.length / 2)] ?? 1000);
  let descheduled = 0;
  const self = new Map<number, number>();
  for (const { id, dt } of picked) {
    descheduled += Math.max(0, dt - cap);
    self.set(id, (self.get(id) ?? 0) + Math.min(dt, cap));
  }
  const kinds = new Map<string, number>();
  const selfFn = new Map<string, number>();
  const inclFn = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const kind = kindOf(node.callFrame);
    kinds.set(kind, (kinds.get(kind) ?? 0) + us);
    if (kind === "idle") continue;
    busy += us;
    const name = frameName(node.callFrame);
    selfFn.set(name, (selfFn.get(name) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (f.functionName.startsWith("(")) continue;
      const n = frameName(f);
      if (seen.has(n)) continue;
      seen.add(n);
      inclFn.set(n, (inclFn.get(n) ?? 0) + us);
    }
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, us]) => ({ k, ms: us / 1000 }));
  return {
    wallMs: (endUs - startUs) / 1000,
    busyMs: busy / 1000,
    descheduledMs: descheduled / 1000,
    byKind: sorted(kinds).map(({ k, ms }) => ({ kind: k, ms })),
    selfTop: sorted(selfFn)
      .slice(0, top)
      .map(({ k, ms }) => ({ fn: k, ms })),
    inclusiveTop: sorted(inclFn)
      .slice(0, top)
      .map(({ k, ms }) => ({ fn: k, ms })),
  };
}
