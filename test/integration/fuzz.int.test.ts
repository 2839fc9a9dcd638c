/**
 * Fuzzing every route of the OpenAPI document (/api/openapi.json), on the demo, as the public, the
 * administrator and the Office's focal point (vp.daumoi, who reaches deep into plans, tasks and
 * scores). Each route gets boundary values derived from its JSON schema — path ids 0, -1, 2³¹, 2⁶³,
 * 1e3, "abc", "%00"; strings with control characters, 100 000 characters, odd Unicode; numbers as
 * NaN-ish strings, huge, negative, fractional; wrong types; missing and extra fields; empty and
 * malformed JSON bodies; multipart forms for the routes that take files — and seeded random requests
 * mixing valid and hostile values. Asserted of every answer:
 * - no 5xx;
 * - no change of state after a 4xx: a digest of every domain table (and the stored files) before
 *   and after each refused request must match. Left out of the digest, because they record attempts
 *   by design: the audit trail (a failed or refused sign-in is an entry), sessions, and the sign-in
 *   throttle's failures and devices.
 * The seed is printed; FUZZ_SEED=<n> repeats a run, FUZZ_SCALE=<x> runs x times as many random
 * requests. A failure names the seed, the identity and the request.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../demo/load.ts";
import { buildApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import type { AppContext } from "../../server/context.ts";
import { multipart, signIn } from "../api.ts";
import { forEachEngine, testApp } from "../db.ts";

const SEED = Number(process.env.FUZZ_SEED ?? crypto.randomInt(2 ** 31));
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/** Random requests per route, besides its boundary cases. */
const RANDOM_CASES = Math.round(8 * SCALE);
/** Boundary cases per route at most (sampled when a schema gives more). */
const MAX_BOUNDARY = 30;
const PASSWORDS = { admin: "admin-password-1", "vp.daumoi": "daumoi-password-1" };
type Identity = "anonymous" | keyof typeof PASSWORDS;
/** Tables that record attempts by design (see the header), and the migrator's own. */
const NOT_STATE = new Set([
  "audit_log",
  "sessions",
  "login_failures",
  "login_devices",
  "kysely_migration",
  "kysely_migration_lock",
]);

// ---- the routes, from the OpenAPI document (which does not depend on the database) ----

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
};
interface Route {
  method: string;
  path: string;
  params: { name: string; in: "path" | "query"; schema: Schema; required: boolean }[];
  body: Schema | null;
}

async function routesOf(): Promise<Route[]> {
  const ctx = {
    db: null,
    engine: "embedded",
    config: loadConfig({ LOG_LEVEL: "silent" }),
  } as unknown as AppContext;
  const app = await buildApp(ctx);
  await app.ready();
  const spec = app.swagger() as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> };
  await app.close();
  const out: Route[] = [];
  for (const [p, ops] of Object.entries(spec.paths))
    for (const [method, op] of Object.entries(ops)) {
      const params = ((op.parameters ?? []) as Route["params"]).map((x) => ({
        ...x,
        required: !!x.required,
      }));
      const body =
        ((op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.[
          "application/json"
        ]?.schema as Schema | undefined) ?? null;
      out.push({ method: method.toUpperCase(), path: p, params, body });
    }
  return out;
}

const ROUTES = await routesOf();

// ---- a seeded generator ----

class Rng {
  constructor(private s: number) {}
  next(): number {
    // mulberry32
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  sample<T>(xs: readonly T[], n: number): T[] {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }
}

const LONG = "đ".repeat(100_000);
const PATH_IDS = [
  "0",
  "-1",
  "2147483648",
  "9223372036854775808",
  "1e3",
  "abc",
  "%00",
  "2147483647",
  "1.5",
  "%20",
];
const PATH_TEXT = ["%00", "a%01b", "%7F", "x".repeat(5000), "%C4%91%F0%9F%98%80", "..%2F..%2Fetc", "%FF%FE"];
const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0001\u001f\u007f",
  "\f\v",
  LONG,
  "Tiếng Việt có dấu 😀 \u202e\u200b",
  "\ud800",
  "' or 1=1 --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "%00",
  "null",
  "2147483648",
  "NaN",
  "1e309",
  "-0",
  "2019-02-30",
  "31/12/2019",
  "9999-99-99",
];
const HOSTILE_NUMBERS = [0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308, 0.001, 2 ** 63];
/**
 * Values of the wrong type, made afresh for each use: a mutation writes into the value it picked, so
 * a shared list or record would end up inside itself (a cycle) and leak from one case into the next.
 */
