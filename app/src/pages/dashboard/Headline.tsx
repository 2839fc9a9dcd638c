/** The four numbers a leader reads first: the index now, the plan's target, last year, the place. */
import { Card, Col, Row, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { pct, pts } from "../../format.ts";
import type { Dashboard } from "./types.ts";

function Figure({
  id,
  title,
  value,
  children,
}: {
  id: string;
  title: ReactNode;
  value: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Card style={{ height: "100%" }} styles={{ body: { padding: 16 } }}>
      <section aria-labelledby={`${id}-title`} data-figure={id}>
        <h2 id={`${id}-title`} style={{ fontSize: 15, fontWeight: 600, margin: 0, color: "#3d3d3d" }}>
          {title}
        </h2>
        <div className="num" style={{ fontSize: 32, fontWeight: 700, textAlign: "left", lineHeight: 1.3 }}>
          {value}
        </div>
        {children}
      </section>
    </Card>
  );
}

/** "↑ 2 bậc" / "↓ 1 bậc" / "giữ nguyên": a rank change in words, not only in colour. */
export function RankChange({ change }: { change: number | null }) {
  const { t } = useTranslation("dashboard");
  if (change === null) return <span>{t("rank.noChange")}</span>;
  if (change === 0) return <span>{t("rank.same")}</span>;
  return (
    <span style={{ color: change > 0 ? "#135200" : "#a8071a", fontWeight: 600 }}>
      {change > 0 ? t("rank.up", { n: change }) : t("rank.down", { n: -change })}
    </span>
  );
}

export function Headline({ d }: { d: Dashboard }) {
  const { t } = useTranslation("dashboard");
  const now = d.current!;
  const prev = d.previous;
  const target = d.target;
  const place = d.ranking;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12} xl={6}>
        <Figure id="now" title={t("now.title", { year: now.year })} value={pct(now.percent)}>
          <Typography.Text>{t("pointsOf", { points: pts(now.points), max: pts(now.max) })}</Typography.Text>
          {now.grade && (
            <Typography.Text>
              {" · "}
              {t("grade", { grade: now.grade })}
            </Typography.Text>
          )}
          <div style={{ marginTop: 6 }}>
            {!now.published && <Tag color="gold">{t("notPublished")}</Tag>}
            {now.missing > 0 && <Tag color="blue">{t("now.missing", { count: now.missing })}</Tag>}
          </div>
        </Figure>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Figure
          id="target"
          title={target ? t("target.title", { year: target.year }) : t("target.none")}
          value={target ? pct(target.percent) : "—"}
        >
          {target ? (
            <>
              <Typography.Text>
                {t("pointsOf", { points: pts(target.points), max: pts(target.max) })}
              </Typography.Text>
              <div>
                <Typography.Text>
                  {t("target.plan", { number: [target.number, target.code].filter(Boolean).join("/") })}
                </Typography.Text>
              </div>
              {target.percentAtLeast !== null && (
                <div>
                  <Typography.Text>
                    {target.rankGainMin !== null
                      ? t("target.goalWithRank", {
                          percent: pct(target.percentAtLeast),
                          min: target.rankGainMin,
                          max: target.rankGainMax ?? target.rankGainMin,
                        })
                      : t("target.goal", { percent: pct(target.percentAtLeast) })}
                  </Typography.Text>
                </div>
              )}
            </>
          ) : (
            <Typography.Text>{t("target.noneHelp", { year: now.year })}</Typography.Text>
          )}
        </Figure>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Figure
          id="previous"
          title={prev ? t("previous.title", { year: prev.year }) : t("previous.none")}
          value={prev ? pct(prev.percent) : "—"}
        >
          {prev && (
            <>
              <Typography.Text>
                {t("pointsOf", { points: pts(prev.points), max: pts(prev.max) })}
              </Typography.Text>
              {prev.grade && (
                <Typography.Text>
                  {" · "}
                  {t("grade", { grade: prev.grade })}
                </Typography.Text>
              )}
              {!prev.published && (
                <div>
                  <Tag color="gold">{t("notPublished")}</Tag>
                </div>
              )}
            </>
          )}
        </Figure>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Figure
          id="rank"
          title={place ? t("rank.title", { year: place.year }) : t("rank.titleNone")}
          value={place ? t("rank.of", { rank: place.rank, of: place.rankOf }) : "—"}
        >
          {place && (
            <div>
              <Typography.Text>{t("rank.change")}: </Typography.Text>
              <RankChange change={place.rankChange} />
            </div>
          )}
          {!now.rankVisible && (
            <div style={{ marginTop: 6 }}>
              <Typography.Text>{t("rank.hidden", { year: now.year })}</Typography.Text>
            </div>
          )}
        </Figure>
      </Col>
    </Row>
  );
}
