/**
 * Pieces the public pages share: phone detection, group names, rank change in words, versions, "not
 * published". No antd here: the public ranking, drawn without it, uses them too.
 */
import { type Key, type ReactNode, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "../../components/light.tsx";

/** Under 768 px: antd's `md` breakpoint, which the staff pages use for the same choice. */
const PHONE_QUERY = "(max-width: 767.98px)";
const phoneQuery = () => (typeof matchMedia === "function" ? matchMedia(PHONE_QUERY) : null);
const subscribePhone = (onChange: () => void) => {
  const q = phoneQuery();
  q?.addEventListener("change", onChange);
  return () => q?.removeEventListener("change", onChange);
};

/** Phones (under 768 px) get stacked rows instead of wide tables. */
export function useIsPhone(): boolean {
  return useSyncExternalStore(
    subscribePhone,
    () => phoneQuery()?.matches ?? false,
    () => false,
  );
}

/** "so-ban-nganh" → "Sở, ban, ngành"; an unknown group shows its code. */
export function useGroupName() {
  const { t } = useTranslation("public");
  return (group: string | null) => (group ? t(`groups.${group}`, { defaultValue: group }) : "—");
}

export function RankChangeText({ change }: { change: number | null }) {
  const { t } = useTranslation("public");
  if (change === null) return <span>{t("rank.new")}</span>;
  if (change === 0) return <span>{t("rank.same")}</span>;
  return (
    <span style={{ color: change > 0 ? "#135200" : "#a8071a", fontWeight: 600 }}>
      {change > 0 ? t("rank.up", { n: change }) : t("rank.down", { n: -change })}
    </span>
  );
}

/** " (đính chính, phiên bản 2)" after a cycle's name when its results were corrected; nothing otherwise. */
export function CorrectedNote({ version }: { version: number }) {
  const { t } = useTranslation("public");
  if (version <= 1) return null;
  return <span data-corrected={version}> ({t("correctedVersion", { version })})</span>;
}

/** The clear "not published" state of something the public cannot read: no number is shown. */
export function NotPublished({ title, help }: { title: string; help: string }) {
  const { t } = useTranslation("public");
  return (
    <div data-state="not-published" className="light-result">
      <h2>{title}</h2>
      <p>{help}</p>
      <ButtonLink to="/public">{t("backToPublic")}</ButtonLink>
    </div>
  );
}

type Column<T> = {
  title?: ReactNode;
  key?: Key;
  className?: string;
  width?: number;
  render?: (value: unknown, row: T, index: number) => ReactNode;
};

/**
 * On a phone, a table's columns become one column of stacked lines ("Title: value"), the first
 * column in bold: nothing squeezed, nothing to scroll sideways. Columns must render via `render`.
 */
export function stackOnPhone<T>(columns: Column<T>[], phone: boolean, title: ReactNode): Column<T>[] {
  if (!phone) return columns;
  return [
    {
      title,
      key: "stacked",
      render: (_, row, index) => (
        <div>
          {columns.map((c, k) => {
            const value = c.render?.(undefined, row, index);
            return k === 0 ? (
              <div key={String(c.key ?? k)} style={{ fontWeight: 600 }}>
                {value}
              </div>
            ) : (
              <div key={String(c.key ?? k)}>
                {c.title}: {value}
              </div>
            );
          })}
        </div>
      ),
    },
  ];
}
