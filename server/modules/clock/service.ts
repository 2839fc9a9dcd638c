/** What the app reads of the clock, and the administrator moving the demo's day. */
import { formatDateShort, parseViDate } from "../../../core/locale.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden } from "../../errors.ts";
import { recordAudit } from "../audit/service.ts";
import { type Caller, isAdmin } from "../auth/policy.ts";
import * as repo from "./repository.ts";

/** The earliest and latest demo day accepted: the years the demo's frameworks and cycles can mean. */
const FIRST = "2000-01-01";
const LAST = "2099-12-31";

/** The business day and whether the demo clock runs (for the banner); the same for every caller. */
export async function readClock(ctx: AppContext) {
  return ctx.clock.read();
}

export async function moveDemoDate(ctx: AppContext, caller: Caller, body: { demoDate: string }) {
  if (!isAdmin(caller))
    throw forbidden(
      "Only the administrator moves the demo's day",
      "Chỉ quản trị hệ thống đổi ngày của bản demo",
    );
  const date = parseViDate(body.demoDate);
  if (!date || date < FIRST || date > LAST)
    throw badInput(
      "clock.invalid_date",
      "demoDate",
      `Ngày demo không hợp lệ: cần một ngày có thật, dd/mm/yyyy, từ ${formatDateShort(FIRST)} đến ${formatDateShort(LAST)}`,
      `The demo day is not valid: a real calendar date, dd/mm/yyyy or yyyy-mm-dd, from ${FIRST} to ${LAST}`,
    );
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findDemoDate(trx);
    if (!before)
      throw new AppError(
        "clock.not_demo",
        409,
        {
          vi: "Cơ sở dữ liệu này không phải bản demo: ngày luôn là ngày thật",
          en: "This database is not the demo: it always runs on the real date",
        },
        "demoDate",
      );
    await repo.setDemoDate(trx, date);
    await recordAudit(trx, caller, {
      action: "clock.demo_date_moved",
      entity: "system",
      entityId: "demo_clock",
      before: { demoDate: before },
      after: { demoDate: date },
    });
    return ctx.clock.read(trx);
  });
}
