import {
  buildTree,
  type FrameworkIssue,
  type FrameworkNode,
  type FrameworkTree,
  validateFramework,
} from "../../../core/framework.ts";
import { nfc } from "../../../core/locale.ts";
import { DEFAULT_GRADE_BANDS, type GradeBand, validateGradeBands } from "../../../core/ranking.ts";
import { scoringRuleSchema, validateRule } from "../../../core/rules.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, forbidden, notFound } from "../../errors.ts";
import { type Actor, recordAudit } from "../audit/service.ts";
import type { Caller } from "../auth/policy.ts";
import { canEditFramework } from "./policy.ts";
import * as repo from "./repository.ts";

export interface LoadedFramework {
  meta: repo.FrameworkMeta;
  nodes: FrameworkNode[];
  tree: FrameworkTree;
}

export async function loadFramework(ctx: AppContext, id: number): Promise<LoadedFramework> {
  const meta = await repo.findFramework(ctx.db, id);
  if (!meta) throw notFound("bộ chỉ số / framework", "frameworkId");
  const nodes = await repo.loadNodes(ctx.db, id);
  return { meta, nodes, tree: buildTree(nodes) };
}

export interface FrameworkInput {
  /** The province that owns it (null or absent: national). Set when created, never replaced. */
  provinceId?: number | null;
  code: string;
  title: string;
  year: number;
  agencyType: string;
  gradeBands?: GradeBand[];
  rankDecimals?: 0 | 1 | 2 | null;
  nodes: FrameworkNode[];
}

/** Validates the whole tree (structure, maxima, rules) and the grade bands; throws the first problem. */
function prepare(input: FrameworkInput) {
  const nodes = input.nodes.map((n) => ({ ...n, code: nfc(n.code).trim(), title: nfc(n.title).trim() }));
  const issues = validateFramework(nodes);
  const first = issues[0];
  if (first) {
    throw new AppError(
      first.code,
      400,
      { vi: `Bộ chỉ số không hợp lệ: ${issueVi(first)}`, en: first.message },
      `nodes.${first.nodeCode}.${first.field}`,
    );
  }
  const tree = buildTree(nodes);
  for (const n of nodes) {
    if (n.rule === undefined || n.rule === null) continue;
    if ((tree.children.get(n.code)?.length ?? 0) > 0)
      throw badInput(
        "framework.rule_on_inner_node",
        `nodes.${n.code}.rule`,
        `Chỉ tiêu chí lá mới có quy tắc chấm (${n.code})`,
        `Only leaves carry a scoring rule (${n.code})`,
      );
    const parsed = scoringRuleSchema.safeParse(n.rule);
    if (!parsed.success)
      throw badInput(
        "framework.bad_rule",
        `nodes.${n.code}.rule`,
        `Quy tắc chấm của ${n.code} không hợp lệ`,
        `Invalid scoring rule on ${n.code}: ${parsed.error.issues[0]?.message}`,
      );
    const problems = validateRule(parsed.data, n.max);
    if (problems.length)
      throw badInput(
        "framework.bad_rule",
        `nodes.${n.code}.rule`,
        `Quy tắc chấm của ${n.code}: ${problems[0]}`,
        `Scoring rule of ${n.code}: ${problems[0]}`,
      );
  }
  const bands = input.gradeBands ?? [...DEFAULT_GRADE_BANDS];
  const bandProblems = validateGradeBands(bands);
  if (bandProblems.length)
    throw badInput("framework.bad_grades", "gradeBands", bandProblems[0], bandProblems[0]);
  const meta = {
    code: nfc(input.code).trim(),
    title: nfc(input.title).trim(),
    year: input.year,
    agencyType: input.agencyType,
    gradeBands: bands,
    rankDecimals: input.rankDecimals === undefined ? 2 : input.rankDecimals,
  };
  return { meta, nodes };
}

