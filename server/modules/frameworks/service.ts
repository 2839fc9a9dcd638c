import {
  buildTree,
  type FrameworkNode,
  type FrameworkTree,
  validateFramework,
} from "../../../core/framework.ts";
import { nfc } from "../../../core/locale.ts";
import { DEFAULT_GRADE_BANDS, type GradeBand, validateGradeBands } from "../../../core/ranking.ts";
import { scoringRuleSchema, validateRule } from "../../../core/rules.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, notFound } from "../../errors.ts";
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
  code: string;
  title: string;
  year: number;
  agencyType: string;
  gradeBands?: GradeBand[];
  rankDecimals?: 0 | 1 | 2 | null;
  nodes: FrameworkNode[];
}

/** Validates the whole tree (structure, maxima, rules) and stores it, or stores nothing. */
export async function createFramework(ctx: AppContext, input: FrameworkInput): Promise<number> {
  const nodes = input.nodes.map((n) => ({ ...n, code: nfc(n.code).trim(), title: nfc(n.title).trim() }));
  const issues = validateFramework(nodes);
  const first = issues[0];
  if (first) {
    throw new AppError(
      first.code,
      400,
      { vi: `Bộ chỉ số không hợp lệ: ${first.message}`, en: first.message },
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
  if (await repo.findFrameworkByCode(ctx.db, input.code))
    throw new AppError(
      "framework.exists",
      409,
      { vi: `Mã bộ chỉ số ${input.code} đã tồn tại`, en: `Framework ${input.code} already exists` },
      "code",
    );
  return repo.insertFramework(
    ctx.db,
    {
      code: input.code,
      title: nfc(input.title),
      year: input.year,
      agencyType: input.agencyType,
      gradeBands: bands,
      rankDecimals: input.rankDecimals === undefined ? 2 : input.rankDecimals,
    },
    nodes,
  );
}
