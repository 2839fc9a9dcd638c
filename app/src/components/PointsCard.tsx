/** A card with points out of a max (as the API gives them) and the percentage under it. */
import { Card, Statistic, Typography } from "antd";
import type { ReactNode } from "react";
import { pct, pts } from "../format.ts";

export function PointsCard({
  title,
  points,
  max,
  percent,
  percentTestId,
}: {
  title: ReactNode;
  points: number | null;
  max: number | null;
  percent: number | null;
  percentTestId?: string;
}) {
  return (
    <Card size="small">
      <Statistic
        title={title}
        value={pts(points)}
        suffix={`/ ${pts(max)}`}
        styles={{ content: { fontSize: 22 } }}
      />
      <Typography.Text data-testid={percentTestId}>{pct(percent)}</Typography.Text>
    </Card>
  );
}
