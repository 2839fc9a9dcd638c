/**
 * The password rules, one place for the server (creation, reset, change) and the app's meter.
 * Pure: the strength estimate is zxcvbn-ts over its common dictionaries, our Vietnamese words and the
 * user's own name, user name and agency. A password is NFC-normalised before anything looks at it,
 * so "Mật khẩu" typed on a keyboard that sends decomposed marks is the same password.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { PASSWORD_MAX, PASSWORD_MIN } from "./contracts/roles.ts";
import { foldMarks, nfc } from "./locale.ts";
import { VIETNAMESE_WORDS } from "./password-words.ts";

export { PASSWORD_MAX, PASSWORD_MIN };
/** zxcvbn's scale 0–4: 3 is "safely unguessable" (about 10^8 guesses and more). */
export const PASSWORD_MIN_SCORE = 3;

let factory: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  // Built on first use: loading the dictionaries takes a few hundred milliseconds.
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, vietnamese: [...VIETNAMESE_WORDS] },
    graphs: common.adjacencyGraphs,
  });
  return factory;
}

/** "Nguyễn Văn Đức" → "nguyen van duc": how people type Vietnamese words into passwords. */
export const foldVietnamese = (s: string): string => foldMarks(nfc(s));

/** What the user's own details give a guesser: each word, the words run together, the user name's parts. */
export function personalWords(about: PasswordOwner): string[] {
  const out = new Set<string>();
  const add = (s: string | null | undefined) => {
    if (!s) return;
    const folded = foldVietnamese(s).trim();
    if (!folded) return;
    const words = folded.split(/[^a-z0-9]+/).filter((w) => w.length >= 2);
    out.add(folded);
    for (const w of words) out.add(w);
    if (words.length > 1) out.add(words.join(""));
  };
  add(about.username);
  add(about.displayName);
  for (const s of about.other ?? []) add(s);
  return [...out];
}

export interface PasswordOwner {
  username?: string | null;
  displayName?: string | null;
  /** Other words known about the user: their agency's and division's names. */
  other?: readonly (string | null | undefined)[];
}

export interface PasswordStrength {
  /** 0–4; `PASSWORD_MIN_SCORE` and above is accepted. */
  score: 0 | 1 | 2 | 3 | 4;
  /** zxcvbn's warning key ("userInputs", "simpleRepeat", "topHundred", …), or null. */
  warning: string | null;
}

/** The estimate for the password as typed and with its marks stripped: the weaker of the two counts. */
export function passwordStrength(password: string, about: PasswordOwner = {}): PasswordStrength {
  const pw = nfc(password);
  const inputs = personalWords(about);
  const z = zxcvbn();
  // As typed, unaccented, and unaccented run together: "Mật khẩu 123" is "matkhau123" to a guesser.
  const tries = [pw, foldVietnamese(pw), foldVietnamese(pw).replace(/\s+/g, "")];
  let worst: PasswordStrength | null = null;
  for (const t of new Set(tries)) {
    const r = z.check(t, inputs);
    if (!worst || r.score < worst.score)
      worst = { score: r.score as PasswordStrength["score"], warning: r.feedback.warning ?? null };
  }
  return worst!;
}

export type PasswordProblem =
  | { code: "user.password_too_short"; vi: string; en: string }
  | { code: "user.password_too_long"; vi: string; en: string }
  | { code: "user.password_blank"; vi: string; en: string }
  | { code: "user.weak_password"; vi: string; en: string };

const WARNINGS: Record<string, { vi: string; en: string }> = {
  userInputs: {
    vi: "có tên, tên đăng nhập hoặc cơ quan của người dùng",
    en: "it contains the user's name, user name or agency",
  },
  simpleRepeat: { vi: "lặp lại một ký tự", en: "it repeats one character" },
  extendedRepeat: { vi: "lặp lại một chuỗi ký tự", en: "it repeats a group of characters" },
  sequences: { vi: "là một dãy dễ đoán (abc, 123)", en: "it is an easy sequence (abc, 123)" },
  recentYears: { vi: "là một năm gần đây", en: "it is a recent year" },
  dates: { vi: "là một ngày tháng", en: "it is a date" },
  topTen: { vi: "là một mật khẩu rất phổ biến", en: "it is a very common password" },
  topHundred: { vi: "là một mật khẩu rất phổ biến", en: "it is a very common password" },
  common: { vi: "là một mật khẩu phổ biến", en: "it is a common password" },
  similarToCommon: { vi: "giống một mật khẩu phổ biến", en: "it is like a common password" },
  wordByItself: { vi: "chỉ là một từ", en: "it is a single word" },
  namesByThemselves: { vi: "chỉ là tên người", en: "it is just names" },
  commonNames: { vi: "là tên người phổ biến", en: "it is a common name" },
  straightRow: { vi: "là một hàng phím liền nhau", en: "it is a row of keys" },
  keyPattern: { vi: "là một kiểu gõ phím dễ đoán", en: "it is a keyboard pattern" },
  pwned: { vi: "đã bị lộ", en: "it has been leaked" },
};

/**
 * What is wrong with a new password, or null when it may be set. Checked on the NFC form, which is
 * also what gets hashed.
 */
export function passwordProblem(password: string, about: PasswordOwner = {}): PasswordProblem | null {
  const pw = nfc(password);
  const length = [...pw].length;
  if (length > PASSWORD_MAX)
    return {
      code: "user.password_too_long",
      vi: `Mật khẩu dài tối đa ${PASSWORD_MAX} ký tự (đang có ${length})`,
      en: `The password may have at most ${PASSWORD_MAX} characters (it has ${length})`,
    };
  if (pw.trim() === "")
    return {
      code: "user.password_blank",
      vi: "Mật khẩu không được chỉ gồm khoảng trắng",
      en: "The password cannot be only spaces",
    };
  if (length < PASSWORD_MIN)
    return {
      code: "user.password_too_short",
      vi: `Mật khẩu cần ít nhất ${PASSWORD_MIN} ký tự`,
      en: `The password needs at least ${PASSWORD_MIN} characters`,
    };
  const s = passwordStrength(pw, about);
  if (s.score >= PASSWORD_MIN_SCORE) return null;
  const why = (s.warning && WARNINGS[s.warning]) || null;
  return {
    code: "user.weak_password",
    vi: `Mật khẩu quá dễ đoán${why ? `: ${why.vi}` : ""}. Hãy dùng một cụm vài từ không liên quan đến bạn.`,
    en: `The password is too easy to guess${why ? `: ${why.en}` : ""}. Use a phrase of a few words unrelated to you.`,
  };
}
