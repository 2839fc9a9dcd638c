import { changedFields } from "../../../core/audit.ts";
import {
  type CreateAgency,
  type PatchAgency,
  periodIssues,
  validityIssue,
} from "../../../core/contracts/agencies.ts";
import {
  DEFAULT_PERIODS,
  type PeriodRule,
  periodsForYear,
  validatePeriodRules,
} from "../../../core/periods.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden, notFound } from "../../errors.ts";
import { recordAudit } from "../audit/service.ts";
import { type AgencyFacts, type Caller, canRunProvince, isAdmin } from "../auth/policy.ts";
import * as repo from "./repository.ts";
import { type AgencyRow, findAgency, getPeriodRules, provinceOf, setPeriodRules } from "./repository.ts";

export async function agencyFacts(
  ctx: AppContext,
  agencyId: number,
): Promise<AgencyFacts & { agency: AgencyRow }> {
  const agency = await findAgency(ctx.db, agencyId);
  if (!agency) throw notFound("cơ quan / agency", "agencyId");
  return { agencyId, provinceId: await provinceOf(ctx.db, agencyId), agency };
}

export function presentAgency(a: AgencyRow) {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    shortName: a.short_name,
    kind: a.kind,
    parentId: a.parent_id,
    group: a.group_code,
    validFrom: a.valid_from,
    validTo: a.valid_to,
    successorId: a.successor_id,
    sample: a.sample,
    staffCount: a.staff_count,
  };
}

async function provinceOfAgency(ctx: AppContext, agencyId: number): Promise<AgencyRow> {
  const a = await findAgency(ctx.db, agencyId);
  if (!a) throw notFound("cơ quan / agency");
  const provinceId = a.kind === "province" ? a.id : await provinceOf(ctx.db, a.id);
  const province = provinceId ? await findAgency(ctx.db, provinceId) : undefined;
  if (!province)
    throw badInput(
      "agency.no_province",
      "id",
      "Cơ quan không thuộc tỉnh nào",
      "The agency belongs to no province",
    );
  return province;
}

/** Reporting periods (quý I, 6 tháng, 9 tháng, năm) of the province an agency belongs to. */
export async function reportingPeriods(ctx: AppContext, agencyId: number, year: number) {
  const province = await provinceOfAgency(ctx, agencyId);
  const rules = ((await getPeriodRules(ctx.db, province.id)) as PeriodRule[] | null) ?? [...DEFAULT_PERIODS];
  return { provinceId: province.id, rules, periods: periodsForYear(year, rules) };
}

export async function configurePeriods(
  ctx: AppContext,
  caller: Caller,
  provinceId: number,
  rules: PeriodRule[],
) {
  const province = await provinceOfAgency(ctx, provinceId);
  if (province.id !== provinceId)
    throw badInput(
      "periods.province_only",
      "id",
      "Lịch báo cáo đặt ở cấp tỉnh",
      "Reporting periods are set on the province",
    );
  if (!canRunProvince(caller, province.id)) throw forbidden();
  const problems = validatePeriodRules(rules);
  if (problems.length) {
    // Point at the rule and part concerned (rules.1.due), as the admin form does.
    const first = periodIssues(rules)[0];
    throw badInput(
      "periods.invalid",
      first ? `rules.${first.index}.${first.field}` : "rules",
      `Lịch báo cáo không hợp lệ: ${PERIOD_VI[first?.code ?? "periods.other"]} (${rules[first?.index ?? 0]?.labelVi ?? ""})`,
      problems[0],
    );
  }
  const before = await getPeriodRules(ctx.db, province.id);
  await ctx.db.transaction().execute(async (trx) => {
    await setPeriodRules(trx, province.id, rules);
    await recordAudit(trx, caller, {
      action: "periods.configured",
      entity: "periods",
      entityId: province.id,
      provinceId: province.id,
      before: { rules: before },
      after: { rules },
    });
  });
  return { provinceId: province.id, rules };
}

const PERIOD_VI = {
  "periods.duplicate": "kỳ báo cáo bị khai báo hai lần",
  "periods.bad_day": "ngày không có trong năm",
  "periods.window": "thời gian lấy số liệu bắt đầu sau khi kết thúc",
  "periods.due": "hạn gửi phải sau ngày chốt số liệu",
  "periods.other": "quy tắc không hợp lệ",
} as const;

