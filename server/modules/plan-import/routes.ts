/**
 * Plan documents in and out. POST /agencies/:id/plans/import reads a document (a .txt, .html or
 * .docx file, or pasted text) into a structured plan for review — nothing is stored; …/preview says
 * what accepting the reviewed plan would change in the stored one, and …/accept stores it. GET
 * /plans/:id/document writes a plan as DOCX, PDF or text in the official layout.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { acceptImportBody } from "../../../core/contracts/plan-import.ts";
import { ImportError } from "../../../core/plan-import/index.ts";
import type { AppContext } from "../../context.ts";
import { AppError, forbidden } from "../../errors.ts";
import { readMultipart, requireCaller } from "../../http.ts";
import { idParam } from "../../schemas.ts";
import { agencyFacts } from "../agencies/service.ts";
import { canManageAgency } from "../auth/policy.ts";
import { acceptImport, previewImport } from "./accept.ts";
import { exportPlan } from "./export.ts";
import { importDocument } from "./service.ts";

const pasted = z.object({
  text: z.string().min(1, "Dán nội dung kế hoạch / paste the plan's text").max(2_000_000),
});

export async function planImportRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Pasted from a PDF or Word, the text's page breaks (\f) and line breaks (\v) become line breaks.
  const pasteable = { schema: { tags: ["plans"], params: idParam }, config: { pageBreaks: ["text"] } };
  r.post("/agencies/:id/plans/import", pasteable, async (req) => {
    const caller = requireCaller(req);
    const facts = await agencyFacts(ctx, req.params.id);
    if (!canManageAgency(caller, facts))
      throw forbidden(
        "Only the agency's PAR focal point imports its plan",
        "Chỉ đầu mối CCHC của cơ quan nhập kế hoạch",
      );
    let bytes: Uint8Array;
    let filename = "";
    if (req.isMultipart()) {
      const { file } = await readMultipart(req);
      if (!file)
        throw new AppError(
          "upload.no_file",
          400,
          { vi: "Chưa chọn tệp kế hoạch", en: "No plan file was sent" },
          "file",
        );
      bytes = await file.toBuffer();
      filename = file.filename;
    } else {
      const body = pasted.safeParse(req.body);
      if (!body.success)
        throw new AppError(
          "import.no_text",
          400,
          { vi: "Dán nội dung kế hoạch hoặc chọn tệp", en: "Paste the plan's text or choose a file" },
          "text",
        );
      bytes = new TextEncoder().encode(body.data.text);
      filename = "pasted.txt";
    }
    try {
      return await importDocument(ctx, bytes, filename, facts.agencyId);
    } catch (e) {
      if (e instanceof ImportError)
        throw new AppError(`import.${e.code}`, 400, { vi: e.messageVi, en: e.message }, "file");
      throw e;
    }
  });

  // What accepting would change in the stored plan of that year, task by task and field by field; nothing is written.
  r.post(
    "/agencies/:id/plans/import/preview",
    { schema: { tags: ["plans"], params: idParam, body: acceptImportBody } },
    async (req) => previewImport(ctx, requireCaller(req), req.params.id, req.body),
  );

  r.post(
    "/agencies/:id/plans/import/accept",
    { schema: { tags: ["plans"], params: idParam, body: acceptImportBody } },
    async (req) => acceptImport(ctx, requireCaller(req), req.params.id, req.body),
  );

  r.get(
    "/plans/:id/document",
    {
      schema: {
        tags: ["plans"],
        params: idParam,
        querystring: z.object({
          format: z.enum(["docx", "pdf", "txt"]).default("docx"),
          /** A published version; without it, the plan as the caller reads it (the draft for its agency). */
          version: z.coerce.number().int().positive().max(100_000).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { body, filename, type } = await exportPlan(
        ctx,
        req.caller,
        req.params.id,
        req.query.format,
        req.query.version,
      );
      return reply
        .type(type)
        .header(
          "content-disposition",
          `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .send(body);
    },
  );
}
