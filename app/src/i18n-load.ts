/**
 * The strings that do not ship with the app's entry (app/src/i18n.ts): the Vietnamese namespaces
 * other than `common` and `public` (one chunk, i18n-vi-later.ts) and all of English (one chunk,
 * i18n-en.ts): one request each on a slow connection. Kept apart from i18n.ts, which sets up i18next
 * in the page, so the routes (read outside a browser by test/e2e/phone) can ask for them.
 */
import i18n from "i18next";

type Bundle = Record<string, unknown>;
type Files = () => Promise<{ files: Record<string, Bundle> }>;

const viLater: Files = () => import("./i18n-vi-later.ts");
const en: Files = () => import("./i18n-en.ts");

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const namespaceOf = (file: string) => /\/([\w-]+)\.json$/.exec(file)?.[1] ?? file;

// addResourceBundle also adds the namespace to i18next's list.
const addAll = async (lang: Language, load: Files) => {
  for (const [file, bundle] of Object.entries((await load()).files))
    i18n.addResourceBundle(lang, namespaceOf(file), bundle, true, true);
};

let english: Promise<void> | null = null;
/** Adds the English strings once (every namespace; a page may use another's keys). */
export function loadEnglish(): Promise<void> {
  english ??= addAll("en", en);
  return english;
}

let vietnamese: Promise<void> | null = null;
/**
 * Every namespace in Vietnamese, and in English when it is the interface language: the antd part of
 * the app (staff shell, antd pages) awaits this before it renders, since its pages read any
 * namespace (a page may use another's keys).
 */
export function loadAllStrings(): Promise<void> {
  vietnamese ??= addAll("vi", viLater);
  return Promise.all([vietnamese, i18n.language === "en" ? loadEnglish() : undefined]).then(() => undefined);
}
