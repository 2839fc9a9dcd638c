/**
 * Whether the plan is public: a tag with the day it was published, or that it is still a draft; and
 * for its focal point the button that publishes it or takes it back, confirmed first with who will
 * (or will no longer) see it.
 */
import { App, Button, Popconfirm, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api.ts";
import { errorText } from "../../components/common.tsx";
import { date } from "../../format.ts";
import type { Plan } from "./model.ts";
import { useInvalidatePlanData } from "./parts.tsx";

export function PlanPublication({ plan }: { plan: Plan }) {
  const { t } = useTranslation(["plan", "common"]);
  const { message } = App.useApp();
  const refresh = useInvalidatePlanData();
  const [busy, setBusy] = useState(false);
  const published = plan.publishedAt !== null;
  async function toggle() {
    setBusy(true);
    try {
      await api.post(`/plans/${plan.id}/${published ? "unpublish" : "publish"}`);
      await refresh();
      message.success(t(published ? "publication.unpublished" : "publication.published"));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space wrap size={8} style={{ marginBottom: 4 }}>
      <span data-testid="plan-publication">
        {plan.publishedAt !== null ? (
          <Tag color="green">
            {/* The day in Vietnam, not in UTC: a plan published at 6:30 on the 4th shows the 4th. */}
            {t("publication.publishedOn", { date: date(plan.publishedAt) })}
          </Tag>
        ) : (
          <Tag color="orange">{t("publication.draft")}</Tag>
        )}
      </span>
      {plan.can.publish && (
        <Popconfirm
          title={t(published ? "publication.unpublishConfirm" : "publication.publishConfirm")}
          description={
            <div style={{ maxWidth: 360 }}>
              {t(published ? "publication.unpublishEffect" : "publication.publishEffect")}
            </div>
          }
          okText={t(published ? "publication.unpublish" : "publication.publish")}
          cancelText={t("common:action.cancel")}
          // Closes at once (the button shows the wait), so its words do not turn over as it fades.
          onConfirm={() => void toggle()}
        >
          <Button size="small" type={published ? "default" : "primary"} danger={published} loading={busy}>
            {t(published ? "publication.unpublish" : "publication.publish")}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