const wrongTypes = (): unknown[] => [
  null,
  true,
  [],
  {},
  [1, "a"],
  { a: { b: "\u0000" } },
  "NaN",
  "Infinity",
  "1e3",
  "-1",
];
const JUNK_BODIES = [
  "",
  "{",
  "[]",
  "null",
  '"text"',
  "1",
  '{"a":',
  `${"[".repeat(5000)}${"]".repeat(5000)}`,
  "\u0000",
];

/** Values that make sense for a field of that name on the demo, so requests get past validation. */
function domainValues(pools: Pools): Record<string, unknown[]> {
  return {
    areaCode: ["1", "2", "3", "8", "1.1"],
    nodeCode: ["1", "1.1", "2.3", "8"],
    node: ["1", "1.1"],
    code: ["signed_outgoing", "VPUBND", "QN-2019", "x1"],
    period: ["2019-q1", "2019-h1", "2019", "2019-m9"],
    year: [2018, 2019, 2020],
    baseYear: [2018, 2019],
    format: ["docx", "pdf", "txt"],
    kind: ["agency", "division", "province", "file", "link", "document", "explanation"],
    role: ["admin", "focal_point", "division", "leader", "appraiser", "province_office"],
    status: ["not_started", "in_progress", "done", "cancelled", "on_time", "late"],
    level: ["area", "leaf"],
    group: ["SO_BAN_NGANH", "HUYEN"],
    points: [1, "3,5", 0, 2.25],
    progress: [0, 50, 100],
    username: ["vp.daumoi", "admin", "khong.ton.tai"],
    password: ["wrong-password-1", "daumoi-password-1"],
    title: ["Kiểm tra cải cách hành chính"],
    activeOn: ["2019-12-31"],
    agencyIds: [[...pools.agencies.slice(0, 3)], pools.agencies.join(",")],
    ...Object.fromEntries(
      ["agencyId", "parentId", "successorId", "provinceId", "unitId", "of"].map((k) => [k, pools.agencies]),
    ),
    cycleId: pools.cycles,
    frameworkId: pools.frameworks,
    basedOnId: pools.frameworks,
    userId: pools.users,
    evidenceId: pools.evidence,
    planId: pools.plans,
    actorId: pools.users,
  };
}

interface Pools {
  agencies: number[];
  cycles: number[];
  frameworks: number[];
  users: number[];
  evidence: number[];
  plans: number[];
  tasks: number[];
}

class Gen {
  private readonly domain: Record<string, unknown[]>;
  constructor(
    readonly r: Rng,
    readonly pools: Pools,
  ) {
    this.domain = domainValues(pools);
  }

