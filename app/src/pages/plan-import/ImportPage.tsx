/**
 * Import a plan document: the focal point gives a Word file, a web page or pasted text, reviews what
 * was read beside the document (every stretch that gave a value is highlighted), corrects any field,
 * sees what accepting would change in the stored plan of that year (task by task, field by field;
 * nothing duplicated), and accepts. Nothing is stored before "Accept"; a published plan changes in
 * its draft only; the answer says what changed.
 */
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Input, Result, Row, Space, Tabs, Typography, Upload } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type AcceptImportResult,
  acceptImportBody,
  type ImportDiff,
} from "../../../../core/contracts/plan-import.ts";
import { referenceLine } from "../../../../core/plan-document.ts";
import { api, useApi } from "../../api.ts";
import { useMe } from "../../auth.tsx";
import { ErrorBox, errorText, Loading } from "../../components/common.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { DiffPanel } from "./DiffPanel.tsx";
import "./import.css";
import { type ImportedPlan, marksOf, type ReviewState, reviewTasks, toAcceptBody } from "./model.ts";
import { ReviewPanel } from "./ReviewPanel.tsx";
import { SourceText } from "./SourceText.tsx";

interface AgencyDetail {
  id: number;
  name: string;
  units: { id: number; name: string; shortName: string | null }[];
}

