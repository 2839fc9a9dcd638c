import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { nfc } from "../../../core/locale.ts";
import type { AppContext } from "../../context.ts";
import type { Role } from "../../db/schema.ts";
import { AppError, badInput } from "../../errors.ts";
import { findAgency, provinceOf } from "../agencies/repository.ts";
import type { Caller } from "./policy.ts";
import * as repo from "./repository.ts";

export const ROLES: readonly Role[] = [
  "admin",
  "province_office",
  "focal_point",
  "division",
  "appraiser",
  "leader",
];

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

// Compared against when the user does not exist, so a wrong user name costs the same time.
let dummyHash: Promise<string> | null = null;

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
  const username = nfc(u.username).trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,40}$/.test(username))
    throw badInput(
      "user.bad_username",
      "username",
      "Tên đăng nhập 3–40 ký tự a-z, 0-9, . _ -",
      "User name: 3–40 characters a-z, 0-9, . _ -",
    );
  if (u.password.length < 10)
    throw badInput(
      "user.weak_password",
      "password",
      "Mật khẩu cần ít nhất 10 ký tự",
      "The password needs at least 10 characters",
    );
  if (!ROLES.includes(u.role))
    throw badInput("user.bad_role", "role", "Vai trò không hợp lệ", `Unknown role ${u.role}`);
  const needsAgency = u.role !== "admin";
  if (needsAgency && !u.agencyId)
    throw badInput("user.agency_required", "agencyId", "Cần chọn cơ quan", "This role needs an agency");
  if (u.agencyId && !(await findAgency(ctx.db, u.agencyId)))
    throw badInput("user.unknown_agency", "agencyId", "Cơ quan không tồn tại", "Unknown agency");
  if (u.role === "division") {
    const unit = u.unitId ? await findAgency(ctx.db, u.unitId) : undefined;
    if (unit?.kind !== "division" || unit.parent_id !== u.agencyId)
      throw badInput(
        "user.unit_required",
        "unitId",
        "Cần chọn phòng thuộc cơ quan",
        "A division user needs a division of the agency",
      );
  }
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

export async function login(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<{ token: string; expiresAt: Date }> {
  const user = await repo.findUserByUsername(ctx.db, nfc(username).trim().toLowerCase());
  dummyHash ??= hash("not-a-real-password");
  let ok = false;
  if (user) ok = await verify(user.password_hash, password);
  else await verify(await dummyHash, password); // same cost for an unknown user name
  if (!user || !ok)
    throw new AppError("auth.bad_credentials", 401, {
      vi: "Sai tên đăng nhập hoặc mật khẩu",
      en: "Wrong user name or password",
    });
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ctx.config.SESSION_HOURS * 3600_000);
  await repo.insertSession(ctx.db, sha256(token), user.id, expiresAt);
  return { token, expiresAt };
}

export async function logout(ctx: AppContext, token: string) {
  await repo.deleteSession(ctx.db, sha256(token));
}

export async function resolveCaller(ctx: AppContext, token: string | undefined): Promise<Caller | null> {
  if (!token) return null;
  const row = await repo.findSessionUser(ctx.db, sha256(token));
  if (!row || new Date(row.expires_at) < new Date()) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    agencyId: row.agency_id,
    unitId: row.unit_id,
    provinceId: row.agency_id ? await provinceOf(ctx.db, row.agency_id) : null,
  };
}
