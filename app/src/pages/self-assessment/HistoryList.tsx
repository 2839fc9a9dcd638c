/** Who changed a criterion when: self-assessment, appraisal with its remark, the agency's reply, evidence. */
import { Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useApi } from "../../api.ts";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import { pts } from "../../format.ts";
import type { HistoryItem } from "./model.ts";

const dateTime = (iso: string, lang: string) =>
  new Date(iso).toLocaleString(lang === "en" ? "en-GB" : "vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });

export function HistoryList({ base, code }: { base: string; code: string }) {
  const { t, i18n } = useTranslation("selfAssessment");
  const q = useApi<{ items: HistoryItem[] }>(`${base}/history?node=${encodeURIComponent(code)}`);
  if (q.isLoading) return <Loading rows={3} />;
  if (q.error) return <ErrorBox error={q.error} />;
  const items = q.data?.items ?? [];
  if (!items.length) return <EmptyState description={t("history.none")} />;
  return (
    <Timeline
      items={items.map((h) => ({
        key: h.id,
        title: (
          <Typography.Text type="secondary">
            {dateTime(h.at, i18n.language)} · {h.by ?? t("history.system")}
            {h.role ? ` (${t(`common:roles.${h.role}`, { defaultValue: h.role })})` : ""}
          </Typography.Text>
        ),
        content: (
          <div data-history={h.action}>
            <Typography.Text strong>
              {t(`history.action.${h.action}`, { defaultValue: h.action })}
            </Typography.Text>
            {h.points !== null && (
              <Typography.Text>
                {" "}
                {h.previousPoints !== null
                  ? t("history.pointsChanged", { from: pts(h.previousPoints), to: pts(h.points) })
                  : t("history.pointsSet", { points: pts(h.points) })}
              </Typography.Text>
            )}
            {h.note && <Typography.Paragraph style={{ margin: 0 }}>{h.note}</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}
