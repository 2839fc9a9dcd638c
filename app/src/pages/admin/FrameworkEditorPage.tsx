/**
 * /admin/frameworks/:id and /admin/frameworks/new: a framework's description and tree. A framework
 * that a cycle uses keeps its published tree: changes to it are saved as a new version. Problems are
 * found as the person types, with the server's own validation (core/framework.ts).
 */
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate, useParams } from "react-router";
import {
  agencyTypeSchema,
  frameworkCodeSchema,
  frameworkTitleSchema,
} from "../../../../core/contracts/frameworks.ts";
import { ApiError, api, useApi } from "../../api.ts";
import { ErrorBox, errorText, Loading, showFieldError } from "../../components/common.tsx";
import { zodRule } from "../../components/form.ts";
import { LinkButton } from "../../components/LinkButton.tsx";
import { pts } from "../../format.ts";
import { TreeEditor } from "./TreeEditor.tsx";
import {
  addChild,
  type EditNode,
  fromApiNodes,
  type ImportResult,
  issuesByNode,
  maxText,
  toFrameworkNodes,
  totalOf,
} from "./tree.ts";
import type { FrameworkDetail } from "./types.ts";

interface Meta {
  code: string;
  title: string;
  year: number;
  agencyType: string;
}

interface Draft {
  meta: Meta;
  nodes: EditNode[];
  rest: { gradeBands?: { grade: string; atLeast: number }[]; rankDecimals?: 0 | 1 | 2 | null };
  /** The stored framework being edited, if any. */
  base: FrameworkDetail | null;
  fileName?: string;
}

function draftFromApi(f: FrameworkDetail): Draft {
  return {
    meta: {
      code: f.inUse ? `${f.code}-v${f.version + 1}` : f.code,
      title: f.title,
      year: f.year,
      agencyType: f.agencyType,
    },
    nodes: fromApiNodes(f.nodes),
    // The API gives thresholds in hundredths of a percent; the body takes percents.
    rest: {
      gradeBands: f.gradeBands.map((b) => ({ grade: b.grade, atLeast: b.atLeast / 100 })),
      rankDecimals: f.rankDecimals,
    },
    base: f,
  };
}

/** The agency types a framework is written for (codes stored with it; names in admin editor.agencyTypes). */
const AGENCY_TYPES = ["department", "district", "commune"];

function blankDraft(): Draft {
  return {
    meta: { code: "", title: "", year: new Date().getFullYear(), agencyType: "department" },
    nodes: addChild([], null, "1"),
    rest: {},
    base: null,
  };
}

