/**
 * "Lịch sử thay đổi" of one cycle: a button that opens a drawer listing GET /cycles/:id/history
 * (dates, participants, appraisers, states, publications, corrections) with the audit log's own
 * entry list, and a link to the whole log filtered to the cycle.
 */
import { Button, Drawer, Grid, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../api.ts";
import { AuditEntryList } from "../../components/AuditEntryList.tsx";
import { EmptyState, ErrorBox, Loading } from "../../components/common.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import type { AuditEntry } from "../../types/api.ts";

function HistoryBody({ cycleId }: { cycleId: number }) {
  const { t } = useTranslation("audit");
  const q = useApi<{ items: AuditEntry[] }>(`/cycles/${cycleId}/history`, { staleTime: 0 });
  if (q.isLoading) return <Loading rows={6} />;
  if (q.error) return <ErrorBox error={q.error} />;
  const items = q.data?.items ?? [];
  if (!items.length) return <EmptyState description={t("history.empty")} />;
  return <AuditEntryList entries={items} label={t("history.title")} />;
}

export function CycleHistory({ cycleId }: { cycleId: number }) {
  const { t } = useTranslation("audit");
  const [open, setOpen] = useState(false);
  const phone = Grid.useBreakpoint().md === false;
  if (!Number.isInteger(cycleId) || cycleId <= 0) return null;
  return (
    <div style={{ marginTop: 16 }}>
      <Button onClick={() => setOpen(true)} data-action="cycle-history">
        {t("history.button")}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        size={phone ? "100%" : 720}
        destroyOnHidden
        title={<h2 style={{ margin: 0, fontSize: 18 }}>{t("history.title")}</h2>}
        closable={{ "aria-label": t("history.close") }}
      >
        <Typography.Paragraph>{t("history.help")}</Typography.Paragraph>
        <LinkButton to={`/province/audit?cycleId=${cycleId}`} style={{ marginBottom: 12 }}>
          {t("history.openLog")}
        </LinkButton>
        {open && <HistoryBody cycleId={cycleId} />}
      </Drawer>
    </div>
  );
}
