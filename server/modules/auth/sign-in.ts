/**
 * Signing in: the throttle (throttle.ts decides over failures kept in the database), the password,
 * the session, the browser's device cookie, and their entries in the audit trail.
 *
 * An attempt is charged as a failure before the password is checked, in a transaction that holds the
 * user name's and the address's locks, so parallel guesses, from one process or several, cannot all
 * read the same count; a success takes the charge back. A browser that signs in gets a long-lived
 * device cookie (only its hash is stored, with the user): from then on its attempts at that user
 * name are counted on their own (throttle.ts), so whoever fails on the name elsewhere cannot lock the
 * owner out of a browser they used before.
 */
import crypto from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { Kysely } from "kysely";
import { nfc } from "../../../core/locale.ts";
import type { AppContext } from "../../context.ts";
import type { DB, Role } from "../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { sha256 } from "../../hash.ts";
import { provinceOf } from "../agencies/repository.ts";
import { type Actor, recordAudit } from "../audit/service.ts";
import { verifyPassword } from "./password.ts";
import * as repo from "./repository.ts";
import {
  addressKey,
  keepMs,
  LIMITS,
  type Recent,
  type ThrottleLimits,
  type ThrottleOptions,
  waitMs,
} from "./throttle.ts";

export const DEVICE_COOKIE = "parindex_device";
/** How long a browser stays known without signing in again; each sign-in renews it. */
export const DEVICE_DAYS = 365;
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const newToken = () => crypto.randomBytes(32).toString("base64url");

/** How the audit trail names a session: enough of its hash to tell sessions apart, never the token. */
export const sessionRef = (tokenHash: string) => tokenHash.slice(0, 16);

/** The form a user name is stored and throttled under: "  VP.DauMoi " signs in as "vp.daumoi". */
export const loginName = (username: string) => nfc(username).trim().toLowerCase();

// Compared against when the user does not exist, so a wrong user name costs the same time.
let dummyHash: Promise<string> | null = null;

