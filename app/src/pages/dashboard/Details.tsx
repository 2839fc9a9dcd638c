/** Everything below the headline: areas, trend, points at risk, gap analysis, what-if. */
import { Col, Row } from "antd";
import { AreaCharts } from "./AreaCharts.tsx";
import { AtRisk } from "./AtRisk.tsx";
import { GapTable } from "./GapTable.tsx";
import { Trend } from "./Trend.tsx";
import type { Dashboard } from "./types.ts";
import { WhatIfPanel } from "./WhatIf.tsx";

export default function Details({ d }: { d: Dashboard }) {
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 24, marginTop: 24 }}>
      <AreaCharts d={d} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Trend d={d} />
        </Col>
        <Col xs={24} xl={12}>
          <AtRisk d={d} />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <GapTable d={d} />
        </Col>
        <Col xs={24} xl={12}>
          <WhatIfPanel d={d} agencyId={d.agency.id} />
        </Col>
      </Row>
    </div>
  );
}
