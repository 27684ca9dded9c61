import { Drawer, Grid, Layout } from "antd";
import { Suspense, useState } from "react";
import { Outlet } from "react-router-dom";
import { useMe } from "../auth/AuthContext.js";
import { useT } from "../i18n/index.js";
import { ChangePasswordModal } from "./ChangePasswordModal.js";
import { HeaderBar } from "./HeaderBar.js";
import { PageSpin } from "./PageSpin.js";
import { SideMenu } from "./SideMenu.js";

/**
 * The frame after login: a collapsible side menu on wide screens, a drawer menu opened from the header
 * on phones; the header; the page. A user who must change his password gets the dialog on arrival.
 */
export default function AppLayout() {
  const t = useT();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const [pwdOpen, setPwdOpen] = useState(false);

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {narrow ? (
        <Drawer
          placement="left"
          open={drawer}
          onClose={() => setDrawer(false)}
          size={220}
          closable={false}
          styles={{ body: { padding: 0, background: "#0f2d52" } }}
          title={null}
        >
          <SideMenu collapsed={false} onNavigate={() => setDrawer(false)} />
        </Drawer>
      ) : (
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={200} collapsedWidth={64} className="jf-sider">
          <SideMenu collapsed={collapsed} />
        </Layout.Sider>
      )}
      <Layout>
        <HeaderBar narrow={narrow} onMenu={() => setDrawer(true)} onChangePassword={() => setPwdOpen(true)} />
        <Layout.Content className="jf-content">
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="jf-footer">{t.app.footer}</Layout.Footer>
      </Layout>
      <ChangePasswordModal open={pwdOpen || me.mustChangePassword} forced={me.mustChangePassword} onClose={() => setPwdOpen(false)} />
    </Layout>
  );
}
