/**
 * The strings that do not ship with the app's entry (app/src/i18n.ts): the Vietnamese namespaces
 * other than `common` and `public`, and all of English, each its own chunk. Kept apart from i18n.ts,
 * which sets up i18next in the page, so the routes (read outside a browser by test/e2e/phone) can
 * ask for them.
 */
import i18n from "i18next";

type Bundle = Record<string, unknown>;
type Loaders = Record<string, () => Promise<Bundle>>;

const viLater: Loaders = import.meta.glob<Bundle>(
  ["./i18n/vi/*.json", "!./i18n/vi/common.json", "!./i18n/vi/public.json"],
  { import: "default" },
);
const en: Loaders = import.meta.glob<Bundle>("./i18n/en/*.json", { import: "default" });

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const namespaceOf = (file: string) => /\/([\w-]+)\.json$/.exec(file)?.[1] ?? file;

/** The Vietnamese namespaces loaded later, for i18next's list of namespaces. */
export const laterNamespaces = Object.keys(viLater).map(namespaceOf);

const addAll = (lang: Language, loaders: Loaders) =>
  Promise.all(
    Object.entries(loaders).map(async ([file, load]) => {
      i18n.addResourceBundle(lang, namespaceOf(file), await load(), true, true);
    }),
  ).then(() => undefined);

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
