/**
 * What a page shows until its main query has an answer: a skeleton while it loads, else the page's
 * heading and the error (nothing more when there was no request, e.g. a malformed id in the URL).
 */
import { Typography } from "antd";
import type { ReactNode } from "react";
import { ErrorBox, Loading } from "./common.tsx";

export function PageFallback({
  query,
  rows,
  title,
  errorTitle,
}: {
  query: { isLoading: boolean; error: unknown };
  rows: number;
  title: ReactNode;
  errorTitle?: ReactNode;
}) {
  if (query.isLoading)
    return (
      <div className="page">
        <Loading rows={rows} />
      </div>
    );
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {title}
      </Typography.Title>
      <ErrorBox error={query.error} title={errorTitle} />
    </div>
  );
}
