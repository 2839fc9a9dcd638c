/**
 * Indicator values: entered by hand, or computed from an imported register (e.g. outgoing documents).
 * Every value recorded goes into the audit trail in the same transaction (indicator.recorded).
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fromCenti } from "../../../core/decimal.ts";
import { type RegisterRow, ratioPercent, shareOfRegister } from "../../../core/indicators.ts";
import { searchKey } from "../../../core/locale.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden } from "../../errors.ts";
import { readGrid } from "../../spreadsheet.ts";
import type { IncomingFile } from "../../uploads.ts";
import { agencyFacts } from "../agencies/service.ts";
import { recordAudit } from "../audit/service.ts";
import { type AgencyFacts, type Caller, canManageAgency, canReadAgencyPrivate } from "../auth/policy.ts";
import * as repo from "./repository.ts";

type ValueInput = Parameters<typeof repo.insertIndicatorValue>[1];

/** Stores a value and its audit entry together; `more` says how it was computed. */
function recordValueAudited(
  ctx: AppContext,
  caller: Caller,
  facts: AgencyFacts,
  v: ValueInput,
  more: Record<string, unknown> = {},
) {
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertIndicatorValue(trx, v);
    await recordAudit(trx, caller, {
      action: "indicator.recorded",
      entity: "indicator_value",
      entityId: id,
      provinceId: facts.provinceId,
      agencyId: facts.agencyId,
      after: { code: v.code, period: v.period, value: v.value, source: v.source, ...more },
    });
    return id;
  });
}

async function gridOf(file: IncomingFile): Promise<string[][]> {
  const ext = path.extname(file.filename).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx")
    throw new AppError(
      "upload.bad_type",
      415,
      { vi: "Sổ đăng ký phải là tệp .csv hoặc .xlsx", en: "The register must be a .csv or .xlsx file" },
      "file",
    );
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parindex-register-"));
  const tmp = path.join(dir, `register${ext}`);
  try {
    await fs.writeFile(tmp, await file.toBuffer());
    return await readGrid(tmp);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw badInput(
      "register.unreadable",
      "file",
      `Không đọc được sổ đăng ký: ${(e as Error).message}`,
      `Cannot read the register: ${(e as Error).message}`,
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * The share of a register's rows whose column says yes — e.g. the share of outgoing documents that
 * were digitally signed — stored as a percentage indicator value.
 */
export async function importRegister(
  ctx: AppContext,
  caller: Caller,
  agencyId: number,
  input: { code: string; period: string; column: string },
  file: IncomingFile,
) {
  const facts = await agencyFacts(ctx, agencyId);
  if (!canManageAgency(caller, facts)) throw forbidden();
  const grid = (await gridOf(file)).filter((r) => r.some((c) => c.trim() !== ""));
  const [header, ...data] = grid;
  if (!header || data.length === 0)
    throw badInput(
      "register.empty",
      "file",
      "Sổ đăng ký không có dòng dữ liệu nào",
      "The register has no data rows",
    );
  const col = header.findIndex((h) => searchKey(h) === searchKey(input.column));
  if (col < 0)
    throw badInput(
      "register.unknown_column",
      "column",
      `Không có cột "${input.column}"; các cột: ${header.join(", ")}`,
      `No column "${input.column}"; the columns are: ${header.join(", ")}`,
    );
  const rows: RegisterRow[] = data.map((r, i) => ({ line: i + 2, values: { [input.column]: r[col] ?? "" } }));
  const share = shareOfRegister(rows, input.column);
  const percent = share.percent === null ? 0 : fromCenti(share.percent);
  const id = await recordValueAudited(
    ctx,
    caller,
    facts,
    {
      agencyId,
      code: input.code,
      period: input.period,
      value: percent,
      source: "import",
      recordedBy: caller.id,
    },
    { column: input.column, count: share.count, total: share.total },
  );
  return {
    id,
    code: input.code,
    period: input.period,
    count: share.count,
    total: share.total,
    percent,
  };
}

/**
 * A ratio derived from counts, e.g. contest participants ÷ the agency's staff that year. The
 * denominator defaults to the staff count on record for the agency.
 */
export async function deriveRatio(
  ctx: AppContext,
  caller: Caller,
  agencyId: number,
  input: { code: string; period: string; count: number; of?: number },
) {
  const facts = await agencyFacts(ctx, agencyId);
  if (!canManageAgency(caller, facts)) throw forbidden();
  const of = input.of ?? facts.agency.staff_count;
  if (!of)
    throw badInput(
      "indicator.no_denominator",
      "of",
      "Chưa có số biên chế của cơ quan; hãy nhập mẫu số",
      "The agency has no staff count on record; give the denominator",
    );
  if (input.count > of)
    throw badInput(
      "indicator.count_above_total",
      "count",
      "Tử số lớn hơn mẫu số",
      "The count exceeds the total it is a share of",
    );
  const percent = ratioPercent(input.count, of);
  if (percent === null)
    throw badInput(
      "indicator.bad_ratio",
      "count",
      "Số đếm phải là số nguyên không âm",
      "Counts must be whole numbers ≥ 0",
    );
  const value = fromCenti(percent);
  const id = await recordValueAudited(
    ctx,
    caller,
    facts,
    { agencyId, code: input.code, period: input.period, value, source: "derived", recordedBy: caller.id },
    { count: input.count, of },
  );
  return { id, code: input.code, period: input.period, count: input.count, of, percent: value };
}

export async function listValues(ctx: AppContext, caller: Caller | null, agencyId: number) {
  const facts = await agencyFacts(ctx, agencyId);
  if (!canReadAgencyPrivate(caller, facts)) throw forbidden();
  return repo.listIndicatorValues(ctx.db, agencyId);
}

/** A value entered by hand by the agency's focal point. */
export async function recordValue(
  ctx: AppContext,
  caller: Caller,
  agencyId: number,
  v: { code: string; period: string; value: number },
) {
  const facts = await agencyFacts(ctx, agencyId);
  if (!canManageAgency(caller, facts)) throw forbidden();
  return recordValueAudited(ctx, caller, facts, { agencyId, ...v, source: "manual", recordedBy: caller.id });
}
