import { Timeline, Typography } from "antd";
import dayjs from "dayjs";
import type { BurdenDetail, BurdenStatus } from "../../../contracts/burdens.js";
import { useT } from "../../i18n/index.js";

const COLORS: Partial<Record<BurdenStatus, string>> = { admitted: "green", returned: "red", in_review: "orange", withdrawn: "gray", expired: "gray" };

/** Each step of the burden's life: when, from which status to which, by whom, and why. */
export function BurdenTimeline({ events }: { events: BurdenDetail["events"] }) {
  const t = useT();
  return (
    <Timeline
      data-testid="burden-timeline"
      items={events.map((e, i) => ({
        key: i,
        color: COLORS[e.toStatus] ?? "blue",
        content: (
          <div>
            <Typography.Text strong>
              {e.fromStatus ? `${t.statuses[e.fromStatus]} → ${t.statuses[e.toStatus]}` : `${t.burdenDetail.created} · ${t.statuses[e.toStatus]}`}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dayjs(e.at).format("YYYY-MM-DD HH:mm")}
                {e.actorName && ` · ${t.burdenDetail.eventBy(e.actorName)}`}
              </Typography.Text>
            </div>
            {e.reason && <div className="jf-event-reason">{e.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}