  /** A value that fits the schema, or comes close (patterns and formats are not honoured). */
  valid(s: Schema | undefined, name = "", depth = 0): unknown {
    const r = this.r;
    if (!s) return r.pick(["x", 1, true]);
    const known = this.domain[name];
    if (known?.length && r.chance(0.7)) return r.pick(known);
    if (s.enum?.length) return r.pick(s.enum);
    if (s.const !== undefined) return s.const;
    const alts = s.anyOf ?? s.oneOf ?? s.allOf;
    if (alts?.length) return this.valid(r.pick(alts), name, depth);
    if (s.nullable && r.chance(0.1)) return null;
    const type = Array.isArray(s.type) ? r.pick(s.type) : (s.type ?? (s.properties ? "object" : "string"));
    switch (type) {
      case "integer":
      case "number": {
        const lo = Math.max(s.minimum ?? 1, -1000);
        const hi = Math.min(s.maximum ?? 100, lo + 200);
        const n = r.int(lo, Math.max(lo, hi));
        return type === "number" && r.chance(0.3) ? n + 0.5 : n;
      }
      case "boolean":
        return r.chance(0.5);
      case "null":
        return null;
      case "array": {
        if (depth > 4) return [];
        const n = r.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3));
        return Array.from({ length: n }, () => this.valid(s.items, name, depth + 1));
      }
      case "object": {
        if (depth > 4) return {};
        const out: Record<string, unknown> = {};
        for (const [k, p] of Object.entries(s.properties ?? {}))
          if (s.required?.includes(k) || r.chance(0.5)) out[k] = this.valid(p, k, depth + 1);
        return out;
      }
      default: {
        const base = r.pick([
          "Kế hoạch cải cách hành chính",
          "abc",
          "Phòng Hành chính – Tổ chức",
          "2019-12-31",
          "1",
        ]);
        const min = s.minLength ?? 0;
        const max = s.maxLength ?? 200;
        return base.length < min ? base.padEnd(min, "x") : base.slice(0, max);
      }
    }
  }

  /** A value at a boundary of the schema, of the wrong type, or simply nasty. */
  hostile(s: Schema | undefined): unknown {
    const r = this.r;
    const type = s && (Array.isArray(s.type) ? s.type[0] : s.type);
    const specific: unknown[] = [];
    if (type === "integer" || type === "number")
      specific.push((s?.minimum ?? 0) - 1, (s?.maximum ?? 2 ** 31) + 1, ...HOSTILE_NUMBERS, "12", "1,5");
    if (type === "string" || s?.enum)
      specific.push(
        "x".repeat((s?.maxLength ?? 100) + 1),
        "x".repeat(Math.max(0, (s?.minLength ?? 1) - 1)),
        ...HOSTILE_STRINGS,
      );
    if (type === "array")
      specific.push(
        [],
        Array.from({ length: (s?.maxItems ?? 10) + 1 }, () => 1),
        [this.hostile(s?.items)],
      );
    if (type === "object" || s?.properties)
      specific.push(
        {},
        { extra: "\u0000" },
        { __proto__: { polluted: true } },
        JSON.parse('{"__proto__":{"x":1}}'),
      );
    return r.chance(0.65) && specific.length
      ? r.pick(specific)
      : r.pick([...wrongTypes(), ...HOSTILE_STRINGS, ...HOSTILE_NUMBERS]);
  }

  /** The valid value with `n` of its leaves (or itself) replaced by hostile ones. */
  mutate(s: Schema | null, value: unknown, n: number): unknown {
    let v = structuredClone(value);
    for (let i = 0; i < n; i++) {
      const leaves = this.paths(v, s);
      if (!leaves.length) return this.hostile(s ?? undefined);
      const [where, leafSchema] = this.r.pick(leaves);
      if (where.length === 0) v = this.hostile(leafSchema);
      else {
        let o = v as Record<string, unknown>;
        for (const k of where.slice(0, -1)) o = o[k] as Record<string, unknown>;
        const last = where.at(-1)!;
        if (this.r.chance(0.15)) delete o[last];
        else o[last] = this.hostile(leafSchema);
      }
    }
    return v;
  }

  private paths(
    v: unknown,
    s: Schema | null | undefined,
    at: string[] = [],
  ): [string[], Schema | undefined][] {
    const out: [string[], Schema | undefined][] = [[at, s ?? undefined]];
    if (Array.isArray(v))
      for (const [i, x] of v.entries()) out.push(...this.paths(x, s?.items, [...at, String(i)]));
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) out.push(...this.paths(x, s?.properties?.[k], [...at, k]));
    return out;
  }
}

// ---- requests ----

interface Case {
  identity: Identity;
  /** A path id past the integer range: whatever else, the answer is 404 (server/input.ts). */
  expect404?: boolean;
  method: string;
  url: string;
  /** An object (sent as JSON), a raw string (sent as application/json), or a multipart form. */
  body?: { json: unknown } | { raw: string } | { form: ReturnType<typeof multipart> };
}

/** The table a path's {id} names, to draw real ids from. */
function idPoolFor(route: Route, pools: Pools): number[] {
  const m = /\/(\w+)\/\{id\}/.exec(route.path);
  const noun = m?.[1] ?? "";
  const byNoun: Record<string, number[]> = {
    plans: pools.plans,
    tasks: pools.tasks,
    agencies: pools.agencies,
    cycles: pools.cycles,
    frameworks: pools.frameworks,
    users: pools.users,
    evidence: pools.evidence,
  };
  return byNoun[noun] ?? pools.agencies;
}

/** encodeURIComponent, but a lone surrogate (which it throws on) goes as the bytes a broken encoder would send. */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "")) + "%ED%A0%80";
  }
}

