/**
 * Vietnamese first, English second. Each journey keeps its strings in its own namespace file,
 * i18n/{vi,en}/<namespace>.json, so pages can be worked on side by side; `common` is shared.
 * Only Vietnamese `common` and `public` ship with the app's entry (what the public pages and their
 * light shell read); the other Vietnamese namespaces load with the antd part of the app
 * (i18n-load.ts `loadAllStrings`, awaited before any staff page renders), and English is its own chunks, loaded
 * when chosen (before the first render for a returning English reader, see `i18nReady`), so a first
 * load of a public page carries one language and two namespaces.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { type Language, loadEnglish, namespaceOf } from "./i18n-load.ts";

type Bundle = Record<string, unknown>;
const viFirst = import.meta.glob<Bundle>(["./i18n/vi/common.json", "./i18n/vi/public.json"], {
  eager: true,
  import: "default",
});

export { LANGUAGES, type Language } from "./i18n-load.ts";

const stored = typeof localStorage !== "undefined" ? localStorage.getItem("parindex.lang") : null;

void i18n.use(initReactI18next).init({
  resources: {
    vi: Object.fromEntries(Object.entries(viFirst).map(([file, bundle]) => [namespaceOf(file), bundle])),
  },
  partialBundledLanguages: true,
  lng: "vi",
  fallbackLng: "vi",
  defaultNS: "common",
  ns: Object.keys(viFirst).map(namespaceOf),
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
