/**
 * Says, on every page, that the app runs on the demo's data and its day (server/clock.ts): a newcomer
 * should not take 10/12/2019 for a bug. Nothing shows on a real installation.
 */
import { useTranslation } from "react-i18next";
import { formatDateShort } from "../../../core/locale.ts";
import { useApi } from "../api.ts";

export interface ClockReading {
  today: string;
  demo: boolean;
}

export function DemoBanner() {
  const { t } = useTranslation();
  const { data } = useApi<ClockReading>("/clock", { staleTime: 60_000 });
  if (!data?.demo) return null;
  // The date is written the same in both languages, as the demo's documents write it.
  return (
    <div className="demo-banner" data-testid="demo-banner">
      {t("demoBanner", { date: formatDateShort(data.today) })}
    </div>
  );
}
