/** Picks an agency by typing part of its name (accents optional: the API's search folds them). */
import { Select } from "antd";
import { useEffect, useState } from "react";
import { sortVi } from "../../../../core/locale.ts";
import { qs, useApi } from "../../api.ts";
import type { Agency, AgencyKind } from "./types.ts";

export function AgencySelect({
  value,
  onChange,
  kind,
  parentId,
  exclude,
  id,
  placeholder,
  ariaLabel,
  disabled,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  kind?: AgencyKind;
  parentId?: number;
  exclude?: number;
  id?: string;
  placeholder?: string;
  ariaLabel?: string;
  disabled?: boolean;
}) {
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const h = setTimeout(() => setQ(typed), 250);
    return () => clearTimeout(h);
  }, [typed]);
  const list = useApi<{ items: Agency[] }>(`/agencies${qs({ q, kind, parentId, limit: 20 })}`);
  const current = useApi<Agency>(value ? `/agencies/${value}` : null);
  const options = sortVi(list.data?.items ?? [], (a) => a.name)
    .filter((a) => a.id !== exclude)
    .map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }));
  if (value && current.data && !options.some((o) => o.value === value))
    options.unshift({ value, label: `${current.data.name} (${current.data.code})` });
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      onClear={() => setTyped("")}
      loading={list.isFetching}
      options={options}
      placeholder={placeholder}
      style={{ width: "100%" }}
      disabled={disabled}
    />
  );
}
