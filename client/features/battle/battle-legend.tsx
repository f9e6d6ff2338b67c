import { useMemo } from 'react'
import { STAGES } from '../../../core/domain/stages.js'
import { SCHEDULE_STATUSES } from '../../../core/schedule/status.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { FLASH_COLOR, LATE_OUTLINE_COLOR, OUT_OF_PLAN_COLOR, stageColor, statusColor } from '../../layers/battle-paint.js'
import { SegmentedControl } from '../coverage/segmented-control.js'
import { useBattle } from './battle-context.js'

/** The colour toggle and what the colours mean, with the counts of the drilled unit on the shown date. */
export function BattleLegend() {
  const { t, lang } = useI18n()
  const { coloring, setColoring, data } = useBattle()
  const summary = data.data?.summary
  const stageCounts = useMemo(() => new Map((summary?.funnel ?? []).map((f) => [f.stage, f.current])), [summary])
  const items =
    coloring === 'status'
      ? SCHEDULE_STATUSES.map((s) => ({ key: s, color: statusColor(s), label: t(`battle.status.${s}`), n: summary?.statusCounts[s] }))
      : STAGES.map((s) => ({ key: s, color: stageColor(s), label: t(`stage.${s}`), n: stageCounts.get(s) }))
  return (
    <section className="panel battle-legend" data-testid="battle-legend" data-coloring={coloring} data-map-obstacle="right" aria-label={t('battle.legend.title')}>
      <SegmentedControl
        label={t('battle.color.label')}
        value={coloring}
        onChange={setColoring}
        size="sm"
        options={[
          { value: 'status', label: t('battle.color.status'), testId: 'battle-color-status' },
          { value: 'stage', label: t('battle.color.stage'), testId: 'battle-color-stage' },
        ]}
      />
      <h3 className="legend__title battle-legend__title">{coloring === 'status' ? t('battle.legend.status') : t('battle.legend.stage')}</h3>
      <ul className="battle-legend__list">
        {items.map((it) => (
          <li key={it.key} className={it.n === 0 ? 'is-zero' : ''}>
            <Swatch color={it.color} />
            <span className="battle-legend__label">{it.label}</span>
            <span className="battle-legend__count">{it.n === undefined ? '' : formatNumber(it.n, lang)}</span>
          </li>
        ))}
        <li className="battle-legend__faint">
          <Swatch color={OUT_OF_PLAN_COLOR} />
          <span className="battle-legend__label">{t('battle.legend.notInPlan')}</span>
        </li>
      </ul>
      <ul className="battle-legend__list battle-legend__symbols">
        <li>
          <span className="battle-legend__outline" style={{ borderColor: LATE_OUTLINE_COLOR }} aria-hidden="true" />
          <span className="battle-legend__label">{t('battle.legend.lateOutline')}</span>
        </li>
        <li>
          <span className="battle-legend__ring" style={{ borderColor: FLASH_COLOR }} aria-hidden="true" />
          <span className="battle-legend__label">{t('battle.legend.flash')}</span>
        </li>
      </ul>
    </section>
  )
}
