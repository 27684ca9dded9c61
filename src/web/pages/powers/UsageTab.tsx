import { Space, Switch, Table, Tag, Tooltip } from "antd";
import { useState } from "react";
import type { PowerUsage } from "../../../contracts/powers.js";
import { useT } from "../../i18n/index.js";
import { FlagCase } from "../facilities/FlagCase.js";

/** Twelve months of exercises as small bars (oldest left), with the counts in the tooltip. */
function Bars({ monthly, periods }: { monthly: number[]; periods: string[] }) {
  const top = Math.max(1, ...monthly);
  return (
    <Tooltip title={monthly.map((n, i) => `${periods[i]}: ${n}`).join("，")}>
      <svg width={12 * 7} height={20} role="img" aria-label={monthly.join(",")} data-testid="power-bars">
        {monthly.map((n, i) => (
          <rect key={periods[i]} x={i * 7} y={20 - (n / top) * 18 - (n > 0 ? 2 : 0)} width={5} height={(n / top) * 18 + (n > 0 ? 2 : 1)} fill={n > 0 ? "#1d4e89" : "#d9d9d9"} />
        ))}
      </svg>
    </Tooltip>
  );
}

/** How often each township exercised each power, month by month; unused ones flagged, and turned into a case. */
export function UsageTab({ items, periods, loading, onChanged, initiallyFlagged }: { items: PowerUsage[]; periods: string[]; loading: boolean; onChanged: () => void; initiallyFlagged: boolean }) {
  const t = useT();
  const [flagged, setFlagged] = useState(initiallyFlagged);
  const shown = flagged ? items.filter((u) => u.flag) : items;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Switch checked={flagged} onChange={setFlagged} data-testid="powers-flagged" /> {t.resources.onlyFlagged}
      </Space>
      <Table<PowerUsage>
        rowKey={(u) => `${u.township.code}:${u.key}`}
        size="small"
        loading={loading}
        dataSource={shown}
        scroll={{ x: 1040 }}
        columns={[
          { title: t.powers.township, render: (_, u) => u.township.name, width: 100 },
          { title: t.powers.key, dataIndex: "key", width: 70 },
          { title: t.powers.name, dataIndex: "name" },
          { title: t.powers.category, render: (_, u) => t.powers.categories[u.category] ?? u.category, width: 90 },
          { title: t.powers.heldSince, dataIndex: "heldSince", width: 110 },
          { title: t.powers.monthly, width: 110, render: (_, u) => <Bars monthly={u.monthly} periods={periods} /> },
          { title: t.powers.last12, dataIndex: "last12Months", width: 90 },
          {
            title: t.resources.flags,
            width: 220,
            render: (_, u) =>
              u.flag ? (
                <Space size={4} wrap>
                  <Tooltip title={u.flag.message}><Tag color="orange">{t.powers.unused}</Tag></Tooltip>
                  <FlagCase path={`/api/powers/usage/${u.township.code}/${u.key}/case`} caseId={u.flag.caseId} canOpen={u.can.includes("open_case")} onOpened={onChanged} testId={`power-${u.township.code}-${u.key}`} />
                </Space>
              ) : (
                <Tag color="green">{t.resources.noFlags}</Tag>
              ),
          },
        ]}
      />
    </>
  );
}
