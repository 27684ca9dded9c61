import {
  ApartmentOutlined,
  AuditOutlined,
  AreaChartOutlined,
  FieldTimeOutlined,
  CalendarOutlined,
  AlertOutlined,
  ControlOutlined,
  DatabaseOutlined,
  EditOutlined,
  FileAddOutlined,
  FileTextOutlined,
  MergeCellsOutlined,
  SafetyOutlined,
  SwapOutlined,
  FundOutlined,
  HomeOutlined,
  InboxOutlined,
  ProfileOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  SafetyCertificateOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
  ScheduleOutlined,
  CarryOutOutlined,
  ToolOutlined,
} from "@ant-design/icons";
import { Menu } from "antd";
import type { MenuProps } from "antd";
import { useLocation, useNavigate } from "react-router-dom";
import { useAuth } from "../auth/AuthContext.js";
import { useT } from "../i18n/index.js";
import { roleSees, type Screen } from "./roleAccess.js";

/** Menu entries that share their first path segment with another entry: selected by the whole path. */
const EXACT_KEYS = new Set(["/burdens/new", "/cases/report", "/cases/settings", "/cases/tasks", "/cases/notices", "/forms/fill", "/forms/catalog", "/forms/figures"]);

/** Logo and the module menu; only entries the server allows (`me.can`) or that fit the role appear. */
export function SideMenu({ collapsed, onNavigate }: { collapsed: boolean; onNavigate?: () => void }) {
  const t = useT();
  const { can, me } = useAuth();
  const sees = (screen: Screen) => (me ? roleSees(me.role, screen) : false);
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const items: MenuProps["items"] = [
    { key: "/", icon: <HomeOutlined />, label: t.nav.home },
    sees("inbox") ? { key: "/inbox", icon: <InboxOutlined />, label: t.nav.inbox } : null,
    sees("burdens") ? { key: "/burdens", icon: <ProfileOutlined />, label: t.nav.burdens } : null,
    sees("newBurden") ? { key: "/burdens/new", icon: <FileAddOutlined />, label: t.nav.newBurden } : null,
    sees("review") ? { key: "/review", icon: <SafetyCertificateOutlined />, label: t.nav.review } : null,
    sees("oneTable") ? { key: "/forms/fill", icon: <EditOutlined />, label: t.forms.nav.fill } : null,
    sees("forms") ? { key: "/forms", icon: <TableOutlined />, label: t.forms.nav.list } : null,
    sees("forms") ? { key: "/forms/figures", icon: <FundOutlined />, label: t.forms.nav.figures } : null,
    sees("formsCatalog") ? { key: "/forms/catalog", icon: <DatabaseOutlined />, label: t.forms.nav.catalog } : null,
    { key: "/duties", icon: <OrderedListOutlined />, label: t.nav.duties },
    { key: "/documents", icon: <FileTextOutlined />, label: t.nav.documents },
    sees("meetings") ? { key: "/meetings", icon: <ScheduleOutlined />, label: t.nav.meetings } : null,
    sees("inspectionPlans") ? { key: "/inspection-plans", icon: <CarryOutOutlined />, label: t.nav.inspectionPlans } : null,
    sees("inspections") ? { key: "/inspections", icon: <MergeCellsOutlined />, label: t.nav.inspections } : null,
    sees("rankings") ? { key: "/rankings", icon: <TrophyOutlined />, label: t.nav.rankings } : null,
    { key: "/proofs", icon: <SafetyOutlined />, label: t.nav.proofs },
    sees("secondments") ? { key: "/secondments", icon: <SwapOutlined />, label: t.nav.secondments } : null,
    { key: "/dashboard", icon: <AreaChartOutlined />, label: t.nav.dashboard },
    sees("monitoringSurvey") ? { key: "/monitoring/survey", icon: <FieldTimeOutlined />, label: t.monitoring.nav.survey } : null,
    sees("monitoringPoints") ? { key: "/monitoring", icon: <FieldTimeOutlined />, label: t.monitoring.nav.points } : null,
    { key: "/calendar", icon: <CalendarOutlined />, label: t.nav.calendar },
    sees("gate") ? { key: "/gate", icon: <ControlOutlined />, label: t.nav.gate } : null,
    sees("cases") ? { key: "/cases", icon: <AlertOutlined />, label: t.cases.nav.list } : null,
    sees("cases") ? { key: "/cases/notices", icon: <NotificationOutlined />, label: t.cases.nav.notices } : null,
    sees("caseSettings") ? { key: "/cases/settings", icon: <ControlOutlined />, label: t.cases.nav.settings } : null,
    sees("reportCase") ? { key: "/cases/report", icon: <AlertOutlined />, label: t.cases.nav.report } : null,
    sees("reportCase") ? { key: "/cases/tasks", icon: <ToolOutlined />, label: t.cases.nav.tasks } : null,
    can("units.read") ? { key: "/units", icon: <ApartmentOutlined />, label: t.nav.units } : null,
    can("users.manage") ? { key: "/users", icon: <TeamOutlined />, label: t.nav.users } : null,
    can("audit.read") ? { key: "/audit", icon: <AuditOutlined />, label: t.nav.audit } : null,
  ];

  return (
    <>
      <div className="jf-logo" title={t.app.fullTitle}>
        <span className="jf-emblem">减</span>
        {!collapsed && <span className="jf-logo-text">{t.app.name}</span>}
      </div>
      <Menu
        theme="dark"
        mode="inline"
        selectedKeys={[EXACT_KEYS.has(pathname) ? pathname : "/" + (pathname.split("/")[1] ?? "")]}
        items={items}
        onClick={({ key }) => {
          void navigate(key);
          onNavigate?.();
        }}
      />
    </>
  );
}
