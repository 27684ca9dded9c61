import { Select, Space, Spin, Typography } from "antd";
import { useState, type ReactNode } from "react";
import type { Unit, UnitSearchResult } from "../../contracts/org.js";
import { useT } from "../i18n/index.js";
import { LevelTag } from "./LevelTag.js";
import { parentPath } from "./unitPath.js";
import { useUnitSearch } from "./useUnitSearch.js";

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
  const [options, setOptions] = useState<Option[]>(() => (initial ? [toOption(initial)] : []));
  const { search, loading } = useUnitSearch(20, (items) => setOptions(items.map(toOption)));

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