function buildUrl(route: Route, pathValues: Record<string, string>, query: Record<string, unknown>): string {
  let p = route.path;
  for (const [k, v] of Object.entries(pathValues)) p = p.replace(`{${k}}`, v);
  const qs: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v])
      qs.push(`${encode(k)}=${encode(typeof one === "string" ? one : (JSON.stringify(one) ?? ""))}`);
  }
  return qs.length ? `${p}?${qs.join("&")}` : p;
}

function casesFor(route: Route, g: Gen): Case[] {
  const r = g.r;
  const pathParams = route.params.filter((p) => p.in === "path");
  const queryParams = route.params.filter((p) => p.in === "query");
  const takesBody = ["POST", "PUT", "PATCH"].includes(route.method);
  const ids = idPoolFor(route, g.pools);
  const validPath = (): Record<string, string> =>
    Object.fromEntries(
      pathParams.map((p) => {
        const v = p.name === "id" ? r.pick(ids) : g.valid(p.schema, p.name);
        return [p.name, encode(String(v))];
      }),
    );
  const validQuery = (): Record<string, unknown> =>
    Object.fromEntries(
      queryParams.filter((p) => p.required || r.chance(0.5)).map((p) => [p.name, g.valid(p.schema, p.name)]),
    );
  const validBody = (): Case["body"] =>
    route.body ? { json: g.valid(route.body) } : takesBody && r.chance(0.5) ? { json: {} } : undefined;
  const identity = (): Identity => r.pick(["anonymous", "admin", "vp.daumoi", "vp.daumoi"] as const);
  const make = (
    path: Record<string, string>,
    query: Record<string, unknown>,
    body: Case["body"],
    who = identity(),
  ) => ({
    identity: who,
    method: route.method,
    url: buildUrl(route, path, query),
    body,
  });

  const boundary: Case[] = [];
  for (const p of pathParams) {
    const values = p.schema.type === "integer" ? PATH_IDS : PATH_TEXT;
    for (const v of values)
      boundary.push({
        ...make(
          { ...validPath(), [p.name]: v },
          validQuery(),
          validBody(),
          r.pick(["anonymous", "vp.daumoi"]),
        ),
        expect404: /^\d{10,}$/.test(v) && Number(v) > 2_147_483_647,
      });
  }
  for (const q of queryParams)
    for (let i = 0; i < 3; i++)
      boundary.push(make(validPath(), { ...validQuery(), [q.name]: g.hostile(q.schema) }, validBody()));
  if (queryParams.length)
    boundary.push(make(validPath(), { [queryParams[0]!.name]: ["a", "b"] }, validBody()));
  if (takesBody) {
    for (const raw of JUNK_BODIES) boundary.push(make(validPath(), validQuery(), { raw }));
    for (const json of wrongTypes()) boundary.push(make(validPath(), validQuery(), { json }));
    for (const [k, s] of Object.entries(route.body?.properties ?? {})) {
      const base = g.valid(route.body!) as Record<string, unknown>;
      for (let i = 0; i < 2; i++)
        boundary.push(make(validPath(), validQuery(), { json: { ...base, [k]: g.hostile(s) } }));
      const missing = { ...base };
      delete missing[k];
      boundary.push(make(validPath(), validQuery(), { json: missing }));
    }
    if (route.body)
      boundary.push(
        make(validPath(), validQuery(), { json: { ...(g.valid(route.body) as object), zz_extra: LONG } }),
      );
  }

  const random: Case[] = [];
  for (let i = 0; i < RANDOM_CASES; i++) {
    const path = r.chance(0.8)
      ? validPath()
      : {
          ...validPath(),
          ...(pathParams.length ? { [r.pick(pathParams).name]: r.pick([...PATH_IDS, ...PATH_TEXT]) } : {}),
        };
    const query = validQuery();
    for (const q of queryParams) if (r.chance(0.3)) query[q.name] = g.hostile(q.schema);
    let body: Case["body"];
    if (takesBody && !route.body && r.chance(0.6)) body = { form: randomForm(g) };
    else if (takesBody && r.chance(0.1)) body = { raw: r.pick(JUNK_BODIES) };
    else if (route.body) body = { json: g.mutate(route.body, g.valid(route.body), r.int(0, 3)) };
    else body = validBody();
    random.push(make(path, query, body));
  }
  return [...(boundary.length > MAX_BOUNDARY ? r.sample(boundary, MAX_BOUNDARY) : boundary), ...random];
}

