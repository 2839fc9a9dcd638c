/**
 * What the public reads of a cycle: its publications, never the live tables. A publication is
 * immutable, so its answer is computed once and kept as text; each read asks the database only
 * which version is current. That keeps the ranking cheap on the day every civil servant opens it.
 */
import { fromCenti } from "../../../core/decimal.ts";
import { type PublicationSnapshot, snapshotChanges } from "../../../core/publication.ts";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { type Decision, publicationById } from "./publication.ts";
import * as pubs from "./publication-repository.ts";
import * as repo from "./repository.ts";

const pts = (c: number | null) => (c === null ? null : fromCenti(c));

type Meta = pubs.PublicationMeta;

const decisionOf = (m: Meta): Decision | null =>
  m.decision_number && m.decision_code && m.decision_date
    ? { number: m.decision_number, code: m.decision_code, date: m.decision_date }
    : null;

export function presentVersion(m: Meta) {
  return {
    version: m.version,
    publishedAt: new Date(m.published_at).toISOString(),
    publishedBy: m.publisher_name,
    decision: decisionOf(m),
    /** Why this version corrects the one before (null for the first publication). */
    reason: m.reason,
    auditHead: { length: Number(m.audit_length), hash: m.audit_head },
    hash: m.hash,
  };
}

/** One agency's row as published: headline figures and its areas. */
export function presentPublishedAgency(s: PublicationSnapshot, a: PublicationSnapshot["agencies"][number]) {
  return {
    agencyId: a.agencyId,
    agency: a.name,
    code: a.code,
    group: s.cycle.group,
    sample: a.sample,
    points: pts(a.points),
    max: pts(a.max),
    percent: pts(a.percent),
    grade: a.grade,
    rank: a.rank,
    previousRank: a.previousRank,
    rankChange: a.rankChange,
  };
}

export function publishedAreas(s: PublicationSnapshot, a: PublicationSnapshot["agencies"][number]) {
  return s.nodes
    .filter((n) => n.parentCode === null)
    .map((n) => {
      const f = a.nodes[n.code];
      return {
        code: n.code,
        title: n.title,
        max: pts(f ? f[1] : n.max),
        points: pts(f ? f[0] : null),
        percent: pts(f ? f[2] : null),
        applicable: f ? f[3] === 1 : true,
      };
    });
}

const headline = (
  h: {
    points: number;
    max: number;
    percent: number | null;
    rank: number | null;
    grade: string | null;
  } | null,
) => h && { points: pts(h.points), max: pts(h.max), percent: pts(h.percent), rank: h.rank, grade: h.grade };

async function build(ctx: AppContext, cycle: repo.CycleRow, versions: Meta[], shown: Meta) {
  const snapshots = new Map<number, PublicationSnapshot>();
  for (const m of versions.filter((v) => v.version <= shown.version)) {
    const p = await publicationById(ctx, m.id);
    if (p) snapshots.set(m.version, p.snapshot);
  }
  const s = snapshots.get(shown.version)!;
  const latest = versions[versions.length - 1];
  return {
    cycle: {
      id: cycle.id,
      year: s.cycle.year,
      group: s.cycle.group,
      provinceId: s.cycle.provinceId,
      province: s.cycle.province,
      framework: s.cycle.framework,
      firstPublishedAt: new Date(versions[0].published_at).toISOString(),
    },
    publication: { ...presentVersion(shown), current: shown.version === latest.version },
    currentVersion: latest.version,
    versions: versions.map((m) => ({
      version: m.version,
      publishedAt: new Date(m.published_at).toISOString(),
      reason: m.reason,
      decision: decisionOf(m),
    })),
    /** "Đính chính": every correction up to the version shown, with each agency's old → new figures. */
    corrections: versions
      .filter((m) => m.version > 1 && m.version <= shown.version)
      .map((m) => ({
        ...presentVersion(m),
        changes: snapshotChanges(snapshots.get(m.version - 1)!, snapshots.get(m.version)!).map((c) => ({
          agencyId: c.agencyId,
          name: c.name,
          old: headline(c.old),
          new: headline(c.new),
        })),
      }))
      .reverse(),
    areas: s.nodes
      .filter((n) => n.parentCode === null)
      .map((n) => ({ code: n.code, title: n.title, max: pts(n.max) })),
    items: s.agencies.map((a) => ({ ...presentPublishedAgency(s, a), areas: publishedAreas(s, a) })),
    excluded: s.excluded,
  };
}

/** Answers by (shown version, current version): both immutable, so the text never needs recomputing. */
const answers = new Map<string, string>();

/**
 * The public answer for a cycle's current version, or for an earlier one; 404 alike for a cycle
 * that does not exist, one never published, and a version that does not exist.
 */
export async function publicCycle(
  ctx: AppContext,
  cycleId: number,
  version?: number,
): Promise<{ body: string; etag: string }> {
  const cur = await pubs.currentVersion(ctx.db, cycleId);
  if (!cur || (version !== undefined && (version < 1 || version > cur.version)))
    throw notFound("kết quả đã công bố / published results", version === undefined ? "cycleId" : "version");
  const shownId = version === undefined || version === cur.version ? cur.id : null;
  const key = `${shownId ?? `${cycleId}v${version}`}:${cur.id}`;
  const etag = `"pub-${key}"`;
  const hit = answers.get(key);
  if (hit) return { body: hit, etag };
  const cycle = await repo.findCycle(ctx.db, cycleId);
  const versions = await pubs.listPublications(ctx.db, cycleId);
  const shown = versions.find((m) => m.version === (version ?? cur.version));
  if (!cycle || !shown) throw notFound("kết quả đã công bố / published results", "version");
  const body = JSON.stringify(await build(ctx, cycle, versions, shown));
  answers.set(key, body);
  if (answers.size > 256) answers.delete(answers.keys().next().value as string);
  return { body, etag };
}

/** An agency's figures in a cycle's current publication (null when it was not ranked there). */
export async function publishedResultOf(ctx: AppContext, cycleId: number, agencyId: number) {
  const cur = await pubs.currentVersion(ctx.db, cycleId);
  if (!cur) return null;
  const p = await publicationById(ctx, cur.id);
  if (!p) return null;
  const s = p.snapshot;
  const a = s.agencies.find((x) => x.agencyId === agencyId);
  const excluded = s.excluded.find((x) => x.agencyId === agencyId) ?? null;
  return {
    snapshot: s,
    version: p.row,
    agency: a ?? null,
    excluded,
    rankOf: s.agencies.filter((x) => x.rank !== null).length,
  };
}
