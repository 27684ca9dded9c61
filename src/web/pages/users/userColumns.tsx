import { Button, Popconfirm, Space, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import dayjs from "dayjs";
import type { User } from "../../../contracts/org.js";
import { LevelTag } from "../../components/LevelTag.js";
import { RoleTag } from "../../components/RoleTag.js";
import type { Dict } from "../../i18n/zh-CN.js";

export type RowActions = {
  edit: (u: User) => void;
  toggle: (u: User) => void;
  reset: (u: User) => void;
  /** The logged-in admin's own id: he may not disable himself (the server refuses too). */
  selfId: string;
};

export function userColumns(t: Dict, actions: RowActions): TableColumnsType<User> {
  return [
    { title: t.users.username, dataIndex: "username", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t.users.displayName, dataIndex: "displayName" },
    { title: t.users.role, dataIndex: "role", render: (_v, u) => <RoleTag role={u.role} /> },
    {
      title: t.users.scope,
      key: "scope",
      render: (_v, u) => (
        <Space size={4} wrap>
          <span>{u.scope.name}</span>
          <LevelTag level={u.scope.level} />
          <span className="jf-tree-code">{u.scope.code}</span>
        </Space>
      ),
    },
    {
      title: t.users.status,
      key: "status",
      render: (_v, u) => (
        <Space size={4}>
          {u.disabled ? <Tag color="default">{t.users.disabled}</Tag> : <Tag color="success">{t.users.active}</Tag>}
          {u.locked && <Tag color="warning">{t.users.locked}</Tag>}
        </Space>
      ),
    },
    {
      title: t.users.createdAt,
      dataIndex: "createdAt",
      responsive: ["lg"],
      render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm"),
    },
    {
      title: t.common.actions,
      key: "actions",
      fixed: "right",
      render: (_v, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => actions.edit(u)}>
            {t.users.editShort}
          </Button>
          <Popconfirm
            title={u.disabled ? t.users.confirmEnable(u.displayName) : t.users.confirmDisable(u.displayName)}
            onConfirm={() => actions.toggle(u)}
            okText={t.common.ok}
            cancelText={t.common.cancel}
            disabled={u.id === actions.selfId}
          >
            <Button type="link" size="small" danger={!u.disabled} disabled={u.id === actions.selfId}>
              {u.disabled ? t.users.enable : t.users.disable}
            </Button>
          </Popconfirm>
          <Button type="link" size="small" onClick={() => actions.reset(u)}>
            {t.users.resetPassword}
          </Button>
        </Space>
      ),
    },
  ];
}
