import { useEffect, useRef, useState } from "react";
import type { UnitSearchResult } from "../../contracts/org.js";
import { unitsApi } from "../api/endpoints.js";
import { useApiError } from "./useApiError.js";

type Found = UnitSearchResult["items"];

/**
 * Searching units as a person types: waits 300 ms after the last key, cancels the request a newer
 * one replaces, and hands the results to `onFound`. Shared by the single and multiple unit choosers.
 */
export function useUnitSearch(limit: number, onFound: (items: Found) => void) {
  const showError = useApiError();
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inflight.current?.abort();
    },
    [],
  );

  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(() => {
      inflight.current?.abort();
      const ctrl = new AbortController();
      inflight.current = ctrl;
      setLoading(true);
      unitsApi
        .search({ q: q.trim(), limit }, ctrl.signal)
        .then((res) => onFound(res.items))
        .catch(showError)
        .finally(() => {
          if (inflight.current === ctrl) setLoading(false);
        });
    }, 300);
  };

  return { search, loading };
}