export default function ImportPage() {
  const { t, i18n } = useTranslation("planImport");
  const { me } = useMe();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const agencyId = me?.agencyId ?? null;
  const agency = useApi<AgencyDetail>(agencyId ? `/agencies/${agencyId}` : null);
  const [mode, setMode] = useState<"file" | "paste">("file");
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState("");
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<unknown>(null);
  const [plan, setPlan] = useState<ImportedPlan | null>(null);
  const [review, setReview] = useState<ReviewState | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [result, setResult] = useState<AcceptImportResult | null>(null);
  const [remove, setRemove] = useState<Set<number>>(new Set());
  const [diff, setDiff] = useState<ImportDiff | null>(null);
  const [diffError, setDiffError] = useState<string | null>(null);
  const [comparing, setComparing] = useState(false);
  const asked = useRef(0);

  const known = useMemo(() => new Set(agency.data?.units.map((u) => u.name) ?? []), [agency.data]);
  const marks = useMemo(() => (plan ? marksOf(plan) : []), [plan]);
  const issues = useMemo(() => {
    if (!review) return new Map<string, string>();
    const r = acceptImportBody.safeParse(toAcceptBody(review));
    return new Map(r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]));
  }, [review]);

  const body = useMemo(() => (review ? toAcceptBody(review, [...remove]) : null), [review, remove]);
  const valid = body !== null && issues.size === 0;
  /** What accepting would change in the stored plan; the latest answer wins. */
  async function compare(b: NonNullable<typeof body>) {
    const n = ++asked.current;
    setComparing(true);
    try {
      const d = await api.post<ImportDiff>(`/agencies/${agencyId}/plans/import/preview`, b);
      if (n === asked.current) {
        setDiff(d);
        setDiffError(null);
      }
      return d;
    } catch (e) {
      if (n === asked.current) setDiffError(errorText(e));
      return null;
    } finally {
      if (n === asked.current) setComparing(false);
    }
  }
  // Removals name tasks of one stored plan: another year starts again.
  const year = review?.year;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of year clears them
  useEffect(() => setRemove(new Set()), [year]);
  // Compared again a moment after each correction (only once the review is valid).
  // biome-ignore lint/correctness/useExhaustiveDependencies: compare reads the latest state through its argument
  useEffect(() => {
    if (!valid || !agencyId || !body) return;
    const timer = setTimeout(() => void compare(body), 500);
    return () => clearTimeout(timer);
  }, [body, valid, agencyId]);

  async function read() {
    if (!agencyId) return;
    setReading(true);
    setReadError(null);
    try {
      let res: { plan: ImportedPlan };
      if (mode === "file" && file) {
        const form = new FormData();
        form.append("file", file);
        res = await api.post(`/agencies/${agencyId}/plans/import`, form);
      } else res = await api.post(`/agencies/${agencyId}/plans/import`, { text: pasted });
      const p = res.plan;
      const year = Number(
        /năm (\d{4})/u.exec(p.document.title ?? "")?.[1] ??
          p.document.date?.slice(0, 4) ??
          new Date().getFullYear(),
      );
      setPlan(p);
      setReview({
        year,
        number: p.document.number,
        code: p.document.code,
        issuedOn: p.document.date,
        place: p.document.place,
        title: p.document.title ?? "",
        implements: p.document.references.map(referenceLine).join("; ") || null,
        signerAuthority: p.document.signerAuthority,
        signerPosition: p.document.signerPosition,
        signerName: p.document.signer,
        percentAtLeast: p.overallTarget?.percentAtLeast ?? null,
        rankGainMin: p.overallTarget?.rankGainMin ?? null,
        rankGainMax: p.overallTarget?.rankGainMax ?? null,
        areaTargets: p.areaTargets.map((a) => ({
          areaCode: a.area,
          title: a.title,
          target: a.target,
          max: a.max,
          kept: a.kept,
        })),
        tasks: reviewTasks(p, known),
      });
      setResult(null);
    } catch (e) {
      setReadError(e);
    } finally {
      setReading(false);
    }
  }

  async function accept() {
    if (!review || !agencyId || !body) return;
    // The counts the dialog states are those of the document as it stands now.
    const d = (await compare(body)) ?? diff;
    modal.confirm({
      title: t("confirmTitle", { year: review.year }),
      content: (
        <div data-testid="accept-counts">
          <p>
            {d && d.planId !== null
              ? t("confirmUpdate", { year: review.year, ...d.counts })
              : t("confirmCreate", {
                  year: review.year,
                  tasks: review.tasks.length,
                  areas: review.areaTargets.length,
                })}
          </p>
          {d?.published && <p>{t("confirmPublished")}</p>}
        </div>
      ),
      okText: t("accept"),
      cancelText: t("cancel"),
      onOk: async () => {
        setSaving(true);
        setSaveError(null);
        try {
          const r = await api.post<AcceptImportResult>(`/agencies/${agencyId}/plans/import/accept`, body);
          setResult(r);
          await qc.invalidateQueries();
        } catch (e) {
          setSaveError(e);
        } finally {
          setSaving(false);
        }
      },
    });
  }

  if (!me) return <Loading />;
  if (!agencyId)
    return (
      <div className="page">
        <Alert type="info" showIcon title={t("noAgency")} />
      </div>
    );

  if (result)
    return (
      <div className="page">
        <Result
          status="success"
          title={result.created ? t("created") : t("updated")}
          subTitle={t("changes", result.changes)}
          extra={
            <LinkButton type="primary" to={`/plans/${result.planId}`}>
              {t("openPlan")}
            </LinkButton>
          }
        >
          {result.created && (
            <Typography.Paragraph style={{ marginBottom: 0, textAlign: "center" }}>
              {t("createdDraft")}
            </Typography.Paragraph>
          )}
          {!result.created && result.published && (
            <Typography.Paragraph style={{ marginBottom: 0, textAlign: "center" }}>
              {t("updatedPublished")}
            </Typography.Paragraph>
          )}
        </Result>
      </div>
    );

  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t("title")}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 800 }}>{t("intro")}</Typography.Paragraph>
      {!plan && (
        <Card>
          <Tabs
            activeKey={mode}
            onChange={(k) => setMode(k as "file" | "paste")}
            items={[
              {
                key: "file",
                label: t("fromFile"),
                children: (
                  <Upload.Dragger
                    accept=".txt,.html,.htm,.docx"
                    maxCount={1}
                    beforeUpload={(f) => {
                      setFile(f);
                      return false;
                    }}
                    onRemove={() => setFile(null)}
                    fileList={file ? [{ uid: "1", name: file.name, status: "done" }] : []}
                  >
                    <p style={{ margin: 8 }}>{t("dropHint")}</p>
                    <p style={{ margin: 8, fontSize: 13 }}>{t("formats")}</p>
                  </Upload.Dragger>
                ),
              },
              {
                key: "paste",
                label: t("fromPaste"),
                children: (
                  <Input.TextArea
                    aria-label={t("pasteLabel")}
                    placeholder={t("pasteLabel")}
                    rows={12}
                    value={pasted}
                    onChange={(e) => setPasted(e.target.value)}
                  />
                ),
              },
            ]}
          />
          {readError ? <ErrorBox error={readError} title={t("readFailed")} /> : null}
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            loading={reading}
            disabled={mode === "file" ? !file : pasted.trim() === ""}
            onClick={read}
          >
            {t("read")}
          </Button>
        </Card>
      )}
      {plan && review && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Button
              onClick={() => {
                setPlan(null);
                setReview(null);
                setDiff(null);
                setRemove(new Set());
              }}
            >
              {t("another")}
            </Button>
            <Button type="primary" onClick={() => void accept()} loading={saving} disabled={issues.size > 0}>
              {t("accept")}
            </Button>
            {issues.size > 0 && (
              <Typography.Text className="import-error">{t("fixFirst", { n: issues.size })}</Typography.Text>
            )}
          </Space>
          {saveError ? <ErrorBox error={saveError} title={t("saveFailed")} /> : null}
          <DiffPanel
            diff={valid ? diff : null}
            year={review.year}
            loading={comparing}
            error={valid ? diffError : null}
            remove={remove}
            onRemove={(id, removed) => {
              const next = new Set(remove);
              if (removed) next.add(id);
              else next.delete(id);
              setRemove(next);
            }}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Typography.Title level={2} style={{ fontSize: 18 }}>
                {t("document")}
              </Typography.Title>
              <SourceText
                text={plan.text}
                marks={marks}
                active={active}
                onSelect={setActive}
                label={t("document")}
              />
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Title level={2} style={{ fontSize: 18 }}>
                {t("extracted")}
              </Typography.Title>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
              <section className="import-review" aria-label={t("extracted")} tabIndex={0}>
                <ReviewPanel
                  plan={plan}
                  review={review}
                  onChange={setReview}
                  units={agency.data?.units ?? []}
                  issues={issues}
                  active={active}
                  onSelect={setActive}
                  lang={i18n.language}
                />
              </section>
            </Col>
          </Row>
        </>
      )}
      {agency.error ? <ErrorBox error={agency.error} /> : null}
      {saveError && !plan ? <Typography.Text>{errorText(saveError)}</Typography.Text> : null}
    </div>
  );
}
