/**
 * A publication of a cycle's results: what was announced, frozen. The snapshot holds the figures as
 * they were computed at publication (exact hundredths), so what the public reads never changes when
 * the code or the scores change later; a correction is a new version, and the changes between two
 * versions (each agency's old → new figures) are read off their snapshots. Pure.
 */
import { canonical } from "./audit.ts";
import type { Centi } from "./decimal.ts";
import type { FrameworkNode } from "./framework.ts";
import type { IndexResult } from "./scoring.ts";

/** One node's figures for one agency: achieved, applicable max, percent (null: nothing applies), applicable. */
export type NodeFigures = [achieved: Centi, max: Centi, percent: Centi | null, applicable: 0 | 1];

export interface PublishedAgency {
  agencyId: number;
  code: string;
  name: string;
  sample: boolean;
  points: Centi;
  max: Centi;
  percent: Centi | null;
  grade: string | null;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
  nodes: Record<string, NodeFigures>;
}

export interface PublishedNode {
  code: string;
  parentCode: string | null;
  kind: FrameworkNode["kind"];
  title: string;
  max: Centi;
}

export interface PublicationSnapshot {
  cycle: {
    id: number;
    year: number;
    group: string;
    provinceId: number;
    province: string;
    frameworkId: number;
    framework: { code: string; title: string };
  };
  nodes: PublishedNode[];
  /** Ranked agencies, in rank order. */
  agencies: PublishedAgency[];
  /** Participants left out of the ranking, with the reason the public page shows. */
  excluded: { agencyId: number; code: string; name: string; reason: string }[];
}

export interface ResultForSnapshot {
  agencyId: number;
  code: string;
  name: string;
  sample: boolean;
  index: IndexResult;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
  grade: string | null;
  excludedReason: string | null;
}

export function buildSnapshot(
  cycle: PublicationSnapshot["cycle"],
  nodes: readonly FrameworkNode[],
  results: readonly ResultForSnapshot[],
): PublicationSnapshot {
  return {
    cycle,
    nodes: nodes.map((n) => ({
      code: n.code,
      parentCode: n.parentCode,
      kind: n.kind,
      title: n.title,
      max: n.max,
    })),
    agencies: results
      .filter((r) => !r.excludedReason)
      .map((r) => ({
        agencyId: r.agencyId,
        code: r.code,
        name: r.name,
        sample: r.sample,
        points: r.index.achieved,
        max: r.index.max,
        percent: r.index.percent,
        grade: r.grade,
        rank: r.rank,
        previousRank: r.previousRank,
        rankChange: r.rankChange,
        nodes: Object.fromEntries(
          [...r.index.nodes.values()].map((n) => [
            n.code,
            [n.achieved, n.max, n.percent, n.applicable ? 1 : 0] as NodeFigures,
          ]),
        ),
      })),
    excluded: results
      .filter((r) => r.excludedReason)
      .map((r) => ({ agencyId: r.agencyId, code: r.code, name: r.name, reason: r.excludedReason as string })),
  };
}

/** The headline figures of an agency in a version; null when it was not ranked there. */
export interface Headline {
  points: Centi;
  max: Centi;
  percent: Centi | null;
  rank: number | null;
  grade: string | null;
}

export interface AgencyChange {
  agencyId: number;
  name: string;
  old: Headline | null;
  new: Headline | null;
  /** The areas whose figures changed. */
  areas: { code: string; old: NodeFigures | null; new: NodeFigures | null }[];
}

const headline = (a: PublishedAgency): Headline => ({
  points: a.points,
  max: a.max,
  percent: a.percent,
  rank: a.rank,
  grade: a.grade,
});

// Canonical, not JSON.stringify: a snapshot read back from jsonb has its keys in another order.
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** What a correction changed: every agency whose headline or area figures differ, or that joined or left the ranking. */
export function snapshotChanges(prev: PublicationSnapshot, next: PublicationSnapshot): AgencyChange[] {
  const before = new Map(prev.agencies.map((a) => [a.agencyId, a]));
  const after = new Map(next.agencies.map((a) => [a.agencyId, a]));
  const areaCodes = next.nodes.filter((n) => n.parentCode === null).map((n) => n.code);
  const names = new Map(
    [...prev.agencies, ...prev.excluded, ...next.agencies, ...next.excluded].map((a) => [a.agencyId, a.name]),
  );
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const out: AgencyChange[] = [];
  for (const id of ids) {
    const o = before.get(id);
    const n = after.get(id);
    const areas = areaCodes
      .map((code) => ({ code, old: o?.nodes[code] ?? null, new: n?.nodes[code] ?? null }))
      .filter((x) => !same(x.old, x.new));
    const oh = o ? headline(o) : null;
    const nh = n ? headline(n) : null;
    if (same(oh, nh) && areas.length === 0) continue;
    out.push({ agencyId: id, name: names.get(id) ?? String(id), old: oh, new: nh, areas });
  }
  // The order of the new ranking, then those that left it.
  const order = new Map(next.agencies.map((a, i) => [a.agencyId, i]));
  return out.sort((a, b) => (order.get(a.agencyId) ?? 1e9) - (order.get(b.agencyId) ?? 1e9));
}

/** Whether two snapshots publish the same results (a correction that changes nothing is refused). */
export const sameResults = (a: PublicationSnapshot, b: PublicationSnapshot) =>
  same({ agencies: a.agencies, excluded: a.excluded }, { agencies: b.agencies, excluded: b.excluded });
