/**
 * Passwords: the rules a new one must meet (core/password.ts), how it is hashed and checked, and a
 * user changing their own.
 *
 * A password is NFC-normalised before it is hashed, so the same letters typed with composed or
 * decomposed marks are the same password. Hashes made before that (from the string as typed) still
 * verify: when the normalised form does not match, the form as typed is tried.
 */
import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { nfc } from "../../../core/locale.ts";
import { type PasswordOwner, passwordProblem } from "../../../core/password.ts";
import type { AppContext } from "../../context.ts";
import { AppError, badInput, unauthenticated } from "../../errors.ts";
import { sha256 } from "../../hash.ts";
import { provinceOf } from "../agencies/repository.ts";
import { recordAudit } from "../audit/service.ts";
import type { Caller } from "./policy.ts";
import * as repo from "./repository.ts";
import { sessionRef } from "./sign-in.ts";

export const hashPassword = (password: string) => hash(nfc(password));

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const normalised = nfc(password);
  if (await verify(passwordHash, normalised)) return true;
  return normalised !== password && verify(passwordHash, password);
}

/** Refuses a password that breaks the rules, naming the field (a coded 400, nothing changed). */
export function checkNewPassword(password: string, owner: PasswordOwner, field = "password"): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw badInput(problem.code, field, problem.vi, problem.en);
}

/** A temporary password for an administrator's reset: 16 random characters, always strong. */
export const temporaryPassword = () => crypto.randomBytes(12).toString("base64url");

/**
 * The signed-in user changes their own password: the current one proves it is them (a session left
 * open on a shared computer is not enough), the new one must meet the rules and differ. Every other
 * session of the user ends (whoever knew the old password is signed out); this one stays.
 */
export async function changeOwnPassword(
  ctx: AppContext,
  caller: Caller,
  token: string | undefined,
  input: { currentPassword: string; newPassword: string },
): Promise<{ otherSessionsEnded: true }> {
  if (!token) throw unauthenticated();
  const me = await repo.findPasswordFacts(ctx.db, caller.id);
  if (!me) throw unauthenticated();
  if (!(await verifyPassword(me.password_hash, input.currentPassword)))
    throw new AppError(
      "auth.wrong_current_password",
      400,
      { vi: "Mật khẩu hiện tại không đúng", en: "The current password is wrong" },
      "currentPassword",
    );
  checkNewPassword(
    input.newPassword,
    { username: me.username, displayName: me.display_name, other: [me.agency_name, me.unit_name] },
    "newPassword",
  );
  if (nfc(input.newPassword) === nfc(input.currentPassword))
    throw badInput(
      "auth.same_password",
      "newPassword",
      "Mật khẩu mới phải khác mật khẩu hiện tại",
      "The new password must differ from the current one",
    );
  const passwordHash = await hashPassword(input.newPassword);
  const tokenHash = sha256(token);
  const provinceId = me.agency_id ? await provinceOf(ctx.db, me.agency_id) : null;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, me.id, { passwordHash, mustChangePassword: false });
    await repo.deleteOtherSessionsOf(trx, me.id, tokenHash);
    await recordAudit(trx, caller, {
      action: "auth.password_changed",
      entity: "user",
      entityId: me.id,
      agencyId: me.agency_id,
      provinceId,
      after: { forced: caller.mustChangePassword === true },
      note: `The user's other sessions were ended (this one is ${sessionRef(tokenHash)})`,
    });
  });
  return { otherSessionsEnded: true };
}

/** What every route but the change and signing out answers while a reset password is in use. */
export const passwordChangeRequired = () =>
  new AppError("auth.password_change_required", 403, {
    vi: "Bạn cần đặt mật khẩu mới trước khi tiếp tục",
    en: "Set a new password before going on",
  });
