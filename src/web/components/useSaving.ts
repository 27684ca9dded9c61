import { useCallback, useState } from "react";
import { useApiError } from "./useApiError.js";

/**
 * A dialog's save: `saving` while the work runs (the OK button spins); a failure is shown as the API's
 * message (zh-CN or en) and the dialog stays open. Resolves true once the work is done.
 */
export function useSaving() {
  const showError = useApiError();
  const [saving, setSaving] = useState(false);
  const run = useCallback(
    async (work: () => Promise<void>): Promise<boolean> => {
      setSaving(true);
      try {
        await work();
        return true;
      } catch (err) {
        showError(err);
        return false;
      } finally {
        setSaving(false);
      }
    },
    [showError],
  );
  return { saving, run };
}
