/**
 * Which task of a stored plan a task read from a document is: a document imported again, edited or
 * reworded, must update the tasks it already has, not add them twice. Tasks are compared on the
 * diacritic-folded key (core/locale.ts `searchKey`): an equal title first, then a title that is the
 * other's beginning (the importer shortens long first sentences to a title), then the overlap of
 * their words in pairs, over the title and over the whole text. A task in the same section is
 * preferred, and each stored task is matched to at most one task of the document (best pairs first).
 */
import { searchKey } from "../locale.ts";

export interface MatchableTask {
  section?: string | null;
  title: string;
  body?: string | null;
}

export interface TaskMatch {
  /** For each task of the document, the index of the stored task it is, or null for a new task. */
  stored: (number | null)[];
  /** The score of each pairing (0..1 plus the section bonus), null for a new task. */
  score: (number | null)[];
}

/** Below these scores two tasks are not the same task (one in the same section needs less). */
const SAME_SECTION_THRESHOLD = 0.4;
const OTHER_SECTION_THRESHOLD = 0.6;
const SECTION_BONUS = 0.1;

const words = (s: string | null | undefined) =>
  searchKey((s ?? "").replace(/…$/u, ""))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Word pairs ("cai cach", "cach hanh", …); a one-word text is its word. */
function pairs(w: readonly string[]): Set<string> {
  if (w.length < 2) return new Set(w);
  const out = new Set<string>();
  for (let i = 1; i < w.length; i++) out.add(`${w[i - 1]} ${w[i]}`);
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

interface Prepared {
  section: string | null;
  key: string;
  titleWords: string[];
  titlePairs: Set<string>;
  textPairs: Set<string>;
  /** The first words of title and text run together: a title cut from the text's first sentence starts it. */
  lead: string;
}

function prepare(t: MatchableTask): Prepared {
  const titleWords = words(t.title);
  const bodyWords = words(t.body);
  return {
    section: t.section?.trim() || null,
    key: titleWords.join(" "),
    titleWords,
    titlePairs: pairs(titleWords),
    textPairs: pairs([...titleWords, ...bodyWords]),
    lead: bodyWords.join(" "),
  };
}

/** One word list begins the other (at least four words, so "Kiểm tra" alone proves nothing). */
function startsTheOther(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  return short.every((w, i) => long[i] === w);
}

/** How alike two tasks are, 0..1 (1: the same title), before the section bonus. */
function similarity(a: Prepared, b: Prepared): number {
  if (a.key !== "" && a.key === b.key) return 1;
  let s = Math.max(dice(a.titlePairs, b.titlePairs), dice(a.textPairs, b.textPairs));
  if (startsTheOther(a.titleWords, b.titleWords)) s = Math.max(s, 0.9);
  // A title taken from a text's first sentence: "Các Phòng, Ban, Trung tâm căn cứ Kế hoạch…".
  const startsText = (t: Prepared, other: Prepared) =>
    t.titleWords.length >= 4 && other.lead.startsWith(t.titleWords.join(" "));
  if (startsText(a, b) || startsText(b, a)) s = Math.max(s, 0.8);
  return s;
}

export function matchTasks(stored: readonly MatchableTask[], incoming: readonly MatchableTask[]): TaskMatch {
  const s = stored.map(prepare);
  const n = incoming.map(prepare);
  const candidates: { i: number; j: number; score: number }[] = [];
  for (const [i, a] of n.entries())
    for (const [j, b] of s.entries()) {
      const same = a.section !== null && a.section === b.section;
      const score = similarity(a, b) + (same ? SECTION_BONUS : 0);
      if (score >= (same ? SAME_SECTION_THRESHOLD + SECTION_BONUS : OTHER_SECTION_THRESHOLD))
        candidates.push({ i, j, score });
    }
  // Best pairs first; ties keep the document's order, then the stored order.
  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const out: TaskMatch = { stored: n.map(() => null), score: n.map(() => null) };
  const taken = new Set<number>();
  for (const c of candidates) {
    if (out.stored[c.i] !== null || taken.has(c.j)) continue;
    out.stored[c.i] = c.j;
    out.score[c.i] = Math.round(c.score * 1000) / 1000;
    taken.add(c.j);
  }
  // A section left with one unmatched task on each side: the same task, however reworded.
  const left = (list: Prepared[], used: (k: number) => boolean, section: string) =>
    list.flatMap((x, k) => (x.section === section && !used(k) ? [k] : []));
  for (const section of new Set(n.map((x) => x.section).filter((x): x is string => x !== null))) {
    const mine = left(n, (k) => out.stored[k] !== null, section);
    const theirs = left(s, (k) => taken.has(k), section);
    if (mine.length === 1 && theirs.length === 1 && similarity(n[mine[0]], s[theirs[0]]) >= 0.15) {
      out.stored[mine[0]] = theirs[0];
      out.score[mine[0]] = Math.round((similarity(n[mine[0]], s[theirs[0]]) + SECTION_BONUS) * 1000) / 1000;
      taken.add(theirs[0]);
    }
  }
  return out;
}
