import { Tag } from "antd";
import type { Role } from "../../contracts/roles.js";
import { useT } from "../i18n/index.js";

const COLORS: Record<Role, string> = {
  village_cadre: "green",
  township_official: "blue",
  department_staff: "purple",
  office: "geekblue",
  commission: "red",
  admin: "default",
};

export function RoleTag({ role }: { role: Role }) {
  const t = useT();
  return <Tag color={COLORS[role]}>{t.roles[role]}</Tag>;
}
