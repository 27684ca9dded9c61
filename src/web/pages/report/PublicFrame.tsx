import { Card } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { LangSwitch } from "../../components/LangSwitch.js";
import { useT } from "../../i18n/index.js";

/** The frame of the public pages: no login, no menu, readable on a phone. */
export function PublicFrame({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  const t = useT();
  return (
    <div className="jf-login jf-public">
      <div className="jf-login-lang">
        <LangSwitch type="link" />
      </div>
      <header className="jf-login-banner">
        <span className="jf-emblem">减</span>
        <h1>{t.app.fullTitle}</h1>
        <p>{t.app.subtitle}</p>
      </header>
      <main className="jf-login-main">
        <Card className="jf-public-card" title={title} variant="borderless" data-testid={testId}>
          {children}
        </Card>
      </main>
      <footer className="jf-login-foot">
        <Link to="/login" className="jf-public-login">
          {t.verify.login}
        </Link>
        <div>{t.app.footer}</div>
      </footer>
    </div>
  );
}
