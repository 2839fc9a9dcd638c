import {
  DEFAULT_PERIODS,
  type PeriodRule,
  periodsForYear,
  validatePeriodRules,
} from "../../../core/periods.ts";
import type { AppContext } from "../../context.ts";
import { badInput, forbidden, notFound } from "../../errors.ts";
import { type AgencyFacts, type Caller, canRunProvince } from "../auth/policy.ts";
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
  if (problems.length)
    throw badInput("periods.invalid", "rules", `Lịch báo cáo không hợp lệ: ${problems[0]}`, problems[0]);
  await setPeriodRules(ctx.db, province.id, rules);
  return { provinceId: province.id, rules };
}
