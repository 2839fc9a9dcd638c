/**
 * The focal point says which named divisions a unit group on a task stands for ("Các Phòng, Ban,
 * Trung tâm" → HC-TC, QT-TV, …). Until then no division acts on the task through the group.
 */
import { Alert, App, Form, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { matchesSearch } from "../../../../core/locale.ts";
import { api, useApi } from "../../api.ts";
import { errorText } from "../../components/common.tsx";
import type { Agency, UnitRef } from "./model.ts";
import { useInvalidatePlanData } from "./parts.tsx";

export interface GroupToResolve {
  taskId: number;
  taskTitle: string;
  group: Pick<UnitRef, "id" | "name" | "members">;
  role: "leadUnits" | "coordinatingUnits";
}

export function GroupResolveModal({
  agencyId,
  target,
  onClose,
}: {
  agencyId: number;
  target: GroupToResolve | null;
  onClose: (saved: boolean) => void;
}) {
  if (!target) return null;
  return (
    <ResolveOnce
      key={`${target.taskId}-${target.group.id}`}
      agencyId={agencyId}
      target={target}
      onClose={onClose}
    />
  );
}

function ResolveOnce({
  agencyId,
  target,
  onClose,
}: {
  agencyId: number;
  target: GroupToResolve;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation(["plan", "common"]);
  const { message } = App.useApp();
  const invalidate = useInvalidatePlanData();
  const agency = useApi<Agency>(`/agencies/${agencyId}`, { staleTime: 300_000 });
  const [units, setUnits] = useState<number[]>(target.group.members?.map((m) => m.id) ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = (agency.data?.units ?? [])
    .filter((u) => u.kind === "division")
    .map((u) => ({ value: u.id, label: u.shortName ? `${u.name} (${u.shortName})` : u.name }));
  async function save() {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/tasks/${target.taskId}/groups/${target.group.id}`, { units });
      await invalidate();
      void message.success(t("group.saved"));
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={t("group.title", { group: target.group.name })}
      okText={t("group.save")}
      cancelText={t("common:action.cancel")}
      okButtonProps={{ loading: busy, disabled: units.length === 0 }}
      onOk={() => void save()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <p>
        {t("group.help", {
          group: target.group.name,
          role: t(target.role === "leadUnits" ? "group.lead" : "group.coordinating"),
        })}
      </p>
      <p style={{ fontWeight: 600 }}>{target.taskTitle}</p>
      <Form layout="vertical">
        <Form.Item
          label={t("group.units")}
          htmlFor="group-units"
          required
          help={units.length === 0 ? t("group.unitsRule") : undefined}
        >
          <Select
            id="group-units"
            mode="multiple"
            value={units}
            onChange={setUnits}
            options={options}
            loading={agency.isLoading}
            showSearch={{ filterOption: (input, o) => matchesSearch(String(o?.label ?? ""), input) }}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
