/**
 * Which framework area a section or an area target is about, by its title, tolerant to wording:
 * "Công tác chỉ đạo, điều hành cải cách hành chính" is area "Chỉ đạo, điều hành cải cách hành
 * chính"; "Tài chính công" is "Cải cách tài chính công".
 */
import { searchKey } from "../locale.ts";

const FILLER = /^(?:chi so thanh phan|linh vuc|tieu chi|cong tac|ve)\s+/;

// Abbreviations plans use in titles, as search keys.
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bcchc\b/g, "cai cach hanh chinh"],
  [/\btthc\b/g, "thu tuc hanh chinh"],
  [/\bcbccvc\b/g, "can bo cong chuc vien chuc"],
  [/\bccvc\b/g, "cong chuc vien chuc"],
  [/\bcbcc\b/g, "can bo cong chuc"],
  [/\bvbqppl\b/g, "van ban quy pham phap luat"],
  [/\bcqdt\b/g, "chinh quyen dien tu"],
  [/\bcntt\b/g, "cong nghe thong tin"],
  [/\bhdhc\b/g, "hien dai hoa hanh chinh"],
];

// Every task's section titles are compared with every area's: each title's words are worked out once.
const seen = new Map<string, string[]>();

function words(title: string): string[] {
  let w = seen.get(title);
  if (!w) {
    if (seen.size > 5000) seen.clear();
    w = titleWords(title);
    seen.set(title, w);
  }
  return w;
}

function titleWords(title: string): string[] {
  let k = searchKey(title);
  // People's satisfaction is how the framework measures the impact area ("Tác động của cải cách
  // hành chính đến người dân, tổ chức"): "Nâng cao mức độ hài lòng của người dân" is that area.
  if (/\bhai long\b/.test(k) && !/\btac dong\b/.test(k)) k += " tac dong";
  for (const [re, full] of ABBREVIATIONS) k = k.replace(re, full);
  k = k
    .replace(/[“”"«»().,;:]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (let prev = ""; prev !== k; ) {
    prev = k;
    k = k.replace(FILLER, "");
  }
  // "Cải cách (hành chính)" is in nearly every title: it tells areas apart no more than "công tác".
  const core = k
    .replace(/\bcai cach hanh chinh\b/g, " ")
    .replace(/\bcai cach\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (core !== "") k = core;
  return k.split(" ").filter((w) => w.length > 0 && w !== "-");
}

/** Similarity in 0..1: the share of the shorter title's words found in the longer one, damped by length difference. */
export function titleSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wb.length === 0) return 0;
  const sb = new Set(wb);
  const common = wa.filter((w) => sb.has(w)).length;
  const containment = common / Math.min(wa.length, wb.length);
  const dice = (2 * common) / (wa.length + wb.length);
  return 0.6 * containment + 0.4 * dice;
}

/** The best-matching candidate's index, or -1 when none is similar enough. */
export function bestArea(title: string, candidates: readonly { title: string }[], threshold = 0.6): number {
  let best = -1;
  let bestScore = threshold;
  candidates.forEach((c, i) => {
    const s = titleSimilarity(title, c.title);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}
