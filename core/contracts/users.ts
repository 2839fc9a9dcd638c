/** User administration requests, shared by the API routes and the admin forms. Pure: zod only. */
import { z } from "zod";
import { idNumber } from "./ids.ts";
import { PASSWORD_MAX, PASSWORD_MIN, ROLES, type RoleName } from "./roles.ts";

export { PASSWORD_MAX, PASSWORD_MIN, ROLES, type RoleName, SESSION_PATH } from "./roles.ts";

export const roleSchema = z.enum(ROLES);

/** 3–40 characters a-z, 0-9, . _ - (compared in lower case). */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, "3–40 characters a-z, 0-9, . _ -");

/** The form's first check; the server applies the full rules of core/password.ts. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX);

export const displayNameSchema = z.string().trim().min(1).max(200);

/** Every role but admin works for an agency; a division user also names their division. */
export const roleNeedsAgency = (role: RoleName) => role !== "admin";
export const roleNeedsUnit = (role: RoleName) => role === "division";

export const createUserSchema = z.object({
  username: z.string(),
  password: z.string(),
  displayName: displayNameSchema,
  role: roleSchema,
  agencyId: idNumber.nullable().optional(),
  unitId: idNumber.nullable().optional(),
});
export type CreateUser = z.infer<typeof createUserSchema>;

/** PATCH /users/:id: role, agency, division, name, and whether the account is disabled. */
export const patchUserSchema = z.object({
  displayName: displayNameSchema.optional(),
  role: roleSchema.optional(),
  agencyId: idNumber.nullable().optional(),
  unitId: idNumber.nullable().optional(),
  disabled: z.boolean().optional(),
});
export type PatchUser = z.infer<typeof patchUserSchema>;
