/** Timestamps for tables: numeric and unambiguous in both UI languages. Pure: the time zone is passed in. */

const formatters = new Map<string, Intl.DateTimeFormat>()
function dateTimeFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? ''
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(key, f)
  }
  return f
}

/**
 * An ISO timestamp as 'YYYY-MM-DD HH:mm:ss' in a time zone (the browser's own when omitted); '—' for a
 * missing or unreadable one.
 */
export function formatDateTime(iso: string | null | undefined, opts: { timeZone?: string; seconds?: boolean } = {}): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '—'
  const parts = Object.fromEntries(dateTimeFormat(opts.timeZone).formatToParts(date).map((p) => [p.type, p.value]))
  const time = opts.seconds === false ? `${parts.hour}:${parts.minute}` : `${parts.hour}:${parts.minute}:${parts.second}`
  return `${parts.year}-${parts.month}-${parts.day} ${time}`
}

/** The same timestamp in UTC, for tooltips next to local times. */
export function formatUtcDateTime(iso: string | null | undefined): string {
  const s = formatDateTime(iso, { timeZone: 'UTC' })
  return s === '—' ? s : `${s} UTC`
}

/** Today's calendar date in the viewer's time zone, as YYYY-MM-DD (the default report date). */
export function localIsoDate(now: Date): string {
  const y = now.getFullYear()
  const m = String(now.getMonth() + 1).padStart(2, '0')
  const d = String(now.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}
