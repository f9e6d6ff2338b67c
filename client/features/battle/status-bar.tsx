import type { StatusCounts } from '../../../core/contracts/schedule.js'
import { SCHEDULE_STATUSES } from '../../../core/schedule/status.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { statusColor } from '../../layers/battle-paint.js'

/** A thin bar split by status (late first, so it reads at a glance), widths proportional to the counts. */
export function StatusBar({ counts, total }: { counts: StatusCounts; total: number }) {
  const { t } = useI18n()
  const order = ['late', 'at_risk', 'on_track', 'done', 'not_started'] as const satisfies readonly (typeof SCHEDULE_STATUSES)[number][]
  const title = order
    .filter((s) => counts[s] > 0)
    .map((s) => t('battle.drill.barTitle', { status: t(`battle.status.${s}`), n: counts[s] }))
    .join(t('battle.listSeparator'))
  return (
    <span className="battle-bar" title={title} aria-label={title} role="img">
      {total > 0 &&
        order.map((s) =>
          counts[s] > 0 ? <span key={s} className="battle-bar__part" style={{ width: `${(counts[s] / total) * 100}%`, background: statusColor(s) }} /> : null,
        )}
    </span>
  )
}
