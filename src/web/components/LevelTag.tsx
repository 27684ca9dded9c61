import { Tag } from "antd";
import type { UnitLevel } from "../../contracts/roles.js";
import { useT } from "../i18n/index.js";

const COLORS: Record<UnitLevel, string> = {
  nation: "red",
  province: "volcano",
  city: "orange",
  county: "gold",
  township: "blue",
  village: "green",
  department: "purple",
};

export function LevelTag({ level }: { level: UnitLevel }) {
  const t = useT();
  return (
    <Tag color={COLORS[level]} variant="filled" style={{ marginInlineEnd: 0 }}>
      {t.levels[level]}
    </Tag>
  );
}
