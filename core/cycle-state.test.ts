import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appraisalMissing,
  appraisalNeedsRemark,
  appraisalWindow,
  type CycleAction,
  type CycleFacts,
  type CycleState,
  cycleEditable,
  cyclePhase,
  cycleStep,
  type LeafFacts,
  PARTICIPANT_ACTIONS,
  PARTICIPANT_STATUSES,
  type ParticipantState,
  type ParticipantStatus,
  participantStep,
  publishBlockers,
  selfAssessmentWindow,
  submitMissing,
} from "./cycle-state.ts";

const cycle: CycleFacts = {
  state: "open",
  selfAssessmentOpens: "2019-12-01",
  selfAssessmentCloses: "2019-12-31",
  appraisalCloses: "2020-02-28",
};

const leaf = (over: Partial<LeafFacts> = {}): LeafFacts => ({
  code: "1.1",
  title: "Kế hoạch CCHC",
  applicable: true,
  surveyOnly: false,
  self: 100,
  hasEvidence: true,
  hasExplanation: false,
  appraised: null,
  confirmed: false,
  ...over,
});

describe("phases and windows", () => {
  it("reads self-assessment closed and appraisal closed off the dates while the cycle is open", () => {
    expect(cyclePhase(cycle, "2019-12-31")).toBe("open");
    expect(cyclePhase(cycle, "2020-01-01")).toBe("self_assessment_closed");
    expect(cyclePhase(cycle, "2020-02-29")).toBe("appraisal_closed");
    expect(cyclePhase({ ...cycle, state: "published" }, "2019-12-05")).toBe("published");
    expect(cyclePhase({ ...cycle, state: "correcting" }, "2019-12-05")).toBe("correcting");
  });
  it("opens self-assessment between its dates, both included, and never after publication", () => {
    expect(selfAssessmentWindow(cycle, "2019-11-30")).toBe("not_open");
    expect(selfAssessmentWindow(cycle, "2019-12-01")).toBe("open");
    expect(selfAssessmentWindow(cycle, "2019-12-31")).toBe("open");
    expect(selfAssessmentWindow(cycle, "2020-01-01")).toBe("closed");
    const open = { ...cycle, selfAssessmentOpens: null, selfAssessmentCloses: null };
    expect(selfAssessmentWindow(open, "2099-01-01")).toBe("open");
    expect(selfAssessmentWindow({ ...open, state: "published" }, "2019-12-05")).toBe("published");
    expect(selfAssessmentWindow({ ...open, state: "correcting" }, "2019-12-05")).toBe("published");
  });
  it("opens appraisal until its date, and again during a correction whatever the date", () => {
    expect(appraisalWindow(cycle, "2020-02-28")).toBe("open");
    expect(appraisalWindow(cycle, "2020-02-29")).toBe("closed");
    expect(appraisalWindow({ ...cycle, state: "published" }, "2019-12-05")).toBe("published");
    expect(appraisalWindow({ ...cycle, state: "correcting" }, "2030-01-01")).toBe("open");
  });
  it("lets dates and participants change only while open; appraisers also during a correction", () => {
    for (const state of ["published", "correcting"] as CycleState[]) {
      expect(cycleEditable({ ...cycle, state }, "dates")).toBe(false);
      expect(cycleEditable({ ...cycle, state }, "participants")).toBe(false);
    }
    expect(cycleEditable({ ...cycle, state: "correcting" }, "appraisers")).toBe(true);
    expect(cycleEditable({ ...cycle, state: "published" }, "appraisers")).toBe(false);
  });
});

describe("what a leaf lacks", () => {
  it("asks for points, then evidence or an explanation, on applicable leaves the agency scores", () => {
    expect(
      submitMissing([
        leaf({ code: "a", self: null }),
        leaf({ code: "b", hasEvidence: false }),
        leaf({ code: "c", hasEvidence: false, hasExplanation: true }),
        leaf({ code: "d", self: null, applicable: false }),
        leaf({ code: "e", self: null, surveyOnly: true }),
        leaf({ code: "f" }),
      ]),
    ).toEqual([
      { code: "a", title: "Kế hoạch CCHC", lack: "no_points" },
      { code: "b", title: "Kế hoạch CCHC", lack: "no_evidence" },
    ]);
  });
  it("asks every applicable leaf, survey ones included, to be appraised or confirmed", () => {
    expect(
      appraisalMissing([
        leaf({ code: "a" }),
        leaf({ code: "b", appraised: 0 }),
        leaf({ code: "c", confirmed: true }),
        leaf({ code: "d", applicable: false }),
        leaf({ code: "e", surveyOnly: true }),
      ]).map((m) => m.code),
    ).toEqual(["a", "e"]);
  });
  it("wants a remark when the appraiser scores a leaf the agency left empty", () => {
    expect(appraisalNeedsRemark({ self: null }, null)).toBe(true);
    expect(appraisalNeedsRemark({ self: null }, "   ")).toBe(true);
    expect(appraisalNeedsRemark({ self: null }, "Không có văn bản")).toBe(false);
    expect(appraisalNeedsRemark({ self: 50 }, null)).toBe(false);
  });
});

