import { changedFields } from "../../../core/audit.ts";
import {
  ROLES as CONTRACT_ROLES,
  type PatchUser,
  roleNeedsAgency,
  roleNeedsUnit,
  usernameSchema,
} from "../../../core/contracts/users.ts";
import { nfc } from "../../../core/locale.ts";
import type { AppContext } from "../../context.ts";
import type { Role } from "../../db/schema.ts";
import { AppError, badInput, notFound } from "../../errors.ts";
import { sha256 } from "../../hash.ts";
import { findAgency, provinceOf } from "../agencies/repository.ts";
import { type Actor, recordAudit, SYSTEM } from "../audit/service.ts";
import { checkNewPassword, hashPassword, temporaryPassword } from "./password.ts";
import type { Caller } from "./policy.ts";
import * as repo from "./repository.ts";
import { OIDC_TOKEN_PREFIX, sessionRef } from "./sign-in.ts";

export { loginName, sessionRef } from "./sign-in.ts";

export const ROLES: readonly Role[] = CONTRACT_ROLES;

async function checkRoleFits(
  ctx: AppContext,
  u: { role: Role; agencyId: number | null; unitId: number | null },
): Promise<void> {
  if (roleNeedsAgency(u.role) && !u.agencyId)
    throw badInput("user.agency_required", "agencyId", "Cần chọn cơ quan", "This role needs an agency");
  if (u.agencyId && !(await findAgency(ctx.db, u.agencyId)))
    throw badInput("user.unknown_agency", "agencyId", "Cơ quan không tồn tại", "Unknown agency");
  if (roleNeedsUnit(u.role)) {
    const unit = u.unitId ? await findAgency(ctx.db, u.unitId) : undefined;
    if (unit?.kind !== "division" || unit.parent_id !== u.agencyId)
      throw badInput(
        "user.unit_required",
        "unitId",
        "Cần chọn phòng thuộc cơ quan",
        "A division user needs a division of the agency",
      );
  }
}

/**
 * Adds a user. `by` is who does it, for the audit trail: the administrator's Caller, the CLI's actor,
 * or the system (the demo loader).
 */
export async function createUser(
  ctx: AppContext,
  u: {
    username: string;
    password: string;
    displayName: string;
    role: Role;
    agencyId?: number | null;
    unitId?: number | null;
  },
  by: Caller | Actor = SYSTEM,
): Promise<number> {
  const name = usernameSchema.safeParse(nfc(u.username));
  if (!name.success)
    throw badInput(
      "user.bad_username",
      "username",
      "Tên đăng nhập 3–40 ký tự a-z, 0-9, . _ -",
      "User name: 3–40 characters a-z, 0-9, . _ -",
    );
  const username = name.data;
  if (!ROLES.includes(u.role))
    throw badInput("user.bad_role", "role", "Vai trò không hợp lệ", `Unknown role ${u.role}`);
  await checkRoleFits(ctx, { role: u.role, agencyId: u.agencyId ?? null, unitId: u.unitId ?? null });
  checkNewPassword(u.password, {
    username,
    displayName: u.displayName,
    other: [
      u.agencyId ? (await findAgency(ctx.db, u.agencyId))?.name : null,
      u.unitId ? (await findAgency(ctx.db, u.unitId))?.name : null,
    ],
  });
  if (await repo.findUserByUsername(ctx.db, username))
    throw new AppError(
      "user.exists",
      409,
      { vi: "Tên đăng nhập đã tồn tại", en: "That user name is taken" },
      "username",
    );
  const passwordHash = await hashPassword(u.password);
  const fields = {
    username,
    displayName: nfc(u.displayName).trim(),
    role: u.role,
    agencyId: u.agencyId ?? null,
    unitId: u.role === "division" ? (u.unitId ?? null) : null,
  };
  const provinceId = fields.agencyId ? await provinceOf(ctx.db, fields.agencyId) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertUser(trx, { ...fields, passwordHash });
    await recordAudit(trx, by, {
      action: "user.created",
      entity: "user",
      entityId: id,
      agencyId: fields.agencyId,
      provinceId,
      after: fields,
    });
    return id;
  });
}

export function presentUser(u: {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  agency_id: number | null;
  unit_id: number | null;
  disabled_at: Date | null;
}) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    agencyId: u.agency_id,
    unitId: u.unit_id,
    disabled: u.disabled_at !== null,
  };
}

async function requireUser(ctx: AppContext, id: number) {
  const u = await repo.findUserRow(ctx.db, id);
  if (!u) throw notFound("người dùng / user", "id");
  return u;
}

/**
 * Changes a user's role, agency, division, name or disabled state. Disabling ends the user's sessions.
 * An administrator cannot disable themselves or give up their own admin role (nobody could undo it).
 */
