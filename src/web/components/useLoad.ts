import { useCallback, useEffect, useRef, useState } from "react";
import { isAbort } from "../api/client.js";
import { useApiError } from "./useApiError.js";

type Loaded<T> = { data: T | undefined; loading: boolean; error: unknown; reload: () => void };

/**
 * Loads data for a view and reloads it whenever `key` changes (e.g. the query string of a table).
 * Older requests are aborted; errors are shown once as a message and kept in `error`.
 */
export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const showError = useApiError();
  const loadRef = useRef(load);
  const [state, setState] = useState<{ data: T | undefined; loading: boolean; error: unknown }>({
    data: undefined,
    loading: key !== null,
    error: null,
  });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    loadRef.current(ctrl.signal).then(
      (data) => setState({ data, loading: false, error: null }),
      (error: unknown) => {
        if (isAbort(error)) return;
        showError(error);
        setState((s) => ({ ...s, loading: false, error }));
      },
    );
    return () => ctrl.abort();
  }, [key, tick, showError]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
