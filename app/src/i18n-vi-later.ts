/** The Vietnamese namespaces that do not ship with the entry, as one chunk (app/src/i18n-load.ts). */
type Bundle = Record<string, unknown>;

export const files = import.meta.glob<Bundle>(
  ["./i18n/vi/*.json", "!./i18n/vi/common.json", "!./i18n/vi/public.json"],
  { eager: true, import: "default" },
);
