/**
 * /province/cycles/:id: one cycle's dates, participants and appraisers per area, and publication.
 * Publishing makes the results public, so it is confirmed first; so is every removal.
 */
import { useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { sortVi } from "../../../../core/locale.ts";
import { api, useApi } from "../../api.ts";
import { EmptyState, ErrorBox, errorText, Loading, showFieldError } from "../../components/common.tsx";
import { ReasonModal } from "../../components/ReasonModal.tsx";
import { CycleHistory } from "../audit/CycleHistory.tsx";
import { CycleDateFields, type DateValues, fromIso, isoDates } from "./dates.tsx";
import { PublicationCard } from "./PublicationCard.tsx";
import { cycleLabel, InlineLink, ProvinceMenu, useGroupLabel } from "./parts.tsx";
import type { AgencyItem, Appraisers, CycleDetail, FrameworkMeta, Participant } from "./types.ts";

/** Refetches everything about cycles (lists, this cycle, its ranking and appraisers). */
function useRefreshCycles() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith("/cycles") });
}

function DatesCard({ cycle }: { cycle: CycleDetail }) {
  const { t } = useTranslation("province");
  const [form] = Form.useForm<DateValues>();
  const { message } = App.useApp();
  const refresh = useRefreshCycles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function save(v: DateValues) {
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/cycles/${cycle.id}`, isoDates(v));
      await refresh();
      message.success(t("dates.saved"));
    } catch (e) {
      if (!showFieldError(form, e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const locked = cycle.state !== "open";
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t("dates.title")}</h2>}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {locked && <Typography.Paragraph>{t("dates.locked")}</Typography.Paragraph>}
      <Form<DateValues>
        form={form}
        layout="vertical"
        disabled={locked}
        onFinish={save}
        initialValues={{
          selfAssessmentOpens: fromIso(cycle.selfAssessmentOpens),
          selfAssessmentCloses: fromIso(cycle.selfAssessmentCloses),
          appraisalCloses: fromIso(cycle.appraisalCloses),
        }}
      >
        <CycleDateFields />
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("dates.save")}
        </Button>
      </Form>
    </Card>
  );
}

function ParticipantsCard({ cycle }: { cycle: CycleDetail }) {
  const { t } = useTranslation(["province", "common"]);
  const { message } = App.useApp();
  const refresh = useRefreshCycles();
  const [adding, setAdding] = useState<number[]>([]);
  const [excluding, setExcluding] = useState<Participant | null>(null);
  const [error, setError] = useState<string | null>(null);
  const agencies = useApi<{ items: AgencyItem[] }>(
    `/agencies?kind=agency&parentId=${cycle.provinceId}&limit=500`,
  );
  const taken = new Set(cycle.participants.map((p) => p.agencyId));
  const candidates = (agencies.data?.items ?? []).filter((a) => !taken.has(a.id));
  async function run(action: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await action();
      await refresh();
      message.success(done);
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  }
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t("participants.title")}</h2>}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {cycle.state !== "open" && (
        <Typography.Paragraph>{t("participants.publishedNote")}</Typography.Paragraph>
      )}
      <Space.Compact style={{ width: "100%", marginBottom: 12 }}>
        <Select
          mode="multiple"
          aria-label={t("participants.add")}
          placeholder={t("participants.addHint")}
          style={{ width: "100%" }}
          value={adding}
          onChange={setAdding}
          showSearch={{ optionFilterProp: "label" }}
          loading={agencies.isLoading}
          disabled={cycle.state !== "open"}
          options={sortVi(candidates, (a) => a.name).map((a) => ({ value: a.id, label: a.name }))}
        />
        <Button
          disabled={!adding.length || cycle.state !== "open"}
          onClick={() =>
            run(async () => {
              await api.post(`/cycles/${cycle.id}/participants`, { agencyIds: adding });
              setAdding([]);
            }, t("participants.added"))
          }
        >
          {t("participants.addButton")}
        </Button>
      </Space.Compact>
      <Table<Participant>
        rowKey="agencyId"
        dataSource={cycle.participants}
        size="small"
        scroll={{ x: true }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState description={t("participants.empty")} /> }}
        columns={[
          {
            title: t("participants.agency"),
            dataIndex: "name",
            render: (n: string, p) => (
              <Space size={4} wrap>
                {n}
                {p.sample && <Tag>{t("league.sample")}</Tag>}
                {p.excludedReason && (
                  <Tag color="volcano" title={p.excludedReason}>
                    {t("participants.excludedTag")}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t("participants.status"),
            dataIndex: "status",
            render: (s: string) => t(`common:status.${s}`),
          },
          {
            title: t("participants.actions"),
            key: "actions",
            render: (_, p) => (
              <Space wrap size={4}>
                <Popconfirm
                  title={t("participants.removeConfirm", { name: p.name })}
                  okText={t("common:action.delete")}
                  cancelText={t("common:action.cancel")}
                  onConfirm={() =>
                    run(
                      () => api.del(`/cycles/${cycle.id}/participants/${p.agencyId}`),
                      t("participants.removed"),
                    )
                  }
                >
                  <Button size="small" danger disabled={cycle.state !== "open"}>
                    {t("participants.remove")}
                  </Button>
                </Popconfirm>
                {cycle.state !== "published" &&
                  (p.excludedReason ? (
                    <Popconfirm
                      title={t("participants.includeConfirm", { name: p.name })}
                      description={t("participants.excludedBecause", { reason: p.excludedReason })}
                      okText={t("participants.include")}
                      cancelText={t("common:action.cancel")}
                      onConfirm={() =>
                        run(
                          () => api.post(`/cycles/${cycle.id}/participants/${p.agencyId}/include`),
                          t("participants.included"),
                        )
                      }
                    >
                      <Button size="small">{t("participants.include")}</Button>
                    </Popconfirm>
                  ) : (
                    <Button size="small" onClick={() => setExcluding(p)}>
                      {t("participants.exclude")}
                    </Button>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      <ReasonModal
        open={excluding !== null}
        title={t("participants.excludeTitle", { name: excluding?.name })}
        text={t("participants.excludeText")}
        label={t("participants.reason")}
        okText={t("participants.exclude")}
        onCancel={() => setExcluding(null)}
        onSubmit={async (reason) => {
          const p = excluding;
          const done =
            !!p &&
            (await run(
              () => api.post(`/cycles/${cycle.id}/participants/${p.agencyId}/exclude`, { reason }),
              t("participants.excluded"),
            ));
          if (done) setExcluding(null);
          return done;
        }}
      />
    </Card>
  );
}

function AppraisersCard({ cycle }: { cycle: CycleDetail }) {
  const { t } = useTranslation(["province", "common"]);
  const { message } = App.useApp();
  const q = useApi<Appraisers>(`/cycles/${cycle.id}/appraisers`);
  const qc = useQueryClient();
  const [picked, setPicked] = useState<Record<string, number | undefined>>({});
  const [error, setError] = useState<string | null>(null);
  if (q.error) return <ErrorBox error={q.error} />;
  const data = q.data;
  // Appraisers of a published cycle change only during a correction (the server refuses otherwise).
  const locked = cycle.state === "published";
  async function run(action: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await action();
      await qc.invalidateQueries({ queryKey: [`/cycles/${cycle.id}/appraisers`] });
      message.success(done);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t("appraisers.title")}</h2>}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {data && data.candidates.length === 0 && (
        <Alert type="info" showIcon title={t("appraisers.noCandidates")} style={{ marginBottom: 12 }} />
      )}
      <Table
        rowKey="code"
        loading={q.isLoading}
        dataSource={data?.areas ?? []}
        size="small"
        scroll={{ x: true }}
        pagination={false}
        locale={{ emptyText: <EmptyState description={t("appraisers.noAreas")} /> }}
        columns={[
          {
            title: t("appraisers.area"),
            key: "area",
            render: (_, a: { code: string; title: string }) => `${a.code}. ${a.title}`,
          },
          {
            title: t("appraisers.assigned"),
            key: "assigned",
            render: (_, a: { code: string; title: string }) => {
              const mine = (data?.items ?? []).filter((i) => i.areaCode === a.code);
              if (!mine.length) return <span>{t("appraisers.none")}</span>;
              return (
                <Space wrap size={4}>
                  {mine.map((i) => (
                    <Space key={i.userId} size={2}>
                      <Tag>{i.displayName}</Tag>
                      <Popconfirm
                        title={t("appraisers.unassignConfirm", { name: i.displayName, area: a.code })}
                        okText={t("appraisers.unassign")}
                        cancelText={t("common:action.cancel")}
                        onConfirm={() =>
                          run(
                            () =>
                              api.del(
                                `/cycles/${cycle.id}/appraisers?areaCode=${encodeURIComponent(a.code)}&userId=${i.userId}`,
                              ),
                            t("appraisers.unassigned"),
                          )
                        }
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          disabled={locked}
                          aria-label={t("appraisers.unassignLabel", { name: i.displayName, area: a.code })}
                        >
                          ×
                        </Button>
                      </Popconfirm>
                    </Space>
                  ))}
                </Space>
              );
            },
          },
          {
            title: t("appraisers.assign"),
            key: "assign",
            render: (_, a: { code: string; title: string }) => {
              const already = new Set(
                (data?.items ?? []).filter((i) => i.areaCode === a.code).map((i) => i.userId),
              );
              const options = (data?.candidates ?? [])
                .filter((c) => !already.has(c.id))
                .map((c) => ({ value: c.id, label: `${c.displayName} (${c.username})` }));
              return (
                <Space.Compact>
                  <Select
                    aria-label={t("appraisers.pickLabel", { area: a.code })}
                    style={{ minWidth: 200 }}
                    value={picked[a.code]}
                    onChange={(v: number) => setPicked((p) => ({ ...p, [a.code]: v }))}
                    options={options}
                    placeholder={t("appraisers.pick")}
                    disabled={!options.length || locked}
                  />
                  <Button
                    disabled={!picked[a.code] || locked}
                    aria-label={t("appraisers.assignLabel", { area: a.code })}
                    onClick={() =>
                      run(async () => {
                        await api.post(`/cycles/${cycle.id}/appraisers`, {
                          areaCode: a.code,
                          userId: picked[a.code],
                        });
                        setPicked((p) => ({ ...p, [a.code]: undefined }));
                      }, t("appraisers.assigned_ok"))
                    }
                  >
                    {t("appraisers.assignButton")}
                  </Button>
                </Space.Compact>
              );
            },
          },
        ]}
      />
    </Card>
  );
}

export default function CyclePage() {
  const { t } = useTranslation("province");
  const groupLabel = useGroupLabel();
  const id = Number(useParams().id);
  const cycle = useApi<CycleDetail>(Number.isInteger(id) && id > 0 ? `/cycles/${id}` : null);
  const frameworks = useApi<{ items: FrameworkMeta[] }>("/frameworks");
  const fw = frameworks.data?.items.find((f) => f.id === cycle.data?.frameworkId);
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {cycle.data
          ? t("cycle.title", { name: cycleLabel(cycle.data, groupLabel) })
          : t("cycle.titleLoading")}
      </Typography.Title>
      <ProvinceMenu />
      {cycle.isLoading ? (
        <Loading />
      ) : cycle.error || !cycle.data ? (
        <ErrorBox error={cycle.error ?? new Error(t("cycle.notFound"))} />
      ) : (
        <>
          <Typography.Paragraph>
            {fw ? t("cycle.framework", { code: fw.code, title: fw.title }) : null}{" "}
            <InlineLink to={`/province?cycle=${cycle.data.id}`}>{t("cycle.seeRanking")}</InlineLink>
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Space orientation="vertical" size={16} style={{ width: "100%" }}>
                <PublicationCard cycle={cycle.data} />
                <DatesCard
                  key={`${cycle.data.selfAssessmentOpens}${cycle.data.selfAssessmentCloses}${cycle.data.appraisalCloses}`}
                  cycle={cycle.data}
                />
              </Space>
            </Col>
            <Col xs={24} lg={12}>
              <ParticipantsCard cycle={cycle.data} />
            </Col>
            <Col xs={24}>
              <AppraisersCard cycle={cycle.data} />
            </Col>
          </Row>
        </>
      )}
      <CycleHistory cycleId={id} />
    </div>
  );
}