const PDF = Buffer.from("%PDF-1.4\n%%EOF\n", "latin1");

/** A multipart form as the upload routes take them, with hostile fields and file names thrown in. */
function randomForm(g: Gen): ReturnType<typeof multipart> {
  const r = g.r;
  const text = () =>
    r.chance(0.6) ? String(g.valid({ type: "string" })) : String(r.pick(HOSTILE_STRINGS)).slice(0, 5000);
  const parts: Parameters<typeof multipart>[0] = [];
  if (r.chance(0.7))
    parts.push({
      name: "data",
      value: r.chance(0.7)
        ? JSON.stringify({ progress: g.valid({ type: "integer", minimum: 0, maximum: 100 }), note: text() })
        : text(),
    });
  for (const name of ["note", "code", "period", "column"])
    if (r.chance(0.3)) parts.push({ name, value: text() });
  if (r.chance(0.8)) {
    const filename = r.pick([
      "bien-ban.pdf",
      "ke-hoach.docx",
      "so.xlsx",
      "so.csv",
      "a.txt",
      "../../x.pdf",
      "a\u0000.pdf",
      "x".repeat(300),
      "",
      "ảnh.png",
    ]);
    const content = r.pick([
      PDF,
      Buffer.alloc(0),
      Buffer.from("PK\u0003\u0004broken", "latin1"),
      Buffer.from("Số;Ký số\n1;x\n", "utf8"),
      crypto.randomBytes(64),
      Buffer.from("KẾ HOẠCH\nCải cách hành chính năm 2019\n", "utf8"),
    ]);
    parts.push({ name: r.chance(0.9) ? "file" : "other", filename, content });
  }
  return multipart(parts);
}

// ---- the run ----

