// zod pieces shared by several modules' routes.
import { z } from "zod";
import { idQuery, MAX_ID } from "../core/contracts/ids.ts";
import { parseCenti } from "../core/decimal.ts";
import { parseViDate } from "../core/locale.ts";

export { MAX_ID };

/** An id in a query string or a body: a positive integer within PostgreSQL's integer range. */
export const idValue = idQuery;

/**
 * A path's `:id`. A number past MAX_ID never gets here: app.ts answers 404 for any path id out of
 * range (input.ts); the bound is kept so the schema is right on its own.
 */
export const idParam = z.object({ id: idValue });

/** Points as a JSON number (3.5) or a Vietnamese string ("3,5"); at most two decimals. */
export const pointsSchema = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const c = parseCenti(v);
  if (c === null) {
    ctx.addIssue({ code: "custom", message: "must be a number with at most two decimals, e.g. 3,5" });
    return z.NEVER;
  }
  return c;
});

/** A date as "03/9/2019" or "2019-09-03" → ISO. */
export const dateSchema = z.string().transform((v, ctx) => {
  const d = parseViDate(v);
  if (!d) {
    ctx.addIssue({ code: "custom", message: "must be a date, dd/mm/yyyy or yyyy-mm-dd" });
    return z.NEVER;
  }
  return d;
});

export const paging = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
