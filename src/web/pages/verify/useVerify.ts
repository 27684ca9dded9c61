import { useEffect, useState } from "react";
import type { VerifyResult } from "../../../contracts/burdens.js";
import { ApiError, isAbort } from "../../api/client.js";
import { publicApi } from "../../api/endpoints.js";

/**
 * What a check of an admission number found: a burden (valid or no longer valid), no such number
 * (404: never admitted, may be reported), a malformed number (400), or a failure to ask.
 */
export type VerifyState =
  | { state: "idle" }
  | { state: "loading"; number: string }
  | { state: "found"; number: string; result: VerifyResult }
  | { state: "unknown"; number: string }
  | { state: "invalid"; number: string; message: string }
  | { state: "error"; number: string; error: unknown };

/** Checks `number` at GET /api/public/verify/:number whenever it changes (no login needed). */
export function useVerify(number: string | null): VerifyState {
  const [state, setState] = useState<VerifyState>({ state: "idle" });

  useEffect(() => {
    if (!number) return;
    const ctrl = new AbortController();
    setState({ state: "loading", number });
    publicApi.verify(number, ctrl.signal).then(
      (result) => setState({ state: "found", number, result }),
      (error: unknown) => {
        if (isAbort(error)) return;
        if (error instanceof ApiError && error.status === 404) setState({ state: "unknown", number });
        else if (error instanceof ApiError && error.status === 400) setState({ state: "invalid", number, message: error.message });
        else setState({ state: "error", number, error });
      },
    );
    return () => ctrl.abort();
  }, [number]);

  return number ? state : { state: "idle" };
}
