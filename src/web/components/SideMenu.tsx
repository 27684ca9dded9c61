import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BuildOutlined,
  KeyOutlined,
  FormOutlined,
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
  MobileOutlined,
  TagsOutlined,
  TrophyOutlined,
  CrownOutlined,
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
  ScheduleOutlined,
  CarryOutOutlined,
  ToolOutlined,
} from "@ant-design/icons";
import { useEffect, useState, type ReactNode } from "react";
import { Menu } from "antd";
import type { MenuProps } from "antd";
import { useLocation, useNavigate } from "react-router-dom";
import { useAuth } from "../auth/AuthContext.js";
import { useT } from "../i18n/index.js";
import { roleSees, type Screen } from "./roleAccess.js";

/** Menu entries that share their first path segment with another entry: selected by the whole path. */
const EXACT_KEYS = new Set(["/facilities/report", "/burdens/new", "/cases/report", "/cases/settings", "/cases/tasks", "/cases/notices", "/forms/fill", "/forms/catalog", "/forms/figures"]);

type MenuEntry = NonNullable<MenuProps["items"]>[number];
export type NavGroup = "burdens" | "forms" | "documents" | "inspections" | "fingertips" | "people" | "resources" | "cases" | "system";

/** Logo and the module menu; only entries the server allows (`me.can`) or that fit the role appear. */
export function SideMenu({ collapsed, onNavigate }: { collapsed: boolean; onNavigate?: () => void }) {
  const t = useT();
  const { can, me } = useAuth();
  const sees = (screen: Screen) => (me ? roleSees(me.role, screen) : false);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  /** A group of entries under one heading; a group with a single entry the role sees is shown as that entry. */
  const group = (key: NavGroup, icon: ReactNode, children: MenuEntry[]): MenuEntry => {
    const visible = children.filter((c): c is NonNullable<MenuEntry> => c !== null);
    if (visible.length <= 1) return visible[0] ?? null;
    return { key: `group:${key}`, icon, label: t.navGroups[key], children: visible };
  };

  const items: MenuProps["items"] = [
    { key: "/", icon: <HomeOutlined />, label: t.nav.home },
    // What reaches a village or a township comes first: it is what their cadres open the platform for.
    sees("inbox") ? { key: "/inbox", icon: <InboxOutlined />, label: t.nav.inbox } : null,
    sees("monitoringSurvey") ? { key: "/monitoring/survey", icon: <FieldTimeOutlined />, label: t.monitoring.nav.survey } : null,
    { key: "/dashboard", icon: <AreaChartOutlined />, label: t.nav.dashboard },
    sees("monitoringPoints") ? { key: "/monitoring", icon: <FieldTimeOutlined />, label: t.monitoring.nav.points } : null,
    group("burdens", <ProfileOutlined />, [
      sees("burdens") ? { key: "/burdens", icon: <ProfileOutlined />, label: t.nav.burdens } : null,
      sees("newBurden") ? { key: "/burdens/new", icon: <FileAddOutlined />, label: t.nav.newBurden } : null,
      sees("review") ? { key: "/review", icon: <SafetyCertificateOutlined />, label: t.nav.review } : null,
      { key: "/duties", icon: <OrderedListOutlined />, label: t.nav.duties },
      sees("gate") ? { key: "/gate", icon: <ControlOutlined />, label: t.nav.gate } : null,
    ]),
    group("forms", <TableOutlined />, [
      sees("oneTable") ? { key: "/forms/fill", icon: <EditOutlined />, label: t.forms.nav.fill } : null,
      sees("forms") ? { key: "/forms", icon: <TableOutlined />, label: t.forms.nav.list } : null,
      sees("forms") ? { key: "/forms/figures", icon: <FundOutlined />, label: t.forms.nav.figures } : null,
      sees("formsCatalog") ? { key: "/forms/catalog", icon: <DatabaseOutlined />, label: t.forms.nav.catalog } : null,
    ]),
    group("documents", <FileTextOutlined />, [
      { key: "/documents", icon: <FileTextOutlined />, label: t.nav.documents },
      sees("meetings") ? { key: "/meetings", icon: <ScheduleOutlined />, label: t.nav.meetings } : null,
    ]),
    group("inspections", <CarryOutOutlined />, [
      sees("inspectionPlans") ? { key: "/inspection-plans", icon: <CarryOutOutlined />, label: t.nav.inspectionPlans } : null,
      sees("inspections") ? { key: "/inspections", icon: <MergeCellsOutlined />, label: t.nav.inspections } : null,
      sees("rankings") ? { key: "/rankings", icon: <TrophyOutlined />, label: t.nav.rankings } : null,
    ]),
    group("fingertips", <MobileOutlined />, [
      sees("fingertips") ? { key: "/fingertips", icon: <MobileOutlined />, label: t.fingertips.nav } : null,
      sees("evaluations") ? { key: "/evaluations", icon: <CrownOutlined />, label: t.evaluations.nav } : null,
      sees("plaques") ? { key: "/plaques", icon: <TagsOutlined />, label: t.plaques.nav } : null,
    ]),
    group("people", <SwapOutlined />, [
      sees("secondments") ? { key: "/secondments", icon: <SwapOutlined />, label: t.nav.secondments } : null,
      { key: "/proofs", icon: <SafetyOutlined />, label: t.nav.proofs },
    ]),
    group("resources", <BankOutlined />, [
      sees("facilities") ? { key: "/facilities", icon: <BankOutlined />, label: t.resources.nav.facilities } : null,
      sees("facilityReport") ? { key: "/facilities/report", icon: <FormOutlined />, label: t.resources.nav.report } : null,
      sees("projects") ? { key: "/projects", icon: <BuildOutlined />, label: t.resources.nav.projects } : null,
      sees("powers") ? { key: "/powers", icon: <KeyOutlined />, label: t.resources.nav.powers } : null,
    ]),
    group("cases", <AlertOutlined />, [
      sees("cases") ? { key: "/cases", icon: <AlertOutlined />, label: t.cases.nav.list } : null,
      sees("cases") ? { key: "/cases/notices", icon: <NotificationOutlined />, label: t.cases.nav.notices } : null,
      sees("caseSettings") ? { key: "/cases/settings", icon: <ControlOutlined />, label: t.cases.nav.settings } : null,
      sees("reportCase") ? { key: "/cases/report", icon: <AlertOutlined />, label: t.cases.nav.report } : null,
      sees("reportCase") ? { key: "/cases/tasks", icon: <ToolOutlined />, label: t.cases.nav.tasks } : null,
    ]),
    group("system", <ControlOutlined />, [
      { key: "/calendar", icon: <CalendarOutlined />, label: t.nav.calendar },
      can("units.read") ? { key: "/units", icon: <ApartmentOutlined />, label: t.nav.units } : null,
      can("users.manage") ? { key: "/users", icon: <TeamOutlined />, label: t.nav.users } : null,
      can("audit.read") ? { key: "/audit", icon: <AuditOutlined />, label: t.nav.audit } : null,
    ]),
  ];

  const selected = EXACT_KEYS.has(pathname) ? pathname : "/" + (pathname.split("/")[1] ?? "");
  // The group of the page one is on stays open; the others open on demand.
  const groupOfSelected = items.find((i) => i && "children" in i && i.children?.some((c) => c?.key === selected))?.key as string | undefined;
  const [openKeys, setOpenKeys] = useState<string[]>(groupOfSelected ? [groupOfSelected] : []);
  useEffect(() => {
    if (groupOfSelected) setOpenKeys((open) => (open.includes(groupOfSelected) ? open : [...open, groupOfSelected]));
  }, [groupOfSelected]);

  return (
    <>
      <div className="jf-logo" title={t.app.fullTitle}>
        <span className="jf-emblem">减</span>
        {!collapsed && <span className="jf-logo-text">{t.app.name}</span>}
      </div>
      <Menu
        theme="dark"
        mode="inline"
        selectedKeys={[selected]}
        openKeys={collapsed ? undefined : openKeys}
        onOpenChange={setOpenKeys}
        items={items}
        onClick={({ key }) => {
          void navigate(key);
          onNavigate?.();
        }}
      />
    </>
  );
}