const ctx = (over: Partial<Parameters<typeof participantStep>[2]> = {}) => ({
  cycle,
  today: "2019-12-10",
  leaves: [leaf()],
  appraisalStarted: false,
  excluded: false,
  ...over,
});

describe("a participant's steps", () => {
  it("submits a complete self-assessment and lists what an incomplete one lacks", () => {
    expect(participantStep("draft", "submit", ctx())).toEqual({ ok: true, to: "submitted" });
    const r = participantStep(
      "draft",
      "submit",
      ctx({ leaves: [leaf({ self: null }), leaf({ code: "2" })] }),
    );
    expect(r).toMatchObject({ ok: false, code: "assessment.incomplete", missing: [{ code: "1.1" }] });
  });
  it("submits and withdraws only inside the self-assessment window", () => {
    expect(participantStep("draft", "submit", ctx({ today: "2020-01-01" }))).toMatchObject({
      code: "cycle.closed",
    });
    expect(participantStep("draft", "submit", ctx({ today: "2019-11-01" }))).toMatchObject({
      code: "cycle.not_open",
    });
  });
  it("cannot withdraw once an appraiser has started", () => {
    expect(participantStep("submitted", "withdraw", ctx())).toEqual({ ok: true, to: "draft" });
    expect(participantStep("submitted", "withdraw", ctx({ appraisalStarted: true }))).toMatchObject({
      code: "assessment.appraisal_started",
    });
  });
  it("completes and finalises only with every applicable leaf appraised or confirmed", () => {
    const done = [leaf({ appraised: 100 }), leaf({ code: "2", confirmed: true })];
    expect(participantStep("submitted", "complete_appraisal", ctx({ leaves: done }))).toEqual({
      ok: true,
      to: "appraised",
    });
    expect(participantStep("submitted", "complete_appraisal", ctx())).toMatchObject({
      code: "appraisal.incomplete",
    });
    expect(participantStep("appraised", "finalise", ctx({ leaves: done }))).toEqual({
      ok: true,
      to: "finalised",
    });
    expect(participantStep("submitted", "finalise", ctx({ leaves: done }))).toMatchObject({
      code: "participant.not_appraised",
    });
  });
  it("changes nothing while the cycle is published, and nothing of an excluded agency", () => {
    const published = { ...cycle, state: "published" as const };
    for (const s of PARTICIPANT_STATUSES)
      for (const a of PARTICIPANT_ACTIONS) {
        expect(participantStep(s, a, ctx({ cycle: published })).ok).toBe(false);
        expect(participantStep(s, a, ctx({ excluded: true })).ok).toBe(false);
      }
  });
  it("reopens a finalised result during a correction", () => {
    const correcting = { ...cycle, state: "correcting" as const };
    expect(participantStep("finalised", "reopen", ctx({ cycle: correcting }))).toEqual({
      ok: true,
      to: "submitted",
    });
  });
});

const ps = (...s: (ParticipantStatus | "excluded")[]): ParticipantState[] =>
  s.map((status, i) => ({
    agencyId: i + 1,
    status: status === "excluded" ? "draft" : status,
    excludedReason: status === "excluded" ? "Sáp nhập giữa năm, không đánh giá" : null,
  }));

