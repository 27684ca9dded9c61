import { Select, Space, Spin, Tag, Typography } from "antd";
import { useState, type ReactNode } from "react";
import type { UnitSearchResult } from "../../contracts/org.js";
import type { UnitLevel } from "../../contracts/roles.js";
import { useT } from "../i18n/index.js";
import { LevelTag } from "./LevelTag.js";
import { parentPath } from "./unitPath.js";
import { useUnitSearch } from "./useUnitSearch.js";

type Found = UnitSearchResult["items"][number];
type Option = { value: string; name: string; label: ReactNode };
export type UnitRef = { code: string; name: string };

const fromFound = (u: Found): Option => ({
  value: u.code,
  name: u.name,
  label: (
    <Space size={6} wrap={false}>
      <LevelTag level={u.level} />
      <span>{u.name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {parentPath(u).join(" / ")}
      </Typography.Text>
    </Space>
  ),
});
const fromRef = (u: UnitRef): Option => ({ value: u.code, name: u.name, label: u.name });

/** value/onChange/id are injected by Form.Item. */
type Props = {
  id?: string;
  value?: string[];
  onChange?: (codes: string[]) => void;
  /** Names of units already chosen (e.g. a saved burden's targets), so they show as names, not codes. */
  initial?: UnitRef[];
  /** Only units of these levels are offered. */
  levels?: readonly UnitLevel[];
  placeholder?: string;
};

/**
 * Choose several units: type a name or code, pick from GET /api/units?q=… (inside the caller's region).
 * The dropdown shows only the current search; chosen units stay as tags named from what was seen.
 */
export function UnitMultiSelect({ id, value, onChange, initial, levels, placeholder }: Props) {
  const t = useT();
  const [found, setFound] = useState<Option[]>([]);
  const [known, setKnown] = useState<Map<string, Option>>(() => new Map((initial ?? []).map((u) => [u.code, fromRef(u)])));
  const { search, loading } = useUnitSearch(30, (items) => setFound(items.filter((u) => !levels || levels.includes(u.level)).map(fromFound)));


  return (
    <Select<string[], Option>
      id={id}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      onChange={(codes) => {
        setKnown((prev) => {
          const next = new Map(prev);
          for (const o of found) if (codes.includes(o.value)) next.set(o.value, o);
          return next;
        });
        onChange?.(codes);
      }}
      options={found}
      tagRender={({ value: code, closable, onClose }) => (
        <Tag
          closable={closable}
          onClose={onClose}
          onMouseDown={(e) => {
            e.preventDefault();
            e.stopPropagation();
          }}
          style={{ marginInlineEnd: 4 }}
        >
          {known.get(String(code))?.name ?? String(code)}
        </Tag>
      )}
      placeholder={placeholder}
      notFoundContent={loading ? <Spin size="small" /> : t.units.noResults}
      popupMatchSelectWidth={false}
      maxTagCount="responsive"
      style={{ width: "100%" }}
    />
  );
}
