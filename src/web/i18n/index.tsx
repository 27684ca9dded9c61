import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { setApiLang, type Lang } from "../api/client.js";
import { en } from "./en.js";
import { zhCN, type Dict } from "./zh-CN.js";

export type { Lang };
const STORAGE_KEY = "jianfu.lang";
const DICTS: Record<Lang, Dict> = { "zh-CN": zhCN, en };

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

/** Applies a language everywhere outside React: API header, dayjs, <html lang>. */
function applyLang(lang: Lang): void {
  setApiLang(lang);
  dayjs.locale(lang === "en" ? "en" : "zh-cn");
  document.documentElement.lang = lang;
  document.title = DICTS[lang].app.fullTitle;
}

type LangState = { lang: Lang; setLang: (lang: Lang) => void; t: Dict };
const LangContext = createContext<LangState | null>(null);

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    applyLang(l);
    return l;
  });
  useEffect(() => applyLang(lang), [lang]);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    applyLang(next);
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang, t: DICTS[lang] }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

function useLangState(): LangState {
  const state = useContext(LangContext);
  if (!state) throw new Error("LangProvider is missing");
  return state;
}

/** The dictionary of the current language: `const t = useT(); t.login.submit`. */
export const useT = (): Dict => useLangState().t;
export const useLang = (): Pick<LangState, "lang" | "setLang"> => useLangState();
