/** Every English namespace, as one chunk, loaded when English is chosen (app/src/i18n-load.ts). */
type Bundle = Record<string, unknown>;

export const files = import.meta.glob<Bundle>("./i18n/en/*.json", { eager: true, import: "default" });
