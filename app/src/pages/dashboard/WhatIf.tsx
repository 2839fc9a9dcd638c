/**
 * What-if: edit the points per area and see the predicted index and rank in last year's table as you
 * type. Each field checks 0..max with at most two decimals (the server's own rule, from
 * core/contracts/ranking.ts); only when every field is valid does the form ask the server, 300 ms
 * after the last keystroke. The server computes the prediction; the panel only formats it.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Space, Typography } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { areaPointsWithin } from "../../../../core/contracts/ranking.ts";
import { parseCenti } from "../../../../core/decimal.ts";
import { type ApiError, api } from "../../api.ts";
import { ErrorBox, showFieldError } from "../../components/common.tsx";
import { zodRule } from "../../components/form.ts";
import { pct, pts } from "../../format.ts";
import { RankChange } from "./Headline.tsx";
import type { Dashboard, WhatIfAnswer, WhatIfArea } from "./types.ts";

type Values = { areas: Record<string, string> };

const DEBOUNCE_MS = 300;

export function WhatIfPanel({ d, agencyId }: { d: Dashboard; agencyId: number }) {
  const { t } = useTranslation("dashboard");
  const w = d.whatIf;
  return (
    <Card style={{ height: "100%" }}>
      <section aria-labelledby="whatif-title">
        <h2 id="whatif-title" style={{ fontSize: 20, marginTop: 0 }}>
          {t("whatIf.title")}
        </h2>
        {!w || w.areas.length === 0 ? (
          <Alert type="info" showIcon title={t("whatIf.noBase")} />
        ) : !w.available ? (
          <Alert type="info" showIcon title={t("whatIf.unpublished", { year: w.baseYear })} />
        ) : (
          <WhatIfForm agencyId={agencyId} baseYear={w.baseYear} planYear={w.planYear} areas={w.areas} />
        )}
      </section>
    </Card>
  );
}

function WhatIfForm({
  agencyId,
  baseYear,
  planYear,
  areas,
}: {
  agencyId: number;
  baseYear: number;
  planYear: number | null;
  areas: WhatIfArea[];
}) {
  const { t } = useTranslation("dashboard");
  const [form] = Form.useForm<Values>();
  const startValues = useMemo(() => Object.fromEntries(areas.map((a) => [a.code, pts(a.start)])), [areas]);
  const rules = useMemo(
    () => new Map(areas.map((a) => [a.code, areaPointsWithin(parseCenti(a.max) ?? 0)] as const)),
    [areas],
  );
  // The values last sent to the server: only ever a set where every field is valid.
  const [sent, setSent] = useState<Record<string, string>>(startValues);
  const [invalid, setInvalid] = useState(false);
  const [pending, setPending] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const schedule = (all: Record<string, string>) => {
    if (timer.current) clearTimeout(timer.current);
    const ok = areas.every((a) => rules.get(a.code)!.safeParse(all[a.code] ?? "").success);
    setInvalid(!ok);
    setPending(ok);
    if (!ok) return;
    timer.current = setTimeout(() => {
      setPending(false);
      setSent({ ...all });
    }, DEBOUNCE_MS);
  };

  const q = useQuery<WhatIfAnswer, ApiError>({
    queryKey: ["what-if", agencyId, baseYear, sent],
    queryFn: () => api.post<WhatIfAnswer>(`/agencies/${agencyId}/what-if`, { baseYear, areas: sent }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  useEffect(() => {
    if (q.error) showFieldError(form, q.error);
  }, [q.error, form]);

  const reset = (values: Record<string, string>) => {
    form.setFieldsValue({ areas: values });
    void form.validateFields();
    schedule(values);
  };
  const r = q.data;
  const current = Object.fromEntries(areas.map((a) => [a.code, pts(a.current)]));

  return (
    <>
      <Typography.Paragraph>
        {t("whatIf.explain", { year: baseYear })}
        {planYear !== null && ` ${t("whatIf.startsFromPlan", { year: planYear })}`}
      </Typography.Paragraph>
      <div
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-figure="whatif-result"
        style={{
          background: "#f0f5ff",
          border: "1px solid #adc6ff",
          borderRadius: 6,
          padding: 12,
          marginBottom: 12,
        }}
      >
        {r ? (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              {
                key: "index",
                label: t("whatIf.predictedIndex"),
                children: (
                  <strong data-figure="whatif-index" style={{ fontSize: 20 }}>
                    {pct(r.percent)}
                  </strong>
                ),
              },
              {
                key: "rank",
                label: t("whatIf.predictedRank"),
                children: (
                  <strong data-figure="whatif-rank" style={{ fontSize: 20 }}>
                    {r.rank === null ? "—" : t("rank.of", { rank: r.rank, of: r.of })}
                  </strong>
                ),
              },
              {
                key: "points",
                label: t("whatIf.points"),
                children: t("pointsOf", { points: pts(r.points), max: pts(r.max) }),
              },
              {
                key: "from",
                label: t("whatIf.from", { year: baseYear }),
                children: (
                  <>
                    {pct(r.currentPercent)}
                    {r.currentRank !== null && `, ${t("rank.of", { rank: r.currentRank, of: r.of })}`}
                    {r.rankChange !== null && (
                      <>
                        {/* The change carries its own arrow ("↑ tăng 6 bậc"): a comma, not a second arrow. */}
                        {", "}
                        <RankChange change={r.rankChange} />
                      </>
                    )}
                  </>
                ),
              },
            ]}
          />
        ) : (
          <Typography.Text>{t("whatIf.computing")}</Typography.Text>
        )}
        {r && (pending || q.isFetching) && <Typography.Text>{t("whatIf.computing")}</Typography.Text>}
        {invalid && (
          <Typography.Text strong style={{ color: "#a8071a" }}>
            {t("whatIf.fixFields")}
          </Typography.Text>
        )}
      </div>
      {q.error && !q.error.field && <ErrorBox error={q.error} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ areas: startValues }}
        onValuesChange={(_, all) => schedule(all.areas ?? {})}
        requiredMark={false}
      >
        <Row gutter={[16, 0]}>
          {areas.map((a) => (
            <Col key={a.code} xs={24} md={12}>
              <Form.Item
                name={["areas", a.code]}
                label={t("whatIf.areaLabel", { code: a.code, title: a.title, max: pts(a.max) })}
                extra={t("whatIf.areaExtra", { year: baseYear, current: pts(a.current) })}
                rules={[zodRule(rules.get(a.code)!, t("whatIf.range", { max: pts(a.max) }))]}
              >
                <Input inputMode="decimal" autoComplete="off" style={{ maxWidth: 160 }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Space wrap>
          <Button onClick={() => reset(startValues)}>
            {planYear !== null ? t("whatIf.resetPlan") : t("whatIf.resetStart")}
          </Button>
          <Button onClick={() => reset(current)}>{t("whatIf.resetBase", { year: baseYear })}</Button>
        </Space>
      </Form>
    </>
  );
}
