import { App } from "antd";
import { useCallback } from "react";
import { ApiError, CLIENT_ERROR, isAbort } from "../api/client.js";
import { useT } from "../i18n/index.js";
import type { Dict } from "../i18n/zh-CN.js";

/** The text to show for a failed call: the server's own (already translated) message when it sent one. */
export function errorText(err: unknown, t: Dict): string {
  if (err instanceof ApiError) {
    if (err.code === CLIENT_ERROR.network) return t.common.networkError;
    if (err.code === CLIENT_ERROR.http || !err.message) return t.common.httpError(err.status);
    const details = err.details?.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join("; ");
    return details ? `${err.message}（${details}）` : err.message;
  }
  return t.common.networkError;
}

/** Returns a function that shows any API error as an antd message; aborted requests stay silent. */
export function useApiError(): (err: unknown) => void {
  const { message } = App.useApp();
  const t = useT();
  return useCallback(
    (err: unknown) => {
      if (isAbort(err)) return;
      void message.error(errorText(err, t));
    },
    [message, t],
  );
}
