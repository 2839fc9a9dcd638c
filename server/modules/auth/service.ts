import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import {
  ROLES as CONTRACT_ROLES,
  type PatchUser,
  passwordSchema,
  roleNeedsAgency,
  roleNeedsUnit,
  usernameSchema,
} from "../../../core/contracts/users.ts";
import { nfc } from "../../../core/locale.ts";
import type { AppContext } from "../../context.ts";
import type { Role } from "../../db/schema.ts";
import { AppError, badInput, notFound } from "../../errors.ts";
import { findAgency, provinceOf } from "../agencies/repository.ts";
import type { Caller } from "./policy.ts";
import * as repo from "./repository.ts";

export const ROLES: readonly Role[] = CONTRACT_ROLES;

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

// Compared against when the user does not exist, so a wrong user name costs the same time.
let dummyHash: Promise<string> | null = null;

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
  if (!passwordSchema.safeParse(u.password).success)
    throw badInput(
      "user.weak_password",
      "password",
      "Mật khẩu cần ít nhất 10 ký tự",
      "The password needs at least 10 characters",
    );
  if (!ROLES.includes(u.role))
    throw badInput("user.bad_role", "role", "Vai trò không hợp lệ", `Unknown role ${u.role}`);
  await checkRoleFits(ctx, { role: u.role, agencyId: u.agencyId ?? null, unitId: u.unitId ?? null });
  if (await repo.findUserByUsername(ctx.db, username))
    throw new AppError(
      "user.exists",
      409,
      { vi: "Tên đăng nhập đã tồn tại", en: "That user name is taken" },
      "username",
    );
  const passwordHash = await hash(u.password);
  return repo.insertUser(ctx.db, {
    username,
    passwordHash,
    displayName: nfc(u.displayName).trim(),
    role: u.role,
    agencyId: u.agencyId ?? null,
    unitId: u.role === "division" ? (u.unitId ?? null) : null,
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
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, {
      displayName: patch.displayName === undefined ? undefined : nfc(patch.displayName).trim(),
      role,
      agencyId,
      unitId,
      disabledAt:
        patch.disabled === undefined ? undefined : patch.disabled ? (cur.disabled_at ?? new Date()) : null,
    });
    // A changed role or a disabled account must not keep acting through an open session.
    if (patch.disabled || role !== cur.role || agencyId !== cur.agency_id || unitId !== cur.unit_id)
      await repo.deleteSessionsOf(trx, id);
  });
  return presentUser((await repo.findUserRow(ctx.db, id))!);
}

/** Sets a new random password, shown once to the administrator, and ends the user's sessions. */
export async function resetPassword(ctx: AppContext, id: number): Promise<{ password: string }> {
  await requireUser(ctx, id);
  const password = crypto.randomBytes(12).toString("base64url");
  const passwordHash = await hash(password);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, { passwordHash });
    await repo.deleteSessionsOf(trx, id);
  });
  return { password };
}

/** The form a user name is stored and throttled under: "  VP.DauMoi " signs in as "vp.daumoi". */
export const loginName = (username: string) => nfc(username).trim().toLowerCase();

/** Said alike for known and unknown user names, and for a user name or an address held back. */
export function tooManyAttempts(retryAfterS: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterS / 60));
  return new AppError("auth.throttled", 429, {
    vi: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
    en: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  });
}

export async function login(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<{ token: string; expiresAt: Date }> {
  const user = await repo.findUserByUsername(ctx.db, loginName(username));
  dummyHash ??= hash("not-a-real-password");
  let ok = false;
  if (user) ok = await verify(user.password_hash, password);
  else await verify(await dummyHash, password); // same cost for an unknown user name
  if (!user || !ok)
    throw new AppError("auth.bad_credentials", 401, {
      vi: "Sai tên đăng nhập hoặc mật khẩu",
      en: "Wrong user name or password",
    });
  // Said only to someone who knows the password, so it reveals nothing to a guesser.
  if (user.disabled_at)
    throw new AppError("auth.disabled", 403, {
      vi: "Tài khoản đã bị khóa; liên hệ quản trị viên",
      en: "This account is disabled; ask an administrator",
    });
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ctx.config.SESSION_HOURS * 3600_000);
  await repo.insertSession(ctx.db, sha256(token), user.id, expiresAt);
  return { token, expiresAt };
}

export async function logout(ctx: AppContext, token: string) {
  await repo.deleteSession(ctx.db, sha256(token));
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
  };
}

/** How the audit trail names a session: enough of its hash to tell sessions apart, never the token. */
export const sessionRef = (tokenHash: string) => tokenHash.slice(0, 16);
