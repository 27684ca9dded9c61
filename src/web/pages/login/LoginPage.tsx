import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useLocation } from "react-router-dom";
import type { Login } from "../../../contracts/org.js";
import { useAuth } from "../../auth/AuthContext.js";
import { LangSwitch } from "../../components/LangSwitch.js";
import { errorText } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

/** Where to go after login: the page the user was sent away from, else home. */
function useReturnTo(): string {
  const state: unknown = useLocation().state;
  const from = state && typeof state === "object" && "from" in state ? state.from : null;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("/login") ? from : "/";
}

export default function LoginPage() {
  const t = useT();
  const { me, login } = useAuth();
  const returnTo = useReturnTo();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (me) return <Navigate to={returnTo} replace />;

  const onFinish = (values: Login) => {
    setSubmitting(true);
    setError(null);
    // on success `me` is set and the <Navigate> above takes the user on
    login({ username: values.username.trim(), password: values.password })
      .catch((err: unknown) => setError(err))
      .finally(() => setSubmitting(false));
  };

  return (
    <div className="jf-login">
      <div className="jf-login-lang">
        <LangSwitch type="link" />
      </div>
      <header className="jf-login-banner">
        <span className="jf-emblem">减</span>
        <h1>{t.app.fullTitle}</h1>
        <p>{t.app.subtitle}</p>
      </header>
      <main className="jf-login-main">
        <Card className="jf-login-card" title={t.login.heading} variant="borderless">
          {error !== null && (
            <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 16 }} data-testid="login-error" />
          )}
          <Form<Login> layout="vertical" requiredMark={false} onFinish={onFinish} size="large" disabled={submitting}>
            <Form.Item name="username" label={t.login.username} rules={[{ required: true, whitespace: true, message: t.login.usernameRequired }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" autoCorrect="off" spellCheck={false} />
            </Form.Item>
            <Form.Item name="password" label={t.login.password} rules={[{ required: true, message: t.login.passwordRequired }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {t.login.submit}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            {t.login.hint}
          </Typography.Paragraph>
        </Card>
      </main>
      <footer className="jf-login-foot">{t.app.footer}</footer>
    </div>
  );
}
