import type { CoverageResponse } from '../../../core/contracts/coverage.js'
import { CoverageByDistrictChart } from '../../charts/coverage-by-district-chart.js'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { Panel } from '../../components/ui/panel.js'
import { Spinner } from '../../components/ui/spinner.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { useCoverage } from './coverage-context.js'
import { formatShare } from './coverage-format.js'

/** Says plainly how walking distances were measured; the straight-line estimate is flagged as indicative. */
export function MethodBadge({ coverage }: { coverage: CoverageResponse }) {
  const { t, lang } = useI18n()
  const network = coverage.method === 'network'
  const factor = formatNumber(coverage.detourFactor ?? 1.3, lang, 1)
  return (
    <div
      className={`coverage-method ${network ? 'coverage-method--network' : 'coverage-method--straight'}`}
      data-testid="coverage-method"
      data-method={coverage.method}
      role={network ? undefined : 'note'}
      title={t(network ? 'coverage.method.networkTitle' : 'coverage.method.straightLineTitle')}
    >
      <span className="coverage-method__icon" aria-hidden="true">
        {network ? (
          <svg viewBox="0 0 16 16" width="14" height="14">
            <path d="M2 13h3V9h3V5h3V2h3v3h-2v3H9v4H6v3H2z" fill="currentColor" />
          </svg>
        ) : (
          '!'
        )}
      </span>
      <span className="coverage-method__text">{network ? t('coverage.method.network') : t('coverage.method.straightLine', { factor })}</span>
      <span className="coverage-method__speed">{t('coverage.method.speed', { speed: formatNumber(coverage.walkSpeedMps, lang, 1) })}</span>
    </div>
  )
}

function Kpis({ coverage }: { coverage: CoverageResponse }) {
  const { t, lang } = useI18n()
  const s = coverage.summary
  const unservedCommunities = s.communities - s.coveredCommunities
  return (
    <div className="coverage-kpis">
      <div className="coverage-kpi coverage-kpi--main" data-testid="coverage-kpi-share" data-value={s.share}>
        <div className="coverage-kpi__label">{t('coverage.kpi.share')}</div>
        <div className="coverage-kpi__value">{formatShare(s.share, lang)}</div>
        <div className="coverage-kpi__sub">
          {t('coverage.kpi.shareSub', { covered: formatNumber(s.coveredResidents, lang), total: formatNumber(s.residents, lang) })}
        </div>
        <div className="coverage-kpi__bar" aria-hidden="true">
          <span style={{ width: `${Math.max(0, Math.min(100, s.share * 100))}%` }} />
        </div>
      </div>
      <div className="coverage-kpi" data-testid="coverage-kpi-communities" data-value={s.coveredCommunities}>
        <div className="coverage-kpi__label">{t('coverage.kpi.communities')}</div>
        <div className="coverage-kpi__value coverage-kpi__value--sm">
          {formatNumber(s.coveredCommunities, lang)}
          <span className="coverage-kpi__of"> / {formatNumber(s.communities, lang)}</span>
          <span className="coverage-kpi__unit">{t('coverage.kpi.communitiesUnit')}</span>
        </div>
      </div>
      <div className="coverage-kpi coverage-kpi--bad" data-testid="coverage-kpi-unserved" data-value={s.residents - s.coveredResidents}>
        <div className="coverage-kpi__label">{t('coverage.kpi.unserved')}</div>
        <div className="coverage-kpi__value coverage-kpi__value--sm">
          {formatNumber(s.residents - s.coveredResidents, lang)}
          <span className="coverage-kpi__unit">{t('coverage.kpi.unservedUnit')}</span>
        </div>
        <div className="coverage-kpi__sub">{t('coverage.kpi.unservedSub', { n: formatNumber(unservedCommunities, lang) })}</div>
      </div>
    </div>
  )
}

/** The method, the headline numbers and the share by district, for the settings in force. */
export function CoverageResults() {
  const { t, lang } = useI18n()
  const { coverage, settings, thresholdMinutes } = useCoverage()
  const data = coverage.data
  const stale = coverage.status === 'loading' && data !== undefined
  return (
    <>
      <Panel
        title={t('coverage.results')}
        actions={<span className="coverage-subtitle">{t('coverage.resultsFor', { type: t(`facility.${settings.type}`), minutes: thresholdMinutes })}</span>}
        className={`coverage-results ${stale ? 'is-stale' : ''}`}
        testId="coverage-results"
      >
        {coverage.status === 'error' && (
          <ErrorBanner className="coverage-error" message={t('coverage.loadFailed')} retryLabel={t('app.retry')} onRetry={coverage.retry} />
        )}
        {data ? (
          <>
            <MethodBadge coverage={data} />
            <Kpis coverage={data} />
            <div className="coverage-results__facilities">
              {t('coverage.kpi.facilities', { type: t(`facility.${data.type}`), n: formatNumber(data.summary.facilities, lang) })}
            </div>
          </>
        ) : (
          coverage.status !== 'error' && (
            <div className="coverage-placeholder">
              <Spinner label={t('coverage.busy.coverage')} />
            </div>
          )
        )}
      </Panel>
      <Panel title={t('coverage.chart.title')} className={`coverage-chart-panel ${stale ? 'is-stale' : ''}`}>
        {data ? (
          <CoverageByDistrictChart summary={data.summary} />
        ) : coverage.status === 'error' ? (
          <div className="chart__empty">{t('coverage.loadFailed')}</div>
        ) : (
          <div className="chart__empty">
            <Spinner label={t('app.loading')} />
          </div>
        )}
      </Panel>
    </>
  )
}
