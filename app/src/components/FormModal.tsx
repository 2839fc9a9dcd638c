/**
 * A dialog around a form: OK submits the form (busy while it saves), Cancel closes, and a server error
 * that names no field of the form shows above it. Pair it with useFormSubmit.
 */
import { Alert, Modal } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function FormModal({
  form,
  title,
  okText,
  busy,
  error,
  onClose,
  width,
  children,
}: {
  form: { submit: () => void };
  title: ReactNode;
  /** Defaults to "Save". */
  okText?: ReactNode;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      okText={okText ?? t("action.save")}
      cancelText={t("action.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={width}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {children}
    </Modal>
  );
}
