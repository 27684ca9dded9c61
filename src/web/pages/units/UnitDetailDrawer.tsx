import { Breadcrumb, Descriptions, Drawer, Grid, Skeleton, Typography } from "antd";
import { unitsApi } from "../../api/endpoints.js";
import { LevelTag } from "../../components/LevelTag.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { UnitResourcesPanel } from "../facilities/UnitResourcesPanel.js";

/** Details of one unit (GET /api/units/:code): code, name, level, chain of units above, number of units below. */
export function UnitDetailDrawer({ code, onClose }: { code: string | null; onClose: () => void }) {
  const t = useT();
  const narrow = Grid.useBreakpoint().sm === false;
  const detail = useLoad(code, (signal) => unitsApi.get(code ?? "", signal));
  const u = code && detail.data?.code === code ? detail.data : undefined;

  return (
    <Drawer title={t.units.detail} open={code !== null} onClose={onClose} size={narrow ? "100%" : 480} destroyOnHidden>
      {!u ? (
        <Skeleton active loading={detail.loading} />
      ) : (
        <Descriptions column={1} bordered size="small" styles={{ label: { width: 112, whiteSpace: "nowrap" } }} data-testid="unit-detail">
          <Descriptions.Item label={t.common.name}>
            <Typography.Text strong>{u.name}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t.common.code}>
            <Typography.Text copyable>{u.code}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t.common.level}>
            <LevelTag level={u.level} />
          </Descriptions.Item>
          {u.orgType && <Descriptions.Item label={t.units.orgType}>{t.orgTypes[u.orgType]}</Descriptions.Item>}
          <Descriptions.Item label={t.units.ancestors}>
            {u.ancestors.length > 0 ? <Breadcrumb items={u.ancestors.map((a) => ({ key: a.code, title: a.name }))} /> : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t.units.childCount}>{u.childCount}</Descriptions.Item>
        </Descriptions>
      )}
      {u && u.level !== "nation" && <UnitResourcesPanel code={u.code} />}
    </Drawer>
  );
}
