/**
 * Vietnamese first, English second. Each journey keeps its strings in its own namespace file,
 * i18n/{vi,en}/<namespace>.json, so pages can be worked on side by side; `common` is shared.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";

type Bundle = Record<string, unknown>;
const files = import.meta.glob<Bundle>("./i18n/*/*.json", { eager: true, import: "default" });
const resources: Record<string, Record<string, Bundle>> = {};
for (const [file, bundle] of Object.entries(files)) {
  const m = /\.\/i18n\/(\w+)\/([\w-]+)\.json$/.exec(file);
  if (!m) continue;
  resources[m[1]] ??= {};
  resources[m[1]][m[2]] = bundle;
}

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const stored = typeof localStorage !== "undefined" ? localStorage.getItem("parindex.lang") : null;

void i18n.use(initReactI18next).init({
  resources,
  lng: stored === "en" ? "en" : "vi",
  fallbackLng: "vi",
  defaultNS: "common",
  ns: Object.keys(resources.vi ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lang: Language) {
  localStorage.setItem("parindex.lang", lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}
document.documentElement.lang = i18n.language;

export default i18n;
