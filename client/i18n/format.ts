/** Number and text formatting for the two UI languages. Pure: the language is passed in. */
export const LANGS = ['zh', 'en'] as const
export type Lang = (typeof LANGS)[number]

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en'
}

/** BCP 47 tag for <html lang> and Intl: zh-CN also makes the browser pick Simplified Chinese glyphs. */
export function localeOf(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en'
}

const formatters = new Map<string, Intl.NumberFormat>()
function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: true,
    })
    formatters.set(key, f)
  }
  return f
}

/** A number with thousands separators and exactly `digits` decimals; '—' for missing values. */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return numberFormat(lang, digits).format(value)
}

/** A ratio (0.756) as a percentage ('75.6%'). */
export function formatPercent(ratio: number | null | undefined, lang: Lang, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—'
  return `${formatNumber(ratio * 100, lang, digits)}%`
}

/** Replaces `{name}` placeholders; unknown placeholders are left as written so a missing parameter shows. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
