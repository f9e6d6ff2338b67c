import type { CSSProperties } from 'react'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { OUT_OF_PLAN_COLOR, stageColor, statusColor } from '../../layers/battle-paint.js'
import { useBattle } from './battle-context.js'

export interface BattleHover {
  id: number
  /** What the tile says (enough for communities outside the programme). */
  name: string
  districtId: number | null
  streetId: number | null
  x: number
  y: number
}

const OFFSET = 14

function place(x: number, y: number): CSSProperties {
  const flip = typeof window !== 'undefined' && x > window.innerWidth - 320
  return flip ? { right: `calc(100% - ${x - OFFSET}px)`, top: y + OFFSET } : { left: x + OFFSET, top: y + OFFSET }
}

/** The hover card: name, district and street, stage and progress, status, days late and deadline on the shown date. */
export function BattleTooltip({ hover }: { hover: BattleHover | null }) {
  const { t } = useI18n()
  const { rowsById, index, districtNames, streetNames } = useBattle()
  if (!hover) return null
  const row = rowsById.get(hover.id)
  const facts = index.byId.get(hover.id)
  const district = facts?.districtName ?? (hover.districtId !== null ? districtNames.get(hover.districtId) : undefined)
  const street = facts?.streetName ?? (hover.streetId !== null ? streetNames.get(hover.streetId) : undefined)
  return (
    <div className="map-tooltip battle-tooltip" style={place(hover.x, hover.y)} role="tooltip" data-testid="battle-tooltip">
      <div className="map-tooltip__name">{facts?.name ?? hover.name}</div>
      {(district || street) && <div className="battle-tooltip__place">{[district, street].filter(Boolean).join(' · ')}</div>}
      {row ? (
        <>
          <div className="map-tooltip__row battle-tooltip__status">
            <Swatch color={statusColor(row.status)} />
            <b className={`battle-status-text is-${row.status}`}>{t(`battle.status.${row.status}`)}</b>
            {row.status === 'late' && <span className="battle-tooltip__late">{t('battle.tooltip.daysLate', { n: row.daysLate })}</span>}
          </div>
          <div className="map-tooltip__row">
            <Swatch color={stageColor(row.stage)} shape="circle" />
            {t('battle.card.stageValue', { stage: t(`stage.${row.stage}`), pct: Math.round(row.progressPct) })}
          </div>
          {row.deadline && row.deadlineStage && row.status !== 'done' && (
            <div className="map-tooltip__row">{t('battle.tooltip.deadline', { date: row.deadline, stage: t(`stage.${row.deadlineStage}`) })}</div>
          )}
          <div className="map-tooltip__hint">{t('battle.tooltip.click')}</div>
        </>
      ) : (
        <div className="map-tooltip__row">
          <Swatch color={OUT_OF_PLAN_COLOR} />
          {t('battle.tooltip.notInPlan')}
        </div>
      )}
    </div>
  )
}
