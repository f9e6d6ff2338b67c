import { COVERAGE_BANDS_MIN } from '../../../core/domain/walking.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { COVERAGE_COLORS, MINUTE_CLASSES, UNREACHABLE_COLOR, bandLegendColor } from '../../layers/coverage-colors.js'
import { FACILITY_COLORS } from '../../layers/facility-colors.js'
import { WHATIF_COLORS } from '../../layers/coverage-whatif.js'
import { useCoverage } from './coverage-context.js'
import { useWhatIf } from './what-if-context.js'
import { formatShare } from './coverage-format.js'

/** What the colours, bands and symbols on the map mean, with the bands' shares of residents. */
export function CoverageLegend() {
  const { t, lang } = useI18n()
  const { settings, coverage, showBands, setShowBands, thresholdMinutes, siting } = useCoverage()
  const { tab, edits, run } = useWhatIf()
  const counts = { add: 0, remove: 0, move: 0 }
  for (const e of edits) counts[e.kind] += 1
  const whatIfResult = tab === 'whatif' && run.status === 'done'
  const showWhatIf = tab === 'whatif' && (edits.length > 0 || whatIfResult)
  const bands = coverage.data?.summary.bands ?? []
  const typeLabel = t(`facility.${settings.type}`)
  const typeColor = FACILITY_COLORS[settings.type]
  const communityItems =
    settings.coloring === 'covered'
      ? [
          { key: 'covered', color: COVERAGE_COLORS.covered, label: t('coverage.legend.covered') },
          { key: 'uncovered', color: COVERAGE_COLORS.uncovered, label: t('coverage.legend.uncovered') },
        ]
      : [
          ...MINUTE_CLASSES.map((c) => ({ key: c.id, color: c.color, label: t(`coverage.legend.${c.id}`) })),
          { key: 'unreachable', color: UNREACHABLE_COLOR, label: t('coverage.legend.unreachable') },
        ]
  return (
    <section className="panel coverage-legend" data-testid="coverage-legend" data-map-obstacle="left" aria-label={t('coverage.legend.bands')}>
      <h3 className="legend__title">
        {settings.coloring === 'covered' ? t('coverage.legend.communities', { minutes: thresholdMinutes }) : t('coverage.legend.minutesTitle')}
      </h3>
      <ul className="coverage-legend__list">
        {communityItems.map((item) => (
          <li key={item.key}>
            <Swatch color={item.color} />
            {item.label}
          </li>
        ))}
        <li className="coverage-legend__faint">
          <Swatch color={COVERAGE_COLORS.noData} />
          {t('coverage.legend.noData')}
        </li>
      </ul>

      <label className="toggle coverage-legend__bands-toggle">
        <input type="checkbox" checked={showBands} onChange={(e) => setShowBands(e.target.checked)} data-testid="coverage-show-bands" />
        <span className="toggle__track" aria-hidden="true" />
        <span className="legend__title">{t('coverage.legend.bands')}</span>
      </label>
      {showBands && (
        <ul className="coverage-legend__list coverage-legend__bands">
          {COVERAGE_BANDS_MIN.map((m) => {
            const band = bands.find((b) => b.minutes === m)
            return (
              <li key={m} className={m === thresholdMinutes ? 'is-threshold' : ''}>
                <span className="coverage-legend__band" style={{ borderColor: bandLegendColor(m), background: `${bandLegendColor(m)}33` }} aria-hidden="true" />
                <span className="coverage-legend__band-label">{t('coverage.legend.band', { n: m })}</span>
                {band && <span className="coverage-legend__share">{t('coverage.legend.bandShare', { share: formatShare(band.share, lang) })}</span>}
              </li>
            )
          })}
        </ul>
      )}

      <ul className="coverage-legend__list coverage-legend__symbols">
        <li>
          <Swatch color={typeColor} shape="circle" />
          {t('coverage.legend.existing', { type: typeLabel })}
        </li>
        {settings.planned === 'include' && (
          <li>
            <Swatch color={typeColor} shape="circle" hollow />
            {t('coverage.legend.planned', { type: typeLabel })}
          </li>
        )}
        {siting.status === 'done' && siting.result.sites.length > 0 && (
          <li>
            <span className="coverage-legend__site" aria-hidden="true">
              1
            </span>
            {t('coverage.legend.sites')}
          </li>
        )}
      </ul>
      {showWhatIf && (
        <>
          <h3 className="legend__title">{t('coverage.legend.whatif')}</h3>
          <ul className="coverage-legend__list coverage-legend__whatif" data-testid="whatif-legend">
            {counts.add > 0 && (
              <li>
                <span className="whatif-symbol whatif-symbol--add" aria-hidden="true">+</span>
                {t('coverage.legend.whatifAdd')}
              </li>
            )}
            {counts.remove > 0 && (
              <li>
                <span className="whatif-symbol whatif-symbol--remove" aria-hidden="true">×</span>
                {t('coverage.legend.whatifRemove')}
              </li>
            )}
            {counts.move > 0 && (
              <li>
                <span className="whatif-symbol whatif-symbol--move" aria-hidden="true">→</span>
                {t('coverage.legend.whatifMove')}
              </li>
            )}
            {whatIfResult && (
              <>
                <li>
                  <span className="whatif-symbol whatif-symbol--outline" style={{ borderColor: WHATIF_COLORS.gained }} aria-hidden="true" />
                  {t('coverage.legend.whatifGained')}
                </li>
                <li>
                  <span className="whatif-symbol whatif-symbol--outline" style={{ borderColor: WHATIF_COLORS.lost }} aria-hidden="true" />
                  {t('coverage.legend.whatifLost')}
                </li>
              </>
            )}
          </ul>
        </>
      )}
      <div className="coverage-legend__hint">{t('coverage.legend.facilityHint')}</div>
    </section>
  )
}