function Editor({ initial }: { initial: Draft }) {
  const { t } = useTranslation(["admin", "common"]);
  const [form] = Form.useForm<Meta>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [nodes, setNodes] = useState<EditNode[]>(initial.nodes);
  const [serverIssues, setServerIssues] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"replace" | "create" | null>(null);
  const issues = useMemo(() => issuesByNode(nodes), [nodes]);
  const problemCount = [...issues.values()].reduce((s, l) => s + l.length, 0);
  const base = initial.base;

  function edit(next: EditNode[]) {
    setNodes(next);
    setServerIssues(new Map());
  }

  async function save(mode: "replace" | "create") {
    let meta: Meta;
    try {
      meta = await form.validateFields();
    } catch {
      return;
    }
    setBusy(mode);
    setError(null);
    const body = {
      ...meta,
      ...initial.rest,
      // Points travel as decimal text ("3,5"), exact; the server parses them with the same rule.
      nodes: toFrameworkNodes(nodes).map((n) => ({ ...n, max: maxText(n.max) })),
    };
    try {
      let id: number;
      if (mode === "replace" && base) {
        await api.put(`/frameworks/${base.id}`, body);
        id = base.id;
      } else {
        id = (await api.post<{ id: number }>("/frameworks", base ? { ...body, basedOnId: base.id } : body))
          .id;
      }
      await qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith("/frameworks") });
      message.success(mode === "replace" ? t("editor.saved") : t("editor.created"));
      navigate(`/admin/frameworks/${id}`);
    } catch (e) {
      const m =
        e instanceof ApiError
          ? /^nodes\.(.+)\.(code|title|max|kind|parentCode|rule)$/.exec(e.field ?? "")
          : null;
      if (m && e instanceof ApiError) {
        const on = nodes.filter((n) => n.code.trim() === m[1]);
        if (on.length) setServerIssues(new Map(on.map((n) => [n.uid, e.text])));
        else setError(e.text);
      } else if (!showFieldError(form, e)) setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  const heading = base ? t("editor.titleEdit", { code: base.code }) : t("editor.titleNew");
  return (
    <section aria-labelledby="editor-heading">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Typography.Title level={2} id="editor-heading" style={{ fontSize: 20, margin: 0 }}>
          {heading}
        </Typography.Title>
        <Space wrap>
          {base && (
            <Button href={`/api/frameworks/${base.id}/export`} download={`${base.code}.json`}>
              {t("frameworks.export")}
            </Button>
          )}
          <LinkButton to="/admin/frameworks">{t("editor.backToList")}</LinkButton>
        </Space>
      </Space>
      {initial.fileName && (
        <Alert
          type="info"
          showIcon
          title={t("editor.importedFrom", { file: initial.fileName })}
          style={{ marginBottom: 12 }}
        />
      )}
      {base?.inUse && (
        <Alert
          type="warning"
          showIcon
          title={t("editor.inUseTitle", { years: base.usedInYears.join(", ") })}
          description={t("editor.inUseHelp")}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<Meta> form={form} layout="vertical" initialValues={initial.meta}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={t("editor.code")}
              rules={[zodRule(frameworkCodeSchema, t("editor.codeRule"))]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="title"
              label={t("editor.name")}
              rules={[zodRule(frameworkTitleSchema, t("editor.nameRule"))]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="year"
              label={t("editor.year")}
              rules={[
                { required: true, type: "number", min: 2000, max: 2100, message: t("editor.yearRule") },
              ]}
            >
              <InputNumber style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="agencyType"
              label={t("editor.agencyType")}
              rules={[zodRule(agencyTypeSchema, t("editor.agencyTypeRule"))]}
            >
              {/* A stored code is shown by its name, never as "department"; an older type keeps its code. */}
              <Select
                options={[...new Set([...AGENCY_TYPES, initial.meta.agencyType])].map((v) => ({
                  value: v,
                  label: t(`editor.agencyTypes.${v}`, { defaultValue: v }),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Title level={3} style={{ fontSize: 17 }}>
        {t("editor.tree")}
      </Typography.Title>
      <Typography.Paragraph>{t("editor.total", { total: pts(totalOf(nodes) / 100) })}</Typography.Paragraph>
      <div role="status" aria-live="polite" style={{ marginBottom: 12 }}>
        {problemCount > 0 ? (
          <Alert type="error" showIcon title={t("editor.problems", { count: problemCount })} />
        ) : (
          <Alert type="success" showIcon title={t("editor.noProblems")} />
        )}
      </div>
      <TreeEditor nodes={nodes} onChange={edit} issues={issues} serverIssues={serverIssues} />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
      <Space wrap style={{ marginTop: 16 }}>
        {base && !base.inUse && (
          <Button
            type="primary"
            disabled={problemCount > 0}
            loading={busy === "replace"}
            onClick={() => save("replace")}
          >
            {t("editor.saveChanges")}
          </Button>
        )}
        <Button
          type={base && !base.inUse ? "default" : "primary"}
          disabled={problemCount > 0}
          loading={busy === "create"}
          onClick={() => save("create")}
        >
          {base ? t("editor.saveAsVersion") : t("editor.saveNew")}
        </Button>
      </Space>
    </section>
  );
}

export default function FrameworkEditorPage() {
  const { t } = useTranslation("admin");
  const params = useParams();
  const location = useLocation();
  const id = params.id ? Number(params.id) : null;
  const f = useApi<FrameworkDetail>(id ? `/frameworks/${id}` : null);
  if (id === null) {
    const state = location.state as { imported?: ImportResult & { ok: true }; fileName?: string } | null;
    const imp = state?.imported;
    const draft: Draft = imp
      ? { meta: imp.meta, nodes: imp.nodes, rest: imp.rest, base: null, fileName: state?.fileName }
      : blankDraft();
    return <Editor key={location.key} initial={draft} />;
  }
  if (f.isLoading) return <Loading />;
  if (f.error || !f.data) return <ErrorBox error={f.error ?? new Error(t("editor.notFound"))} />;
  // Keyed by id only: a background refetch must not wipe edits in progress.
  return <Editor key={f.data.id} initial={draftFromApi(f.data)} />;
}
