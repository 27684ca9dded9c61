import { Select, Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import type { PublicUnitList } from "../../../contracts/cases.js";
import { isAbort } from "../../api/client.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";
import { publicReportApi } from "../cases/api.js";

type Found = PublicUnitList["items"][number];
type Props = { id?: string; value?: string; onChange?: (code: string) => void; initial?: { code: string; name: string } | null };

/** Picks the unit to report by name, through the public search (no login); value/onChange come from Form.Item. */
export function PublicUnitPicker({ id, value, onChange, initial }: Props) {
  const t = useT();
  const showError = useApiError();
  const [options, setOptions] = useState<Found[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<AbortController | null>(null);
  useEffect(() => () => {
    clearTimeout(timer.current);
    inflight.current?.abort();
  }, []);

  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(() => {
      inflight.current?.abort();
      const ctrl = new AbortController();
      inflight.current = ctrl;
      setLoading(true);
      publicReportApi
        .units(q.trim(), ctrl.signal)
        .then((res) => setOptions(res.items))
        .catch((err: unknown) => !isAbort(err) && showError(err))
        .finally(() => inflight.current === ctrl && setLoading(false));
    }, 300);
  };

  const shown = initial && !options.some((o) => o.code === initial.code) ? [{ ...initial, level: "", parentName: null }, ...options] : options;
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      onChange={onChange}
      placeholder={t.cases.report.unitSearch}
      notFoundContent={loading ? <Spin size="small" /> : null}
      options={shown.map((u) => ({ value: u.code, label: u.parentName ? `${u.name}（${u.parentName}）` : u.name }))}
      size="large"
      data-testid="report-unit"
    />
  );
}
