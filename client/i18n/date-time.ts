import { localeOf, type Lang } from './format.js'

/** An ISO timestamp in the viewer's local time zone, e.g. "2026/6/30 14:05" or "Jun 30, 2026, 2:05 PM". */
export function formatLocalDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(localeOf(lang), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** Today's calendar date in the viewer's time zone, as YYYY-MM-DD (the default report date). */
export function localIsoDate(now: Date): string {
  const y = now.getFullYear()
  const m = String(now.getMonth() + 1).padStart(2, '0')
  const d = String(now.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}
