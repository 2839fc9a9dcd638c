/**
 * The access matrix as Markdown, a section of docs/security.md between two markers: route × actor →
 * outcome, from the same table the test runs, so the document cannot disagree with it.
 * `npm run docs:access` writes it; the test fails while the committed section differs from this
 * rendering.
 */
import { ACTORS, type Outcome } from "./actors.ts";
import type { Row } from "./table.ts";

export const MATRIX_FILE = "docs/security.md";
const START =
  "<!-- access-matrix: written by `npm run docs:access` from test/integration/access/table.ts; do not edit by hand -->";
const END = "<!-- /access-matrix -->";

/** The generated section of `doc`, or null when its markers are missing. */
export function matrixSection(doc: string): string | null {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  return a < 0 || b < a ? null : doc.slice(a + START.length, b).replace(/^\n/, "");
}

/** `doc` with its generated section replaced by `section` (appended, with its markers, when absent). */
export function withMatrixSection(doc: string, section: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) return `${doc.trimEnd()}\n\n${START}\n${section}${END}\n`;
  return `${doc.slice(0, a + START.length)}\n${section}${doc.slice(b)}`;
}

const cell = (o: Outcome) => (o === "ok" ? "✓" : String(o));

function auditCell(r: Row): string {
  const method = r.route.split(" ")[0];
  if (method === "GET") return "read";
  if (r.auditGap) return `**missing**${r.auditGap.actors ? ` (${r.auditGap.actors.join(", ")})` : ""} ⚠`;
  if (r.noAudit && !r.noAudit.actors) return "stores nothing";
  if (r.noAudit?.actors) return `entry (none for ${r.noAudit.actors.join(", ")})`;
  return "entry";
}

const escapeCell = (s: string) => s.replace(/\|/g, "\\|");

export function renderMatrix(rows: readonly Row[]): string {
  const out: string[] = [];
  out.push("## Role × action matrix");
  out.push("");
  out.push(
    "Who may call which route of the API, on which resource. Written by `npm run docs:access` from",
    "`test/integration/access/table.ts`, the table that `test/integration/access.int.test.ts` runs on",
    "both databases: every route of the OpenAPI document × every actor below, each call made and its",
    "answer compared with this page. The test fails when a route has no row, when a row names a route",
    "that does not exist, and when this section differs from the table.",
    "",
    "The rules: what a caller may not *see* answers **404**, exactly as what does not exist (an",
    "unpublished cycle; another agency's participation, scores, evidence or draft plan); what they can",
    "see but may not change answers **403**; without a session, a route that needs one answers **401**.",
    "✓ is any 2xx. Every write that succeeds leaves an entry in the audit trail (`/api/audit`), unless",
    "the *audit* column says it stores nothing.",
    "",
    "### Actors",
    "",
    "The resources are Quảng Nam's: the Office (Văn phòng UBND tỉnh, VPUBND), its division Hành chính –",
    "Tổ chức, a cycle of the 2019 framework taking self-assessments today in which the Office and Sở Tài",
    "chính take part (thamdinh appraises its area 1), the Office's published 2019 plan and a draft 2020",
    "plan. Đà Nẵng is the other province.",
    "",
    "| column | user | role | placed as |",
    "|---|---|---|---|",
  );
  for (const a of ACTORS) out.push(`| ${a.key} | ${a.username ?? "—"} | ${a.role} | ${a.relation} |`);
  out.push("");
  out.push("### Matrix");
  out.push("");
  out.push(
    "A cell reading **404** (403 today) is what the product should answer and what it answers today, a",
    "known difference listed under the table.",
    "",
  );
  out.push(`| route | acts on | ${ACTORS.map((a) => a.key).join(" | ")} | audit |`);
  out.push(`|---|---|${ACTORS.map(() => ":-:").join("|")}|---|`);
  for (const r of rows) {
    const cells = ACTORS.map((a) => {
      const should = r.expect[a.key];
      const now = r.today?.outcomes[a.key];
      return now !== undefined && now !== should ? `**${cell(should)}** (${cell(now)} today)` : cell(should);
    });
    const lists = r.lists
      ? `shows ${r.lists.what} only to ${r.lists.to.length ? r.lists.to.join(", ") : "no one"}`
      : "";
    const target = [r.target === "—" && lists ? "" : r.target, lists].filter(Boolean).join("; ");
    out.push(`| \`${r.route}\` | ${escapeCell(target)} | ${cells.join(" | ")} | ${auditCell(r)} |`);
  }
  const known = rows.filter((r) => r.today || r.auditGap);
  out.push("");
  out.push("### Known differences");
  out.push("");
  if (!known.length) out.push("None: every route answers as the table says and every write is audited.");
  for (const r of known) {
    if (r.today) {
      const who = Object.entries(r.today.outcomes)
        .map(([k, v]) => `${k} ${cell(v as Outcome)} (should be ${cell(r.expect[k as keyof Row["expect"]])})`)
        .join(", ");
      out.push(`- \`${r.route}\`: ${who}. ${r.today.why}.`);
    }
    if (r.auditGap)
      out.push(
        `- \`${r.route}\`: no audit entry${r.auditGap.actors ? ` for ${r.auditGap.actors.join(", ")}` : ""}. ${r.auditGap.why}.`,
      );
  }
  const stores = rows.filter((r) => r.noAudit);
  out.push("");
  out.push("### Writes that store nothing");
  out.push("");
  for (const r of stores)
    out.push(
      `- \`${r.route}\`${r.noAudit?.actors ? ` (${r.noAudit.actors.join(", ")})` : ""}: ${r.noAudit?.why}.`,
    );
  out.push("");
  return out.join("\n");
}
