/**
 * Small pieces in plain React and CSS (styles.css, `.light-…`), for the public pages and their shell,
 * which load without antd: a loading placeholder, a notice, an error box, a link drawn as a button.
 * The staff pages keep antd's versions (components/common.tsx, LinkButton.tsx).
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorText } from "../api.ts";

/** Grey lines while a page's data loads; says "loading" to screen readers. */
export function LightLoading({ rows = 4 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" aria-label={t("state.loading")} className="light-loading">
      {Array.from({ length: rows + 1 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder lines have no identity
        <span key={i} className="light-loading-line" style={i === 0 ? { width: "38%" } : undefined} />
      ))}
    </div>
  );
}

/** A boxed message: information, a warning or an error, with an optional title. */
export function Notice({
  kind,
  title,
  children,
  role,
  ...data
}: {
  kind: "info" | "warning" | "error";
  title?: ReactNode;
  children?: ReactNode;
  role?: "alert" | "status";
  [data: `data-${string}`]: string | undefined;
}) {
  return (
    <div className={`light-notice light-notice-${kind}`} role={role} {...data}>
      {title && <div className="light-notice-title">{title}</div>}
      {children && <div>{children}</div>}
    </div>
  );
}

/** A failed request in the interface language, as an alert. */
export function LightError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Notice kind="error" role="alert" title={t("state.error")}>
      {errorText(error)}
    </Notice>
  );
}

/** A routed link drawn as a button (an <a>, so it opens in a new tab too). */
export function ButtonLink({
  to,
  primary,
  children,
}: {
  to: string;
  primary?: boolean;
  children: ReactNode;
}) {
  return (
    <Link to={to} className={primary ? "light-button light-button-primary" : "light-button"}>
      {children}
    </Link>
  );
}