/** The Vietnamese wording of a framework issue, for the API's error message. */
function issueVi(i: FrameworkIssue): string {
  const c = i.nodeCode ?? "";
  switch (i.code) {
    case "framework.empty_code":
      return "có tiêu chí chưa có mã";
    case "framework.duplicate_code":
      return `mã ${c} bị trùng`;
    case "framework.negative_max":
      return `điểm tối đa của ${c} âm hoặc quá hai chữ số thập phân`;
    case "framework.max_too_large":
      return `điểm tối đa của ${c} quá lớn`;
    case "framework.empty_title":
      return `tiêu chí ${c} chưa có tên`;
    case "framework.orphan":
      return `${c} ở cấp cao nhất nhưng không phải lĩnh vực`;
    case "framework.unknown_parent":
      return `${c} thuộc một mục cha không tồn tại`;
    case "framework.wrong_level":
      return `${c} không đúng cấp so với mục cha`;
    case "framework.children_exceed_parent":
      return `tổng điểm các mục con của ${c} vượt điểm tối đa của ${c}`;
    case "framework.cycle":
      return `${c} là tổ tiên của chính nó`;
    default:
      return i.message;
  }
}

const codeTaken = (code: string) =>
  new AppError(
    "framework.exists",
    409,
    { vi: `Mã bộ chỉ số ${code} đã tồn tại`, en: `Framework ${code} already exists` },
    "code",
  );

/** Stores a new framework (optionally the next version of another one), or nothing. */
export async function createFramework(
  ctx: AppContext,
  who: Caller | Actor,
  input: FrameworkInput & { basedOnId?: number },
): Promise<number> {
  const { meta, nodes } = prepare(input);
  const provinceId = input.provinceId ?? null;
  let version = 1;
  if (input.basedOnId !== undefined) {
    const base = await repo.findFramework(ctx.db, input.basedOnId);
    if (!base) throw notFound("bộ chỉ số gốc / base framework", "basedOnId");
    version = base.version + 1;
  }
  if (await repo.findFrameworkByCode(ctx.db, meta.code)) throw codeTaken(meta.code);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertFramework(trx, { ...meta, version, provinceId }, nodes);
    await recordAudit(trx, who, {
      action: "framework.created",
      entity: "framework",
      entityId: id,
      provinceId,
      after: {
        ...meta,
        version,
        provinceId,
        basedOnId: input.basedOnId ?? null,
        nodes: nodes.map(auditNode),
      },
    });
    return id;
  });
}

/** A node as the audit trail keeps it: points as numbers. */
const auditNode = (n: FrameworkNode) => ({ ...n, max: n.max / 100 });

export const frameworkInUse = () =>
  new AppError("framework.in_use", 409, {
    vi: "Bộ chỉ số đang được dùng trong kỳ đánh giá nên không sửa trực tiếp được; hãy lưu thành phiên bản mới",
    en: "The framework is used by a cycle and cannot be changed in place; save it as a new version",
  });

/**
 * Replaces a framework that no cycle uses yet; one in use keeps its published tree. Only its
 * province's office (a national one: the administrator) replaces it; anyone may read it, so another
 * caller is refused (403), not told it does not exist.
 */
export async function replaceFramework(
  ctx: AppContext,
  caller: Caller,
  id: number,
  input: FrameworkInput,
): Promise<void> {
  const current = await repo.findFramework(ctx.db, id);
  if (!current) throw notFound("bộ chỉ số / framework", "id");
  if (!canEditFramework(caller, current.provinceId))
    throw forbidden(
      current.provinceId === null
        ? "Only the administrator changes a national framework"
        : "Only the PAR office of the framework's province changes it",
      current.provinceId === null
        ? "Chỉ quản trị hệ thống sửa bộ chỉ số dùng chung"
        : "Chỉ Sở Nội vụ của tỉnh ban hành bộ chỉ số được sửa bộ chỉ số này",
    );
  if ((await repo.frameworkUsage(ctx.db, id)).has(id)) throw frameworkInUse();
  const { meta, nodes } = prepare(input);
  const other = await repo.findFrameworkByCode(ctx.db, meta.code);
  if (other && other.id !== id) throw codeTaken(meta.code);
  const before = await repo.loadNodes(ctx.db, id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.replaceFramework(trx, id, meta, nodes);
    await recordAudit(trx, caller, {
      action: "framework.replaced",
      entity: "framework",
      entityId: id,
      provinceId: current.provinceId,
      before: { ...current, nodes: before.map(auditNode) },
      after: { ...meta, nodes: nodes.map(auditNode) },
    });
  });
}