forEachEngine("fuzzing every route of the OpenAPI document", (get, engine) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  const tokens: Partial<Record<Identity, string>> = {};
  let users: {
    id: number;
    username: string;
    role: string;
    agency_id: number | null;
    unit_id: number | null;
    display_name: string;
  }[];
  let g: Gen;
  let baseline = "";
  let tables: string[] = [];
  let requests = 0;
  const statuses = new Map<number, number>();

  /** The digest of everything a request may change: every domain table's rows, and the stored files. */
  async function digest(): Promise<string> {
    const db = get().ctx.db;
    const q = tables
      .map(
        (t) =>
          `select '${t}' as t, count(*)::int as n, coalesce(sum(hashtextextended(x::text, 0)), 0)::text as h from "${t}" x`,
      )
      .join(" union all ");
    const rows = (await sql.raw<{ t: string; n: number; h: string }>(q).execute(db)).rows;
    const dir = path.join(get().ctx.config.dataDir, "files");
    const files = fs.existsSync(dir)
      ? (fs.readdirSync(dir, { recursive: true }) as string[])
          .sort()
          .map((f) => `${f}:${fs.statSync(path.join(dir, f)).size}`)
      : [];
    return JSON.stringify([rows.map((x) => `${x.t}:${x.n}:${x.h}`), files]);
  }

  /** After a request that changed something: the fuzzing users as they were, signed in. */
  async function restore() {
    const db = get().ctx.db;
    for (const u of users) {
      await db
        .updateTable("users")
        .set({
          role: u.role as never,
          agency_id: u.agency_id,
          unit_id: u.unit_id,
          display_name: u.display_name,
          disabled_at: null,
        })
        .where("id", "=", u.id)
        .execute();
      const token = tokens[u.username as Identity]!;
      const hash = crypto.createHash("sha256").update(token).digest("hex");
      await sql`insert into sessions (token_hash, user_id, expires_at) values (${hash}, ${u.id}, ${new Date(Date.now() + 3600_000)})
        on conflict (token_hash) do nothing`.execute(db);
    }
  }

  beforeAll(async () => {
    console.log(
      `fuzz [${engine}]: seed ${SEED} (FUZZ_SEED=${SEED} repeats this run), ${ROUTES.length} routes`,
    );
    const ctx = get().ctx;
    await seedDemo(ctx, { passwords: PASSWORDS });
    app = await testApp(ctx);
    const as = await signIn(app, PASSWORDS);
    for (const u of Object.keys(PASSWORDS) as Identity[]) tokens[u] = as(u).authorization.slice(7);
    users = await ctx.db
      .selectFrom("users")
      .select(["id", "username", "role", "agency_id", "unit_id", "display_name"])
      .where("username", "in", Object.keys(PASSWORDS))
      .execute();
    // One upload so that evidence ids exist to aim at.
    const office = (await app.inject({ url: "/api/agencies?kind=agency&q=VPUBND" })).json().items[0];
    const planId = (await app.inject({ url: `/api/agencies/${office.id}/plans` })).json().items[0].id;
    const taskId = (await app.inject({ url: `/api/plans/${planId}/tasks` })).json().items[0].id;
    const m = multipart([
      { name: "data", value: '{"progress":10}' },
      { name: "file", filename: "bien-ban.pdf", content: PDF },
    ]);
    await app.inject({
      method: "POST",
      url: `/api/tasks/${taskId}/updates`,
      payload: m.payload,
      headers: { ...m.headers, ...as("vp.daumoi") },
    });
    const ids = async (
      table: "agencies" | "cycles" | "frameworks" | "users" | "evidence" | "plans" | "tasks",
    ) => (await ctx.db.selectFrom(table).select("id").orderBy("id").execute()).map((x) => Number(x.id));
    const pools: Pools = {
      agencies: await ids("agencies"),
      cycles: await ids("cycles"),
      frameworks: await ids("frameworks"),
      users: await ids("users"),
      evidence: await ids("evidence"),
      plans: await ids("plans"),
      tasks: await ids("tasks"),
    };
    g = new Gen(new Rng(SEED), pools);
    tables = (
      await sql<{ t: string }>`select table_name as t from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(ctx.db)
    ).rows
      .map((x) => x.t)
      .filter((t) => !NOT_STATE.has(t));
    expect(tables).toContain("plans");
  });
  afterAll(async () => {
    const tally = [...statuses].sort(([a], [b]) => a - b).map(([k, n]) => `${k}×${n}`);
    console.log(`fuzz [${engine}]: ${requests} requests (${tally.join(", ")}), seed ${SEED}`);
    await app?.close();
  });

  const describeCase = (c: Case) =>
    JSON.stringify({
      seed: SEED,
      identity: c.identity,
      method: c.method,
      url: c.url.length > 300 ? `${c.url.slice(0, 300)}…` : c.url,
      body:
        c.body && "json" in c.body
          ? JSON.stringify(c.body.json)?.slice(0, 400)
          : c.body && "raw" in c.body
            ? c.body.raw.slice(0, 100)
            : c.body
              ? `multipart ${c.body.form.payload.toString("latin1").slice(0, 300)}`
              : undefined,
    });

  describe("every route", () => {
    for (const route of ROUTES)
      it(`${route.method} ${route.path}`, { timeout: 120_000 }, async () => {
        baseline = await digest();
        for (const c of casesFor(route, g)) {
          requests++;
          const headers: Record<string, string> =
            c.identity === "anonymous" ? {} : { authorization: `Bearer ${tokens[c.identity]}` };
          let payload: string | Buffer | undefined;
          if (c.body && "json" in c.body) {
            payload = JSON.stringify(c.body.json) ?? "null";
            headers["content-type"] = "application/json";
          } else if (c.body && "raw" in c.body) {
            payload = c.body.raw;
            headers["content-type"] = "application/json";
          } else if (c.body) {
            payload = c.body.form.payload;
            Object.assign(headers, c.body.form.headers);
          }
          const res = await app.inject({ method: c.method as "GET", url: c.url, headers, payload });
          const what = `${describeCase(c)}\n→ ${res.statusCode} ${res.body.slice(0, 500)}`;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          expect(res.statusCode, `a server error:\n${what}`).toBeLessThan(500);
          if (c.expect404) expect(res.statusCode, `an id past the integer range:\n${what}`).toBe(404);
          if (res.statusCode >= 400) {
            const after = await digest();
            expect(after, `a refusal changed the state:\n${what}`).toBe(baseline);
            expect(res.json().error?.code, what).toEqual(expect.any(String));
          } else if (c.method !== "GET") {
            await restore();
            baseline = await digest();
          }
        }
      });
  });
});
