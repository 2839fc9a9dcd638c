/**
 * How a publication is named in text: its decision as administrative text writes it ("Quyết định số
 * 617/QĐ-UBND ngày 29/3/2023", the date in the running-text form of Nghị định 30), and a version's
 * address. Pure.
 */
import { formatDateShort } from "../../../../core/locale.ts";
import type { Decision } from "../../types/api.ts";

/** "617/QĐ-UBND ngày 29/3/2023" (vi) or "617/QĐ-UBND of 29 Mar 2023" (en). */
export function decisionRef(d: Decision, lang: string): string {
  const number = `${d.number}/${d.code}`;
  if (lang === "en") {
    const when = new Date(`${d.date}T00:00:00Z`).toLocaleDateString("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
    return `${number} of ${when}`;
  }
  return `${number} ngày ${formatDateShort(d.date)}`;
}

/** The public address of a cycle's results: the current version, or an earlier one at its own URL. */
export function rankingPath(cycleId: number, version?: number, current?: number): string {
  return version === undefined || version === current
    ? `/public/rankings/${cycleId}`
    : `/public/rankings/${cycleId}/v/${version}`;
}
