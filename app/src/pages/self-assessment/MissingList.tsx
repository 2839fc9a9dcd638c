/**
 * What keeps a step from being taken (submitting, concluding an appraisal), listed before anyone
 * clicks: each leaf with what it lacks and a link that opens it. The list is the server's own guard.
 */
import { Alert, Button, List } from "antd";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n.ts";
import type { Missing } from "./model.ts";

export function MissingList({
  title,
  items,
  onOpen,
  testId,
}: {
  title: string;
  items: Missing[];
  onOpen: (code: string) => void;
  testId?: string;
}) {
  const { t } = useTranslation("selfAssessment");
  if (!items.length) return null;
  const shown = items.slice(0, 30);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 12 }}
      data-testid={testId}
      title={title}
      description={
        <List
          size="small"
          split={false}
          dataSource={shown}
          footer={
            items.length > shown.length ? t("missing.more", { count: items.length - shown.length }) : null
          }
          renderItem={(m) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Button
                type="link"
                style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
                onClick={() => onOpen(m.code)}
              >
                {m.code}. {m.title}
              </Button>
              <span> — {i18n.language === "en" ? m.messageEn : m.message}</span>
            </List.Item>
          )}
        />
      }
    />
  );
}
