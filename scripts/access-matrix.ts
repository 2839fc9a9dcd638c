/**
 * `npm run docs:access`: writes docs/access-matrix.md, the route × actor → outcome matrix, from the
 * table test/integration/access.int.test.ts runs (test/integration/access/table.ts). The test fails
 * while the committed file differs from this rendering.
 */
import fs from "node:fs";
import path from "node:path";
import { MATRIX_FILE, renderMatrix } from "../test/integration/access/render.ts";
import { ROWS } from "../test/integration/access/table.ts";

const file = path.resolve(import.meta.dirname, "..", MATRIX_FILE);
fs.writeFileSync(file, renderMatrix(ROWS));
console.log(`${MATRIX_FILE}: ${ROWS.length} routes`);
