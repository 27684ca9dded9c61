import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from "@ant-design/icons";
import { App, Avatar, Button, Dropdown, Layout, Space, Typography } from "antd";
import type { MenuProps } from "antd";
import { useNavigate } from "react-router-dom";
import { useAuth, useMe } from "../auth/AuthContext.js";
import { useT } from "../i18n/index.js";
import { LangSwitch } from "./LangSwitch.js";
import { useApiError } from "./useApiError.js";

/** Top bar: page title, language switch, and the user menu (name, role, scope; password; logout). */
type Props = { narrow: boolean; onMenu: () => void; onChangePassword: () => void };

export function HeaderBar({ narrow, onMenu, onChangePassword }: Props) {
  const t = useT();
  const me = useMe();
  const { logout } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();

  const items: MenuProps["items"] = [
    {
      key: "who",
      disabled: true,
      label: (
        <div className="jf-user-card">
          <div>{me.displayName}</div>
          <Typography.Text type="secondary">{t.roles[me.role]}</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {t.header.scope}：{me.scope.name}
          </Typography.Text>
        </div>
      ),
    },
    { type: "divider" },
    { key: "password", icon: <KeyOutlined />, label: t.header.changePassword },
    { key: "logout", icon: <LogoutOutlined />, label: t.header.logout, danger: true },
  ];

  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key === "password") onChangePassword();
    if (key === "logout") {
      logout()
        .then(() => {
          void message.success(t.header.loggedOut);
          void navigate("/login", { replace: true });
        })
        .catch(showError);
    }
  };

  return (
    <Layout.Header className="jf-header">
      {narrow && <Button type="text" icon={<MenuOutlined />} onClick={onMenu} aria-label={t.header.menu} data-testid="menu-button" />}
      <div className="jf-header-title">{narrow ? t.app.name : t.app.fullTitle}</div>
      <Space size={4} className="jf-header-right">
        <LangSwitch />
        <Dropdown menu={{ items, onClick }} trigger={["click"]} placement="bottomRight">
          <a onClick={(e) => e.preventDefault()} className="jf-user" data-testid="user-menu">
            <Avatar size="small" icon={<UserOutlined />} style={{ background: "#1d4e89" }} />
            <span className="jf-user-name">{me.displayName}</span>
            <span className="jf-user-meta">
              {t.roles[me.role]} · {me.scope.name}
            </span>
            <DownOutlined style={{ fontSize: 10 }} />
          </a>
        </Dropdown>
      </Space>
    </Layout.Header>
  );
}
