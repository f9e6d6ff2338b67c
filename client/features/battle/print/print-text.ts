import type { Lang } from '../../../i18n/format.js'

/**
 * The city's name for a print title, from the dataset label: the name in 「」 (演示数据：虚构城市「清河市」),
 * or after "city of" in English; else the whole label.
 */
export function cityNameOf(label: string, lang: Lang): string {
  const quoted = /「([^」]+)」/.exec(label)?.[1]
  if (quoted) return quoted
  if (lang === 'en') {
    const of = /city of ([^,;:()]+)/i.exec(label)?.[1]?.trim()
    if (of) return of
  }
  return label.trim()
}

/** A file name without characters that file systems refuse or that read as paths. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim()
  return cleaned.replace(/^[.\-\s]+/, '').slice(0, 120) || 'battle-map'
}
