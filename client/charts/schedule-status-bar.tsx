import type { StatusCounts } from '../../core/contracts/schedule.js'
import { SCHEDULE_STATUSES } from '../../core/schedule/status.js'
import { useI18n } from '../i18n/i18n-context.js'
import { formatNumber } from '../i18n/format.js'
import { STATUS_COLORS } from '../layers/schedule-colors.js'

/** Communities by schedule status as one stacked bar in the status colours (light or dark palette). */
export function ScheduleStatusBar({ counts, colors = STATUS_COLORS, className = '' }: { counts: StatusCounts; colors?: Record<keyof StatusCounts, string>; className?: string }) {
  const { t, lang } = useI18n()
  const total = SCHEDULE_STATUSES.reduce((s, k) => s + counts[k], 0)
  const parts = SCHEDULE_STATUSES.filter((k) => counts[k] > 0)
  const label = parts.map((k) => `${t(`schedule.status.${k}`)} ${formatNumber(counts[k], lang)}`).join(lang === 'zh' ? '，' : ', ')
  return (
    <div className={`status-bar ${className}`} role="img" aria-label={label} title={label}>
      {total > 0 &&
        parts.map((k) => <span key={k} className="status-bar__seg" style={{ width: `${(counts[k] / total) * 100}%`, background: colors[k] }} />)}
    </div>
  )
}
