import { useCallback, useEffect, useRef, useState } from "react";
import type { OneTable } from "../../../contracts/forms.js";
import { formsApi, type Answer } from "./api.js";

const keyOf = (indicatorId: string, periodKey: string) => `${indicatorId}|${periodKey}`;
const localKey = (unit: string) => `jianfu.onetable.${unit}`;
const idemKey = (unit: string) => `jianfu.onetable.key.${unit}`;

const readLocal = (unit: string): Record<string, string> => {
  try {
    return JSON.parse(localStorage.getItem(localKey(unit)) ?? "{}") as Record<string, string>;
  } catch {
    return {};
  }
};

/**
 * The answers being typed: kept on the phone at every keystroke (a poor connection loses nothing) and
 * on the server a few seconds after the last change. The idempotency key of a submission is kept until
 * it succeeds, so a retry after a lost reply is recognized by the server and never recorded twice.
 */
export function useOneTableDraft(unit: string, table: OneTable | undefined) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!table) return;
    const fromServer = Object.fromEntries(table.questions.filter((q) => q.draft !== null).map((q) => [keyOf(q.indicatorId, q.periodKey), q.draft!]));
    setValues({ ...fromServer, ...readLocal(unit) });
    setSavedAt(table.draftSavedAt);
  }, [table, unit]);

  const answers = useCallback(
    (all: Record<string, string>): Answer[] =>
      (table?.questions ?? []).flatMap((q) => {
        const v = all[keyOf(q.indicatorId, q.periodKey)]?.trim();
        return v ? [{ indicatorId: q.indicatorId, periodKey: q.periodKey, value: v }] : [];
      }),
    [table],
  );

  const saveDraft = useCallback(
    (all: Record<string, string>) => formsApi.saveDraft(unit, answers(all)).then((r) => setSavedAt(r.savedAt)),
    [unit, answers],
  );

  const set = (indicatorId: string, periodKey: string, value: string) => {
    setValues((old) => {
      const next = { ...old, [keyOf(indicatorId, periodKey)]: value };
      try {
        localStorage.setItem(localKey(unit), JSON.stringify(next));
      } catch {
        // storage full or private mode: the server draft still keeps it
      }
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveDraft(next).catch(() => undefined), 3000);
      return next;
    });
  };

  const submit = async () => {
    let key = localStorage.getItem(idemKey(unit));
    if (!key) {
      key = crypto.randomUUID();
      localStorage.setItem(idemKey(unit), key);
    }
    if (timer.current) clearTimeout(timer.current);
    const result = await formsApi.submit(unit, key, answers(values));
    localStorage.removeItem(idemKey(unit));
    localStorage.removeItem(localKey(unit));
    return result;
  };

  return { values, pending: () => answers(values), valueOf: (indicatorId: string, periodKey: string) => values[keyOf(indicatorId, periodKey)] ?? "", set, savedAt, saveDraft: () => saveDraft(values), submit, count: answers(values).length };
}
