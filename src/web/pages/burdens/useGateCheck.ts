import { useEffect, useState } from "react";
import type { BurdenInput, GateResult } from "../../../contracts/burdens.js";
import { isAbort } from "../../api/client.js";
import { burdensApi } from "../../api/endpoints.js";

export type GateState = { result: GateResult | undefined; checking: boolean; error: unknown; idle: boolean };

const DEBOUNCE_MS = 600;

/**
 * Runs the admission gate on the burden being written (POST /api/admission/check, nothing saved) once
 * the typing pauses; a newer version aborts the older check. `input` is null while the form is not
 * complete enough: the last result stays, marked idle.
 */
export function useGateCheck(input: BurdenInput | null): GateState {
  const key = input ? JSON.stringify(input) : null;
  const [state, setState] = useState<Omit<GateState, "idle">>({ result: undefined, checking: false, error: null });

  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, checking: true }));
      burdensApi.check(JSON.parse(key) as BurdenInput, ctrl.signal).then(
        (result) => setState({ result, checking: false, error: null }),
        (error: unknown) => {
          if (!isAbort(error)) setState((s) => ({ ...s, checking: false, error }));
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [key]);

  return { ...state, idle: key === null };
}
