/** /admin/frameworks: the frameworks, which ones cycles use, JSON export, and import from a file. */
import { Alert, Button, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useApi } from "../../api.ts";
import { EmptyState, ErrorBox } from "../../components/common.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { importFramework } from "./tree.ts";
import type { FrameworkListItem } from "./types.ts";

export default function FrameworksPage() {
  const { t } = useTranslation("admin");
  const navigate = useNavigate();
  const list = useApi<{ items: FrameworkListItem[] }>("/frameworks");
  const [importError, setImportError] = useState<string | null>(null);

  async function onFile(file: File) {
    setImportError(null);
    const r = importFramework(await file.text());
    if (!r.ok) setImportError(t(`frameworks.import.${r.reason}`, { detail: r.detail }));
    else navigate("/admin/frameworks/new", { state: { imported: r, fileName: file.name } });
  }

  return (
    <section aria-labelledby="frameworks-heading">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Typography.Title level={2} id="frameworks-heading" style={{ fontSize: 20, margin: 0 }}>
          {t("frameworks.title")}
        </Typography.Title>
        <Space wrap>
          <LinkButton type="primary" to="/admin/frameworks/new">
            {t("frameworks.new")}
          </LinkButton>
          <Upload
            accept=".json,application/json"
            showUploadList={false}
            beforeUpload={(file) => {
              void onFile(file);
              return false;
            }}
          >
            <Button>{t("frameworks.import.button")}</Button>
          </Upload>
        </Space>
      </Space>
      <Typography.Paragraph>{t("frameworks.intro")}</Typography.Paragraph>
      {importError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t("frameworks.import.failed")}
          description={importError}
          style={{ marginBottom: 12 }}
        />
      )}
      {list.error ? (
        <ErrorBox error={list.error} />
      ) : (
        <Table<FrameworkListItem>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: true }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState description={t("frameworks.empty")} /> }}
          columns={[
            {
              title: t("frameworks.code"),
              dataIndex: "code",
              render: (code: string, f) => (
                <Link to={`/admin/frameworks/${f.id}`} style={{ whiteSpace: "nowrap" }}>
                  {code}
                </Link>
              ),
            },
            { title: t("frameworks.name"), dataIndex: "title" },
            { title: t("frameworks.year"), dataIndex: "year", className: "num" },
            { title: t("frameworks.version"), dataIndex: "version", className: "num" },
            {
              title: t("frameworks.usage"),
              key: "usage",
              render: (_, f) =>
                f.inUse ? (
                  <Tag color="blue">{t("frameworks.inUse", { years: f.usedInYears.join(", ") })}</Tag>
                ) : (
                  <Tag>{t("frameworks.unused")}</Tag>
                ),
            },
            {
              title: t("frameworks.actions"),
              key: "actions",
              render: (_, f) => (
                <Space wrap size={4}>
                  <LinkButton size="small" to={`/admin/frameworks/${f.id}`}>
                    {t("frameworks.edit")}
                  </LinkButton>
                  <Button
                    size="small"
                    href={`/api/frameworks/${f.id}/export`}
                    download={`${f.code}.json`}
                    aria-label={t("frameworks.exportLabel", { code: f.code })}
                  >
                    {t("frameworks.export")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
