/**
 * Document numbers: "Kế hoạch số 4183/KH-UBND ngày 17/7/2019 của Uỷ ban nhân dân tỉnh",
 * "Quyết định số 1149/QĐ-BNV ngày 30/12/2020", "Chỉ thị 22/CT-UBND ngày 12/10/2012".
 */
import { normalizeText } from "../locale.ts";
import type { DocumentRef } from "./types.ts";

const KINDS =
  "Kế hoạch|Quyết định|Chỉ thị|Công văn|Văn bản|Thông báo|Báo cáo|Nghị quyết|Nghị định|Thông tư|Hướng dẫn|Tờ trình|Kết luận|Luật|Chương trình|Đề án";

/**
 * A document's code after its number: "KH-UBND", a normative document's year first ("2018/NĐ-CP"),
 * a submission's "TTr-SNV"; a Party document's code comes after a hyphen and holds a slash ("ĐA/TU").
 */
const SEGMENT = "[A-ZĐ](?:[A-ZĐ0-9]|(?<=T)r)*";
const CODE = `(?:\\d{4}\\/)?${SEGMENT}(?:-${SEGMENT})*`;
const PARTY_CODE = `${SEGMENT}\\/${SEGMENT}(?:-${SEGMENT})*`;
/** The number and code of a document: "4183/KH-UBND", "61/2018/NĐ-CP", "538/TTr-SNV", "02-ĐA/TU". */
export const NUMBER_CODE = `(\\d{1,5}(?:[a-z])?)(?:\\/(${CODE})|-(${PARTY_CODE}))`;

// kind? (số)? number/code (ngày d/m/y | ngày d tháng m năm y)? (của issuer)?
const REF = new RegExp(
  `(?:(${KINDS})\\s+)?(?:số\\s*:?\\s*)?${NUMBER_CODE}(?![\\p{L}\\p{M}])` +
    `(?:\\s*,?\\s*ngày\\s+(\\d{1,2})\\s*(?:\\/|tháng)\\s*(\\d{1,2})\\s*(?:\\/|năm)\\s*(\\d{4}))?`,
  "gu",
);
const ISSUER =
  /^\s*(?:của|do)\s+((?:[^,;.()]|\.(?=\w))+?)(?=\s+(?:về|về việc|quy định|ban hành|hướng dẫn|đảm bảo|và|phê duyệt|triển khai|thực hiện|giao|tại)(?![\p{L}\p{M}])|[,;.()]|$)/u;

export function isoDate(d: number, m: number, y: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function findReferences(text: string, from = 0, to = text.length): DocumentRef[] {
  const out: DocumentRef[] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(REF)) {
    const start = from + (m.index ?? 0);
    let end = start + m[0].length;
    // A bare "12/2019" is a month, not a document: a reference needs a code with a letter.
    const code = m[3] ?? m[4];
    if (!/[A-ZĐ]/.test(code)) continue;
    const date = m[5] ? isoDate(Number(m[5]), Number(m[6]), Number(m[7])) : null;
    const after = ISSUER.exec(text.slice(end, Math.min(to, end + 160)));
    let issuer: string | null = null;
    if (after) {
      issuer = normalizeText(after[1]);
      end += after[0].length;
    }
    const kind = m[1] ?? inferKind(code);
    // A document named twice ("Kế hoạch số 118/KH-UBND ngày …", later "Kế hoạch 118/KH-UBND") is one
    // reference: the first mention, with what a later one adds.
    const seen = out.find((r) => r.number === m[2] && r.code === code);
    if (seen) {
      seen.date ??= date;
      seen.issuer ??= issuer;
      seen.kind ??= kind;
      continue;
    }
    out.push({ kind, number: m[2], code, date, issuer, span: { start, end } });
  }
  return out;
}

const CODE_KINDS: Record<string, string> = {
  KH: "Kế hoạch",
  QĐ: "Quyết định",
  CT: "Chỉ thị",
  BC: "Báo cáo",
  TB: "Thông báo",
  NQ: "Nghị quyết",
  NĐ: "Nghị định",
  TT: "Thông tư",
  HD: "Hướng dẫn",
  TTr: "Tờ trình",
  KL: "Kết luận",
  CTr: "Chương trình",
  ĐA: "Đề án",
};

/** "4183/KH-UBND", "61/2018/NĐ-CP"; a Party document's code follows a hyphen: "02-ĐA/TU". */
export function documentNumber(number: string, code: string | null): string {
  if (!code) return number;
  return /^\d{4}\//u.test(code) || !code.includes("/") ? `${number}/${code}` : `${number}-${code}`;
}

/** "KH-VPUBND" → "Kế hoạch". Unknown prefixes (a letter without a type, "UBND-KTN") → null. */
export function inferKind(code: string): string | null {
  const head = code.split("-")[0].replace(/^\d{4}\//, "");
  return CODE_KINDS[head] ?? null;
}
