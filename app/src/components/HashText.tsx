/**
 * A SHA-256 hash as people handle it: the first 12 hex digits to read and compare, the whole hash in
 * the tooltip and one click away in the clipboard.
 */
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { countText, shortHash } from "../format.ts";

// Kept where the audit page has always taken them; they live in format.ts, which has no antd.
export { countText, shortHash };

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
