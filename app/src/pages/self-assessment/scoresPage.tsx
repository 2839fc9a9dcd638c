/**
 * What the self-assessment and appraisal pages share: one agency's scores for the cycle in the URL,
 * and the leaf criterion opened in a drawer (?criterion=, so the view can be shared and reloaded).
 */
import { Drawer } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useApi } from "../../api.ts";
import { useSearchParam } from "../../components/useSearchParam.ts";
import { type ScoreNode, type Scores, scoresPath } from "./model.ts";

export function useScoresPage() {
  const { cycleId, agencyId } = useParams();
  const base = scoresPath(cycleId ?? "", agencyId ?? "");
  const q = useApi<Scores>(`${base}/scores`);
  const [params, setParam] = useSearchParam();
  const open = params.get("criterion");
  const node = open ? q.data?.nodes.find((n) => n.code === open && n.leaf) : undefined;
  const setOpen = (code: string | null) => setParam("criterion", code);
  return { base, q, node, setOpen };
}

export function CriterionDrawer({
  node,
  width,
  onClose,
  children,
}: {
  node: ScoreNode | undefined;
  width: number;
  onClose: () => void;
  children: (node: ScoreNode) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={!!node}
      onClose={onClose}
      size={`min(${width}px, 100vw)`}
      destroyOnHidden
      title={node ? `${node.code}. ${node.title}` : ""}
      closable={{ "aria-label": t("common:action.back") }}
    >
      {node && children(node)}
    </Drawer>
  );
}
