import { DatePicker } from "antd";
import dayjs from "dayjs";

/** A date picked and shown as dd/mm/yyyy (vi) whatever the browser's locale, held as an ISO date. */
export function IsoDatePicker(props: {
  id: string;
  value: string | null;
  onChange: (v: string | null) => void;
  onFocus?: () => void;
  "aria-label"?: string;
}) {
  return (
    <DatePicker
      id={props.id}
      aria-label={props["aria-label"]}
      format={["DD/MM/YYYY", "D/M/YYYY", "YYYY-MM-DD"]}
      value={props.value ? dayjs(props.value) : null}
      onChange={(d: dayjs.Dayjs | null) => props.onChange(d ? d.format("YYYY-MM-DD") : null)}
      onFocus={props.onFocus}
      style={{ width: 180 }}
    />
  );
}
