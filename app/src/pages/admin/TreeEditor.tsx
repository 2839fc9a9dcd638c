/**
 * The framework tree, one row per node (code, title, max points, kind) indented under its parent,
 * with move up/down, add a child and remove; under each leaf its scoring rule in words, editable. Problems are listed under the node they concern and
 * mark the field to correct; the inputs point at them (aria-describedby) for screen readers.
 */
import { Button, Input, Popconfirm, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { NODE_KINDS } from "../../../../core/contracts/frameworks.ts";
import { RuleLine } from "./RuleEditor.tsx";
import {
  addChild,
  childrenOf,
  descendants,
  type EditNode,
  moveNode,
  type NodeIssue,
  nextCode,
  ordered,
  removeNode,
  updateNode,
} from "./tree.ts";

const ERROR = "#a8071a";

export function TreeEditor({
  nodes,
  onChange,
  issues,
  serverIssues,
}: {
  nodes: EditNode[];
  onChange: (next: EditNode[]) => void;
  issues: Map<string, NodeIssue[]>;
  /** Messages from the server, by node uid (shown until the next edit). */
  serverIssues: Map<string, string>;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const rows = ordered(nodes);
  return (
    <div>
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label={t("editor.treeLabel")}>
        {rows.map(({ node, depth }) => {
          const list = issues.get(node.uid) ?? [];
          const server = serverIssues.get(node.uid);
          const bad = (f: NodeIssue["field"]) => list.some((i) => i.field === f);
          const errId = `node-errors-${node.uid}`;
          const describedBy = list.length || server ? errId : undefined;
          const label = node.code.trim() || t("editor.noCode");
          const siblings = childrenOf(nodes, node.parentUid);
          const index = siblings.findIndex((s) => s.uid === node.uid);
          const below = descendants(nodes, node.uid).length;
          return (
            <li
              key={node.uid}
              data-node={node.code}
              style={{
                marginLeft: depth * 24,
                padding: "8px 8px",
                borderLeft: depth ? "2px solid #d9d9d9" : "none",
                background: list.length || server ? "#fff1f0" : undefined,
                borderRadius: 4,
              }}
            >
              <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
                <Input
                  style={{ width: 90 }}
                  value={node.code}
                  status={bad("code") ? "error" : undefined}
                  aria-invalid={bad("code")}
                  aria-describedby={describedBy}
                  aria-label={t("editor.codeOf", { code: label })}
                  onChange={(e) => onChange(updateNode(nodes, node.uid, { code: e.target.value }))}
                />
                <Input
                  style={{ flex: "1 1 240px", minWidth: 180 }}
                  value={node.title}
                  status={bad("title") ? "error" : undefined}
                  aria-invalid={bad("title")}
                  aria-describedby={describedBy}
                  aria-label={t("editor.titleOf", { code: label })}
                  onChange={(e) => onChange(updateNode(nodes, node.uid, { title: e.target.value }))}
                />
                <Input
                  style={{ width: 90 }}
                  inputMode="decimal"
                  value={node.max}
                  status={bad("max") ? "error" : undefined}
                  aria-invalid={bad("max")}
                  aria-describedby={describedBy}
                  aria-label={t("editor.maxOf", { code: label })}
                  onChange={(e) => onChange(updateNode(nodes, node.uid, { max: e.target.value }))}
                />
                <Select
                  style={{ width: 150 }}
                  value={node.kind}
                  status={bad("kind") || bad("parentCode") ? "error" : undefined}
                  aria-label={t("editor.kindOf", { code: label })}
                  onChange={(kind) => onChange(updateNode(nodes, node.uid, { kind }))}
                  options={NODE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
                />
                <Space.Compact>
                  <Button
                    disabled={index <= 0}
                    aria-label={t("editor.moveUp", { code: label })}
                    onClick={() => onChange(moveNode(nodes, node.uid, -1))}
                  >
                    ↑
                  </Button>
                  <Button
                    disabled={index >= siblings.length - 1}
                    aria-label={t("editor.moveDown", { code: label })}
                    onClick={() => onChange(moveNode(nodes, node.uid, 1))}
                  >
                    ↓
                  </Button>
                  {node.kind !== "subcriterion" && (
                    <Button
                      aria-label={t("editor.addChildOf", { code: label })}
                      onClick={() => onChange(addChild(nodes, node.uid, nextCode(nodes, node.uid)))}
                    >
                      {t("editor.addChild")}
                    </Button>
                  )}
                  <Popconfirm
                    title={
                      below
                        ? t("editor.removeWithChildren", { code: label, count: below })
                        : t("editor.removeConfirm", { code: label })
                    }
                    okText={t("common:action.delete")}
                    cancelText={t("common:action.cancel")}
                    onConfirm={() => onChange(removeNode(nodes, node.uid))}
                  >
                    <Button danger aria-label={t("editor.remove", { code: label })}>
                      {t("common:action.delete")}
                    </Button>
                  </Popconfirm>
                </Space.Compact>
              </div>
              {below === 0 && node.kind !== "area" && (
                <RuleLine
                  rule={node.rule}
                  max={node.max}
                  label={label}
                  onChange={(rule) => onChange(updateNode(nodes, node.uid, { rule }))}
                />
              )}
              {(list.length > 0 || server) && (
                <ul
                  id={errId}
                  style={{ margin: "6px 0 0", paddingLeft: 18, color: ERROR }}
                  className="node-errors"
                >
                  {list.map((i) => (
                    <li key={`${i.code}-${i.field}`}>
                      {t(`issues.${i.code}`, { code: i.nodeCode || label, defaultValue: i.code })}
                    </li>
                  ))}
                  {server && <li>{server}</li>}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      <Button
        style={{ marginTop: 12 }}
        onClick={() => onChange(addChild(nodes, null, nextCode(nodes, null)))}
      >
        {t("editor.addArea")}
      </Button>
    </div>
  );
}