export async function updateUser(ctx: AppContext, caller: Caller, id: number, patch: PatchUser) {
  const cur = await requireUser(ctx, id);
  const role = (patch.role ?? cur.role) as Role;
  const agencyId = patch.agencyId !== undefined ? patch.agencyId : cur.agency_id;
  const unitId = roleNeedsUnit(role) ? (patch.unitId !== undefined ? patch.unitId : cur.unit_id) : null;
  if (caller.id === id && patch.disabled)
    throw badInput(
      "user.self_disable",
      "disabled",
      "Không thể tự khóa tài khoản của mình",
      "You cannot disable your own account",
    );
  if (caller.id === id && role !== cur.role)
    throw badInput(
      "user.self_role",
      "role",
      "Không thể tự đổi vai trò của mình",
      "You cannot change your own role",
    );
  await checkRoleFits(ctx, { role, agencyId, unitId });
  const displayName = patch.displayName === undefined ? cur.display_name : nfc(patch.displayName).trim();
  const disabled = patch.disabled === undefined ? cur.disabled_at !== null : patch.disabled;
  const before = {
    displayName: cur.display_name,
    role: cur.role,
    agencyId: cur.agency_id,
    unitId: cur.unit_id,
    disabled: cur.disabled_at !== null,
  };
  const after = { displayName, role, agencyId, unitId, disabled };
  const changed = changedFields(before, after) as (keyof typeof after)[];
  // A changed role or a disabled account must not keep acting through an open session.
  const endSessions =
    patch.disabled === true || role !== cur.role || agencyId !== cur.agency_id || unitId !== cur.unit_id;
  const auditAgency = agencyId ?? cur.agency_id;
  const provinceId = auditAgency ? await provinceOf(ctx.db, auditAgency) : null;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, {
      displayName: patch.displayName === undefined ? undefined : displayName,
      role,
      agencyId,
      unitId,
      disabledAt:
        patch.disabled === undefined ? undefined : patch.disabled ? (cur.disabled_at ?? new Date()) : null,
    });
    if (endSessions) await repo.deleteSessionsOf(trx, id);
    if (changed.length)
      await recordAudit(trx, caller, {
        action: "user.updated",
        entity: "user",
        entityId: id,
        agencyId: auditAgency,
        provinceId,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        note: endSessions ? "The user's sessions were ended" : null,
      });
  });
  return presentUser((await repo.findUserRow(ctx.db, id))!);
}

/**
 * Sets a new random password, shown once to the administrator, ends the user's sessions and forgets
 * their devices: a reset usually means the old password got out, and whoever had it must not keep a
 * browser with an allowance of its own. The password is temporary: the user must choose their own at
 * the next sign-in before anything else (the administrator saw this one).
 */
export async function resetPassword(
  ctx: AppContext,
  caller: Caller,
  id: number,
): Promise<{ password: string }> {
  const cur = await requireUser(ctx, id);
  const password = temporaryPassword();
  checkNewPassword(password, { username: cur.username, displayName: cur.display_name });
  const passwordHash = await hashPassword(password);
  const provinceId = cur.agency_id ? await provinceOf(ctx.db, cur.agency_id) : null;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, { passwordHash, mustChangePassword: true });
    await repo.deleteSessionsOf(trx, id);
    await repo.forgetDevicesOf(trx, id);
    await recordAudit(trx, caller, {
      action: "user.password_reset",
      entity: "user",
      entityId: id,
      agencyId: cur.agency_id,
      provinceId,
      after: { mustChangePassword: true },
      note: "The user's sessions were ended and their devices forgotten",
    });
  });
  return { password };
}

/** Ends the session of a token, recording it for the caller it belonged to. */
export async function logout(ctx: AppContext, caller: Caller | null, token: string) {
  const tokenHash = sha256(token);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteSession(trx, tokenHash)) || !caller) return;
    await recordAudit(trx, caller, {
      action: "auth.logout",
      entity: "session",
      entityId: sessionRef(tokenHash),
      agencyId: caller.agencyId,
      provinceId: caller.provinceId,
    });
  });
}

export async function resolveCaller(
  ctx: AppContext,
  token: string | undefined,
  ip: string | null = null,
): Promise<Caller | null> {
  if (!token) return null;
  const tokenHash = sha256(token);
  const row = await repo.findSessionUser(ctx.db, tokenHash);
  if (!row || new Date(row.expires_at) < new Date()) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    agencyId: row.agency_id,
    unitId: row.unit_id,
    provinceId: row.agency_id ? await provinceOf(ctx.db, row.agency_id) : null,
    sessionId: sessionRef(tokenHash),
    ip,
    // A reset's forced change concerns the local password: a session opened by single sign-on did
    // not use it, and goes on (a password sign-in still has to replace it).
    mustChangePassword: row.must_change_password && !token.startsWith(OIDC_TOKEN_PREFIX),
  };
}
