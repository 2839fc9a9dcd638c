/** Small shared pieces every page uses: loading, empty and error states, server errors on fields. */
import { Alert, Empty, type FormInstance, Skeleton } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorText } from "../api.ts";

export function Loading({ rows = 4 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" aria-label={t("state.loading")}>
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

export function EmptyState({ children, description }: { children?: ReactNode; description: ReactNode }) {
  return (
    <Empty description={description} image={Empty.PRESENTED_IMAGE_SIMPLE}>
      {children}
    </Empty>
  );
}

export { errorText };

export function ErrorBox({ error, title }: { error: unknown; title?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? t("state.error")}
      description={errorText(error)}
    />
  );
}

/**
 * Puts a server error next to the form field it names (the API's `field`, e.g. "due" or "points");
 * returns false when the error concerns no field of this form, so the caller shows it elsewhere.
 */
export function showFieldError(form: FormInstance, e: unknown): boolean {
  if (!(e instanceof ApiError) || !e.field) return false;
  const name = e.field.split(".").filter(Boolean);
  const known = form.getFieldInstance(name.length === 1 ? name[0] : name) !== undefined;
  const exists = known || form.getFieldsValue(true)?.[name[0]] !== undefined;
  if (!exists) return false;
  form.setFields([{ name: name.length === 1 ? name[0] : name, errors: [e.text] }]);
  return true;
}
