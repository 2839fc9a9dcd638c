/** Last year's gap analysis: the points lost per area, biggest first (the plan was built on them). */
import { Card, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../components/common.tsx";
import { pct, pts } from "../../format.ts";
import { stackOnPhone, useIsPhone } from "../public/parts.tsx";
import type { Dashboard } from "./types.ts";

type Gap = NonNullable<Dashboard["gap"]>["items"][number];

export function GapTable({ d }: { d: Dashboard }) {
  const { t } = useTranslation("dashboard");
  const phone = useIsPhone();
  const gap = d.gap;
  return (
    <Card style={{ height: "100%" }}>
      <section aria-labelledby="gap-title">
        <h2 id="gap-title" style={{ fontSize: 20, marginTop: 0 }}>
          {t("gap.title", { year: gap?.year })}
        </h2>
        <Typography.Paragraph>{t("gap.explain")}</Typography.Paragraph>
        <Table<Gap>
          size="small"
          rowKey="code"
          scroll={{ x: true }}
          dataSource={gap?.items ?? []}
          pagination={(gap?.items.length ?? 0) > 10 ? { pageSize: 10 } : false}
          locale={{ emptyText: <EmptyState description={t("gap.empty")} /> }}
          caption={<Typography.Text strong>{t("gap.caption", { year: gap?.year })}</Typography.Text>}
          columns={stackOnPhone(
            [
              { title: t("areas.area"), key: "area", render: (_, g) => `${g.code}. ${g.title}` },
              { title: t("gap.points"), key: "points", className: "num", render: (_, g) => pts(g.points) },
              { title: t("areas.max"), key: "max", className: "num", render: (_, g) => pts(g.max) },
              {
                title: t("gap.lost"),
                key: "lost",
                className: "num",
                render: (_, g) => <strong>{pts(g.lost)}</strong>,
              },
              { title: t("gap.percent"), key: "percent", className: "num", render: (_, g) => pct(g.percent) },
            ],
            phone,
            t("areas.area"),
          )}
        />
      </section>
    </Card>
  );
}
