/**
 * Vietnamese first, English second. Each journey keeps its strings in its own namespace file,
 * i18n/{vi,en}/<namespace>.json, so pages can be worked on side by side; `common` is shared.
 * Vietnamese ships with the app's entry; English is its own chunks, loaded when chosen (before the
 * first render for a returning English reader, see `i18nReady`), so a first load carries one language.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";

type Bundle = Record<string, unknown>;
const vi = import.meta.glob<Bundle>("./i18n/vi/*.json", { eager: true, import: "default" });
const en = import.meta.glob<Bundle>("./i18n/en/*.json", { import: "default" });

const namespaceOf = (file: string) => /\/([\w-]+)\.json$/.exec(file)?.[1] ?? file;

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const stored = typeof localStorage !== "undefined" ? localStorage.getItem("parindex.lang") : null;

let english: Promise<void> | null = null;
/** Adds the English strings once (every namespace; a page may use another's keys). */
function loadEnglish(): Promise<void> {
  english ??= Promise.all(
    Object.entries(en).map(async ([file, load]) => {
      i18n.addResourceBundle("en", namespaceOf(file), await load(), true, true);
    }),
  ).then(() => undefined);
  return english;
}

void i18n.use(initReactI18next).init({
  resources: {
    vi: Object.fromEntries(Object.entries(vi).map(([file, bundle]) => [namespaceOf(file), bundle])),
  },
  partialBundledLanguages: true,
  lng: "vi",
  fallbackLng: "vi",
  defaultNS: "common",
  ns: Object.keys(vi).map(namespaceOf),
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Resolves when the interface language's strings are in: at once for Vietnamese. */
export const i18nReady: Promise<void> =
  stored === "en"
    ? loadEnglish()
        .then(() => i18n.changeLanguage("en"))
        .then(
          () => undefined,
          () => undefined,
        )
    : Promise.resolve();

export function setLanguage(lang: Language) {
  localStorage.setItem("parindex.lang", lang);
  void (lang === "en" ? loadEnglish() : Promise.resolve()).then(() => {
    document.documentElement.lang = lang;
    return i18n.changeLanguage(lang);
  });
}
document.documentElement.lang = i18n.language;
void i18nReady.then(() => {
  document.documentElement.lang = i18n.language;
});

export default i18n;
