/**
 * Create a user (user name, name, first password, role, agency, division) or change one's role,
 * agency and division. The rules are the API's (core/contracts/users.ts); the password is hashed
 * on the server (argon2) and never shown again.
 */
import { useQueryClient } from "@tanstack/react-query";
import { Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import {
  displayNameSchema,
  passwordSchema,
  ROLES,
  type RoleName,
  roleNeedsAgency,
  roleNeedsUnit,
  usernameSchema,
} from "../../../../core/contracts/users.ts";
import { api, useApi } from "../../api.ts";
import { FormModal } from "../../components/FormModal.tsx";
import { zodRule } from "../../components/form.ts";
import { PasswordStrength } from "../../components/PasswordStrength.tsx";
import { useFormSubmit } from "../../components/useFormSubmit.ts";
import { AgencySelect } from "./AgencySelect.tsx";
import type { AgencyDetail, User } from "./types.ts";

interface Values {
  username: string;
  displayName: string;
  password: string;
  role: RoleName;
  agencyId: number | null;
  unitId: number | null;
}

export function UserForm({ user, onClose }: { user?: User; onClose: () => void }) {
  const { t } = useTranslation(["admin", "common"]);
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const role = (Form.useWatch("role", form) ?? user?.role ?? "focal_point") as RoleName;
  const agencyId = Form.useWatch("agencyId", form) as number | null | undefined;
  const newPassword = (Form.useWatch("password", form) as string | undefined) ?? "";
  const newUsername = (Form.useWatch("username", form) as string | undefined) ?? "";
  const newName = (Form.useWatch("displayName", form) as string | undefined) ?? "";
  const agency = useApi<AgencyDetail>(agencyId && roleNeedsUnit(role) ? `/agencies/${agencyId}` : null);
  const divisions = (agency.data?.units ?? []).filter((u) => u.kind === "division");

  const { busy, error, submit } = useFormSubmit<Values>(form, async (v) => {
    const placement = {
      role: v.role,
      agencyId: v.agencyId ?? null,
      unitId: roleNeedsUnit(v.role) ? (v.unitId ?? null) : null,
    };
    if (user) await api.patch(`/users/${user.id}`, { displayName: v.displayName, ...placement });
    else
      await api.post("/users", {
        username: v.username,
        password: v.password,
        displayName: v.displayName,
        ...placement,
      });
    await qc.invalidateQueries({ queryKey: ["/users"] });
    onClose();
  });

  return (
    <FormModal
      form={form}
      title={user ? t("users.form.editTitle", { name: user.username }) : t("users.form.createTitle")}
      busy={busy}
      error={error}
      onClose={onClose}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                role: user.role,
                agencyId: user.agencyId,
                unitId: user.unitId,
              }
            : { role: "focal_point", agencyId: null, unitId: null }
        }
      >
        <Form.Item
          name="username"
          label={t("users.form.username")}
          rules={user ? [] : [zodRule(usernameSchema, t("users.form.usernameRule"))]}
        >
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t("users.form.displayName")}
          rules={[zodRule(displayNameSchema, t("users.form.displayNameRule"))]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t("users.form.password")}
            rules={[zodRule(passwordSchema, t("users.form.passwordRule"))]}
            extra={t("users.form.passwordHelp")}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {!user && (
          <div style={{ marginTop: -8, marginBottom: 16 }}>
            <PasswordStrength
              password={newPassword}
              owner={{ username: newUsername, displayName: newName }}
            />
          </div>
        )}
        <Form.Item name="role" label={t("users.form.role")}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
        </Form.Item>
        {roleNeedsAgency(role) && (
          <Form.Item
            name="agencyId"
            label={t("users.form.agency")}
            rules={[{ required: true, message: t("users.form.agencyRule") }]}
          >
            <AgencySelect kind="agency" />
          </Form.Item>
        )}
        {roleNeedsUnit(role) && (
          <Form.Item
            name="unitId"
            label={t("users.form.unit")}
            rules={[{ required: true, message: t("users.form.unitRule") }]}
          >
            <Select
              loading={agency.isLoading}
              disabled={!agencyId}
              options={divisions.map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