describe("the cycle's steps", () => {
  it("publishes only when every participant is finalised or excluded with a reason", () => {
    expect(cycleStep("open", "publish", { participants: ps("finalised", "excluded") })).toEqual({
      ok: true,
      to: "published",
    });
    expect(cycleStep("open", "publish", { participants: ps("finalised", "draft") })).toMatchObject({
      code: "cycle.unfinished",
    });
    expect(cycleStep("open", "publish", { participants: ps("excluded") })).toMatchObject({
      code: "cycle.no_participants",
    });
    expect(publishBlockers(ps("finalised", "draft", "excluded", "appraised")).map((p) => p.agencyId)).toEqual(
      [2, 4],
    );
  });
  it("reopens a publication only with a written reason, and publishes a correction only if it changes something", () => {
    expect(
      cycleStep("published", "reopen_for_correction", { participants: [], reason: "sai" }),
    ).toMatchObject({
      code: "correction.reason_required",
    });
    expect(
      cycleStep("published", "reopen_for_correction", {
        participants: [],
        reason: "Điểm lĩnh vực 5 nhập nhầm",
      }),
    ).toEqual({ ok: true, to: "correcting" });
    const all = ps("finalised");
    expect(
      cycleStep("correcting", "publish_correction", { participants: all, changed: false }),
    ).toMatchObject({
      code: "correction.no_change",
    });
    expect(cycleStep("correcting", "publish_correction", { participants: all, changed: true })).toEqual({
      ok: true,
      to: "published",
    });
    expect(cycleStep("correcting", "cancel_correction", { participants: all, changed: true })).toMatchObject({
      code: "correction.has_changes",
    });
    expect(cycleStep("correcting", "cancel_correction", { participants: all, changed: false }).ok).toBe(true);
  });

  it("never leaves published except to a correction with a reason, and never publishes an unfinished cycle", () => {
    const action = fc.constantFrom<CycleAction>(
      "publish",
      "reopen_for_correction",
      "publish_correction",
      "cancel_correction",
    );
    const status = fc.constantFrom<ParticipantStatus>(...PARTICIPANT_STATUSES);
    const participant = fc.record({
      agencyId: fc.nat(),
      status,
      excludedReason: fc.option(fc.constantFrom("Sáp nhập giữa năm 2025"), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            action,
            participants: fc.array(participant, { maxLength: 4 }),
            reason: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
            changed: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
        (steps) => {
          let state: CycleState = "open";
          let versions = 0;
          for (const s of steps) {
            const r = cycleStep(state, s.action, s);
            if (!r.ok) continue;
            // Cancelling a correction that changed nothing goes back to the publication as it was;
            // every other way into "published" publishes, and only what is finished.
            if (r.to === "published" && s.action !== "cancel_correction") {
              expect(publishBlockers(s.participants)).toEqual([]);
              expect(s.participants.some((p) => !p.excludedReason)).toBe(true);
              versions++;
            }
            if (state === "published") {
              expect(s.action).toBe("reopen_for_correction");
              expect((s.reason ?? "").trim().length).toBeGreaterThanOrEqual(10);
            }
            if (s.action === "cancel_correction") expect(s.changed).toBe(false);
            state = r.to;
          }
          // Once published, a cycle is never open again.
          if (versions > 0) expect(state).not.toBe("open");
        },
      ),
    );
  });

  it("moves a participant only along the arrows, whatever the sequence of requests", () => {
    const allowed = new Set([
      "draft>submitted",
      "submitted>draft",
      "submitted>appraised",
      "appraised>submitted",
      "appraised>finalised",
      "finalised>submitted",
    ]);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            action: fc.constantFrom(...PARTICIPANT_ACTIONS),
            state: fc.constantFrom<CycleState>("open", "published", "correcting"),
            today: fc.constantFrom("2019-11-01", "2019-12-10", "2020-01-15", "2020-03-01"),
            complete: fc.boolean(),
            started: fc.boolean(),
          }),
          { maxLength: 20 },
        ),
        (steps) => {
          let status: ParticipantStatus = "draft";
          for (const s of steps) {
            const leaves = s.complete ? [leaf({ appraised: 100 })] : [leaf({ self: null })];
            const r = participantStep(status, s.action, {
              cycle: { ...cycle, state: s.state },
              today: s.today,
              leaves,
              appraisalStarted: s.started,
              excluded: false,
            });
            if (!r.ok) continue;
            expect(allowed.has(`${status}>${r.to}`)).toBe(true);
            expect(s.state).not.toBe("published");
            if (["submit", "complete_appraisal", "finalise"].includes(s.action))
              expect(s.complete).toBe(true);
            status = r.to;
          }
        },
      ),
    );
  });
});
