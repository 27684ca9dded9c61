import { Descriptions, Typography } from "antd";
import { useEffect, useState } from "react";
import type { UnitResources } from "../../../contracts/facilities.js";
import { api, isAbort } from "../../api/client.js";
import { useT } from "../../i18n/index.js";

/**
 * A unit's facilities, projects and delegated powers, in its burden picture (the unit drawer): the
 * facility staff hours it carries every month (docs/decisions/0008), idle ones, flagged projects, unused powers.
 * Quiet when the unit is outside what the user may read.
 */
export function UnitResourcesPanel({ code }: { code: string }) {
  const t = useT();
  const [data, setData] = useState<UnitResources | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    setData(null);
    api.get<UnitResources>("/api/facilities/unit-summary", { unit: code }, ctrl.signal).then(setData, (err: unknown) => {
      if (!isAbort(err)) setData(null);
    });
    return () => ctrl.abort();
  }, [code]);
  if (!data) return null;
  const s = t.facilities.summary;
  return (
    <div style={{ marginTop: 16 }} data-testid="unit-resources">
      <Typography.Title level={5}>{t.resources.nav.facilities} · {t.resources.nav.projects} · {t.resources.nav.powers}</Typography.Title>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={s.facilities}>{data.facilities}（{s.idle} {data.idleFacilities}）</Descriptions.Item>
        <Descriptions.Item label={s.hours}>{data.staffHoursPerMonth}（{s.idleHours} {data.idleStaffHoursPerMonth}）</Descriptions.Item>
        <Descriptions.Item label={t.resources.nav.projects}>{data.projects}（{t.resources.flags} {data.flaggedProjects}）</Descriptions.Item>
        <Descriptions.Item label={t.resources.nav.powers}>{data.powers}（{t.powers.unused} {data.unusedPowers}）</Descriptions.Item>
      </Descriptions>
    </div>
  );
}
