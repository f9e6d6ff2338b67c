import { STAGE_COLORS } from '../../../core/domain/stages.js'
import { ProgressBar } from '../../components/ui/progress-bar.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { FACILITY_COLORS } from '../../layers/facility-colors.js'
import type { FacilityFeature } from '../../layers/facilities-layer.js'
import type { HoveredCommunity } from './use-community-hover.js'

export type HoveredFacility = { facility: FacilityFeature['properties']; x: number; y: number }

const OFFSET = 14

function place(x: number, y: number): React.CSSProperties {
  // Flip to the left of the pointer near the right edge so the tooltip stays on screen.
  const flip = typeof window !== 'undefined' && x > window.innerWidth - 300
  return flip ? { right: `calc(100% - ${x - OFFSET}px)`, top: y + OFFSET } : { left: x + OFFSET, top: y + OFFSET }
}

/** Hover card for a community (name, stage, progress) or a facility (name, type, status). */
export function MapTooltip({ community, facility }: { community: HoveredCommunity | null; facility: HoveredFacility | null }) {
  const { t, lang } = useI18n()
  if (facility) {
    const f = facility.facility
    return (
      <div className="map-tooltip" style={place(facility.x, facility.y)} role="tooltip">
        <div className="map-tooltip__name">{f.name}</div>
        <div className="map-tooltip__row">
          <Swatch color={FACILITY_COLORS[f.type] ?? '#888'} shape="circle" hollow={f.status === 'planned'} />
          {t(`facility.${f.type}`)} · {t(`facilityStatus.${f.status}`)}
        </div>
      </div>
    )
  }
  if (!community) return null
  const color = community.stage ? STAGE_COLORS[community.stage] : '#999'
  return (
    <div className="map-tooltip" style={place(community.x, community.y)} role="tooltip" data-testid="map-tooltip">
      <div className="map-tooltip__name">{community.name}</div>
      {community.stage && (
        <div className="map-tooltip__row">
          <Swatch color={color} />
          {t(`stage.${community.stage}`)}
        </div>
      )}
      {community.progressPct !== null && (
        <div className="map-tooltip__progress">
          <ProgressBar pct={community.progressPct} color={color} />
          <span>{t('tooltip.progress', { pct: `${formatNumber(community.progressPct, lang)}%` })}</span>
        </div>
      )}
      <div className="map-tooltip__hint">{t('tooltip.clickHint')}</div>
    </div>
  )
}
