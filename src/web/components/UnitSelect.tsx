import { Select, Space, Spin, Typography } from "antd";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { Unit, UnitSearchResult } from "../../contracts/org.js";
import { unitsApi } from "../api/endpoints.js";
import { useT } from "../i18n/index.js";
import { LevelTag } from "./LevelTag.js";
import { parentPath } from "./unitPath.js";
import { useApiError } from "./useApiError.js";

type Found = UnitSearchResult["items"][number];
type Option = { value: string; label: ReactNode; title: string };

const toOption = (u: Unit | Found): Option => ({
  value: u.code,
  title: `${u.name} ${u.code}`,
  label: (
    <Space size={6} wrap={false}>
      <LevelTag level={u.level} />
      <span>{u.name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {u.code}
        {"pathNames" in u && parentPath(u).length > 0 ? ` · ${parentPath(u).join(" / ")}` : ""}
      </Typography.Text>
    </Space>
  ),
});

/** value/onChange/id are injected by Form.Item. */
type Props = { id?: string; value?: string; onChange?: (code: string) => void; initial?: Unit; placeholder?: string };

/** A unit chooser for forms: type a name or code, pick from GET /api/units?q=… (inside the caller's scope). */
export function UnitSelect({ id, value, onChange, initial, placeholder }: Props) {
  const t = useT();
  const showError = useApiError();
  const [options, setOptions] = useState<Option[]>(() => (initial ? [toOption(initial)] : []));
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inflight.current?.abort();
    },
    [],
  );

  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(() => {
      inflight.current?.abort();
      const ctrl = new AbortController();
      inflight.current = ctrl;
      setLoading(true);
      unitsApi
        .search({ q: q.trim(), limit: 20 }, ctrl.signal)
        .then((res) => setOptions(res.items.map(toOption)))
        .catch(showError)
        .finally(() => {
          if (inflight.current === ctrl) setLoading(false);
        });
    }, 300);
  };

  return (
    <Select<string, Option>
      id={id}
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      onChange={(code) => onChange?.(code)}
      options={options}
      optionLabelProp="label"
      placeholder={placeholder ?? t.users.scopePlaceholder}
      notFoundContent={loading ? <Spin size="small" /> : t.units.noResults}
      popupMatchSelectWidth={false}
      style={{ width: "100%" }}
    />
  );
}