/** What the list and detail pages show besides the agency itself: its successor's name. */
export async function withSuccessors(ctx: AppContext, rows: AgencyRow[]) {
  const ids = [...new Set(rows.map((r) => r.successor_id).filter((x): x is number => x !== null))];
  const names = new Map((await repo.findAgencies(ctx.db, ids)).map((a) => [a.id, a]));
  return rows.map((r) => {
    const s = r.successor_id === null ? undefined : names.get(r.successor_id);
    return { ...presentAgency(r), successor: s ? { id: s.id, code: s.code, name: s.name } : null };
  });
}

/**
 * A successor takes over from an agency (Quảng Nam → Đà Nẵng on 1/7/2025): it exists, is of the same
 * kind, is not the agency itself, and does not lead back to it through its own successors.
 */
async function checkSuccessor(
  ctx: AppContext,
  self: { id: number | null; kind: string },
  successorId: number,
) {
  if (successorId === self.id)
    throw badInput(
      "agency.self_successor",
      "successorId",
      "Không thể kế thừa chính mình",
      "An agency cannot succeed itself",
    );
  const s = await findAgency(ctx.db, successorId);
  if (!s)
    throw badInput(
      "agency.unknown_successor",
      "successorId",
      "Cơ quan kế thừa không tồn tại",
      "Unknown successor",
    );
  if (s.kind !== self.kind)
    throw badInput(
      "agency.successor_kind",
      "successorId",
      "Cơ quan kế thừa phải cùng loại",
      "The successor must be of the same kind",
    );
  let cur: AgencyRow | undefined = s;
  for (let i = 0; cur?.successor_id && i < 50; i++) {
    if (cur.successor_id === self.id)
      throw badInput(
        "agency.successor_loop",
        "successorId",
        "Chuỗi kế thừa quay lại chính cơ quan này",
        "The chain of successors leads back to this agency",
      );
    cur = await findAgency(ctx.db, cur.successor_id);
  }
}

function checkValidity(validFrom: string | null | undefined, validTo: string | null | undefined) {
  const issue = validityIssue(validFrom, validTo);
  if (issue) throw badInput(issue.code, issue.field, issue.vi, issue.en);
}

export async function createAgency(ctx: AppContext, caller: Caller, b: CreateAgency): Promise<number> {
  if (!isAdmin(caller)) throw forbidden();
  if (await repo.findAgencyByCode(ctx.db, b.code))
    throw new AppError(
      "agency.exists",
      409,
      { vi: `Mã ${b.code} đã tồn tại`, en: `Code ${b.code} is taken` },
      "code",
    );
  if (b.kind !== "province" && !b.parentId)
    throw badInput("agency.parent_required", "parentId", "Cần cơ quan cấp trên", "A parent is required");
  if (b.parentId && !(await findAgency(ctx.db, b.parentId)))
    throw badInput("agency.unknown_parent", "parentId", "Cơ quan cấp trên không tồn tại", "Unknown parent");
  checkValidity(b.validFrom, b.validTo);
  if (b.successorId) await checkSuccessor(ctx, { id: null, kind: b.kind }, b.successorId);
  const provinceId = b.parentId ? await repo.provinceOf(ctx.db, b.parentId) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertAgency(trx, { ...b, groupCode: b.group });
    await recordAudit(trx, caller, {
      action: "agency.created",
      entity: "agency",
      entityId: id,
      provinceId: b.kind === "province" ? id : provinceId,
      agencyId: id,
      after: b,
    });
    return id;
  });
}

export async function updateAgency(ctx: AppContext, caller: Caller, id: number, b: PatchAgency) {
  if (!isAdmin(caller)) throw forbidden();
  const a = await findAgency(ctx.db, id);
  if (!a) throw notFound("cơ quan / agency");
  if (b.successorId !== undefined && b.successorId !== null)
    await checkSuccessor(ctx, { id: a.id, kind: a.kind }, b.successorId);
  checkValidity(b.validFrom ?? a.valid_from, b.validTo !== undefined ? b.validTo : a.valid_to);
  const provinceId = await repo.provinceOf(ctx.db, a.id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateAgency(trx, a.id, { ...b, groupCode: b.group });
    const after = (await findAgency(trx, a.id))!;
    const fields = changedFields(
      a as unknown as Record<string, unknown>,
      after as unknown as Record<string, unknown>,
    );
    await recordAudit(trx, caller, {
      action: "agency.updated",
      entity: "agency",
      entityId: a.id,
      provinceId,
      agencyId: a.id,
      before: Object.fromEntries(fields.map((f) => [f, (a as unknown as Record<string, unknown>)[f]])),
      after: Object.fromEntries(fields.map((f) => [f, (after as unknown as Record<string, unknown>)[f]])),
    });
  });
  return (await withSuccessors(ctx, [(await findAgency(ctx.db, a.id))!]))[0];
}
