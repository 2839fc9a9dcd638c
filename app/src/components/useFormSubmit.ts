/**
 * A form's submit: busy while the request runs, a server error shown next to the field it names
 * (showFieldError), else kept as text for an Alert above the buttons.
 */
import type { FormInstance } from "antd";
import { useState } from "react";
import { errorText, showFieldError } from "./common.tsx";

export function useFormSubmit<V>(form: FormInstance, action: (values: V) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      await action(values);
    } catch (e) {
      if (!showFieldError(form, e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
