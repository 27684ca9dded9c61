import { Card, Space, Typography } from "antd";
import { Link, useNavigate, useParams } from "react-router-dom";
import { LangSwitch } from "../../components/LangSwitch.js";
import { useT } from "../../i18n/index.js";
import { useVerify } from "./useVerify.js";
import { VerifyForm } from "./VerifyForm.js";
import { VerifyResultCard } from "./VerifyResultCard.js";

/**
 * /verify and /verify/:number — public, no login, outside the app frame. The QR code printed on a
 * document points to /verify/<number>, so that address shows the answer at once.
 */
export default function PublicVerifyPage() {
  const t = useT();
  const navigate = useNavigate();
  const { number } = useParams();
  const verify = useVerify(number ?? null);

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
        <Card className="jf-public-card" title={t.verify.publicTitle} variant="borderless" data-testid="public-verify">
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Typography.Text type="secondary">{t.verify.publicLead}</Typography.Text>
            <VerifyForm
              key={number ?? ""}
              initial={number}
              size="large"
              onVerify={(n) => void navigate(`/verify/${encodeURIComponent(n)}`, { replace: Boolean(number) })}
            />
            <VerifyResultCard verify={verify} />
          </Space>
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
