/**
 * `npm run docs:access`: writes the role × action section of docs/security.md, the route × actor →
 * outcome matrix, from the table test/integration/access.int.test.ts runs
 * (test/integration/access/table.ts). The test fails while the committed section differs from this
 * rendering.
 */
import fs from "node:fs";
import path from "node:path";
import { MATRIX_FILE, renderMatrix, withMatrixSection } from "../test/integration/access/render.ts";
import { ROWS } from "../test/integration/access/table.ts";

const file = path.resolve(import.meta.dirname, "..", MATRIX_FILE);
fs.writeFileSync(file, withMatrixSection(fs.readFileSync(file, "utf8"), renderMatrix(ROWS)));
console.log(`${MATRIX_FILE}: ${ROWS.length} routes`);
