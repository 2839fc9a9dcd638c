/**
 * A SHA-256 hash as people handle it: the first 12 hex digits to read and compare, the whole hash in
 * the tooltip and one click away in the clipboard.
 */
import { Typography } from "antd";
import i18n from "i18next";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../core/locale.ts";

export const shortHash = (hash: string) => (hash.length > 16 ? `${hash.slice(0, 12)}…` : hash);

export function HashText({ hash, copyLabel }: { hash: string; copyLabel: string }) {
  const { t } = useTranslation();
  return (
    <Typography.Text
      code
      title={hash}
      data-hash={hash}
      copyable={{ text: hash, tooltips: [copyLabel, t("audit:copied")] }}
      style={{ whiteSpace: "nowrap" }}
    >
      {shortHash(hash)}
    </Typography.Text>
  );
}

/** A count in the interface language: 12.345 (vi), 12,345 (en). */
export function countText(n: number): string {
  return i18n.language === "en" ? n.toLocaleString("en-GB") : formatNumber(n, { maxDecimals: 0 });
}
