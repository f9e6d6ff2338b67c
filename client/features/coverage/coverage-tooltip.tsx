import type { CSSProperties } from 'react'
import type { CoverageRow } from '../../../core/contracts/coverage.js'
import type { FacilityType } from '../../../core/domain/community.js'
import type { FacilityProperties } from '../../api/endpoints.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { COVERAGE_COLORS, minutesColor } from '../../layers/coverage-colors.js'
import { FACILITY_COLORS } from '../../layers/facility-colors.js'
import { formatWalkMinutes } from './coverage-format.js'

export type CoverageHover =
  | { kind: 'community'; id: number; name: string; x: number; y: number }
  | { kind: 'facility'; facility: FacilityProperties; x: number; y: number }

const OFFSET = 14

function place(x: number, y: number): CSSProperties {
  const flip = typeof window !== 'undefined' && x > window.innerWidth - 320
  return flip ? { right: `calc(100% - ${x - OFFSET}px)`, top: y + OFFSET } : { left: x + OFFSET, top: y + OFFSET }
}

/** The hover card: a community's walk to the nearest facility and whether it is served, or a facility. */
export function CoverageTooltip({
  hover,
  row,
  type,
  selectedFacilityId,
}: {
  hover: CoverageHover | null
  row: CoverageRow | undefined
  type: FacilityType
  selectedFacilityId: number | null
}) {
  const { t, lang } = useI18n()
  if (!hover) return null
  if (hover.kind === 'facility') {
    const f = hover.facility
    return (
      <div className="map-tooltip" style={place(hover.x, hover.y)} role="tooltip" data-testid="coverage-tooltip">
        <div className="map-tooltip__name">{f.name}</div>
        <div className="map-tooltip__row">
          <Swatch color={FACILITY_COLORS[f.type] ?? '#888'} shape="circle" hollow={f.status === 'planned'} />
          {t(`facility.${f.type}`)} · {t(`facilityStatus.${f.status}`)}
        </div>
        <div className="map-tooltip__hint">{f.id === selectedFacilityId ? t('coverage.tooltip.facilitySelected') : t('coverage.tooltip.facilityHint')}</div>
      </div>
    )
  }
  return (
    <div className="map-tooltip" style={place(hover.x, hover.y)} role="tooltip" data-testid="coverage-tooltip">
      <div className="map-tooltip__name">{row?.name ?? hover.name}</div>
      {row ? (
        <>
          <div className="map-tooltip__row coverage-tooltip__status">
            <Swatch color={row.covered ? COVERAGE_COLORS.covered : COVERAGE_COLORS.uncovered} />
            <b>{row.covered ? t('coverage.tooltip.covered') : t('coverage.tooltip.uncovered')}</b>
            <span className="coverage-tooltip__residents">{t('coverage.tooltip.residents', { n: formatNumber(row.residents, lang) })}</span>
          </div>
          {row.minutes === null ? (
            <div className="map-tooltip__row">{t('coverage.tooltip.unreachable', { type: t(`facility.${type}`) })}</div>
          ) : (
            <>
              <div className="map-tooltip__row">
                <Swatch color={minutesColor(row.minutes)} shape="circle" />
                {t('coverage.tooltip.walk', { minutes: formatWalkMinutes(row.minutes, lang) })}
              </div>
              {row.nearestFacilityName && <div className="map-tooltip__row">{t('coverage.tooltip.nearest', { name: row.nearestFacilityName })}</div>}
            </>
          )}
        </>
      ) : (
        <div className="map-tooltip__row">{t('coverage.tooltip.noData')}</div>
      )}
    </div>
  )
}
