// The workspace language (French first, English on request, remembered in localStorage) and t().
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { type Lang, type MessageKey, t } from "../../i18n/index.ts";

const STORAGE_KEY = "carnet.lang";

type LangState = { lang: Lang; setLang(lang: Lang): void };
const LangContext = createContext<LangState>({ lang: "fr", setLang: () => {} });

function storedLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "fr";
  } catch {
    return "fr";
  }
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage: the switch still works for this page.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function useT(): T {
  const { lang } = useContext(LangContext);
  return useCallback((key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params), [lang]);
}

export function formatDate(lang: Lang, value: string | null | undefined): string {
  if (!value) return "";
  return new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium" }).format(new Date(value));
}

export function formatDateTime(lang: Lang, value: string): string {
  const at = new Date(value);
  const locale = lang === "fr" ? "fr-FR" : "en-GB";
  return t(lang, "atelier.dateTime", {
    date: new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(at),
    time: new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(at),
  });
}
