import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Input } from "antd";
import { useState } from "react";
import { useT } from "../../i18n/index.js";

/** The admission-number input: typed or pasted, spaces dropped, checked on Enter or the button. */
export function VerifyForm({ initial, onVerify, size = "middle" }: { initial?: string; onVerify: (n: string) => void; size?: "middle" | "large" }) {
  const t = useT();
  const [value, setValue] = useState(initial ?? "");
  return (
    <Input.Search
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onSearch={(raw) => {
        const n = raw.replace(/\s+/g, "").toUpperCase();
        if (n) onVerify(n);
      }}
      placeholder={t.verify.placeholder}
      enterButton={
        <span>
          <SafetyCertificateOutlined /> {t.verify.button}
        </span>
      }
      size={size}
      maxLength={40}
      inputMode="text"
      autoComplete="off"
      spellCheck={false}
      allowClear
      data-testid="verify-input"
      aria-label={t.verify.title}
    />
  );
}
