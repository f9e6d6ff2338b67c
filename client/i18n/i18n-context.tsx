import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { en } from './en.js'
import { isLang, localeOf, interpolate, type Lang } from './format.js'
import { zh, type Dictionary, type MessageKey } from './zh.js'

const DICTIONARIES: Record<Lang, Dictionary> = { zh, en }
const STORAGE_KEY = 'renewmap.lang'

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

interface I18nValue {
  lang: Lang
  setLang: (lang: Lang) => void
  t: Translate
}

const I18nContext = createContext<I18nValue | null>(null)

function readStoredLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY)
    if (isLang(stored)) return stored
  } catch {
    // Storage can be blocked (private mode, sandbox); Chinese is the default anyway.
  }
  return 'zh'
}

/** Builds a translator for one language; exported for tests and non-React callers. */
export function createTranslator(lang: Lang): Translate {
  const dict = DICTIONARIES[lang]
  return (key, params) => interpolate(dict[key] ?? key, params)
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang)

  const setLang = useCallback((next: Lang) => {
    setLangState(next)
    try {
      window.localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // Not persisted; the switch still applies to this page.
    }
  }, [])

  useEffect(() => {
    document.documentElement.lang = localeOf(lang)
    document.title = DICTIONARIES[lang]['app.title']
  }, [lang])

  const value = useMemo<I18nValue>(() => ({ lang, setLang, t: createTranslator(lang) }), [lang, setLang])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>')
  return value
}
