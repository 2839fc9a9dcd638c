/**
 * Asks for the written reason a step needs (a correction, an exclusion, reopening a finalised
 * result): the button stays off until the reason passes the server's own rule, and the reason is
 * sent trimmed. `onSubmit` resolves true when the step was taken (the dialog then closes and clears).
 */
import { Input, Modal, Typography } from "antd";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { reasonSchema } from "../../../core/contracts/cycles.ts";

export function ReasonModal({
  open,
  title,
  text,
  label,
  okText,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  text: string;
  label: string;
  okText: string;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<boolean>;
}) {
  const { t } = useTranslation("common");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const id = useId();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: true, loading: busy, disabled: !reasonSchema.safeParse(reason).success }}
      cancelText={t("action.cancel")}
      onCancel={onCancel}
      onOk={async () => {
        setBusy(true);
        try {
          if (await onSubmit(reason.trim())) setReason("");
        } finally {
          setBusy(false);
        }
      }}
    >
      <Typography.Paragraph>{text}</Typography.Paragraph>
      <label htmlFor={id}>{label}</label>
      <Input.TextArea
        id={id}
        rows={3}
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}