/** Said alike for known and unknown user names, and for a user name or an address held back. */
export function tooManyAttempts(retryAfterS: number): AppError {
  const wait =
    retryAfterS < 60
      ? { vi: `${retryAfterS} giây`, en: `${retryAfterS} second${retryAfterS === 1 ? "" : "s"}` }
      : (() => {
          const m = Math.ceil(retryAfterS / 60);
          return { vi: `${m} phút`, en: `${m} minute${m === 1 ? "" : "s"}` };
        })();
  return new AppError("auth.throttled", 429, {
    vi: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait.vi}.`,
    en: `Too many failed sign-ins. Try again in ${wait.en}.`,
  }).withHeaders({ "retry-after": String(retryAfterS) });
}

const badCredentials = () =>
  new AppError("auth.bad_credentials", 401, {
    vi: "Sai tên đăng nhập hoặc mật khẩu",
    en: "Wrong user name or password",
  });

export interface SignInInput {
  username: string;
  password: string;
  /** The client's address as the server sees it (a trusted proxy's forwarded one). */
  ip: string;
  /** The browser's device cookie, if it sent one. */
  deviceToken: string | undefined;
}

export interface SignedIn {
  token: string;
  expiresAt: Date;
  /** The device cookie to set (the browser's own when this server gave it out, else a new one). */
  deviceToken: string;
}

/** Where a user works, for the audit trail's filters. */
export type Place = { agencyId?: number; provinceId?: number | null };

/**
 * Looked up for an unknown user name too (agency 0 is none), so that a failure costs the same time
 * whether the name exists or not.
 */
export async function placeOf(ctx: AppContext, agencyId: number | null): Promise<Place> {
  const provinceId = await provinceOf(ctx.db, agencyId ?? 0);
  return agencyId ? { agencyId, provinceId } : {};
}

/** How a user proved who they are. */
export type SignInMethod = "password" | "oidc";

/**
 * A session opened by single sign-on has a token that starts with this. The token's hash is what is
 * stored, so the mark cannot be added to or removed from a session's token: it says, without a
 * column of its own, that the session was not opened with the local password, which a reset
 * password's forced change concerns (service.ts resolveCaller).
 */
export const OIDC_TOKEN_PREFIX = "oidc.";

/**
 * Opens a session for a user who has proved who they are, in the caller's transaction: the session,
 * the browser's device cookie, and the sign-in in the audit trail with its method. Password and
 * single sign-on go through here alike.
 */
export async function openSession(
  trx: Kysely<DB>,
  ctx: AppContext,
  s: {
    user: { id: number; role: Role };
    username: string;
    ip: string;
    deviceToken: string | undefined;
    /** The browser's device cookie is known for this user name. */
    knownDevice: boolean;
    method: SignInMethod;
    where: Place;
    now: Date;
  },
): Promise<SignedIn> {
  const token = (s.method === "oidc" ? OIDC_TOKEN_PREFIX : "") + newToken();
  const tokenHash = sha256(token);
  const expiresAt = new Date(Date.now() + ctx.config.SESSION_HOURS * 3600_000);
  await repo.insertSession(trx, tokenHash, s.user.id, expiresAt);
  // The browser keeps its cookie when this server gave it out (to this user or another on a
  // shared computer); a value it never gave out is replaced, so nobody can plant one.
  const presented =
    s.deviceToken &&
    DEVICE_TOKEN.test(s.deviceToken) &&
    (await repo.isKnownDevice(trx, sha256(s.deviceToken)))
      ? s.deviceToken
      : null;
  const deviceToken = presented ?? newToken();
  await repo.rememberDevice(
    trx,
    sha256(deviceToken),
    s.user.id,
    s.now,
    new Date(s.now.getTime() - DEVICE_DAYS * 86_400_000),
  );
  await recordAudit(
    trx,
    { id: s.user.id, name: s.username, role: s.user.role, session: sessionRef(tokenHash), ip: s.ip },
    {
      action: "auth.login",
      entity: "session",
      entityId: sessionRef(tokenHash),
      ...s.where,
      after: { method: s.method, device: s.knownDevice ? "known" : presented ? "seen" : "new" },
    },
  );
  return { token, expiresAt, deviceToken };
}

/** The device cookie's hash when it is one this server could have given out, else null. */
export const deviceHashOf = (deviceToken: string | undefined) =>
  deviceToken && DEVICE_TOKEN.test(deviceToken) ? sha256(deviceToken) : null;

type Admission =
  | { ok: false; retryAfterS: number; device: boolean }
  | { ok: true; chargeId: number; device: string | null };

/** The throttle bound to a clock and limits; one per app (the state is in the database). */
export class LoginGate {
  private readonly now: () => number;
  private readonly limits: ThrottleLimits;

  constructor(
    private readonly ctx: AppContext,
    opts: ThrottleOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.limits = { ...LIMITS, ...opts.limits };
  }

  /** Signs in, or throws the coded refusal (401, 403, 429 with Retry-After). */
  async signIn(input: SignInInput): Promise<SignedIn> {
    const username = loginName(input.username);
    const address = addressKey(input.ip);
    const deviceHash = deviceHashOf(input.deviceToken);
    const admission = await this.admit(username, address, deviceHash);
    const user = await repo.findUserByUsername(this.ctx.db, username);
    const actor: Actor = {
      id: user?.id ?? null,
      name: username,
      role: user?.role ?? null,
      session: null,
      ip: input.ip,
    };
    if (!admission.ok) {
      // The same work for every user name, known or not, before the refusal goes out.
      await this.recordThrottled(actor, username, admission, { agencyId: user?.agency_id ?? null });
      throw tooManyAttempts(admission.retryAfterS);
    }
    dummyHash ??= hash("not-a-real-password");
    const ok = user
      ? await verifyPassword(user.password_hash, input.password)
      : await verifyPassword(await dummyHash, input.password);
    const where = await placeOf(this.ctx, user?.agency_id ?? null);
    if (!user || !ok || user.disabled_at) {
      const reason = !user ? "unknown_user" : !ok ? "bad_password" : "disabled";
      await recordAudit(this.ctx.db, actor, {
        action: "auth.login_failed",
        entity: "login",
        entityId: username,
        ...where,
        after: { reason, device: admission.device !== null },
      });
      if (reason !== "disabled") throw badCredentials();
      // Said only to someone who knows the password, so it reveals nothing to a guesser.
      throw new AppError("auth.disabled", 403, {
        vi: "Tài khoản đã bị khóa; liên hệ quản trị viên",
        en: "This account is disabled; ask an administrator",
      });
    }
    return this.succeed(input, { id: user.id, role: user.role }, username, address, admission, where);
  }

  /** Weighs the attempt and, when it may go ahead, charges it as a failure: one transaction, locked. */
  private admit(username: string, address: string, deviceHash: string | null): Promise<Admission> {
    const now = this.now();
    const l = this.limits;
    const since = (ms: number) => new Date(now - ms);
    return this.ctx.db.transaction().execute(async (trx): Promise<Admission> => {
      const device =
        deviceHash !== null && (await repo.isDeviceOf(trx, deviceHash, username)) ? deviceHash : null;
      await repo.lockLoginKeys(trx, username, device ? null : address);
      const recent: Recent = device
        ? {
            kind: "device",
            device: await repo.recentFailures(
              trx,
              { device, username },
              since(l.perDevice.windowMs),
              l.perDevice.max,
            ),
          }
        : {
            kind: "elsewhere",
            userAddress: await repo.recentFailures(
              trx,
              { username, address },
              since(l.perUserAddress.windowMs),
              l.perUserAddress.max,
            ),
            address: await repo.recentFailures(
              trx,
              { address },
              since(l.perAddress.windowMs),
              l.perAddress.max,
            ),
            user: await repo.recentFailures(trx, { username }, since(l.perUser.windowMs), l.perUser.max),
          };
      const wait = waitMs(recent, now, l);
      if (wait > 0) return { ok: false, retryAfterS: Math.ceil(wait / 1000), device: device !== null };
      const chargeId = await repo.insertFailure(trx, { at: new Date(now), username, address, device });
      await repo.pruneFailures(trx, since(keepMs(l)));
      return { ok: true, chargeId, device };
    });
  }

  /**
   * One entry per user name and address a minute: a flood of refused attempts must not flood the
   * trail (nor its lock, which every change in the app waits on).
   */
  private async recordThrottled(
    actor: Actor,
    username: string,
    admission: { retryAfterS: number; device: boolean },
    where: { agencyId: number | null },
  ) {
    if (await repo.throttledRecently(this.ctx.db, username, actor.ip ?? "", new Date(Date.now() - 60_000)))
      return;
    await recordAudit(this.ctx.db, actor, {
      action: "auth.throttled",
      entity: "login",
      entityId: username,
      ...where,
      after: { retryAfterS: admission.retryAfterS, device: admission.device },
      note: "Further refusals for this user name from this address within a minute are not recorded",
    });
  }

  private succeed(
    input: SignInInput,
    user: { id: number; role: Role },
    username: string,
    address: string,
    admission: { chargeId: number; device: string | null },
    where: Place,
  ): Promise<SignedIn> {
    return this.ctx.db.transaction().execute(async (trx) => {
      await repo.clearFailuresAfterSuccess(
        trx,
        admission.chargeId,
        admission.device ? { username, device: admission.device } : { username, address },
      );
      return openSession(trx, this.ctx, {
        user,
        username,
        ip: input.ip,
        deviceToken: input.deviceToken,
        knownDevice: admission.device !== null,
        method: "password",
        where,
        now: new Date(this.now()),
      });
    });
  }
}
