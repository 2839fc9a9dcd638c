/**
 * Forms validate as you type with the server's own rules: pass a zod schema (shared with the route,
 * from core/contracts/) and get an antd rule that shows zod's message for that field.
 */
import type { Rule } from "antd/es/form/index.js";
import type { ZodType } from "zod";

export function zodRule(schema: ZodType, message?: string): Rule {
  return {
    validator: async (_rule, value) => {
      const r = schema.safeParse(value === "" ? undefined : value);
      if (!r.success) throw new Error(message ?? r.error.issues[0]?.message ?? "Invalid");
    },
  };
}
