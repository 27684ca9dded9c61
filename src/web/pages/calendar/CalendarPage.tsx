import { DeleteOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, DatePicker, Empty, Popconfirm, Row, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { CalendarDay } from "../../../contracts/calendar.js";
import { calendarApi } from "../../api/endpoints.js";
import { useMe } from "../../auth/AuthContext.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { CalendarDayForm } from "./CalendarDayForm.js";

/** Days of one month: date, weekday, holiday or make-up workday, name, and who entered an office day. */
function MonthCard({ month, days, canEdit, onDelete }: { month: number; days: CalendarDay[]; canEdit: boolean; onDelete: (date: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Card size="small" title={t.calendar.month(month)} style={{ height: "100%" }}>
      <Space orientation="vertical" size={6} style={{ width: "100%" }}>
        {days.map((d) => (
          <div key={d.date} className="jf-cal-day" data-testid={`calendar-day-${d.date}`}>
            <Tag color={d.kind === "holiday" ? "red" : "blue"}>{t.calendar.kinds[d.kind]}</Tag>
            <span>{dayjs(d.date).format(lang === "en" ? "MMM D (ddd)" : "M月D日（ddd）")}</span>
            <Typography.Text strong>{lang === "en" && d.nameEn ? d.nameEn : d.name}</Typography.Text>
            {d.source === "office" && (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.calendar.enteredBy(d.enteredBy ?? t.duties.system)}
                </Typography.Text>
                {canEdit && (
                  <Popconfirm title={t.calendar.removeConfirm(d.date)} onConfirm={() => onDelete(d.date)}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t.calendar.remove} />
                  </Popconfirm>
                )}
              </>
            )}
          </div>
        ))}
      </Space>
    </Card>
  );
}

/** 工作日历: a year's public holidays and make-up workdays, whether the year is covered, and the office's entries. */
export default function CalendarPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [year, setYear] = useState(() => dayjs().year());
  const [tick, setTick] = useState(0);
  const cal = useLoad(`${year}|${tick}`, (signal) => calendarApi.year(year, signal));
  const canEdit = me.role === "office" || me.role === "admin";
  const data = cal.data?.year === year ? cal.data : undefined;
  const months = Array.from({ length: 12 }, (_, i) => i + 1)
    .map((m) => ({ m, days: (data?.days ?? []).filter((d) => Number(d.date.slice(5, 7)) === m) }))
    .filter((x) => x.days.length > 0);

  const remove = (date: string) => {
    calendarApi
      .deleteDay(date)
      .then(() => {
        void message.success(t.calendar.removed);
        setTick((n) => n + 1);
      })
      .catch(showError);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="calendar-page">
      <Card
        title={t.nav.calendar}
        loading={cal.loading && !data}
        extra={<DatePicker picker="year" allowClear={false} value={dayjs().year(year)} onChange={(d) => d && setYear(d.year())} data-testid="calendar-year" />}
      >
        {data && (
          <div data-testid="calendar-covered" data-covered={String(data.covered)} style={{ marginBottom: 16 }}>
            {data.covered ? (
              <Alert
                type="success"
                showIcon
                title={`${data.year} · ${t.calendar.covered} · ${t.calendar.workingDays(data.workingDays)}`}
                description={t.calendar.coveredBy(data.coveredBy.map((s) => t.calendar.sources[s]).join(t.common.listSep))}
              />
            ) : (
              <Alert type="warning" showIcon title={t.calendar.notCovered} description={t.calendar.workingDays(data.workingDays)} />
            )}
          </div>
        )}
        {data && months.length === 0 && <Empty description={t.calendar.empty} />}
        <Row gutter={[16, 16]}>
          {months.map(({ m, days }) => (
            <Col key={m} xs={24} md={12} xl={8}>
              <MonthCard month={m} days={days} canEdit={canEdit} onDelete={remove} />
            </Col>
          ))}
        </Row>
      </Card>
      {canEdit && (
        <CalendarDayForm
          onSaved={(y) => {
            setYear(y);
            setTick((n) => n + 1);
          }}
        />
      )}
    </Space>
  );
}
