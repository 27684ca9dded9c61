import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Input, Select, Space, Table } from "antd";
import { useState } from "react";
import type { User } from "../../../contracts/org.js";
import { ROLES, type Role } from "../../../contracts/roles.js";
import { usersApi, type UserListQuery } from "../../api/endpoints.js";
import { useMe } from "../../auth/AuthContext.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { ResetPasswordModal } from "./ResetPasswordModal.js";
import { UserFormModal } from "./UserFormModal.js";
import { userColumns } from "./userColumns.js";

/** Accounts inside the administrator's scope: search, filter by role, page; create, edit, disable, reset. */
export default function UsersPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [query, setQuery] = useState<UserListQuery>({ limit: 20, offset: 0 });
  const list = useLoad(JSON.stringify(query), (signal) => usersApi.list(query, signal));
  const [form, setForm] = useState<{ open: boolean; editing: User | null }>({ open: false, editing: null });
  const [resetting, setResetting] = useState<User | null>(null);

  const toggle = (u: User) => {
    usersApi
      .update(u.id, { disabled: !u.disabled })
      .then(() => {
        void message.success(t.users.updated);
        list.reload();
      })
      .catch(showError);
  };

  const columns = userColumns(t, {
    edit: (u) => setForm({ open: true, editing: u }),
    toggle,
    reset: setResetting,
    selfId: me.id,
  });

  return (
    <Card
      title={t.nav.users}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, editing: null })} data-testid="user-create">
          {t.users.create}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t.users.searchPlaceholder}
          maxLength={50}
          style={{ width: 240 }}
          onSearch={(q) => setQuery((prev) => ({ ...prev, q: q.trim() || undefined, offset: 0 }))}
        />
        <Select<Role | "">
          value={query.role ?? ""}
          style={{ width: 180 }}
          options={[{ value: "", label: t.users.allRoles }, ...ROLES.map((r) => ({ value: r, label: t.roles[r] }))]}
          onChange={(role) => setQuery((prev) => ({ ...prev, role: role || undefined, offset: 0 }))}
        />
      </Space>
      <Table<User>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: "max-content" }}
        pagination={{
          current: Math.floor(query.offset / query.limit) + 1,
          pageSize: query.limit,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => t.common.total(n),
          onChange: (page, size) => setQuery((prev) => ({ ...prev, limit: size, offset: size === prev.limit ? (page - 1) * size : 0 })),
        }}
      />
      <UserFormModal
        open={form.open}
        editing={form.editing}
        onClose={() => setForm({ open: false, editing: null })}
        onSaved={() => {
          setForm({ open: false, editing: null });
          list.reload();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
