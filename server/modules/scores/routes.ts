import fs from "node:fs";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  appraisalBody,
  attachBody,
  confirmBody,
  evidenceBody,
  evidenceNote,
  isInlineMime,
  reopenBody,
  replyBody,
  selfScoreBody,
} from "../../../core/contracts/scores.ts";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { parseInput, readMultipart, requireCaller, requireFile } from "../../http.ts";
import { idParam, idValue } from "../../schemas.ts";
import { absolutePath } from "../../uploads.ts";
import { agencyFacts } from "../agencies/service.ts";
import { canReadAgencyPrivate } from "../auth/policy.ts";
import { appraise, confirmLeaves, setApplicability } from "./appraise.ts";
import { addEvidence, attachTaskEvidence, removeEvidence, reply, selfAssess } from "./assess.ts";
import { myAppraisals, myAssessments, readScores, scoreHistory, taskEvidence } from "./read.ts";
import * as repo from "./repository.ts";
import { participantAction } from "./status.ts";

const keyParams = z.object({ cycleId: idValue, agencyId: idValue });
const nodeParams = keyParams.extend({ nodeCode: z.string().min(1).max(40) });
const evidenceParams = nodeParams.extend({ evidenceId: idValue });

export async function scoreRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = "/cycles/:cycleId/agencies/:agencyId";
  // Live scores are never public (the public reads publications): no session, 401.
  r.get(`${base}/scores`, { schema: { tags: ["scores"], params: keyParams } }, async (req) =>
    readScores(ctx, requireCaller(req), req.params),
  );
  r.put(
    `${base}/scores/:nodeCode`,
    { schema: { tags: ["scores"], params: nodeParams, body: selfScoreBody } },
    async (req) => selfAssess(ctx, requireCaller(req), req.params, req.body),
  );
  r.put(
    `${base}/scores/:nodeCode/appraisal`,
    { schema: { tags: ["scores"], params: nodeParams, body: appraisalBody } },
    async (req) => appraise(ctx, requireCaller(req), req.params, req.body),
  );
  r.put(
    `${base}/scores/:nodeCode/reply`,
    { schema: { tags: ["scores"], params: nodeParams, body: replyBody } },
    async (req) => {
      await reply(ctx, requireCaller(req), req.params, req.body.reply);
      return { ok: true };
    },
  );
  r.put(
    `${base}/scores/:nodeCode/applicability`,
    { schema: { tags: ["scores"], params: nodeParams, body: z.object({ applicable: z.boolean() }) } },
    async (req) => {
      await setApplicability(ctx, requireCaller(req), req.params, req.body.applicable);
      return { ok: true };
    },
  );
  // The participant's steps (core/cycle-state.ts): each answers the status it leads to.
  const steps = {
    submit: "submit",
    withdraw: "withdraw",
    "complete-appraisal": "complete_appraisal",
    "return-to-appraisal": "return_to_appraisal",
    finalise: "finalise",
  } as const;
  for (const [path, action] of Object.entries(steps)) {
    r.post(`${base}/${path}`, { schema: { tags: ["scores"], params: keyParams } }, async (req) =>
      participantAction(ctx, requireCaller(req), req.params, action),
    );
  }
  r.post(
    `${base}/reopen`,
    { schema: { tags: ["scores"], params: keyParams, body: reopenBody } },
    async (req) => participantAction(ctx, requireCaller(req), req.params, "reopen", req.body.reason),
  );
  r.post(
    `${base}/confirm`,
    { schema: { tags: ["scores"], params: keyParams, body: confirmBody } },
    async (req) => confirmLeaves(ctx, requireCaller(req), req.params, req.body.nodeCodes),
  );
  r.get(
    `${base}/history`,
    {
      schema: {
        tags: ["scores"],
        params: keyParams,
        querystring: z.object({ node: z.string().min(1).max(40).optional() }),
      },
    },
    async (req) => ({ items: await scoreHistory(ctx, requireCaller(req), req.params, req.query.node) }),
  );
  r.get(`${base}/task-evidence`, { schema: { tags: ["scores"], params: keyParams } }, async (req) => ({
    items: await taskEvidence(ctx, requireCaller(req), req.params),
  }));
  r.get("/me/assessments", { schema: { tags: ["scores"] } }, async (req) =>
    myAssessments(ctx, requireCaller(req)),
  );
  r.get("/me/appraisals", { schema: { tags: ["scores"] } }, async (req) =>
    myAppraisals(ctx, requireCaller(req)),
  );
  r.post(
    `${base}/scores/:nodeCode/evidence`,
    { schema: { tags: ["scores"], params: nodeParams } },
    async (req, reply) => {
      const caller = requireCaller(req);
      if (req.isMultipart()) {
        const { fields, file } = await readMultipart(req);
        const note = parseInput(evidenceNote.optional(), fields.note || undefined);
        const id = await addEvidence(ctx, caller, req.params, {
          kind: "file",
          file: requireFile(file),
          note,
        });
        return reply.status(201).send({ id });
      }
      const id = await addEvidence(ctx, caller, req.params, parseInput(evidenceBody, req.body));
      return reply.status(201).send({ id });
    },
  );
  r.post(
    `${base}/scores/:nodeCode/evidence/attach`,
    { schema: { tags: ["scores"], params: nodeParams, body: attachBody } },
    async (req, reply) =>
      reply
        .status(201)
        .send({ id: await attachTaskEvidence(ctx, requireCaller(req), req.params, req.body.evidenceId) }),
  );
  r.delete(
    `${base}/scores/:nodeCode/evidence/:evidenceId`,
    { schema: { tags: ["scores"], params: evidenceParams } },
    async (req) => {
      const { evidenceId, ...k } = req.params;
      await removeEvidence(ctx, requireCaller(req), k, evidenceId);
      return { ok: true };
    },
  );
  r.get("/evidence/:id/file", { schema: { tags: ["scores"], params: idParam } }, async (req, reply) => {
    // Evidence is never public: no session, 401; another agency's file is not found, as one that
    // does not exist (its id tells an outsider nothing).
    const caller = requireCaller(req);
    const e = await repo.findEvidence(ctx.db, req.params.id);
    if (e?.kind !== "file" || !e.file_path) throw notFound("tệp / file");
    const facts = await agencyFacts(ctx, e.agency_id);
    if (!canReadAgencyPrivate(caller, facts)) throw notFound("tệp / file");
    // An uploaded file is someone else's content served from the app's own origin. PDFs and PNG/JPEG
    // images open in the page (previews), sandboxed: should a browser ever render one as a document
    // with scripts, they run in an opaque origin, without the session or the app's pages. Every other
    // type is downloaded, never rendered; nosniff keeps the browser to the type given.
    const inline = isInlineMime(e.mime);
    reply.header("content-type", e.mime ?? "application/octet-stream");
    reply.header(
      "content-disposition",
      `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(e.file_name ?? "file")}`,
    );
    if (inline) reply.header("content-security-policy", "sandbox");
    reply.header("x-content-type-options", "nosniff");
    reply.header("cache-control", "private, no-cache");
    return reply.send(fs.createReadStream(absolutePath(ctx, e.file_path)));
  });
}
