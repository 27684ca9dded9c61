import { ClockCircleOutlined, ShareAltOutlined } from "@ant-design/icons";
import { Button, Card, Space, Tag, Typography } from "antd";
import { Link, useNavigate } from "react-router-dom";
import type { InboxItem } from "../../api/endpoints.js";
import { formatHours } from "../../components/format.js";
import { useLang, useT } from "../../i18n/index.js";
import { KindTag } from "../burdens/tags.js";

/** Working days left is shown red from two days down: the cadre should see at once what is urgent. */
const URGENT_DAYS = 2;

/** One admitted burden reaching the user: what, from whom, by when (working days), what it costs him a year. */
export function InboxCard({ item }: { item: InboxItem }) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const urgent = item.workingDaysLeft <= URGENT_DAYS;
  const i = t.inbox;

  return (
    <Card size="small" className="jf-inbox-card" data-testid="inbox-item" data-urgent={urgent} data-id={item.id}>
      <div className="jf-inbox-head">
        <KindTag kind={item.kind} />
        <Tag color={urgent ? "red" : "blue"} icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }} data-testid="inbox-days-left">
          {i.daysLeft(item.workingDaysLeft)}
        </Tag>
      </div>
      <Link to={`/burdens/${item.id}`} className="jf-inbox-title">
        {item.title}
      </Link>
      <dl className="jf-inbox-facts">
        <div>
          <dt>{i.issuer}</dt>
          <dd>{item.issuer.name}</dd>
        </div>
        <div>
          <dt>{i.deadline}</dt>
          <dd className={urgent ? "jf-urgent" : undefined}>{item.deadline}</dd>
        </div>
        <div>
          <dt>{i.frequency}</dt>
          <dd>
            {t.frequencies[item.frequency]} · {i.hoursForMe(formatHours(item.yearlyHoursForMe, lang))}
          </dd>
        </div>
        {item.myTargets.length > 1 && (
          <div>
            <dt>{i.myTargets}</dt>
            <dd>
              {item.myTargets
                .slice(0, 4)
                .map((u) => u.name)
                .join(t.common.listSep)}
              {item.myTargets.length > 4 && ` ${i.moreTargets(item.myTargets.length)}`}
            </dd>
          </div>
        )}
        {item.admissionNumber && (
          <div>
            <dt>{i.number}</dt>
            <dd>
              <Typography.Text className="jf-tree-code" copyable>
                {item.admissionNumber}
              </Typography.Text>
            </dd>
          </div>
        )}
      </dl>
      {item.canRelay && (
        <Space>
          <Button size="small" icon={<ShareAltOutlined />} onClick={() => void navigate(`/burdens/new?parent=${item.id}`)} data-testid="inbox-relay">
            {i.relay}
          </Button>
        </Space>
      )}
    </Card>
  );
}

export function InboxTotal({ hours, count }: { hours: number; count: number }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <div className="jf-inbox-total" data-testid="inbox-total">
      <Typography.Text type="secondary">{t.inbox.totalHours}</Typography.Text>
      <div className="jf-inbox-total-value">
        {formatHours(hours, lang)}
        <span>{t.gate.hoursUnit}</span>
      </div>
      <Typography.Text type="secondary">{t.inbox.count(count)}</Typography.Text>
    </div>
  );
}
