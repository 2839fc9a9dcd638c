/**
 * Ids as requests carry them, shared by the API routes and the web forms. Every id is a PostgreSQL
 * `integer` (serial), so a larger number can name nothing: refused here rather than left to the
 * database, which would fail on it. Pure: zod only.
 */
import { z } from "zod";

/** PostgreSQL's largest integer: no id is ever larger. */
export const MAX_ID = 2_147_483_647;

/** An id in a JSON body: a positive whole number within PostgreSQL's integer range. */
export const idNumber = z.number().int().positive().max(MAX_ID);

/** An id in a query string (text): the same range, coerced. */
export const idQuery = z.coerce.number().int().positive().max(MAX_ID);
