import { Card, Tabs, Typography } from "antd";
import { useState } from "react";
import { useMe } from "../../auth/AuthContext.js";
import { useT } from "../../i18n/index.js";
import { CadresTab } from "./CadresTab.js";
import { LedgerTab } from "./LedgerTab.js";
import { LoadTab } from "./LoadTab.js";
import { ProposalsTab } from "./ProposalsTab.js";

const OVERSEE = new Set(["office", "commission", "admin"]);

/** 指尖减负: the ledger of apps, accounts and groups, each cadre's load, and merge proposals. */
export default function FingertipsPage() {
  const t = useT();
  const me = useMe();
  const [tick, setTick] = useState(0);
  const changed = () => setTick((n) => n + 1);
  const cadre = me.role === "village_cadre" || me.role === "township_official";
  const tabs = [
    { key: "load", label: t.fingertips.tabs.load, children: <LoadTab tick={tick} /> },
    { key: "ledger", label: t.fingertips.tabs.ledger, children: <LedgerTab tick={tick} onChanged={changed} /> },
    { key: "cadres", label: t.fingertips.tabs.cadres, children: <CadresTab tick={tick} /> },
    ...(OVERSEE.has(me.role) ? [{ key: "proposals", label: t.fingertips.tabs.proposals, children: <ProposalsTab tick={tick} onChanged={changed} /> }] : []),
  ];
  return (
    <Card title={t.fingertips.title} data-testid="fingertips-page">
      <Typography.Paragraph type="secondary">{t.fingertips.intro}</Typography.Paragraph>
      <Tabs defaultActiveKey={cadre ? "load" : "ledger"} items={cadre ? tabs : [tabs[1]!, tabs[0]!, ...tabs.slice(2)]} />
    </Card>
  );
}
