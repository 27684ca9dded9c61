import {
  ApartmentOutlined,
  AuditOutlined,
  FileAddOutlined,
  InboxOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import { Breadcrumb, Button, Card, Col, Descriptions, Grid, Row, Skeleton, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { unitsApi } from "../../api/endpoints.js";
import { useAuth, useMe } from "../../auth/AuthContext.js";
import { LevelTag } from "../../components/LevelTag.js";
import { roleSees, type Screen } from "../../components/roleAccess.js";
import { RoleTag } from "../../components/RoleTag.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

type Module = { to: string; show: boolean; icon: ReactNode; title: string; desc: string };

/** Welcome card for the logged-in role: what the role does, its scope and chain, and what it can open now. */
export default function HomePage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const narrow = Grid.useBreakpoint().sm === false;
  const scope = useLoad(me.scope.code, (signal) => unitsApi.get(me.scope.code, signal));

  const sees = (screen: Screen) => roleSees(me.role, screen);
  const modules: Module[] = [
    { to: "/inbox", show: sees("inbox"), icon: <InboxOutlined />, title: t.nav.inbox, desc: t.home.inboxDesc },
    { to: "/burdens/new", show: sees("newBurden"), icon: <FileAddOutlined />, title: t.nav.newBurden, desc: t.home.newBurdenDesc },
    { to: "/review", show: sees("review"), icon: <SafetyCertificateOutlined />, title: t.nav.review, desc: t.home.reviewDesc },
    { to: "/burdens", show: sees("burdens"), icon: <ProfileOutlined />, title: t.nav.burdens, desc: t.home.burdensDesc },
    { to: "/units", show: can("units.read"), icon: <ApartmentOutlined />, title: t.nav.units, desc: t.home.unitsDesc },
    { to: "/users", show: can("users.manage"), icon: <TeamOutlined />, title: t.nav.users, desc: t.home.usersDesc },
    { to: "/audit", show: can("audit.read"), icon: <AuditOutlined />, title: t.nav.audit, desc: t.home.auditDesc },
  ];
  const ancestors = scope.data?.ancestors ?? [];

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      {sees("inbox") && (
        <Card className="jf-inbox-cta" data-testid="home-inbox">
          <div className="jf-inbox-cta-body">
            <InboxOutlined className="jf-inbox-cta-icon" />
            <Typography.Text>{t.home.inboxLead}</Typography.Text>
          </div>
          <Link to="/inbox">
            <Button type="primary" size="large" block icon={<InboxOutlined />} data-testid="home-inbox-link">
              {t.home.inboxCta}
            </Button>
          </Link>
        </Card>
      )}
      <Card data-testid="home-welcome" title={t.home.welcome(me.displayName)}>
        <Descriptions column={1} size="small" layout={narrow ? "vertical" : "horizontal"} styles={{ label: { width: 120 } }} bordered>
          <Descriptions.Item label={t.home.yourRole}>
            <RoleTag role={me.role} />
          </Descriptions.Item>
          <Descriptions.Item label={t.home.whatYouDo}>{t.roleDuties[me.role]}</Descriptions.Item>
          <Descriptions.Item label={t.home.yourScope}>
            <Space orientation="vertical" size={4}>
              <Space wrap>
                <Typography.Text strong>{me.scope.name}</Typography.Text>
                <LevelTag level={me.scope.level} />
                <Typography.Text type="secondary" copyable>
                  {me.scope.code}
                </Typography.Text>
              </Space>
              {scope.loading ? (
                <Skeleton.Input active size="small" />
              ) : (
                ancestors.length > 0 && (
                  <Breadcrumb
                    data-testid="scope-chain"
                    items={[...ancestors, me.scope].map((u) => ({ key: u.code, title: u.name }))}
                  />
                )
              )}
              {scope.data && <Typography.Text type="secondary">{t.home.childCount(scope.data.childCount)}</Typography.Text>}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t.home.available} size="small">
        <Row gutter={[12, 12]}>
          {modules
            .filter((m) => m.show)
            .map((m) => (
              <Col key={m.to} xs={24} sm={12} lg={8}>
                <Link to={m.to}>
                  <Card hoverable size="small">
                    <Card.Meta avatar={<span className="jf-module-icon">{m.icon}</span>} title={m.title} description={m.desc} />
                  </Card>
                </Link>
              </Col>
            ))}
        </Row>
      </Card>
    </Space>
  );
}
