import { Space, Typography } from "antd";
import { Link, useSearchParams } from "react-router-dom";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { noticesApi } from "../cases/api.js";
import { NoticeCards } from "./NoticeCards.js";
import { PublicFrame } from "./PublicFrame.js";

/** /notices — published notices of typical cases, for anyone (?region=<code> narrows to a region). */
export default function PublicNoticesPage() {
  const t = useT();
  const [params] = useSearchParams();
  const region = params.get("region") ?? undefined;
  const list = useLoad(`notices-${region ?? ""}`, () => noticesApi.published(region));
  return (
    <PublicFrame title={t.cases.notices.publicTitle} testId="public-notices">
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Typography.Paragraph type="secondary">{t.cases.notices.publicLead}</Typography.Paragraph>
        {list.data && <NoticeCards notices={list.data.items} />}
        <Link to="/report">{t.cases.notices.reportLink}</Link>
      </Space>
    </PublicFrame>
  );
}
