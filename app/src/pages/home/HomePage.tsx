/** The front door: every journey is listed here, so nobody has to be told a URL. */
import { Alert, Card, Col, Row, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useMe } from "../../auth.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { NAV } from "../../nav.ts";

export default function HomePage({ notFound = false }: { notFound?: boolean }) {
  const { t } = useTranslation();
  const { me } = useMe();
  return (
    <div className="page">
      {notFound && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("notFound")} />}
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t("home.title")}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 760 }}>{t("home.intro")}</Typography.Paragraph>
      {me && (
        <Typography.Paragraph>
          {t("home.signedInAs", { name: me.displayName, role: t(`roles.${me.role}`) })}
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        {NAV.map((n) => {
          const open = n.roles === "public" || (me !== null && n.roles.includes(me.role));
          const target = n.path(me);
          return (
            <Col key={n.key} xs={24} sm={12} lg={8} xl={6}>
              <Card
                title={<h2 style={{ fontSize: 16, margin: 0 }}>{t(`nav.${n.key}`)}</h2>}
                style={{ height: "100%" }}
                data-journey={n.key}
              >
                <Typography.Paragraph>{t(`nav.${n.key}Desc`)}</Typography.Paragraph>
                <div style={{ marginBottom: 8 }}>
                  {n.roles === "public" ? (
                    <Tag color="green">{t("home.forEveryone")}</Tag>
                  ) : (
                    n.roles.map((r) => <Tag key={r}>{t(`roles.${r}`)}</Tag>)
                  )}
                </div>
                {open ? (
                  <LinkButton type="primary" to={target}>
                    {t("home.open")}
                  </LinkButton>
                ) : me ? (
                  <Typography.Text type="secondary">{t("home.otherRole")}</Typography.Text>
                ) : (
                  <LinkButton to={`/login?next=${encodeURIComponent(target)}`}>
                    {t("home.signInToOpen")}
                  </LinkButton>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
