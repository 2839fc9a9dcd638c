/**
 * /admin/users: every account with its role, agency and division; create one, change its role or
 * placement, disable it or reset its password (both asked first). A reset password is shown once.
 */
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES, type RoleName } from "../../../../core/contracts/users.ts";
import { matchesSearch } from "../../../../core/locale.ts";
import { api, useApi } from "../../api.ts";
import { useMe } from "../../auth.tsx";
import { EmptyState, ErrorBox, errorText } from "../../components/common.tsx";
import type { User } from "./types.ts";
import { UserForm } from "./UserForm.tsx";

export default function UsersPage() {
  const { t } = useTranslation(["admin", "common"]);
  const { me } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useApi<{ items: User[] }>("/users");
  const [q, setQ] = useState("");
  const [role, setRole] = useState<RoleName | "">("");
  const [editing, setEditing] = useState<User | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ user: User; password: string } | null>(null);
  const rows = (list.data?.items ?? []).filter(
    (u) =>
      (!role || u.role === role) &&
      matchesSearch(`${u.username} ${u.displayName} ${u.agencyName ?? ""} ${u.unitName ?? ""}`, q),
  );

  async function run(action: () => Promise<void>) {
    setError(null);
    try {
      await action();
      await qc.invalidateQueries({ queryKey: ["/users"] });
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section aria-labelledby="users-heading">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Typography.Title level={2} id="users-heading" style={{ fontSize: 20, margin: 0 }}>
          {t("users.title")}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t("users.create")}
        </Button>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          aria-label={t("users.search")}
          placeholder={t("users.searchHint")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 320 }}
        />
        <Select
          aria-label={t("users.roleFilter")}
          value={role}
          onChange={setRole}
          style={{ width: 200 }}
          options={[
            { value: "", label: t("users.allRoles") },
            ...ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) })),
          ]}
        />
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {list.error ? (
        <ErrorBox error={list.error} />
      ) : (
        <Table<User>
          rowKey="id"
          loading={list.isLoading}
          dataSource={rows}
          scroll={{ x: true }}
          pagination={{
            pageSize: 20,
            hideOnSinglePage: true,
            showTotal: (n) => t("users.total", { total: n }),
          }}
          locale={{
            emptyText: <EmptyState description={q || role ? t("users.noMatch") : t("users.empty")} />,
          }}
          columns={[
            { title: t("users.username"), dataIndex: "username" },
            { title: t("users.displayName"), dataIndex: "displayName" },
            {
              title: t("users.role"),
              dataIndex: "role",
              render: (r: RoleName) => t(`common:roles.${r}`),
            },
            {
              title: t("users.placement"),
              key: "placement",
              render: (_, u) => (
                <span style={{ display: "inline-block", minWidth: 160 }}>
                  {[u.agencyName, u.unitName].filter(Boolean).join(" — ") || "—"}
                </span>
              ),
            },
            {
              title: t("users.status"),
              key: "status",
              render: (_, u) =>
                u.disabled ? (
                  <Tag color="red">{t("users.disabled")}</Tag>
                ) : (
                  <Tag color="green">{t("users.active")}</Tag>
                ),
            },
            {
              title: t("users.actions"),
              key: "actions",
              render: (_, u) => {
                const self = u.id === me?.id;
                return (
                  <Space size={4} wrap>
                    <Button
                      size="small"
                      onClick={() => setEditing(u)}
                      aria-label={t("users.editLabel", { name: u.username })}
                    >
                      {t("common:action.edit")}
                    </Button>
                    <Popconfirm
                      title={
                        u.disabled
                          ? t("users.enableConfirm", { name: u.username })
                          : t("users.disableConfirm", { name: u.username })
                      }
                      description={u.disabled ? undefined : t("users.disableEffect")}
                      okText={u.disabled ? t("users.enable") : t("users.disable")}
                      cancelText={t("common:action.cancel")}
                      disabled={self}
                      onConfirm={() =>
                        run(async () => {
                          await api.patch(`/users/${u.id}`, { disabled: !u.disabled });
                          message.success(u.disabled ? t("users.enabled") : t("users.disabledDone"));
                        })
                      }
                    >
                      <Button
                        size="small"
                        danger={!u.disabled}
                        disabled={self}
                        aria-label={
                          u.disabled
                            ? t("users.enableLabel", { name: u.username })
                            : t("users.disableLabel", { name: u.username })
                        }
                      >
                        {u.disabled ? t("users.enable") : t("users.disable")}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t("users.resetConfirm", { name: u.username })}
                      description={t("users.resetEffect")}
                      okText={t("users.reset")}
                      cancelText={t("common:action.cancel")}
                      onConfirm={() =>
                        run(async () => {
                          const r = await api.post<{ password: string }>(`/users/${u.id}/reset-password`);
                          setShown({ user: u, password: r.password });
                        })
                      }
                    >
                      <Button size="small" aria-label={t("users.resetLabel", { name: u.username })}>
                        {t("users.reset")}
                      </Button>
                    </Popconfirm>
                  </Space>
                );
              },
            },
          ]}
        />
      )}
      {editing && <UserForm user={editing} onClose={() => setEditing(null)} />}
      {creating && <UserForm onClose={() => setCreating(false)} />}
      {shown && (
        <Modal
          open
          title={t("users.newPasswordTitle", { name: shown.user.username })}
          onCancel={() => setShown(null)}
          onOk={() => setShown(null)}
          okText={t("users.done")}
          cancelButtonProps={{ style: { display: "none" } }}
        >
          <Typography.Paragraph>{t("users.newPasswordHelp")}</Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: shown.password }}>
            <code data-testid="new-password" style={{ fontSize: 18 }}>
              {shown.password}
            </code>
          </Typography.Paragraph>
        </Modal>
      )}
    </section>
  );
}
