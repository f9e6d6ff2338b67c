import type { StageFunnelRow } from '../../core/contracts/schedule.js'
import { STAGE_COLORS } from '../../core/domain/stages.js'
import { funnelBars } from '../features/dashboard/funnel.js'
import { useI18n } from '../i18n/i18n-context.js'
import { formatNumber, formatPercent } from '../i18n/format.js'

/**
 * The stage funnel: per stage, a pale bar for the communities that reached it (or a later stage) and a solid
 * bar in the stage colour for those in it now, both against the programme size.
 */
export function ScheduleFunnel({ rows, total, className = '', testId }: { rows: readonly StageFunnelRow[]; total: number; className?: string; testId?: string }) {
  const { t, lang } = useI18n()
  const bars = funnelBars(rows, total)
  return (
    <ol className={`funnel ${className}`} data-testid={testId}>
      {bars.map((b) => (
        <li key={b.stage} className="funnel__row" title={t('dashboard.funnel.rowTitle', { stage: t(`stage.${b.stage}`), reached: formatNumber(b.reached, lang), current: formatNumber(b.current, lang) })}>
          <span className="funnel__label">{t(`stage.${b.stage}`)}</span>
          <span className="funnel__track">
            <span className="funnel__reached" style={{ width: `${b.reachedShare * 100}%`, background: STAGE_COLORS[b.stage] }} />
            <span className="funnel__current" style={{ width: `${b.currentShare * 100}%`, background: STAGE_COLORS[b.stage] }} />
          </span>
          <span className="funnel__num">
            <b>{formatNumber(b.reached, lang)}</b>
            <span className="funnel__pct">{formatPercent(b.reachedShare, lang, 0)}</span>
          </span>
          <span className="funnel__now">{b.current > 0 ? formatNumber(b.current, lang) : '—'}</span>
        </li>
      ))}
    </ol>
  )
}

/** What the two bars of a funnel row mean. */
export function ScheduleFunnelLegend() {
  const { t } = useI18n()
  return (
    <span className="funnel-legend">
      <span className="funnel-legend__item">
        <span className="funnel-legend__swatch funnel-legend__swatch--reached" />
        {t('dashboard.funnel.reached')}
      </span>
      <span className="funnel-legend__item">
        <span className="funnel-legend__swatch funnel-legend__swatch--current" />
        {t('dashboard.funnel.current')}
      </span>
    </span>
  )
}
