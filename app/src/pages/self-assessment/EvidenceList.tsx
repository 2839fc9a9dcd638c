/**
 * A criterion's evidence: files (PDF and images previewed in the page when asked), links, document
 * numbers and written explanations, each removable (with confirmation) while the draft is open.
 */
import { Button, Popconfirm, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../components/common.tsx";
import { date } from "../../format.ts";
import type { Evidence } from "./model.ts";

const fileUrl = (id: number) => `/api/evidence/${id}/file`;

function EvidencePreview({ e }: { e: Evidence }) {
  const { t } = useTranslation("selfAssessment");
  const title = t("evidence.previewOf", { name: e.fileName ?? "" });
  if (e.mime?.startsWith("image/"))
    return (
      <img
        src={fileUrl(e.id)}
        alt={title}
        style={{ maxWidth: "100%", maxHeight: 480, border: "1px solid #d9d9d9", background: "#fff" }}
      />
    );
  return (
    <iframe
      src={fileUrl(e.id)}
      title={title}
      style={{ width: "100%", height: 480, border: "1px solid #d9d9d9", background: "#fff" }}
    />
  );
}

export function EvidenceList({
  items,
  onRemove,
  previewOpen = false,
}: {
  items: Evidence[];
  onRemove?: (e: Evidence) => Promise<void>;
  /** Appraisers see previews open; the agency opens them on demand. */
  previewOpen?: boolean;
}) {
  const { t } = useTranslation("selfAssessment");
  const [shown, setShown] = useState<Record<number, boolean>>({});
  if (!items.length) return <EmptyState description={t("evidence.none")} />;
  return (
    <ul aria-label={t("evidence.listLabel")} style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {items.map((e) => {
        const open = shown[e.id] ?? previewOpen;
        return (
          <li key={e.id} data-evidence={e.id} style={{ padding: "8px 0", borderBottom: "1px solid #f0f0f0" }}>
            <Space wrap size={[8, 4]} style={{ width: "100%", justifyContent: "space-between" }}>
              <Space wrap size={[8, 4]}>
                <Tag>{t(`evidence.kind.${e.kind}`)}</Tag>
                {e.kind === "file" && (
                  <a href={fileUrl(e.id)} target="_blank" rel="noreferrer">
                    {e.fileName}
                  </a>
                )}
                {e.kind === "link" && e.url && (
                  <a href={e.url} target="_blank" rel="noreferrer noopener">
                    {e.url}
                  </a>
                )}
                {e.kind === "document" && <Typography.Text strong>{e.docNumber}</Typography.Text>}
                {e.note && e.note !== e.fileName && <Typography.Text>{e.note}</Typography.Text>}
                {e.fromTask && (
                  <Typography.Text type="secondary">
                    {t("evidence.fromTask")}{" "}
                    <Link to={`/plans/${e.fromTask.planId}/tasks/${e.fromTask.id}`}>{e.fromTask.title}</Link>
                  </Typography.Text>
                )}
                <Typography.Text type="secondary">{date(e.createdAt)}</Typography.Text>
              </Space>
              <Space>
                {e.kind === "file" && e.inline && (
                  <Button
                    size="small"
                    onClick={() => setShown({ ...shown, [e.id]: !open })}
                    aria-expanded={open}
                  >
                    {open ? t("evidence.hidePreview") : t("evidence.preview")}
                  </Button>
                )}
                {onRemove && (
                  <Popconfirm
                    title={t("evidence.removeConfirm")}
                    okText={t("common:action.delete")}
                    cancelText={t("common:action.cancel")}
                    onConfirm={() => onRemove(e)}
                  >
                    <Button
                      size="small"
                      danger
                      aria-label={t("evidence.removeLabel", {
                        name: e.fileName ?? e.url ?? e.docNumber ?? "",
                      })}
                    >
                      {t("common:action.delete")}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </Space>
            {e.kind === "file" && e.inline && open && (
              <div style={{ marginTop: 8 }}>
                <EvidencePreview e={e} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
