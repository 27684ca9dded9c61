import { GlobalOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useLang, useT } from "../i18n/index.js";

/** One button: shows the other language and switches to it. */
export function LangSwitch({ type = "text" }: { type?: "text" | "link" | "default" }) {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <Button
      type={type}
      icon={<GlobalOutlined />}
      onClick={() => setLang(lang === "en" ? "zh-CN" : "en")}
      aria-label="Language / 语言"
      data-testid="lang-switch"
    >
      {t.app.langSwitch}
    </Button>
  );
}
