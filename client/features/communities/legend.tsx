import type { SummaryResponse } from '../../../core/contracts/responses.js'
import { STAGES, STAGE_COLORS, type Stage } from '../../../core/domain/stages.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { FACILITY_COLORS, FACILITY_TYPE_ORDER } from '../../layers/facility-colors.js'
import { useLayerOptions } from '../../map/layer-options-context.js'
import { hasActiveFilters } from './filters.js'
import { useFilters } from './filters-context.js'

/** Stage colours (with counts under the current filters) and the facilities layer toggle. */
export function Legend({ summary }: { summary: SummaryResponse | undefined }) {
  const { t, lang } = useI18n()
  const { filters, setStage } = useFilters()
  const { facilitiesVisible, setFacilitiesVisible, mutedFacilityTypes, toggleFacilityType } = useLayerOptions()
  const counts = new Map<Stage, number>(summary?.byStage.map((s) => [s.stage, s.communities]) ?? [])

  return (
    <div className="legend" data-testid="legend">
      <h3 className="legend__title">{t('legend.title')}</h3>
      <ul className="legend__stages">
        {STAGES.map((s) => (
          <li key={s}>
            <button
              type="button"
              className={`legend__stage ${filters.stage === s ? 'is-active' : ''}`}
              onClick={() => setStage(filters.stage === s ? null : s)}
              aria-pressed={filters.stage === s}
            >
              <Swatch color={STAGE_COLORS[s]} />
              <span className="legend__name">{t(`stage.${s}`)}</span>
              <span className="legend__count">{summary ? formatNumber(counts.get(s) ?? 0, lang) : ''}</span>
            </button>
          </li>
        ))}
        {hasActiveFilters(filters) && (
          <li className="legend__context">
            <Swatch color="#c9c6bd" />
            <span className="legend__name">{t('legend.dimmed')}</span>
          </li>
        )}
      </ul>
      <h3 className="legend__title legend__title--layers">{t('legend.layers')}</h3>
      <label className="toggle">
        <input
          type="checkbox"
          checked={facilitiesVisible}
          onChange={(e) => setFacilitiesVisible(e.target.checked)}
          data-testid="toggle-facilities"
        />
        <span className="toggle__track" aria-hidden="true" />
        <span>{t('legend.facilities')}</span>
      </label>
      {facilitiesVisible && (
        <>
          <ul className="legend__facilities" title={t('legend.facilitiesHint')}>
            {FACILITY_TYPE_ORDER.map((type) => (
              <li key={type}>
                <button
                  type="button"
                  className={`legend__facility ${mutedFacilityTypes.has(type) ? 'is-muted' : ''}`}
                  onClick={() => toggleFacilityType(type)}
                  aria-pressed={!mutedFacilityTypes.has(type)}
                >
                  <Swatch color={FACILITY_COLORS[type]} shape="circle" />
                  {t(`facility.${type}`)}
                </button>
              </li>
            ))}
          </ul>
          <div className="legend__status">
            <span>
              <Swatch color="#57606f" shape="circle" /> {t('facilityStatus.existing')}
            </span>
            <span>
              <Swatch color="#57606f" shape="circle" hollow /> {t('facilityStatus.planned')}
            </span>
          </div>
        </>
      )}
    </div>
  )
}
