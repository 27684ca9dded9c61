import { Empty, Input, Space, Spin } from "antd";
import { useState } from "react";
import type { UnitSearchResult } from "../../../contracts/org.js";
import { unitsApi } from "../../api/endpoints.js";
import { LevelTag } from "../../components/LevelTag.js";
import { parentPath } from "../../components/unitPath.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

type Found = UnitSearchResult["items"][number];

/** Search box over GET /api/units?q= (the server keeps it inside the user's region); a result opens its detail. */
export function UnitSearch({ onOpen }: { onOpen: (code: string) => void }) {
  const t = useT();
  const [q, setQ] = useState("");
  const found = useLoad(q || null, (signal) => unitsApi.search({ q, limit: 20 }, signal));
  const items: Found[] = q ? (found.data?.items ?? []) : [];

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Input.Search
        allowClear
        placeholder={t.units.searchPlaceholder}
        enterButton={t.common.search}
        maxLength={50}
        loading={found.loading}
        onSearch={(value) => setQ(value.trim())}
        data-testid="unit-search"
      />
      {q && !found.loading && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.units.noResults} />}
      {found.loading && !found.data && <Spin />}
      {items.length > 0 && (
        <ul className="jf-results" aria-label={t.units.results}>
          {items.map((u) => (
            <li key={u.code}>
              <button type="button" onClick={() => onOpen(u.code)}>
                <Space size={6} wrap>
                  <LevelTag level={u.level} />
                  <strong>{u.name}</strong>
                  <span className="jf-tree-code">{u.code}</span>
                </Space>
                {parentPath(u).length > 0 && <span className="jf-path">{parentPath(u).join(" / ")}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Space>
  );
}
